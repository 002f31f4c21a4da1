import type { Command } from 'commander';
import type { ProcessView } from '../../common/contract/instance-acts';
import type { CliContext } from '../context';
import { actOptions, actTarget, instanceIdOf, runAct } from './act-support';

/** The process in a few lines: where it stands, what the caller may do, the app's tasks. */
function printProcess(ctx: CliContext, state: ProcessView): void {
  const task = state.currentTask;
  if (task) {
    ctx.print(`Task: ${task.elementId}${task.name ? ` "${task.name}"` : ''} (${task.altinnTaskType ?? 'no type'})`);
    if (task.started) ctx.print(`Started: ${task.started}`);
    const actions = Object.entries(task.actions);
    if (actions.length) ctx.print(`Actions: ${actions.map(([a, ok]) => `${a} ${ok ? 'yes' : 'no'}`).join(', ')}`);
  } else if (state.ended) {
    ctx.print(`Ended: ${state.ended} (${state.endEvent ?? 'end'})`);
  } else {
    ctx.print('Not started');
  }
  if (state.tasks.length) {
    ctx.print(`Tasks: ${state.tasks.map((t) => `${t.elementId} (${t.altinnTaskType ?? '-'})`).join(' → ')} → end`);
  }
}

/** `mpd process show|next|complete`: an instance's process through the app (issue 19). */
export function registerProcessCommands(program: Command, ctx: CliContext): void {
  const group = program.command('process').description("Show and move an instance's process (through the app)");
  const common = (command: Command) =>
    actOptions(command)
      .option('--instance <id>', 'the instance, partyId/guid')
      .option('--json', "print Altinn's process state as the app answers it");

  common(group.command('show').description("The instance's current task, its type and what you may do")).action(
    (o: { instance?: string; json?: boolean }, command: Command) =>
      runAct(ctx, async () => {
        const instanceId = instanceIdOf(o.instance);
        const target = await actTarget(ctx, command);
        const view = await ctx.services.instanceActs.process({
          profileId: target.profileId,
          appId: target.appId,
          instanceId,
        });
        if (o.json) return ctx.json(view.state);
        printProcess(ctx, view);
      }),
  );

  common(
    group
      .command('next')
      .description('Move the process to the next task (Altinn validates the task first)')
      .option('--action <name>', 'the action to perform, e.g. confirm, reject, sign'),
  ).action((o: { instance?: string; action?: string; json?: boolean }, command: Command) =>
    runAct(ctx, async () => {
      const instanceId = instanceIdOf(o.instance);
      const target = await actTarget(ctx, command);
      const view = await ctx.services.instanceActs.processNext({ ...target, instanceId, action: o.action });
      if (o.json) return ctx.json(view.state);
      printProcess(ctx, view);
    }),
  );

  common(group.command('complete').description('Run the process to its end (next, task by task)')).action(
    (o: { instance?: string; json?: boolean }, command: Command) =>
      runAct(ctx, async () => {
        const instanceId = instanceIdOf(o.instance);
        const target = await actTarget(ctx, command);
        const view = await ctx.services.instanceActs.processComplete({ ...target, instanceId });
        if (o.json) return ctx.json(view.state);
        printProcess(ctx, view);
      }),
  );
}

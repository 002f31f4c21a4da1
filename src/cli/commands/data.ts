import type { Command } from 'commander';
import { formatBytes } from '../../common/format/bytes';
import { type CliContext, UsageError } from '../context';
import { actOptions, actTarget, instanceIdOf, runAct } from './act-support';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function elementIdOf(value: string | undefined): string {
  if (!value) throw new UsageError("required option '--element <id>' not specified");
  if (!UUID.test(value))
    throw new UsageError(`--element must be a data element id (a GUID), got "${value.slice(0, 80)}"`);
  return value;
}

/** `mpd data add|replace|delete`: one data element of an instance, through the app (issue 19). */
export function registerDataCommands(program: Command, ctx: CliContext): void {
  const data = program
    .command('data')
    .description("Add, replace and delete an instance's data elements (through the app)");

  actOptions(
    data
      .command('add')
      .description('Upload a file as a new data element; prints the element id last')
      .argument('<file>', 'the file to upload')
      .option('--instance <id>', 'the instance, partyId/guid')
      .option('--type <dataType>', "the data type (one of the app's, e.g. vedlegg)")
      .option('--content-type <type>', 'send it with this content type (default: from the file extension)')
      .option('--json', 'print the element and the instance as JSON (the element id last)'),
  ).action(
    (file: string, o: { instance?: string; type?: string; contentType?: string; json?: boolean }, command: Command) =>
      runAct(ctx, async () => {
        const instanceId = instanceIdOf(o.instance);
        if (!o.type) throw new UsageError("required option '--type <dataType>' not specified");
        const target = await actTarget(ctx, command);
        const result = await ctx.services.instanceActs.addData({
          ...target,
          instanceId,
          dataType: o.type,
          path: file,
          contentType: o.contentType,
        });
        if (o.json) return ctx.json({ ...result, elementId: result.element.id });
        const e = result.element;
        ctx.io.stderr(
          `Added ${e.filename ?? ''} (${e.dataType}, ${e.contentType}, ${formatBytes(e.size ?? 0, 'en')}) to ${instanceId}\n`,
        );
        ctx.print(e.id);
      }),
  );

  actOptions(
    data
      .command('replace')
      .description("Replace a data element's content (same element id)")
      .argument('<file>', 'the new content')
      .option('--instance <id>', 'the instance, partyId/guid')
      .option('--element <id>', 'the data element to replace')
      .option('--content-type <type>', 'send it with this content type (default: from the file extension)')
      .option('--json', 'print the element and the instance as JSON'),
  ).action(
    (
      file: string,
      o: { instance?: string; element?: string; contentType?: string; json?: boolean },
      command: Command,
    ) =>
      runAct(ctx, async () => {
        const instanceId = instanceIdOf(o.instance);
        const elementId = elementIdOf(o.element);
        const target = await actTarget(ctx, command);
        const result = await ctx.services.instanceActs.replaceData({
          ...target,
          instanceId,
          elementId,
          path: file,
          contentType: o.contentType,
        });
        if (o.json) return ctx.json(result);
        const e = result.element;
        ctx.print(`Replaced ${e.id} with ${e.filename ?? ''} (${e.contentType}, ${formatBytes(e.size ?? 0, 'en')})`);
      }),
  );

  actOptions(
    data
      .command('delete')
      .description('Delete a data element')
      .option('--instance <id>', 'the instance, partyId/guid')
      .option('--element <id>', 'the data element to delete')
      .option('--yes', 'yes, delete it'),
  ).action((o: { instance?: string; element?: string; yes?: boolean }, command: Command) =>
    runAct(ctx, async () => {
      const instanceId = instanceIdOf(o.instance);
      const elementId = elementIdOf(o.element);
      if (!o.yes) throw new UsageError(`Deleting element ${elementId} needs --yes`);
      const target = await actTarget(ctx, command);
      const view = await ctx.services.instanceActs.deleteData({ ...target, instanceId, elementId });
      ctx.print(`Deleted ${elementId}; ${view.id} has ${view.data.length} data element(s)`);
    }),
  );
}

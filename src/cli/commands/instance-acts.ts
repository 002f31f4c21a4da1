import type { Command } from 'commander';
import type { OwnerKind } from '../../common/contract/instance-acts';
import { groupNationalId, groupOrgNumber } from '../../common/format/owner-numbers';
import { type CliContext, UsageError } from '../context';
import { actOptions, actTarget, assignments, collect, instanceIdOf, instanceLine, runAct } from './act-support';

interface CreateOptions {
  orgNo?: string;
  personNo?: string;
  partyId?: string;
  prefill?: string;
  prefillField?: string[];
  data?: string[];
  visibleAfter?: string;
  dueBefore?: string;
  json?: boolean;
}

/**
 * `mpd instances create|update|delete` (issue 19): beside the listing of `mpd instances`, whose `--profile` and
 * `--app` stay required for the listing itself (checked in its preAction hook, as commander would) and are read
 * by these subcommands too.
 */
export function registerInstanceActsCommands(program: Command, ctx: CliContext): void {
  const instances = program.commands.find((c) => c.name() === 'instances');
  if (!instances) throw new Error('mpd instances must be registered before its subcommands');
  // The listing's required options would be demanded of every subcommand too (commander checks the
  // ancestors): they are checked for the listing alone instead.
  for (const option of instances.options) {
    if (option.long === '--profile' || option.long === '--app') option.makeOptionMandatory(false);
  }
  instances.hook('preAction', (command, action) => {
    if (action !== command) return;
    const o = command.opts<{ profile?: string; app?: string }>();
    if (!o.profile) throw new UsageError("required option '--profile <profile>' not specified");
    if (!o.app) throw new UsageError("required option '--app <org/app>' not specified");
  });

  actOptions(
    instances
      .command('create')
      .description('Create an instance for a party: prefill and files; prints the new instance id last')
      .option('--org-no <n>', 'the owner: an organisation number (9 digits, mod 11)')
      .option('--person-no <n>', 'the owner: a national identity number (11 digits, mod 11)')
      .option('--party-id <n>', "the owner: Altinn's party id")
      .option('--prefill <file.json>', 'a flat JSON object of data-model paths to values, as Altinn takes prefill')
      .option('--prefill-field <path=value>', 'one prefilled field (repeatable; wins over --prefill)', collect)
      .option('--data <type=file>', 'a file as a data element of this data type (repeatable)', collect)
      .option('--visible-after <iso>', 'hidden from the owner until this time (ISO 8601)')
      .option('--due-before <iso>', 'the deadline the owner sees (ISO 8601)')
      .option('--json', 'print the new instance as JSON (its id is the last member)'),
  ).action((_local: CreateOptions, command: Command) =>
    runAct(ctx, async () => {
      // Under `mpd instances`, whose listing has --json, --profile and --app too: read with the parent's.
      const o = command.optsWithGlobals<CreateOptions>();
      const owners: [OwnerKind, string | undefined][] = [
        ['org', o.orgNo],
        ['person', o.personNo],
        ['party', o.partyId],
      ];
      const given = owners.filter(([, v]) => v !== undefined);
      if (given.length !== 1)
        throw new UsageError('Name the owner with exactly one of --org-no, --person-no, --party-id');
      const [kind, value] = given[0] as [OwnerKind, string];
      const target = await actTarget(ctx, command);
      const fields = assignments(o.prefillField, '--prefill-field');
      const prefill =
        o.prefill || fields
          ? { ...(o.prefill ? await ctx.services.instanceActs.readPrefill(o.prefill) : {}), ...fields }
          : undefined;
      const files = (o.data ?? []).map((d) => {
        const at = d.indexOf('=');
        if (at <= 0 || at === d.length - 1) throw new UsageError(`--data takes TYPE=FILE (got "${d.slice(0, 80)}")`);
        return { dataType: d.slice(0, at), path: d.slice(at + 1) };
      });
      const created = await ctx.services.instanceActs.create({
        ...target,
        owner: { kind, value },
        prefill,
        files,
        visibleAfter: o.visibleAfter,
        dueBefore: o.dueBefore,
      });
      const failed = created.parts.filter((p) => p.error);
      if (o.json) {
        // The id last, so `… --json | tail` and a reader of the object both find it.
        ctx.json({ ...created, instanceId: created.instance.id });
      } else {
        const party = created.party;
        const who = party?.name ?? '';
        const number =
          kind === 'org'
            ? `org ${groupOrgNumber(value)}`
            : kind === 'person'
              ? `person ${groupNationalId(value)}`
              : `party ${value}`;
        ctx.io.stderr(
          `Created in ${target.appId} for ${who ? `${who} (${number})` : number}: ${instanceLine(created.instance)}\n`,
        );
        for (const p of created.parts) {
          ctx.io.stderr(
            p.error
              ? `  NOT stored: ${p.filename} (${p.dataType}) [${p.error.code}] ${p.error.message}\n`
              : `  ${p.filename} → ${p.dataType} ${p.elementId ?? ''}\n`,
          );
        }
        ctx.print(created.instance.id);
      }
      if (failed.length > 0) ctx.exitCode = 1;
    }),
  );

  actOptions(
    instances
      .command('update')
      .description('Set what the user and the owner see: substatus, presentation texts, data values')
      .option('--instance <id>', 'the instance, partyId/guid')
      .option('--substatus <label>', 'the substatus label the user sees in the inbox (sent through the app)')
      .option('--substatus-description <text>', 'the substatus description')
      .option('--text <key=value>', 'a presentation text (repeatable; an empty value keeps the old one)', collect)
      .option('--value <key=value>', 'a data value (repeatable; an empty value keeps the old one)', collect)
      .option('--json', 'print the instance as JSON'),
  ).action((_local: unknown, command: Command) =>
    runAct(ctx, async () => {
      const o = command.optsWithGlobals<{
        instance?: string;
        substatus?: string;
        substatusDescription?: string;
        text?: string[];
        value?: string[];
        json?: boolean;
      }>();
      const instanceId = instanceIdOf(o.instance);
      if (o.substatusDescription !== undefined && o.substatus === undefined) {
        throw new UsageError('--substatus-description goes with --substatus');
      }
      const target = await actTarget(ctx, command);
      const view = await ctx.services.instanceActs.updateStatus({
        ...target,
        instanceId,
        ...(o.substatus !== undefined
          ? { substatus: { label: o.substatus, description: o.substatusDescription } }
          : {}),
        presentationTexts: assignments(o.text, '--text'),
        dataValues: assignments(o.value, '--value'),
      });
      if (o.json) return ctx.json(view);
      ctx.print(`Updated ${instanceLine(view)}`);
      const texts = Object.entries(view.presentationTexts);
      const values = Object.entries(view.dataValues);
      if (texts.length) ctx.print(`  presentation texts: ${texts.map(([k, v]) => `${k}=${v}`).join(', ')}`);
      if (values.length) ctx.print(`  data values: ${values.map(([k, v]) => `${k}=${v}`).join(', ')}`);
    }),
  );

  actOptions(
    instances
      .command('delete')
      .description("Delete an instance (soft; --hard for good) — needs the app's policy to give your org `delete`")
      .option('--instance <id>', 'the instance, partyId/guid')
      .option('--hard', 'delete for good (cannot be undone)')
      .option('--yes', 'yes, delete it')
      .option('--json', 'print the instance as JSON'),
  ).action((_local: unknown, command: Command) =>
    runAct(ctx, async () => {
      const o = command.optsWithGlobals<{ instance?: string; hard?: boolean; yes?: boolean; json?: boolean }>();
      const instanceId = instanceIdOf(o.instance);
      if (!o.yes) throw new UsageError(`Deleting ${instanceId}${o.hard ? ' for good' : ''} needs --yes`);
      const target = await actTarget(ctx, command);
      // --hard and --yes together are the separate, explicit yes a hard delete needs.
      const view = await ctx.services.instanceActs.delete({
        ...target,
        instanceId,
        hard: Boolean(o.hard),
        hardConfirmed: Boolean(o.hard),
      });
      if (o.json) return ctx.json(view);
      ctx.print(`${o.hard ? 'Hard-deleted' : 'Deleted'} ${instanceLine(view)}`);
    }),
  );
}

import type { Command } from 'commander';
import type { AppEvent, EventsQuery, HistoryEntry, InstanceHistory } from '../../common/contract/events';
import {
  actorWords,
  eventInstanceId,
  eventOwnerWords,
  eventTypeWords,
  historyWords,
  tasksWords,
} from '../../common/i18n/event-words';
import { appIdSchema } from '../../common/schemas/profile';
import { type CliContext, UsageError } from '../context';
import { collect, instanceIdOf } from './act-support';

interface EventsOptions {
  profile: string;
  app: string;
  from?: string;
  after?: string;
  to?: string;
  type?: string[];
  party?: string;
  json?: boolean;
  follow?: boolean;
}

/**
 * `mpd events` and `mpd instances history` (issue 20): an app's CloudEvents from Altinn Events, every page (or
 * followed until Ctrl-C), and one instance's history from Storage — the services the window uses, the same plain
 * words in English.
 */
export function registerEventsCommands(program: Command, ctx: CliContext): void {
  program
    .command('events')
    .description("An app's events from Altinn Events (created, moved to a task, completed, substatus), every page")
    .requiredOption('--profile <profile>', 'client profile id or name')
    .requiredOption('--app <org/app>', 'the app, e.g. ttd/my-app')
    .option('--from <iso>', 'from this time (ISO 8601; without a zone: local time); this or --after')
    .option('--after <id>', 'after the event with this id (exclusive); this or --from')
    .option('--to <iso>', 'up to this time (ISO 8601, inclusive)')
    .option('--type <type>', 'an event type, % as wildcard, e.g. app.instance.process.movedTo.% (repeatable)', collect)
    .option('--party <n>', "only the instances of this owner (Altinn's party id)")
    .option('--json', "print a JSON array of the CloudEvents in Altinn's order (with --follow: one event per line)")
    .option(
      '--follow',
      'keep printing new events until Ctrl-C (polls after the last one, waiting longer while none come)',
    )
    .action((o: EventsOptions) => events(ctx, o));

  // `mpd instances history` exists when `mpd instances` was loaded (program.ts loads that module for
  // `mpd instances …`, after the listing's own); `mpd events` alone needs neither.
  const instances = program.commands.find((c) => c.name() === 'instances');
  if (!instances) return;
  // Under `mpd instances`, whose listing has --profile, --app and --json too (instance-acts.ts says why they are
  // read with the parent's): the listing's own checks run only for the listing (its preAction hook).
  instances
    .command('history')
    .description("One instance's history from Storage: what happened, when and by whom, in time order")
    .option('--profile <profile>', 'client profile id or name')
    .option('--app <org/app>', 'the app, e.g. ttd/my-app')
    .option('--instance <id>', 'the instance, partyId/guid')
    .option('--json', 'print the history as JSON (entries oldest first, and the tasks)')
    .action((_local: unknown, command: Command) => history(ctx, command));
}

async function events(ctx: CliContext, o: EventsOptions): Promise<void> {
  if (!appIdSchema.safeParse(o.app).success)
    throw new UsageError(`--app must be org/app, e.g. ttd/my-app (got "${o.app}")`);
  if ((o.from === undefined) === (o.after === undefined))
    throw new UsageError('Give exactly one of --from and --after');
  if (o.follow && o.to) throw new UsageError('--to ends the query; --follow waits for events that come later');
  if (o.after !== undefined && !/^[A-Za-z0-9._~-]{1,100}$/.test(o.after))
    throw new UsageError(`--after must be an event id (got "${o.after.slice(0, 60)}")`);
  let party: number | undefined;
  if (o.party !== undefined) {
    party = Number(o.party);
    if (!/^\d{1,10}$/.test(o.party) || !(party > 0) || party > 2_147_483_647)
      throw new UsageError(`--party must be a party id, a positive number (got "${o.party}")`);
  }
  const query: EventsQuery = {
    ...(o.from !== undefined ? { from: cliTime(o.from, '--from') } : {}),
    ...(o.after !== undefined ? { after: o.after } : {}),
    ...(o.to !== undefined ? { to: cliTime(o.to, '--to') } : {}),
    ...(o.type?.length ? { types: o.type } : {}),
    ...(party !== undefined ? { party } : {}),
  };
  const profile = await ctx.services.profiles.find(o.profile);
  const input = { profileId: profile.id, appId: o.app, query };
  let count = 0;
  const print = (list: AppEvent[]) => {
    for (const event of list) {
      count++;
      if (o.json) ctx.io.stdout(`${JSON.stringify(event)}\n`);
      else ctx.print(eventLine(event));
    }
  };

  if (!o.follow) {
    if (o.json) {
      const read = await ctx.services.appEvents.read(input);
      ctx.json(read.events);
      return;
    }
    await ctx.services.appEvents.read({ ...input, onPage: print });
    ctx.io.stderr(count === 0 ? `${NONE}\n` : `${count} event(s)\n`);
    return;
  }

  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    ctx.io.stderr(`Following the events of ${o.app} (Ctrl-C stops)\n`);
    await ctx.services.appEvents.follow(input, { signal: controller.signal, onEvents: print });
    ctx.io.stderr(`Stopped after ${count} event(s)\n`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

const NONE =
  'No events. Altinn shows an event about 30 s after it happened, and only for apps that register events ' +
  '(RegisterEventsWithEventsComponent) and belong to your organisation.';

/** One event a line: time, what happened, whose, which instance, and Altinn's type to grep for. */
export function eventLine(event: AppEvent): string {
  const time = event.time.replace(/\.\d+Z$/, 'Z');
  return [
    time.padEnd(21),
    eventTypeWords(event.type, 'en').padEnd(32),
    eventOwnerWords(event, 'en').padEnd(28),
    (eventInstanceId(event) ?? '-').padEnd(48),
    event.type,
  ].join(' ');
}

async function history(ctx: CliContext, command: Command): Promise<void> {
  const o = command.optsWithGlobals<{ profile?: string; app?: string; instance?: string; json?: boolean }>();
  if (!o.profile) throw new UsageError("required option '--profile <profile>' not specified");
  if (!o.app) throw new UsageError("required option '--app <org/app>' not specified");
  if (!appIdSchema.safeParse(o.app).success)
    throw new UsageError(`--app must be org/app, e.g. ttd/my-app (got "${o.app}")`);
  const instanceId = instanceIdOf(o.instance);
  const profile = await ctx.services.profiles.find(o.profile);
  const result = await ctx.services.appEvents.instanceHistory({ profileId: profile.id, instanceId, appId: o.app });
  if (o.json) {
    ctx.json(result);
    return;
  }
  printHistory(ctx, result);
}

function printHistory(ctx: CliContext, result: InstanceHistory): void {
  if (result.entries.length === 0) {
    ctx.io.stderr('Altinn has no events for this instance.\n');
    return;
  }
  for (const entry of result.entries) ctx.print(historyLine(entry));
  if (result.tasks.length > 0) ctx.io.stderr(`${tasksWords(result.tasks, 'en', (iso) => clock(iso))}\n`);
}

export function historyLine(entry: HistoryEntry): string {
  const by = entry.by.kind === 'unknown' ? '' : `by ${actorWords(entry.by, 'en')}`;
  const from = entry.source === 'process-history' ? ' (from the process history)' : '';
  return `${entry.at.replace(/\.\d+Z$/, 'Z').padEnd(21)} ${historyWords(entry, 'en').padEnd(56)} ${by}${from}`.trimEnd();
}

function clock(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z').replace('T', ' ');
}

/**
 * A time from the command line as Events wants it (with a zone, sent in UTC): ISO 8601 with `Z` or an offset as
 * given, one without a zone as this computer's local time (a date alone: its local midnight).
 */
function cliTime(value: string, flag: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const ms = day
    ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])).getTime()
    : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value)
      ? Date.parse(value)
      : Number.NaN;
  if (!Number.isFinite(ms))
    throw new UsageError(`${flag} must be an ISO 8601 time, e.g. 2026-05-01T08:00:00Z (got "${value}")`);
  return new Date(ms).toISOString();
}

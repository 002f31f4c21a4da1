import { resolve } from 'node:path';
import type { Command } from 'commander';
import { INTERVAL_MINUTES, type PassRecord, type WatchSpec, type WatchStop } from '../../common/contract/intake';
import { formatBytes } from '../../common/format/bytes';
import { englishHint } from '../../common/i18n/hints';
import { appIdSchema } from '../../common/schemas/profile';
import { requireProductionConfirm } from '../../node/downloads/confirm';
import { nextPassDelayMs } from '../../node/intake/backoff';
import { jobName, scheduleLines } from '../../node/intake/schedule-lines';
import { isStopped } from '../../node/intake/scheduler';
import { type CliContext, UsageError } from '../context';
import { productionYes } from '../production-yes';
import { unlockVaultIfNeeded } from './keys';

interface SyncOptions {
  profile: string;
  app: string;
  out: string;
  task?: string;
  confirm?: boolean;
  confirmProduction?: boolean;
  once?: boolean;
  interval: string;
  concurrency: string;
  json?: boolean;
}

/**
 * `mpd sync` (issue 12, item 2): keep a folder in step with an app's new submissions — the same passes as
 * the app's Mottak view (src/node/intake/sync-pass.ts), sharing its mark and history when profile, app,
 * folder and selection match. `--once` for cron, Task Scheduler and systemd timers; without it, a pass
 * every interval until SIGINT/SIGTERM.
 */
export function registerSyncCommands(program: Command, ctx: CliContext): void {
  const sync = program
    .command('sync')
    .description("Keep a folder in step with an app's new submissions: download (verified) and optionally confirm")
    .option('--profile <profile>', 'client profile id or name')
    .option('--app <org/app>', 'the app, e.g. ttd/mottak')
    .option('--out <dir>', 'the folder (layout as mpd download)')
    .option('--task <taskId>', 'take instances at this process task instead of complete ones')
    .option('--confirm', 'confirm (POST …/complete) each instance once all its files are verified on disk')
    .option('--confirm-production', 'with --confirm in production: yes, really confirm')
    .option('--once', 'one pass, then exit: 0 when everything was verified, 1 on a problem (for schedulers)')
    .option('--interval <time>', 'time between passes: 90s, 10m, 1h (default 10m)', '10m')
    .option('--concurrency <n>', 'parallel transfers, 1–16', '4')
    .option('--json', 'print each pass as JSON (with --once: the pass; otherwise one line per pass)')
    .action(async (o: SyncOptions) => {
      const watch = await watchFrom(ctx, o);
      await unlockVaultIfNeeded(ctx);
      if (o.once) await once(ctx, watch, o);
      else await loop(ctx, watch, o);
    });

  sync
    .command('schedule')
    .description('Print a crontab line, a systemd timer and service, and a schtasks command for this watch')
    .option('--print', 'print them (nothing is installed)')
    .action(async (_o: unknown, command: Command) => {
      const o = command.optsWithGlobals<SyncOptions & { print?: boolean; home?: string }>();
      if (!o.print) throw new UsageError('Nothing is installed for you: add --print to see the lines to install');
      const { spec } = await watchFrom(ctx, o);
      printSchedule(ctx, spec, o);
    });
}

interface CliWatch {
  spec: WatchSpec;
  confirmProduction?: boolean;
}

async function watchFrom(ctx: CliContext, o: SyncOptions): Promise<CliWatch> {
  if (!o.profile || !o.app || !o.out) throw new UsageError('mpd sync needs --profile, --app and --out');
  if (!appIdSchema.safeParse(o.app).success) throw new UsageError(`--app must be org/app, not ${o.app}`);
  if (o.task !== undefined && !/^[A-Za-z0-9_.-]{1,100}$/.test(o.task)) {
    throw new UsageError('--task is a task id: letters, digits, _ . -');
  }
  const concurrency = Number(o.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    throw new UsageError('--concurrency must be a whole number from 1 to 16');
  }
  const profile = await ctx.services.profiles.find(o.profile);
  const spec: WatchSpec = {
    profileId: profile.id,
    appId: o.app,
    target: resolve(o.out),
    selection: o.task ? { kind: 'task', task: o.task } : { kind: 'complete' },
    // Production or not, a scheduled run confirms only when told so here (never from the app's watch).
    confirm: Boolean(o.confirm),
    intervalMinutes: parseInterval(o.interval),
    concurrency,
  };
  const confirmProduction = await productionYes(ctx, profile.environmentId, spec.confirm, o.confirmProduction);
  // Refused before any request: an unattended production run confirms only with --confirm-production.
  const environment = await ctx.services.environments.get(profile.environmentId);
  if (spec.confirm) requireProductionConfirm(environment.production, confirmProduction);
  return { spec, confirmProduction };
}

/** `90s`, `10m`, `1h`, `1h30m` or plain minutes → whole minutes, at least one. */
export function parseInterval(text: string): number {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim());
  const plain = /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
  const seconds =
    plain !== undefined
      ? plain * 60
      : m && text.trim()
        ? Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)
        : Number.NaN;
  const minutes = Math.ceil(seconds / 60);
  if (!Number.isFinite(minutes) || minutes < INTERVAL_MINUTES.min || minutes > INTERVAL_MINUTES.max) {
    throw new UsageError(`--interval must be from 1 minute to 24 hours (e.g. 10m, 1h), not ${text}`);
  }
  return minutes;
}

async function once(ctx: CliContext, watch: CliWatch, o: SyncOptions): Promise<void> {
  const { record, state } = await ctx.services.intake.runOnce({ ...watch, by: 'cli' });
  if (o.json) ctx.json(record);
  else report(ctx, watch.spec, record);
  const stop = state?.stop && state.stop.at >= record.startedAt ? state.stop : undefined;
  if (stop) explainStop(ctx, stop);
  if (!succeeded(record)) ctx.exitCode = 1;
}

/** Passes every interval (longer after failures) until a signal; a stop ends it with exit 1. */
async function loop(ctx: CliContext, watch: CliWatch, o: SyncOptions): Promise<void> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    ctx.io.stderr(
      `${signal}: stopping after the files in flight (verified and kept); ${signal} again stops at once, ` +
        'leaving them as .part for the next pass to resume\n',
    );
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const interval = watch.spec.intervalMinutes * 60_000;
    if (!o.json)
      ctx.print(`Syncing ${watch.spec.appId} into ${watch.spec.target} every ${duration(interval)} (Ctrl-C stops)`);
    while (!controller.signal.aborted) {
      const { record, state } = await ctx.services.intake.runOnce({ ...watch, by: 'cli', signal: controller.signal });
      if (o.json) ctx.io.stdout(`${JSON.stringify(record)}\n`);
      else report(ctx, watch.spec, record);
      if (controller.signal.aborted) break;
      const watchState = state ?? (await ctx.services.intake.state(watch.spec));
      if (
        isStopped({ ...watch.spec, id: '', paused: false, createdAt: '', updatedAt: '' }, watchState) &&
        watchState.stop
      ) {
        explainStop(ctx, watchState.stop);
        ctx.exitCode = 1;
        return;
      }
      const delay = nextPassDelayMs(interval, watchState.consecutiveFailures);
      if (!o.json) ctx.print(`Next pass ${new Date(Date.now() + delay).toLocaleTimeString('en-GB')}`);
      await sleep(delay, controller.signal);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function succeeded(record: PassRecord): boolean {
  return record.outcome === 'completed' || record.outcome === 'nothing-new' || record.outcome === 'skipped';
}

/** One line for what went well (stdout), and what needs a person on stderr (a scheduled run's error log). */
function report(ctx: CliContext, spec: WatchSpec, record: PassRecord): void {
  const time = record.endedAt.slice(0, 19).replace('T', ' ');
  const parts: string[] = [];
  if (record.outcome === 'nothing-new') parts.push('nothing new');
  if (record.outcome === 'skipped') parts.push(`Skipped: ${record.error?.message ?? 'the folder is busy'}`);
  if (record.newInstances || record.retried) {
    parts.push(`${record.newInstances} new${record.retried ? `, ${record.retried} retried` : ''}`);
    parts.push(
      `${record.downloaded} verified in ${spec.target} (${record.files} files, ${formatBytes(record.bytes, 'en')})`,
    );
    if (spec.confirm) parts.push(`${record.confirmed} confirmed`);
  }
  if (record.failed) parts.push(`${record.failed} failed (retried next pass)`);
  if (record.infected) parts.push(`${record.infected} infected files not saved`);
  if (record.outcome === 'cancelled') parts.push('cancelled');
  if (record.outcome === 'failed') parts.push('FAILED');
  const line = `${time} ${spec.appId}: ${parts.join('; ') || record.outcome}`;
  if (succeeded(record)) ctx.print(line);
  else ctx.io.stderr(`${line}\n`);
  const problem = (text: string) => ctx.io.stderr(`${text}\n`);
  if (record.error && record.outcome !== 'skipped') problem(`Error [${record.error.code}]: ${record.error.message}`);
  for (const p of record.problems.slice(0, 20)) {
    problem(`  failed: ${p.instanceId}${p.elementId ? ` ${p.elementId}` : ''} [${p.code}] ${p.message}`);
  }
  const codes = new Set([
    ...(record.error && record.outcome !== 'skipped' ? [record.error.code] : []),
    ...record.problems.map((p) => p.code),
  ]);
  for (const code of codes) {
    const hint = englishHint(code);
    if (hint) problem(`Hint [${code}]: ${hint}`);
  }
}

/** A stop: the error, its hint, and the doctor's rows that explain it (as `mpd doctor` prints them). */
function explainStop(ctx: CliContext, stop: WatchStop): void {
  const out = (text: string) => ctx.io.stderr(`${text}\n`);
  out(`Stopped [${stop.error.code}]: ${stop.error.message}`);
  for (const row of stop.doctor ?? []) {
    out(`  ${row.status === 'fail' ? 'FAIL' : 'WARN'} ${row.id}: ${row.detail}`);
    if (row.hintCode) {
      const hint = englishHint(row.hintCode);
      if (hint) out(`       ${hint}`);
    }
  }
  out('Fix the cause, then run mpd sync again (or press "Resume" in the app).');
}

function printSchedule(ctx: CliContext, spec: WatchSpec, o: SyncOptions & { home?: string }): void {
  const args = [
    ...(o.home ? ['--home', resolve(o.home)] : ['--home', ctx.services.home]),
    'sync',
    '--profile',
    spec.profileId,
    '--app',
    spec.appId,
    '--out',
    spec.target,
    ...(spec.selection.kind === 'task' ? ['--task', spec.selection.task] : []),
    ...(spec.confirm ? ['--confirm'] : []),
    ...(spec.confirm && o.confirmProduction ? ['--confirm-production'] : []),
    ...(spec.concurrency !== 4 ? ['--concurrency', String(spec.concurrency)] : []),
    '--once',
  ];
  const lines = scheduleLines({
    command: ctx.selfCommand,
    args,
    intervalMinutes: spec.intervalMinutes,
    name: jobName(spec.appId),
  });
  const { systemd } = lines;
  ctx.print(
    [
      `# ${spec.appId} into ${spec.target}, every ${duration(spec.intervalMinutes * 60_000)}.`,
      '# Each run is one pass (exit 0: all verified; 1: a problem, on stderr). Overlapping runs skip.',
      '# A passphrase vault needs MPD_VAULT_PASSPHRASE in the job’s environment; the OS keychain does not.',
      '',
      '## cron (crontab -e)',
      ...(lines.cron.note ? [`# ${lines.cron.note}`] : []),
      lines.cron.line,
      '',
      `## systemd (user units): ~/.config/systemd/user/${systemd.serviceName}`,
      systemd.service,
      `## ~/.config/systemd/user/${systemd.timerName}, then: systemctl --user enable --now ${systemd.timerName}`,
      systemd.timer,
      '## Windows Task Scheduler (cmd.exe)',
      lines.schtasks,
    ].join('\n'),
  );
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes % 60 === 0
    ? `${minutes / 60} h`
    : minutes > 60
      ? `${Math.floor(minutes / 60)} h ${minutes % 60} min`
      : `${minutes} min`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolveSleep) => {
    if (signal.aborted) return resolveSleep();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolveSleep();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

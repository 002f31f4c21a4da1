import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { DownloadJobDetail, DownloadProgress } from '../../common/contract/downloads';
import type { InstanceSummary } from '../../common/contract/instances';
import { AppError } from '../../common/errors/app-error';
import { DownloadErrors } from '../../common/errors/download-errors';
import { formatBytes } from '../../common/format/bytes';
import { englishHint } from '../../common/i18n/hints';
import { type InstanceFilters, instanceFiltersSchema } from '../../common/schemas/instance-query';
import { instanceIdSchema } from '../../common/schemas/instance-types';
import { type CliContext, UsageError } from '../context';

interface FilterOptions {
  app: string;
  complete?: boolean;
  task?: string;
  notConfirmed?: boolean;
  excludeConfirmedBy?: string;
  createdAfter?: string;
  createdBefore?: string;
  changedAfter?: string;
  changedBefore?: string;
  archived?: boolean;
  softDeleted?: boolean;
  hardDeleted?: boolean;
  ownerOrg?: string;
  ownerPerson?: string;
  pageSize?: string;
}

const repeat = (value: string, previous?: string[]) => [...(previous ?? []), value];

function filterOptions(command: Command): Command {
  return command
    .requiredOption('--app <org/app>', 'the app, e.g. ttd/my-app')
    .option('--complete', 'only instances whose process has ended')
    .option('--no-complete', 'only instances still in process')
    .option('--task <taskId>', 'only instances at this process task, e.g. Task_1')
    .option('--not-confirmed', "leave out instances confirmed by us (the profile's --org, else the owner of --app)")
    .option('--exclude-confirmed-by <org>', 'leave out instances this org has confirmed')
    .option('--created-after <date>', 'created after this date (YYYY-MM-DD or ISO 8601)')
    .option('--created-before <date>', 'created before this date')
    .option('--changed-after <date>', 'last changed after this date')
    .option('--changed-before <date>', 'last changed before this date')
    .option('--archived', 'only archived instances')
    .option('--no-archived', 'only instances not archived')
    .option('--soft-deleted', 'only soft-deleted instances')
    .option('--no-soft-deleted', 'only instances not soft-deleted')
    .option('--hard-deleted', 'only hard-deleted instances')
    .option('--no-hard-deleted', 'only instances not hard-deleted')
    .option('--owner-org <orgno>', 'only instances owned by this organisation number')
    .option('--owner-person <nationalId>', 'only instances owned by this person (11 digits)')
    .option('--page-size <n>', 'instances per page, 1–5000 (default: 100 for the first page, 400 after it)');
}

/** Command-line flags → the filters Storage understands; mistakes are usage errors (exit 2). */
export function filtersFrom(o: FilterOptions): InstanceFilters {
  if (o.ownerOrg && o.ownerPerson) throw new UsageError('Use --owner-org or --owner-person, not both');
  const range = (gt?: string, lt?: string) => (gt || lt ? { ...(gt ? { gt } : {}), ...(lt ? { lt } : {}) } : undefined);
  const raw = {
    appId: o.app,
    isComplete: o.complete,
    currentTask: o.task,
    excludeConfirmedBy: o.excludeConfirmedBy,
    notConfirmedByUs: o.notConfirmed && !o.excludeConfirmedBy ? true : undefined,
    created: range(o.createdAfter, o.createdBefore),
    lastChanged: range(o.changedAfter, o.changedBefore),
    isArchived: o.archived,
    isSoftDeleted: o.softDeleted,
    isHardDeleted: o.hardDeleted,
    instanceOwner: o.ownerOrg
      ? { kind: 'organisation' as const, orgNumber: o.ownerOrg }
      : o.ownerPerson
        ? { kind: 'person' as const, nationalId: o.ownerPerson }
        : undefined,
    size: o.pageSize === undefined ? undefined : Number(o.pageSize),
  };
  const parsed = instanceFiltersSchema.safeParse(
    Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)),
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`Invalid filter ${issue?.path.join('.') || ''}: ${issue?.message}`);
  }
  return parsed.data;
}

export function registerInstancesCommands(program: Command, ctx: CliContext): void {
  filterOptions(
    program
      .command('instances')
      .description("List an app's instances (Altinn Storage), following every page")
      .requiredOption('--profile <profile>', 'client profile id or name'),
  )
    .option('--limit <n>', 'stop after this many instances')
    .option('--json', 'print JSON (an array of instance summaries)')
    .action(async (o: FilterOptions & { profile: string; limit?: string; json?: boolean }) => {
      const filters = filtersFrom(o);
      const limit = o.limit === undefined ? Number.POSITIVE_INFINITY : Number(o.limit);
      if (!(limit > 0)) throw new UsageError('--limit must be a positive number');
      const profile = await ctx.services.profiles.find(o.profile);
      // Kept only for --json (a table is printed as it comes): a listing of many thousands stays small.
      const all: InstanceSummary[] = [];
      let count = 0;
      if (!o.json)
        ctx.print(row(['instance', 'created', 'last changed', 'task', 'done', 'files', 'size', 'confirmed by']));
      // With --limit, "the first N" means Storage's order (newest change first): follow `next` page by page.
      const ordered = Number.isFinite(limit);
      for await (const page of ctx.services.instances.all(profile.id, filters, undefined, { ordered })) {
        for (const i of page) {
          if (count >= limit) break;
          count++;
          if (o.json) all.push(i);
          if (!o.json) {
            ctx.print(
              row([
                i.id,
                day(i.created),
                day(i.lastChanged),
                i.currentTask ?? '-',
                i.isComplete ? 'yes' : 'no',
                String(i.dataCount),
                bytes(i.totalSize),
                i.confirmations.map((c) => c.stakeholderId).join(',') || '-',
              ]),
            );
          }
        }
        if (count >= limit) break;
      }
      if (o.json) ctx.json(all);
      else ctx.print(`${count} instance(s)`);
    });

  filterOptions(
    program
      .command('download')
      .description('Download instances and their data elements to a folder: streamed, verified (size, MD5), resumable')
      .requiredOption('--profile <profile>', 'client profile id or name'),
  )
    .requiredOption('--out <dir>', 'the download folder (layout: <app>/<partyId>_<instanceGuid>/…)')
    .option(
      '--instance <id>',
      'download this instance ({partyId}/{instanceGuid}) instead of a query (repeatable)',
      repeat,
    )
    .option(
      '--concurrency <n>',
      'parallel transfers, 1–16 (default: adaptive, from 4 up to 16 while throughput grows; fewer on 429/5xx)',
    )
    .option('--confirm', 'confirm (POST …/complete) each instance once all its files are verified on disk')
    .option('--confirm-production', 'with --confirm in production: yes, really confirm')
    .option('--json', 'no progress line; print the finished job as JSON (counts, failures, infected files)')
    .option(
      '--skip-if-busy',
      'when another download is writing to the folder, say so and exit 0 (overlapping scheduled runs)',
    )
    .action(
      async (
        o: FilterOptions & {
          profile: string;
          out: string;
          instance?: string[];
          concurrency?: string;
          confirm?: boolean;
          confirmProduction?: boolean;
          json?: boolean;
          skipIfBusy?: boolean;
        },
      ) => {
        const concurrency = o.concurrency === undefined ? undefined : Number(o.concurrency);
        if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)) {
          throw new UsageError('--concurrency must be a whole number from 1 to 16');
        }
        const filters = filtersFrom(o);
        const ids = (o.instance ?? []).map((id) => {
          if (!instanceIdSchema.safeParse(id).success) throw new UsageError(`Not an instance id: ${id}`);
          return id;
        });
        const profile = await ctx.services.profiles.find(o.profile);
        const confirmProduction = await productionYes(
          ctx,
          profile.environmentId,
          Boolean(o.confirm),
          o.confirmProduction,
        );
        const s = ctx.services;
        let job: Awaited<ReturnType<typeof s.downloads.start>>;
        try {
          job = await s.downloads.start({
            profileId: profile.id,
            source: ids.length ? { kind: 'instances', instanceIds: ids } : { kind: 'query', filters },
            target: resolve(o.out),
            ...(concurrency === undefined ? {} : { concurrency }),
            confirm: Boolean(o.confirm),
            confirmProduction,
          });
        } catch (error) {
          // An earlier scheduled run still at work is no failure of this one; the next run continues.
          if (!(o.skipIfBusy && error instanceof AppError && error.code === DownloadErrors.TARGET_BUSY)) throw error;
          ctx.print(`Skipped: ${error.message}`);
          return;
        }
        let last = 0;
        const off = s.events.on('downloads:progress', (p) => {
          if (p.jobId !== job.jobId || !ctx.io.isTTY || o.json) return;
          const now = Date.now();
          if (now - last < 200 && p.state === 'running') return;
          last = now;
          ctx.io.stdout(`\r\x1b[K${progressLine(p)}`);
        });
        const end = await s.downloads.wait(job.jobId);
        off();
        if (ctx.io.isTTY && !o.json) ctx.io.stdout('\n');
        const detail = s.downloads.get(job.jobId);
        if (o.json) {
          ctx.json(detail);
          printProblems(ctx, detail);
        } else printReport(ctx, detail, end.target);
        // Exit 0 only when everything was verified (and confirmed, when asked).
        if (end.state !== 'completed') ctx.exitCode = 1;
      },
    );

  program
    .command('confirm')
    .description('Confirm downloaded instances (POST …/complete); each must be fully verified in the download folder')
    .requiredOption('--profile <profile>', 'client profile id or name')
    .option('--out <dir>', 'the download folder holding .mpd-manifest.json', '.')
    .option('--confirm-production', 'in production: yes, really confirm')
    .option('--json', 'print JSON')
    .argument('<instanceIds...>', 'instance ids ({partyId}/{instanceGuid})')
    .action(
      async (
        instanceIds: string[],
        o: { profile: string; out: string; confirmProduction?: boolean; json?: boolean },
      ) => {
        for (const id of instanceIds) {
          if (!instanceIdSchema.safeParse(id).success) throw new UsageError(`Not an instance id: ${id}`);
        }
        const profile = await ctx.services.profiles.find(o.profile);
        const confirmProduction = await productionYes(ctx, profile.environmentId, true, o.confirmProduction);
        const result = await ctx.services.downloads.confirmAfterwards({
          profileId: profile.id,
          instanceIds,
          target: resolve(o.out),
          confirmProduction,
        });
        if (o.json) ctx.json(result);
        else {
          for (const r of result.results) {
            ctx.print(
              r.confirmed
                ? `${r.instanceId}  ${r.alreadyConfirmed ? 'already confirmed' : 'confirmed'}`
                : `${r.instanceId}  NOT confirmed [${r.error?.code}] ${r.error?.message}`,
            );
          }
        }
        if (result.results.some((r) => !r.confirmed)) ctx.exitCode = 1;
      },
    );
}

/** Production asks once more: the flag, or a typed "yes" on a terminal. */
async function productionYes(ctx: CliContext, environmentId: string, confirming: boolean, flag?: boolean) {
  if (!confirming || flag) return flag;
  const env = await ctx.services.environments.get(environmentId);
  if (!env.production || !ctx.io.prompt) return undefined;
  const answer = await ctx.io.prompt(
    `Confirm in PRODUCTION (${env.name})? Confirmed instances may be deleted in Altinn. Type yes: `,
  );
  return answer.trim().toLowerCase() === 'yes';
}

export function progressLine(p: DownloadProgress): string {
  const total = p.instances.totalKnown ? String(p.instances.total) : `${p.instances.total}+`;
  const eta = p.etaSeconds === undefined ? '' : `, ETA ${duration(p.etaSeconds)}`;
  const failed = p.instances.failed ? `, ${p.instances.failed} failed` : '';
  return `${p.instances.done}/${total} instances${failed}, ${p.elements.done + p.elements.skipped}/${p.elements.total} files, ${bytes(p.bytes.done)}/${bytes(p.bytes.total)}, ${bytes(p.rate)}/s${eta}`;
}

function printReport(ctx: CliContext, job: DownloadJobDetail, target: string): void {
  const p = job;
  const ok = p.state === 'completed';
  const summary =
    `${ok ? 'Done' : p.state === 'cancelled' ? 'Cancelled' : p.state === 'failed' ? 'Failed' : 'Finished with problems'}: ` +
    `${p.instances.done} of ${p.instances.total} instances verified in ${target}; ` +
    `${p.elements.done} files downloaded, ${p.elements.skipped} already on disk, ${p.elements.failed} failed, ` +
    `${p.elements.infected} infected (not saved); ${bytes(p.bytes.done)}` +
    (p.confirm ? `; ${p.instances.confirmed} confirmed` : '');
  // A scheduled run's log keeps stdout for what was done and stderr for what needs a person.
  if (ok) ctx.print(summary);
  else ctx.io.stderr(`${summary}\n`);
  printProblems(ctx, job);
}

/** What needs a person, on stderr (a scheduled run's log), with the hints for each error code. */
function printProblems(ctx: CliContext, job: DownloadJobDetail): void {
  const problem = (line: string) => ctx.io.stderr(`${line}\n`);
  if (job.error) problem(`Error [${job.error.code}]: ${job.error.message}`);
  for (const i of job.infected.slice(0, 20)) problem(`  infected: ${i.instanceId} ${i.elementId} ${i.filename ?? ''}`);
  for (const f of job.failures.slice(0, 20)) {
    problem(`  failed: ${f.instanceId}${f.elementId ? ` ${f.elementId}` : ''} [${f.code}] ${f.message}`);
  }
  if (job.failures.length > 20) problem(`  … and ${job.failures.length - 20} more`);
  const codes = new Set([...(job.error ? [job.error.code] : []), ...job.failures.map((f) => f.code)]);
  for (const code of codes) {
    const hint = englishHint(code);
    if (hint) problem(`Hint [${code}]: ${hint}`);
  }
}

function row(cells: string[]): string {
  const widths = [46, 10, 12, 10, 4, 5, 9, 0];
  return cells.map((c, i) => (widths[i] ? c.padEnd(widths[i] as number) : c)).join(' ');
}

function day(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : '-';
}

/** The GUI's byte formatter, in English: the same figures in both front ends. */
function bytes(n: number): string {
  return formatBytes(n, 'en');
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const m = Math.floor(seconds / 60);
  return m < 60
    ? `${m}m${String(seconds % 60).padStart(2, '0')}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

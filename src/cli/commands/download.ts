import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { DownloadJobDetail, DownloadProgress } from '../../common/contract/downloads';
import { AppError } from '../../common/errors/app-error';
import { DownloadErrors } from '../../common/errors/download-errors';
import { formatBytes } from '../../common/format/bytes';
import { splitDuration } from '../../common/format/duration';
import { visibleName } from '../../common/format/hidden-characters';
import { englishHint } from '../../common/i18n/hints';
import { instanceIdSchema } from '../../common/schemas/instance-types';
import { type CliContext, UsageError } from '../context';
import { productionYes } from '../production-yes';
import { type FilterOptions, filterOptions, filtersFrom, repeat } from './instance-filter-options';

/** `mpd download`: a query or chosen instances to a folder, verified, optionally confirmed. */
export function registerDownloadCommand(program: Command, ctx: CliContext): void {
  filterOptions(
    program
      .command('download')
      .description(
        'Download instances and their data elements to a folder: streamed, verified (MD5 where Altinn has a valid hash, else size), resumable',
      )
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
    .option(
      '--json',
      'no progress line; print the finished job as JSON (counts, failures, infected files, each file and its check)',
    )
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
          // Each verified file with the check it had: MD5 where Storage's hash still holds, else size.
          ctx.json({ ...detail, files: s.downloads.files(job.jobId) });
          printProblems(ctx, detail);
        } else printReport(ctx, detail, end.target);
        // Exit 0 only when everything was verified (and confirmed, when asked).
        if (end.state !== 'completed') ctx.exitCode = 1;
      },
    );
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
    `; checked: ${p.elements.md5Checked} by MD5, ${p.elements.sizeChecked} by size only` +
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
  for (const i of job.infected.slice(0, 20))
    problem(`  infected: ${i.instanceId} ${i.elementId} ${visibleName(i.filename) ?? ''}`);
  for (const f of job.failures.slice(0, 20)) {
    problem(`  failed: ${f.instanceId}${f.elementId ? ` ${f.elementId}` : ''} [${f.code}] ${visibleName(f.message)}`);
  }
  if (job.failures.length > 20) problem(`  … and ${job.failures.length - 20} more`);
  const codes = new Set([...(job.error ? [job.error.code] : []), ...job.failures.map((f) => f.code)]);
  for (const code of codes) {
    const hint = englishHint(code);
    if (hint) problem(`Hint [${code}]: ${hint}`);
  }
}

/** The GUI's byte formatter, in English: the same figures in both front ends. */
function bytes(n: number): string {
  return formatBytes(n, 'en');
}

/** The GUI's duration split, in English: "45 s", "3 min", "1 h 5 min". */
function duration(seconds: number): string {
  const d = splitDuration(seconds);
  return d.unit === 'h' ? `${d.h} h ${d.m} min` : `${d.n} ${d.unit}`;
}

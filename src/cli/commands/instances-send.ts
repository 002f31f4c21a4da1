import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { SendJobSummary, SendReport, SendRowView } from '../../common/contract/bulk-send-types';
import { AppError } from '../../common/errors/app-error';
import { englishHint } from '../../common/i18n/hints';
import { sendReport, sendReportCsv } from '../../node/bulk-send/send-report';
import { writeCsvFile } from '../../node/export/instances-export';
import { type CliContext, UsageError } from '../context';
import { actOptions, actTarget } from './act-support';

interface SendOptions {
  csv?: string;
  batch?: string;
  dryRun?: boolean;
  concurrency?: string;
  report?: string;
  json?: boolean;
}

/** A spreadsheet that cannot be used at all: exit 2 (issue 22, item 6). */
const UNUSABLE = new Set(['SEND_FILE_UNREADABLE', 'SEND_FILE_TYPE', 'SEND_FILE_INVALID', 'SEND_NO_OWNER_COLUMN']);

/**
 * `mpd instances send --profile P --app ORG/APP --csv FILE [--batch NAME] [--dry-run] [--concurrency N]
 * [--report FILE] [--json] [--confirm-production]` (issue 22): one instance per row of a CSV or .xlsx, prefilled,
 * journaled so that a rerun sends only what was not sent. Exit 0 when every row is sent now or was before; 1 when
 * some rows failed (each on stderr with its row number and reason), also in a dry run that finds bad rows; 2 when
 * the file cannot be used at all.
 */
export function registerInstancesSendCommand(program: Command, ctx: CliContext): void {
  const instances = program.commands.find((c) => c.name() === 'instances');
  if (!instances) throw new Error('mpd instances must be registered before its subcommands');
  actOptions(
    instances
      .command('send')
      // `mpd instances` (the listing) has a boolean --csv, and commander lets a parent read its options after a
      // subcommand's name: it takes `--csv` and leaves FILE as this command's argument (read below).
      .argument('[file]')
      .description('Send one prefilled instance per row of a spreadsheet (CSV or .xlsx); never twice')
      .option('--csv <file>', 'the spreadsheet: .csv (UTF-8, ";" or ",") or .xlsx (first sheet)')
      .option('--batch <name>', "name the send (instead of the file's path): a new name starts afresh")
      .option('--dry-run', 'check every row and say what would be sent; send nothing')
      .option('--concurrency <n>', 'at most this many requests at once (1–16; default: adaptive from 4)')
      .option('--report <file>', 'write the report (row, owner, status, instance id, error) as CSV')
      .option('--json', 'print {sent, alreadySent, failed, rows:[{row, status, instanceId?, error?}]}'),
  ).action(async (file: string | undefined, _local: SendOptions, command: Command) => {
    // Under `mpd instances`, whose listing has --json and --csv too: read with the parent's (as create does).
    const o = { ...command.optsWithGlobals<SendOptions>(), csv: command.opts<SendOptions>().csv };
    const parentCsv = command.parent?.opts<{ csv?: unknown }>().csv;
    if (!o.csv && parentCsv === true && file) o.csv = file;
    else if (file)
      throw new UsageError(`unexpected argument "${file.slice(0, 80)}" (the spreadsheet goes after --csv)`);
    if (!o.csv) throw new UsageError("required option '--csv <file>' not specified");
    const concurrency = o.concurrency === undefined ? undefined : Number(o.concurrency);
    if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 16)) {
      throw new UsageError('--concurrency must be a whole number from 1 to 16');
    }
    if (o.batch !== undefined && !/^[\p{L}\p{N} ._-]{1,100}$/u.test(o.batch)) {
      throw new UsageError('--batch is 1–100 letters, digits, spaces, . _ -');
    }
    const target = await actTarget(ctx, command);
    const input = { ...target, path: resolve(o.csv), ...(o.batch ? { batch: o.batch } : {}) };
    const service = ctx.services.bulkSend;
    let rows: SendRowView[];
    let report: SendReport;
    try {
      if (o.dryRun) {
        const plan = await service.plan(input);
        rows = plan.rows;
        report = sendReport(rows);
        for (const p of plan.problems.filter((x) => x.severity === 'warning')) {
          ctx.io.stderr(`Row ${p.row}${p.column ? ` (${p.column})` : ''}: warning [${p.code}] ${p.message}\n`);
        }
        if (!o.json) {
          const s = plan.summary;
          ctx.io.stderr(
            `Dry run of ${plan.fileName} for ${plan.appId} (${plan.environmentId}): ${s.rows} row(s); would send ${s.toSend}, sent before ${s.alreadySent}, with errors ${s.invalid}. Nothing was sent.\n`,
          );
        }
      } else {
        const started = await service.start({ ...input, ...(concurrency ? { concurrency } : {}) });
        const stopProgress = progressLine(ctx, started.jobId);
        // Ctrl+C (or SIGTERM): start no new row, let the rows on their way finish (then they are known), report
        // the rest as not sent, exit 1. A second one aborts the rows on their way: they stay pending in the
        // journal and are looked up in Altinn before the next run sends anything for them. A third: Node's own.
        let signals = 0;
        const onSignal = () => {
          signals++;
          if (signals === 1) {
            service.cancel(started.jobId);
            ctx.io.stderr(
              '\nStopping: no new rows are started; the rows on their way finish. Ctrl+C again stops them at once (they are then looked up in Altinn on the next run).\n',
            );
            return;
          }
          unlisten();
          service.abort(started.jobId);
          ctx.io.stderr('\nStopping at once: the rows on their way are left pending and looked up on the next run.\n');
        };
        const unlisten = () => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
        let done: SendJobSummary;
        try {
          done = await service.wait(started.jobId);
        } finally {
          unlisten();
          stopProgress();
        }
        if (done.error)
          throw Object.assign(new AppError(done.error.code, done.error.message), { details: done.error.details });
        rows = service.get(started.jobId).rows;
        report = sendReport(rows);
        if (!o.json) {
          ctx.io.stderr(
            `${report.sent} sent now, ${report.alreadySent} sent before, ${report.failed} failed${failedWhy(report)} (${started.fileName} → ${started.appId}).\n`,
          );
        }
      }
    } catch (error) {
      if (error instanceof AppError && UNUSABLE.has(error.code)) {
        ctx.io.stderr(`Error [${error.code}]: ${error.message}\n`);
        const hint = englishHint(error.code);
        if (hint) ctx.io.stderr(`Hint: ${hint}\n`);
        ctx.exitCode = 2;
        return;
      }
      throw error;
    }
    for (const r of report.rows) {
      if (r.status === 'failed')
        ctx.io.stderr(
          `Row ${r.row}: [${r.error?.code ?? 'FAILED'}] ${r.error?.message ?? ''}${r.instanceId ? ` (instance ${r.instanceId})` : ''}\n`,
        );
    }
    if (o.report) {
      const path = resolve(o.report);
      await writeCsvFile(path, sendReportCsv(rows));
      ctx.io.stderr(`Report written to ${path}\n`);
    }
    if (o.json) ctx.json(report);
    if (report.failed > 0) ctx.exitCode = 1;
  });
}

/** ": 1 refused by the checks, 2 failed while sending, 3 not started (the send was stopped)" — the parts not 0. */
function failedWhy(report: SendReport): string {
  const parts = [
    report.failedBy.checks ? `${report.failedBy.checks} refused by the checks` : '',
    report.failedBy.sending ? `${report.failedBy.sending} failed while sending` : '',
    report.failedBy.stopped ? `${report.failedBy.stopped} not started (the send was stopped)` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `: ${parts.join(', ')}` : '';
}

/** A progress line on a terminal (none when piped), a few times a second. */
function progressLine(ctx: CliContext, jobId: string): () => void {
  if (!ctx.io.isTTY) return () => {};
  const draw = () => {
    const s = ctx.services.bulkSend.list().find((j) => j.jobId === jobId);
    if (!s) return;
    const done = s.sent + s.alreadySent + s.failed;
    const eta = s.etaSeconds !== undefined ? `, ~${s.etaSeconds}s left` : '';
    ctx.io.stderr(
      `\r${done}/${s.total} rows, ${s.failed} failed, ${s.rate.toFixed(1)} rows/s, ${s.concurrencyNow} at once${eta}   `,
    );
  };
  const timer = setInterval(draw, 250);
  return () => {
    clearInterval(timer);
    draw();
    ctx.io.stderr('\n');
  };
}

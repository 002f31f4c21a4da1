import { randomUUID } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Language } from '../../common/contract/app';
import type {
  GivenOwner,
  RowProblem,
  SendJobDetail,
  SendJobSummary,
  SendPlanView,
  SendProgress,
  SendReport,
  SendRowView,
} from '../../common/contract/bulk-send-types';
import { ActErrors } from '../../common/errors/act-errors';
import { AppError } from '../../common/errors/app-error';
import { SendErrors } from '../../common/errors/send-errors';
import { translate } from '../../common/i18n/translate';
import type { Profile } from '../../common/schemas/profile';
import type { AppMetadataSource } from '../acts/app-metadata';
import { checkWriteScope } from '../acts/local-checks';
import { writeCsvFile } from '../export/instances-export';
import { confirmInMainOrRefuse } from '../platform/confirm-in-main';
import type { Desktop } from '../platform/desktop';
import type { EventBus } from '../platform/event-bus';
import { limitHeapGrowth } from '../platform/heap-growth';
import type { StorageContext } from '../storage/storage-context';
import { mapColumns } from './column-map';
import { checkRows, type PlannedRow } from './row-checks';
import { type JournalRow, SendJournal } from './send-journal';
import { rowError, sendReport, sendReportCsv } from './send-report';
import { type RowOutcome, SendRun } from './send-runner';
import { readSheetFile } from './sheet-file';

export interface BulkSendDeps {
  home: string;
  getProfile(id: string): Promise<Profile>;
  storageFor(profileId: string): Promise<StorageContext>;
  metadata: AppMetadataSource;
  desktop: Desktop;
  events?: EventBus;
  language(): Promise<Language>;
  now(): Date;
  /** How long after a request without an answer before its row is looked up (tests: a few ms). */
  graceMs?: number;
  /**
   * Ask for the profile's Altinn token ahead of the first request (the token service keeps it and shares a
   * request in flight): the grant and the exchange then run while the spreadsheet is read and checked.
   */
  warmToken?(profileId: string): void;
}

export interface SendTarget {
  profileId: string;
  appId: string;
  /** The spreadsheet (a path main has: from its dialog, a dropped file, or the command line). */
  path: string;
  /** A name for the send instead of the file's path: a new name starts afresh. */
  batch?: string;
}

export interface SendStart extends SendTarget {
  concurrency?: number;
  /** The window's yes, or `--confirm-production`. */
  confirmProduction?: boolean;
}

interface Plan {
  /** The plan's view without its rows: a job builds those from `planned`, `invalid` and its outcomes. */
  view: Omit<SendPlanView, 'rows'>;
  planned: PlannedRow[];
  invalid: Map<number, RowProblem[]>;
  /** The invalid rows' owner cells as the file gave them. */
  given: Map<number, GivenOwner[]>;
  source: string;
  filePath: string;
}

interface Job {
  id: string;
  plan: Plan;
  target: SendStart;
  run: SendRun;
  journal: SendJournal;
  startedAt: string;
  endedAt?: string;
  error?: AppError;
  done: Promise<void>;
  outcomes?: RowOutcome[];
}

/**
 * The bulk send for the window and `mpd instances send` (issue 22): plan a spreadsheet (read, map, check
 * every row against the app's metadata, and see in the journal what was sent before), then send it as a job
 * that lives here — in main for the window, so it survives closing the window — with progress pushed as
 * `send:progress`, pause, resume and stop, and a report. In Production a send needs `confirmProduction` and,
 * from the window, main's own yes, which names the count and the app.
 */
export function createBulkSendService(deps: BulkSendDeps) {
  const jobs = new Map<string, Job>();

  async function plan(target: SendTarget): Promise<{ plan: Plan; journal: Map<string, JournalRow> }> {
    const filePath = await realpath(resolve(target.path)).catch(() => resolve(target.path));
    // The app's metadata is on its way while the spreadsheet is read; a file that cannot be used is still the
    // error reported first.
    const ahead = deps.storageFor(target.profileId).then(async ({ client, environment }) => ({
      environment,
      metadata: await deps.metadata.get(client.appBase(target.appId), target.appId),
    }));
    ahead.catch(() => {});
    const table = await readSheetFile(filePath);
    const { columns, problems: headerProblems } = mapColumns(table.header);
    const { environment, metadata } = await ahead;
    const checked = await checkRows(table, columns, metadata, filePath);
    const source = target.batch ? `batch:${target.batch}` : `file:${filePath}`;
    const journal = await SendJournal.peek(journalFolder(environment.id, target.appId, source));
    const alreadySent = checked.planned.filter((p) => journal.rows.get(p.key)?.state === 'done').length;
    const problems = [...headerProblems, ...checked.problems];
    const view: Plan['view'] = {
      fileId: '',
      fileName: table.name,
      kind: table.kind,
      ...(table.separator ? { separator: table.separator } : {}),
      appId: target.appId,
      environmentId: environment.id,
      production: environment.production,
      ...(target.batch ? { batch: target.batch } : {}),
      columns,
      problems,
      summary: {
        rows: checked.count,
        toSend: checked.planned.length - alreadySent,
        alreadySent,
        invalid: checked.invalid.size,
        warnings: problems.filter((p) => p.severity === 'warning').length,
        attachments: checked.planned.reduce((n, p) => n + p.attachments.length, 0),
      },
    };
    return {
      plan: { view, planned: checked.planned, invalid: checked.invalid, given: checked.given, source, filePath },
      journal: journal.rows,
    };
  }

  function journalFolder(environmentId: string, appId: string, source: string): string {
    return SendJournal.folderOf(deps.home, environmentId, appId, source);
  }

  /**
   * A job's figures as its report counts them (issue 22, item 4; send-report.ts): every row of the file is sent
   * now, sent before, or failed — `failedBy` says why: refused by the checks, failed or left in doubt while
   * sending, or, once a stopped send has ended, never started. A send with failed rows ends `partial`.
   */
  function summary(job: Job, progress: SendProgress = job.run.progress()): SendJobSummary {
    const failedBy = {
      checks: job.plan.invalid.size,
      sending: progress.failed,
      stopped: job.endedAt
        ? Math.max(0, job.plan.planned.length - (progress.sent + progress.alreadySent + progress.failed))
        : 0,
    };
    const failed = failedBy.checks + failedBy.sending + failedBy.stopped;
    return {
      ...progress,
      jobId: job.id,
      total: job.plan.planned.length + failedBy.checks,
      failed,
      failedBy,
      state: progress.state === 'completed' && failed > 0 ? 'partial' : progress.state,
      profileId: job.target.profileId,
      appId: job.target.appId,
      environmentId: job.plan.view.environmentId,
      production: job.plan.view.production,
      fileName: job.plan.view.fileName,
      ...(job.target.batch ? { batch: job.target.batch } : {}),
      startedAt: job.startedAt,
      ...(job.endedAt ? { endedAt: job.endedAt } : {}),
      ...(job.error ? { error: job.error.toJSON(), state: 'failed' as const } : {}),
    };
  }

  /** Every row of the file: the checks' refusals, and what this run did (or, stopped first, did not). */
  function rowViews(job: Job): SendRowView[] {
    const outcomes = new Map(job.run.rowOutcomes().map((o) => [o.row, o]));
    const ended = Boolean(job.endedAt);
    return rowsOf(job.plan, (p) => {
      const o = outcomes.get(p.row);
      if (o)
        return {
          status: o.status,
          ...(o.instanceId ? { instanceId: o.instanceId } : {}),
          ...(o.error ? { error: o.error } : {}),
        };
      if (!ended) return { status: 'ready' };
      return {
        status: 'not-sent',
        error: { code: SendErrors.CANCELLED, message: 'Not sent: the send was stopped before this row' },
      };
    });
  }

  function job(jobId: string): Job {
    const j = jobs.get(jobId);
    if (!j) throw new AppError(SendErrors.JOB_NOT_FOUND, `No send ${jobId}`);
    return j;
  }

  return {
    /** What a send of this file would do: columns, every problem by row, and what was sent before. Sends nothing. */
    async plan(target: SendTarget): Promise<SendPlanView> {
      const { plan: p, journal } = await plan(target);
      const rows = rowsOf(p, (planned) => {
        const entry = journal.get(planned.key);
        return {
          status: entry?.state === 'done' ? 'already-sent' : entry?.state === 'pending' ? 'pending' : 'ready',
          ...(entry?.instanceId ? { instanceId: entry.instanceId } : {}),
        };
      });
      return { ...p.view, rows };
    },

    /**
     * Start a send as a job. Order: the plan (nothing is sent for an invalid row) → the profile's write scope →
     * Production's yes (`confirmProduction`, then main's own question naming the count and the app when
     * `confirmInMain`) → the journal (one writer) → the run.
     */
    async start(input: SendStart, options: { confirmInMain?: boolean } = {}): Promise<SendJobSummary> {
      deps.warmToken?.(input.profileId);
      // A send's garbage (a request, an answer and journal lines per row) collected as a download's is
      // (heap-growth.ts; process-wide, once): with V8's own sizing on Node 24 the young generation grew to
      // 64 MiB a semi-space, and 10,000 rows peaked anywhere from 159 to 198 MiB (bench/bulk-send.ts).
      limitHeapGrowth();
      const { plan: p } = await plan(input);
      checkWriteScope(await deps.getProfile(input.profileId));
      const { client, environment } = await deps.storageFor(input.profileId);
      const count = p.view.summary.toSend;
      if (environment.production) {
        if (input.confirmProduction !== true) {
          throw new AppError(
            ActErrors.PRODUCTION_CONFIRM_REQUIRED,
            `This sends ${count} form(s) in ${environment.name}; confirm the production send first`,
            { details: { outcome: 'not-sent', environmentId: environment.id } },
          );
        }
        if (options.confirmInMain && count > 0) {
          await confirmInMainOrRefuse(deps, {
            environment,
            question: 'confirm.questionSendBatch',
            params: { count: new Intl.NumberFormat('nb-NO').format(count), app: input.appId },
            confirmLabel: 'confirm.yesSendBatch',
            facts: [
              ['confirm.factApp', input.appId],
              ['confirm.factSpreadsheet', p.view.fileName],
            ],
          });
        }
      }
      const journal = await SendJournal.open(
        deps.home,
        {
          environmentId: environment.id,
          appId: input.appId,
          source: p.source,
          fileName: p.view.fileName,
          filePath: p.filePath,
          profileId: input.profileId,
          rows: p.planned.length,
          left: p.view.summary.toSend,
        },
        deps.now,
      );
      const id = randomUUID();
      const run = new SendRun({
        world: { api: client, metadata: deps.metadata, now: deps.now },
        storage: client,
        appId: input.appId,
        journal,
        rows: p.planned,
        concurrency: input.concurrency,
        graceMs: deps.graceMs,
        jobId: id,
        onProgress: (progress) => {
          const j = jobs.get(id);
          if (j) deps.events?.emit('send:progress', summary(j, progress));
        },
      });
      const j: Job = {
        id,
        plan: p,
        target: input,
        run,
        journal,
        startedAt: deps.now().toISOString(),
        done: Promise.resolve(),
      };
      j.done = run
        .run()
        .then((outcomes) => {
          j.outcomes = outcomes;
        })
        .catch((error) => {
          j.error = error instanceof AppError ? error : new AppError(SendErrors.OUTCOME_UNKNOWN, String(error));
        })
        .finally(async () => {
          await journal.close().catch((error) => {
            j.error ??= error instanceof AppError ? error : new AppError(SendErrors.JOURNAL_CORRUPT, String(error));
          });
          j.endedAt = deps.now().toISOString();
          deps.events?.emit('send:progress', summary(j));
        });
      jobs.set(id, j);
      return summary(j);
    },

    async wait(jobId: string): Promise<SendJobSummary> {
      const j = job(jobId);
      await j.done;
      return summary(j);
    },

    list(): SendJobSummary[] {
      return [...jobs.values()].map((j) => summary(j));
    },

    get(jobId: string): SendJobDetail {
      const j = job(jobId);
      return { ...summary(j), rows: rowViews(j) };
    },

    pause(jobId: string): SendJobSummary {
      const j = job(jobId);
      j.run.pause();
      return summary(j);
    },

    resume(jobId: string): SendJobSummary {
      const j = job(jobId);
      j.run.resume();
      return summary(j);
    },

    /** Stop: no new row is started; the rows on their way finish, so nothing is left in doubt. */
    cancel(jobId: string): SendJobSummary {
      const j = job(jobId);
      j.run.stop();
      return summary(j);
    },

    /**
     * Stop at once (`mpd instances send`'s second Ctrl+C): the requests on their way are aborted, their rows stay
     * pending in the journal and are looked up in Altinn before the next run sends anything for them.
     */
    abort(jobId: string): SendJobSummary {
      const j = job(jobId);
      j.run.abort();
      return summary(j);
    },

    report(jobId: string): SendReport {
      return sendReport(rowViews(job(jobId)));
    },

    reportCsv(jobId: string): string {
      return sendReportCsv(rowViews(job(jobId)));
    },

    /** "Eksporter rapport": main's save dialog, written atomically. */
    async exportReport(jobId: string): Promise<{ path: string | null }> {
      const j = job(jobId);
      const lang = await deps.language();
      const path = await deps.desktop.chooseSaveFile({
        title: translate(lang, 'send.reportDialogTitle'),
        defaultName: `${j.plan.view.fileName.replace(/\.(csv|xlsx|txt)$/i, '')}-rapport.csv`,
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      });
      if (!path) return { path: null };
      await writeCsvFile(path, sendReportCsv(rowViews(j)));
      return { path };
    },

    /** Sends journaled in this home that have rows not done: to open again after a restart. */
    async unfinished(): Promise<
      {
        journalId: string;
        fileName: string;
        appId: string;
        environmentId: string;
        profileId?: string;
        filePath?: string;
        batch?: string;
        done: number;
        open: number;
      }[]
    > {
      const running = new Set([...jobs.values()].filter((j) => !j.endedAt).map((j) => j.journal.folder));
      const out = [];
      for (const s of await SendJournal.list(deps.home)) {
        if (running.has(s.folder)) continue;
        // Rows never started are not in the journal: the count when the send last started says how many are left,
        // less those done since. (A journal without that count: its rows not done.)
        let doneRows = 0;
        for (const r of s.rows.values()) if (r.state === 'done') doneRows++;
        const open = s.meta.left !== undefined ? Math.max(0, s.meta.left - s.doneSinceOpen) : s.rows.size - doneRows;
        const done = s.meta.rows !== undefined ? Math.max(0, s.meta.rows - open) : doneRows;
        if (open <= 0) continue;
        out.push({
          journalId: s.folder.split(/[\\/]/).pop() as string,
          fileName: s.meta.fileName,
          appId: s.meta.appId,
          environmentId: s.meta.environmentId,
          ...(s.meta.profileId ? { profileId: s.meta.profileId } : {}),
          ...(s.meta.filePath ? { filePath: s.meta.filePath } : {}),
          ...(s.meta.source.startsWith('batch:') ? { batch: s.meta.source.slice(6) } : {}),
          done,
          open,
        });
      }
      return out;
    },
  };
}

export type BulkSendService = ReturnType<typeof createBulkSendService>;

/**
 * The rows of the file in its order: each planned row as `status` says, each refused row with its first error.
 * Built when asked for, not kept: a send of 10,000 rows holds its planned rows once (bench/bulk-send.ts).
 */
function rowsOf(
  plan: Pick<Plan, 'planned' | 'invalid' | 'given'>,
  status: (p: PlannedRow) => Pick<SendRowView, 'status' | 'instanceId' | 'error'>,
): SendRowView[] {
  const rows: SendRowView[] = [];
  const refused = [...plan.invalid].sort(([a], [b]) => a - b);
  let next = 0;
  const refusedUpTo = (row: number) => {
    for (; next < refused.length && (refused[next] as [number, RowProblem[]])[0] < row; next++) {
      const [n, problems] = refused[next] as [number, RowProblem[]];
      rows.push({
        row: n,
        owner: null,
        prefillCount: 0,
        attachments: [],
        status: 'invalid',
        error: rowError(problems),
        given: plan.given.get(n) ?? [],
      });
    }
  };
  for (const p of plan.planned) {
    refusedUpTo(p.row);
    rows.push({
      row: p.row,
      owner: p.owner,
      prefillCount: p.prefill ? Object.keys(p.prefill).length : 0,
      attachments: p.attachments.map((a) => a.filename),
      ...status(p),
    });
  }
  refusedUpTo(Number.POSITIVE_INFINITY);
  return rows;
}

import { createHash } from 'node:crypto';
import { writeSync } from 'node:fs';
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../common/errors/app-error';
import { SendErrors } from '../../common/errors/send-errors';
import { FolderLock } from '../downloads/folder-lock';
import { writeFileAtomic } from '../platform/atomic-write';

/**
 * The journal of one send (issue 22, item 3): `<home>/sends/<id>/journal.jsonl`, where the id is a hash of the
 * environment, the app and the spreadsheet's real path (or `--batch NAME`). Every row is keyed by its content
 * (row-checks.ts rowKey), and each step of it is recorded **before and after each request**:
 *
 *   pending (about to ask Altinn to create) → created (instance id, party, Storage's `created`) →
 *   attached (per data type) → done;  or failed (the reason).
 *
 * A record is one JSON line appended and made durable (written and fdatasync'ed) before the caller goes on —
 * before the request for `pending`, before the row counts as created for `created` —: a line is whole or, torn
 * by a crash, ignored on reading, so the file is as good as written atomically line by line. Lines of requests
 * running at once share one write and one flush (group commit), so a flush costs a send a few ms, not one per
 * row. When a send ends the journal is folded into one line per row and written atomically (writeFileAtomic).
 * One writer at a time (a lock in the folder, FolderLock's rule): the window and `mpd` cannot run the same send.
 */

export interface JournalMeta {
  v: 1;
  environmentId: string;
  appId: string;
  /** `file:<real path>` or `batch:<name>`. */
  source: string;
  fileName: string;
  /** The spreadsheet's real path and the profile, so the window can open a send again after a restart. */
  filePath?: string;
  profileId?: string;
  /** The file's valid rows when a run last started, and how many of them were not sent yet (`left`): what a
   * list of unfinished sends counts, with the rows done since (rows never started are not in the journal). */
  rows?: number;
  left?: number;
  at: string;
}

export interface JournalRow {
  key: string;
  /** The row's number in the file when it was last sent (the report uses the current file's). */
  row: number;
  state: 'pending' | 'created' | 'done' | 'failed';
  /** Local time the latest create request was started (the reconcile's window starts there). */
  startedAt?: string;
  instanceId?: string;
  partyId?: string;
  /** Storage's `created` of the instance, and the local time its answer came (the clocks' offset). */
  created?: string;
  answeredAt?: string;
  /** Data type → element id of each attachment stored. */
  attached: Record<string, string>;
  error?: { code: string; message: string; outcome?: string };
  /** Several candidate instances were found: never sent again by itself. */
  ambiguous?: boolean;
}

type Record_ =
  | ({ t: 'open' } & JournalMeta)
  | { t: 'pending'; k: string; row: number; at: string }
  | { t: 'created'; k: string; id: string; party: string; created?: string; answered?: string }
  | { t: 'attached'; k: string; type: string; el: string }
  | { t: 'done'; k: string }
  | { t: 'failed'; k: string; code: string; msg: string; outcome?: string; amb?: boolean }
  | { t: 'row'; r: JournalRow };

export const SENDS_FOLDER = 'sends';
const JOURNAL = 'journal.jsonl';
const LOCK = '.send.lock';

export function journalId(environmentId: string, appId: string, source: string): string {
  return createHash('sha256').update(`${environmentId}\n${appId}\n${source}`).digest('hex').slice(0, 20);
}

export class SendJournal {
  readonly rows = new Map<string, JournalRow>();
  /** Lines made durable, and the flushes (fdatasync) that did it: requests in flight share them. */
  readonly durable = { lines: 0, flushes: 0 };
  private queue: { line: string; done: () => void; fail: (e: unknown) => void }[] = [];
  private flushing?: Promise<void>;
  private handle?: import('node:fs/promises').FileHandle;
  private doneThisRun = 0;

  private constructor(
    readonly folder: string,
    readonly meta: JournalMeta,
    private readonly lock: FolderLock,
  ) {}

  get path(): string {
    return join(this.folder, JOURNAL);
  }

  /** The folder of a send's journal. */
  static folderOf(home: string, environmentId: string, appId: string, source: string): string {
    return join(home, SENDS_FOLDER, journalId(environmentId, appId, source));
  }

  /** Open (or start) the journal of a send, taking its lock. */
  static async open(home: string, meta: Omit<JournalMeta, 'v' | 'at'>, now: () => Date): Promise<SendJournal> {
    const folder = SendJournal.folderOf(home, meta.environmentId, meta.appId, meta.source);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const lock = await FolderLock.acquire(folder, now, {
      name: LOCK,
      busy: (who) =>
        new AppError(SendErrors.JOURNAL_BUSY, `This send is already running (${who}); wait until it has finished`, {
          details: { folder },
        }),
    });
    try {
      const read = await readJournal(join(folder, JOURNAL));
      // A run of a send journaled before says again what it sends now (the file may have been fixed since).
      const changed =
        read.meta &&
        (['fileName', 'filePath', 'profileId', 'rows', 'left'] as const).some(
          (k) => meta[k] !== undefined && meta[k] !== read.meta?.[k],
        );
      const journal = new SendJournal(
        folder,
        read.meta ? { ...read.meta, ...(changed ? meta : {}) } : { v: 1, ...meta, at: now().toISOString() },
        lock,
      );
      for (const [k, r] of read.rows) journal.rows.set(k, r);
      if (!read.meta || changed) await journal.append({ t: 'open', ...journal.meta });
      return journal;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Read a journal without taking its lock (listing sends, a report). */
  static async peek(folder: string): Promise<JournalRead> {
    return readJournal(join(folder, JOURNAL));
  }

  /** Every send journaled in this home folder. */
  static async list(home: string): Promise<({ folder: string; meta: JournalMeta } & JournalRead)[]> {
    const root = join(home, SENDS_FOLDER);
    const names = await readdir(root).catch(() => [] as string[]);
    const out = [];
    for (const name of names) {
      const folder = join(root, name);
      const read = await readJournal(join(folder, JOURNAL)).catch(() => undefined);
      if (read?.meta) out.push({ folder, ...read, meta: read.meta });
    }
    return out;
  }

  pending(key: string, row: number, at: Date): Promise<void> {
    return this.record({ t: 'pending', k: key, row, at: at.toISOString() });
  }

  created(key: string, v: { instanceId: string; partyId: string; created?: string; answeredAt?: Date }): Promise<void> {
    return this.record({
      t: 'created',
      k: key,
      id: v.instanceId,
      party: v.partyId,
      ...(v.created ? { created: v.created } : {}),
      ...(v.answeredAt ? { answered: v.answeredAt.toISOString() } : {}),
    });
  }

  attached(key: string, dataType: string, elementId: string): Promise<void> {
    return this.record({ t: 'attached', k: key, type: dataType, el: elementId });
  }

  done(key: string): Promise<void> {
    this.doneThisRun++;
    return this.record({ t: 'done', k: key });
  }

  failed(key: string, error: { code: string; message: string; outcome?: string }, ambiguous = false): Promise<void> {
    return this.record({
      t: 'failed',
      k: key,
      code: error.code,
      msg: error.message.slice(0, 1000),
      ...(error.outcome ? { outcome: error.outcome } : {}),
      ...(ambiguous ? { amb: true } : {}),
    });
  }

  /** Fold the journal into one line per row (written atomically), and let go of it. */
  async close(): Promise<void> {
    await this.flushing?.catch(() => {});
    await this.handle?.close().catch(() => {});
    this.handle = undefined;
    try {
      const meta =
        this.meta.left === undefined
          ? this.meta
          : { ...this.meta, left: Math.max(0, this.meta.left - this.doneThisRun) };
      await writeFileAtomic(this.path, foldedLines(meta, this.rows.values()));
    } finally {
      await this.lock.release();
    }
  }

  /** Apply in memory, and resolve once the line is durable. */
  private record(r: Record_): Promise<void> {
    apply(this.rows, r);
    return this.append(r);
  }

  private append(r: Record_): Promise<void> {
    return new Promise<void>((done, fail) => {
      this.queue.push({ line: JSON.stringify(r), done, fail });
      if (!this.flushing) this.flushing = this.flush();
    });
  }

  /**
   * Group commit: every line queued so far in one write and one fdatasync; lines queued meanwhile go next. It
   * starts after the answers that came in this turn of the event loop have queued their lines too.
   */
  private async flush(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length) {
      const batch = this.queue;
      this.queue = [];
      try {
        this.handle ??= await open(this.path, 'a', 0o600);
        // A few hundred bytes into the page cache: written in place (about 35 µs here), not handed to the libuv
        // pool and back (0.1–0.15 ms of the main thread and one more wait); only the flush goes there.
        writeSync(this.handle.fd, `${batch.map((b) => b.line).join('\n')}\n`);
        await this.handle.datasync();
        this.durable.lines += batch.length;
        this.durable.flushes++;
        for (const b of batch) b.done();
      } catch (error) {
        for (const b of batch) b.fail(error);
      }
    }
    this.flushing = undefined;
  }
}

/** The folded journal in pieces of about 64 KB: 10,000 rows are never one string of megabytes at once. */
function* foldedLines(meta: JournalMeta, rows: Iterable<JournalRow>): Generator<string> {
  let piece = `${JSON.stringify({ t: 'open', ...meta })}\n`;
  for (const r of rows) {
    piece += `${JSON.stringify({ t: 'row', r })}\n`;
    if (piece.length >= 65_536) {
      yield piece;
      piece = '';
    }
  }
  yield piece;
}

function apply(rows: Map<string, JournalRow>, r: Record_): void {
  if (r.t === 'open') return;
  if (r.t === 'row') {
    rows.set(r.r.key, { ...r.r, attached: { ...r.r.attached } });
    return;
  }
  let row = rows.get(r.k);
  if (!row) {
    row = { key: r.k, row: r.t === 'pending' ? r.row : 0, state: 'pending', attached: {} };
    rows.set(r.k, row);
  }
  switch (r.t) {
    case 'pending':
      row.state = 'pending';
      row.row = r.row;
      row.startedAt = r.at;
      row.error = undefined;
      row.ambiguous = undefined;
      return;
    case 'created':
      row.state = 'created';
      row.instanceId = r.id;
      row.partyId = r.party;
      row.created = r.created;
      row.answeredAt = r.answered;
      row.error = undefined;
      row.ambiguous = undefined;
      return;
    case 'attached':
      row.attached[r.type] = r.el;
      return;
    case 'done':
      row.state = 'done';
      row.error = undefined;
      return;
    case 'failed':
      row.state = 'failed';
      row.error = { code: r.code, message: r.msg, ...(r.outcome ? { outcome: r.outcome } : {}) };
      row.ambiguous = r.amb ? true : undefined;
      return;
  }
}

export interface JournalRead {
  meta?: JournalMeta;
  rows: Map<string, JournalRow>;
  /** Rows recorded done after the latest `open` line: what a run has sent since `meta.left` was counted. */
  doneSinceOpen: number;
}

async function readJournal(path: string): Promise<JournalRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { rows: new Map(), doneSinceOpen: 0 };
    throw new AppError(SendErrors.JOURNAL_CORRUPT, `Cannot read the send journal ${path}`, {
      details: { path },
      cause: error,
    });
  }
  const rows = new Map<string, JournalRow>();
  let meta: JournalMeta | undefined;
  let doneSinceOpen = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!line) continue;
    let r: Record_;
    try {
      r = JSON.parse(line) as Record_;
    } catch {
      // A line torn by a crash can only be the last one written; anything else is damage.
      if (lines.slice(i + 1).some((l) => l.trim() !== '')) {
        throw new AppError(SendErrors.JOURNAL_CORRUPT, `The send journal ${path} is damaged at line ${i + 1}`, {
          details: { path, line: i + 1 },
        });
      }
      continue;
    }
    if (r.t === 'open') {
      if (r.v !== 1)
        throw new AppError(SendErrors.JOURNAL_CORRUPT, `The send journal ${path} is of a newer version`, {
          details: { path },
        });
      const { t: _t, ...rest } = r;
      meta = rest;
      doneSinceOpen = 0;
    } else {
      if (r.t === 'done' && rows.get(r.k)?.state !== 'done') doneSinceOpen++;
      apply(rows, r);
    }
  }
  return { meta, rows, doneSinceOpen };
}

import { open, readFile, rm } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../common/errors/app-error';
import { DownloadErrors } from '../../common/errors/download-errors';
import { writeFileAtomic } from '../platform/atomic-write';
import { MANIFEST_NAME } from './folder-layout';
import { APPEND, asLinkRefused, linkRefused, lstatOrNone } from './no-follow';

/**
 * `<target>/.mpd-manifest.json`: what is verified on disk, so a rerun or a resumed job fetches only what
 * is missing. An element is recorded only after its bytes were verified, fsynced and renamed to its final
 * name, with the check they had (`check`): `md5` against Storage's contentHash where that hash still
 * describes the bytes, else `size` (common/schemas/content-hash.ts). Infected elements and confirmed
 * instances are recorded too. Records are journaled and coalesced (see Manifest below): a crash can lose
 * the last few, which only means those elements are checked again on the next run.
 *
 * Format 2 added `check` and `elementChanged`. A format 1 manifest (which did not say which check a file
 * had) is read as format 2 with `check: 'size'`, the one check every file had; a file whose element has a
 * hash Storage still stands by, equal to the file's recorded MD5, is recorded as `md5` on the next run
 * (element-download.ts). The next compaction writes format 2.
 */
const checkSchema = z.enum(['md5', 'size']);

const entryFields = {
  instanceId: z.string(),
  /** Relative to the target, forward slashes. */
  path: z.string(),
  size: z.number().int().nonnegative(),
  /** Base64 MD5 of the bytes on disk (the same encoding as Storage's `contentHash`), whatever was checked. */
  md5: z.string(),
  verifiedAt: z.string(),
};

const entrySchema = z.object({
  ...entryFields,
  check: checkSchema,
  /** The element's `lastChanged` as Storage listed it when these bytes were fetched: a newer one is another version. */
  elementChanged: z.string().optional(),
});

const infectedSchema = z.record(
  z.string(),
  z.object({ instanceId: z.string(), filename: z.string().nullable(), reportedAt: z.string() }),
);

const manifestSchema = z.object({
  version: z.literal(2),
  kind: z.literal('mpd-download-manifest'),
  elements: z.record(z.string(), entrySchema),
  infected: infectedSchema,
  confirmed: z.record(z.string(), z.string()),
});

const manifestV1Schema = z.object({
  version: z.literal(1),
  kind: z.literal('mpd-download-manifest'),
  elements: z.record(z.string(), z.object(entryFields)),
  infected: infectedSchema,
  confirmed: z.record(z.string(), z.string()),
});

export type ManifestEntry = z.infer<typeof entrySchema>;
type ManifestDoc = z.infer<typeof manifestSchema>;

/**
 * The recorded bytes are of the element as Storage lists it now: the element's `lastChanged` then and now
 * are the same instant. An entry of format 1 has none, and counts as the same version (as it did then).
 */
export function sameVersion(entry: ManifestEntry, element: { lastChanged?: string | null }): boolean {
  if (!entry.elementChanged || !element.lastChanged) return true;
  return Date.parse(entry.elementChanged) === Date.parse(element.lastChanged);
}

/** Format 1 → 2: every file had its size checked; whether its MD5 was, format 1 did not say. */
function migrateV1(doc: z.infer<typeof manifestV1Schema>): ManifestDoc {
  const elements: ManifestDoc['elements'] = {};
  for (const [id, entry] of Object.entries(doc.elements)) elements[id] = { ...entry, check: 'size' };
  return { ...doc, version: 2, elements };
}

const FLUSH_DELAY_MS = 250;

/** One line of the journal: an upsert or removal, replayed in order over the snapshot. */
type JournalRecord =
  | { t: 'verified'; id: string; entry: ManifestEntry }
  | { t: 'forget'; id: string }
  | { t: 'infected'; id: string; instanceId: string; filename: string | null; reportedAt: string }
  | { t: 'confirmed'; instanceId: string; at: string };

/**
 * Storage of the manifest: a snapshot (`.mpd-manifest.json`, written atomically) plus an append-only
 * journal (`.mpd-manifest.journal`, JSON lines) of what changed since. Rewriting the whole snapshot after
 * every few elements made a job O(n²) in bytes written and hashed the GC (a 2,000-instance job rewrote
 * a 1.6 MB file ~50 times, with an fsync each); now records are appended every 250 ms, the journal is
 * fsynced only when it matters (before a confirm, at the end of a job), and the snapshot is rewritten
 * once, when the job ends ("compaction"). A crash leaves a snapshot and a journal, replayed on open; a
 * torn last line is ignored (those elements are checked again by hashing the files on disk).
 */
export const JOURNAL_NAME = '.mpd-manifest.journal';

export class Manifest {
  /** Element ids by instance (an array: most instances have a few elements; a Set each cost ~4x as much). */
  private readonly byInstance = new Map<string, string[]>();
  /** The snapshot's and the journal's sizes as this manifest knows them (read at open, appended since). */
  private onDisk: { snapshot: number; journal: number };
  private pending: string[] = [];
  private needsSync = false;
  private writing: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;

  private constructor(
    readonly path: string,
    private readonly doc: ManifestDoc,
    private readonly now: () => Date,
    sizes: { snapshot: number; journal: number },
  ) {
    this.onDisk = sizes;
    for (const [id, entry] of Object.entries(doc.elements)) this.index(entry.instanceId, id);
  }

  get journalPath(): string {
    return join(dirname(this.path), JOURNAL_NAME);
  }

  static async open(target: string, now: () => Date = () => new Date()): Promise<Manifest> {
    const path = join(target, MANIFEST_NAME);
    const journal = join(target, JOURNAL_NAME);
    // Our own files, never links: a planted link would have records appended to whatever it points to.
    const sizes = { snapshot: 0, journal: 0 };
    for (const [file, which] of [
      [path, 'snapshot'],
      [journal, 'journal'],
    ] as const) {
      const s = await lstatOrNone(file);
      if (s && !s.isFile()) throw linkRefused(file);
      sizes[which] = s?.size ?? 0;
    }
    return new Manifest(path, await readState(path, journal), now, sizes);
  }

  verified(elementId: string): ManifestEntry | undefined {
    return this.doc.elements[elementId];
  }

  /** Final file names already used by this instance's elements (element id → file name). */
  recordedNames(instanceId: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const id of this.byInstance.get(instanceId) ?? []) {
      const entry = this.doc.elements[id];
      if (entry) out.set(id, posix.basename(entry.path));
    }
    return out;
  }

  isConfirmed(instanceId: string): boolean {
    return Boolean(this.doc.confirmed[instanceId]);
  }

  infected(): { elementId: string; instanceId: string; filename: string | null }[] {
    return Object.entries(this.doc.infected).map(([elementId, v]) => ({ elementId, ...v }));
  }

  recordVerified(elementId: string, entry: Omit<ManifestEntry, 'verifiedAt'>): void {
    const full = { ...entry, verifiedAt: this.now().toISOString() };
    apply(this.doc, { t: 'verified', id: elementId, entry: full });
    this.index(entry.instanceId, elementId);
    this.append({ t: 'verified', id: elementId, entry: full });
  }

  forget(elementId: string): void {
    if (!this.doc.elements[elementId]) return;
    apply(this.doc, { t: 'forget', id: elementId });
    this.append({ t: 'forget', id: elementId });
  }

  recordInfected(elementId: string, instanceId: string, filename: string | null): void {
    const record: JournalRecord = {
      t: 'infected',
      id: elementId,
      instanceId,
      filename,
      reportedAt: this.now().toISOString(),
    };
    apply(this.doc, record);
    this.append(record);
  }

  recordConfirmed(instanceId: string): void {
    const record: JournalRecord = { t: 'confirmed', instanceId, at: this.now().toISOString() };
    apply(this.doc, record);
    this.append(record);
  }

  /** Make every record so far durable (journal appended and fsynced): before a confirm. */
  async flush(): Promise<void> {
    return this.write(true);
  }

  /**
   * At the end of a job: flush, then fold snapshot + journal (as on disk, so records another writer
   * appended are kept) into a new snapshot, written atomically, and remove the journal.
   */
  async compact(): Promise<void> {
    await this.write(true);
    this.writing = this.writing
      .catch(() => {})
      .then(async () => {
        // Files just as this manifest left them: what is in memory is what they say, and they need not be
        // read, parsed and held a second time (for 20,000 files that was the peak of a download's memory,
        // bench/, issue 21). Anything else appended or rewrote them: fold what is on disk.
        const [snapshot, journal] = await Promise.all([lstatOrNone(this.path), lstatOrNone(this.journalPath)]);
        const unchanged =
          (snapshot?.size ?? 0) === this.onDisk.snapshot && (journal?.size ?? 0) === this.onDisk.journal;
        const state = unchanged ? this.doc : await readState(this.path, this.journalPath);
        await writeFileAtomic(this.path, jsonPieces(state), 0o644);
        await rm(this.journalPath, { force: true });
        this.onDisk = { snapshot: (await lstatOrNone(this.path))?.size ?? 0, journal: 0 };
      });
    return this.writing;
  }

  private append(record: JournalRecord): void {
    this.pending.push(JSON.stringify(record));
    this.needsSync = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.write(false).catch(() => {
        // The next flush (at the latest the job's last) reports the error.
      });
    }, FLUSH_DELAY_MS);
    this.timer.unref?.();
  }

  private write(sync: boolean): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing
      .catch(() => {})
      .then(async () => {
        const lines = this.pending;
        if (!lines.length && !(sync && this.needsSync)) return;
        this.pending = [];
        const handle = await open(this.journalPath, APPEND, 0o644).catch((error) => {
          this.pending = lines.concat(this.pending);
          throw asLinkRefused(error, this.journalPath);
        });
        try {
          if (lines.length) {
            const text = `${lines.join('\n')}\n`;
            await handle.writeFile(text);
            this.onDisk.journal += Buffer.byteLength(text);
          }
          if (sync) {
            await handle.sync();
            this.needsSync = false;
          }
        } catch (error) {
          // Appending the same records twice is harmless (replay is idempotent); losing them is not.
          this.pending = lines.concat(this.pending);
          throw error;
        } finally {
          await handle.close();
        }
      });
    return this.writing;
  }

  private index(instanceId: string, elementId: string): void {
    const ids = this.byInstance.get(instanceId);
    if (!ids) this.byInstance.set(instanceId, [elementId]);
    else if (!ids.includes(elementId)) ids.push(elementId);
  }
}

/**
 * The document as JSON.stringify writes it, in pieces of about 64 KiB: each member of the top-level maps
 * (elements, infected, confirmed) on its own, so no one string holds all of a large manifest.
 */
function* jsonPieces(doc: ManifestDoc): Generator<string> {
  let piece = '{';
  let firstKey = true;
  for (const [key, value] of Object.entries(doc)) {
    piece += `${firstKey ? '' : ','}${JSON.stringify(key)}:`;
    firstKey = false;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      piece += JSON.stringify(value);
      continue;
    }
    piece += '{';
    let first = true;
    const members = value as Record<string, unknown>;
    // for…in, not Object.entries: no array of every member at once.
    for (const member in members) {
      const entry = members[member];
      if (entry === undefined) continue;
      piece += `${first ? '' : ','}${JSON.stringify(member)}:${JSON.stringify(entry)}`;
      first = false;
      if (piece.length >= 65_536) {
        yield piece;
        piece = '';
      }
    }
    piece += '}';
  }
  yield `${piece}}\n`;
}

function emptyDoc(): ManifestDoc {
  return { version: 2, kind: 'mpd-download-manifest', elements: {}, infected: {}, confirmed: {} };
}

function apply(doc: ManifestDoc, r: JournalRecord): void {
  switch (r.t) {
    case 'verified':
      doc.elements[r.id] = r.entry;
      delete doc.infected[r.id];
      return;
    case 'forget':
      delete doc.elements[r.id];
      return;
    case 'infected':
      doc.infected[r.id] = { instanceId: r.instanceId, filename: r.filename, reportedAt: r.reportedAt };
      return;
    case 'confirmed':
      doc.confirmed[r.instanceId] = r.at;
      return;
  }
}

/** The snapshot with the journal replayed over it. */
async function readState(path: string, journalPath: string): Promise<ManifestDoc> {
  const doc = await readSnapshot(path);
  let text: string;
  try {
    text = await readFile(journalPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return doc;
    throw error;
  }
  for (const line of text.split('\n')) {
    if (!line) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue; // a line torn by a crash: its element is re-checked by hashing on the next run
    }
    const record = journalSchema.safeParse(parsed);
    if (record.success) apply(doc, record.data as JournalRecord);
  }
  return doc;
}

async function readSnapshot(path: string): Promise<ManifestDoc> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyDoc();
    throw error;
  }
  try {
    const doc = JSON.parse(text) as { version?: unknown };
    return doc?.version === 1 ? migrateV1(manifestV1Schema.parse(doc)) : manifestSchema.parse(doc);
  } catch {
    throw new AppError(DownloadErrors.MANIFEST_CORRUPT, `The download manifest ${path} cannot be read`, {
      details: { path },
    });
  }
}

const journalSchema = z.discriminatedUnion('t', [
  // A journal line a format 1 writer appended has no `check`: its size was checked.
  z.object({
    t: z.literal('verified'),
    id: z.string(),
    entry: entrySchema.extend({ check: checkSchema.default('size') }),
  }),
  z.object({ t: z.literal('forget'), id: z.string() }),
  z.object({
    t: z.literal('infected'),
    id: z.string(),
    instanceId: z.string(),
    filename: z.string().nullable(),
    reportedAt: z.string(),
  }),
  z.object({ t: z.literal('confirmed'), instanceId: z.string(), at: z.string() }),
]);

import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../atomic-write';
import { AppError } from '../errors';
import { DownloadErrors } from './download-errors';
import { MANIFEST_NAME } from './folder-layout';

/**
 * `<target>/.mpd-manifest.json`: what is verified on disk, so a rerun or a resumed job fetches only what
 * is missing. An element is recorded only after its bytes were verified (size, and MD5 when Storage gave
 * a `contentHash`), fsynced and renamed to its final name. Infected elements and confirmed instances are
 * recorded too. Writes are atomic (temp + rename) and coalesced: a crash can lose the last few records,
 * which only means those elements are checked again (by hashing the file on disk) on the next run.
 */
const entrySchema = z.object({
  instanceId: z.string(),
  /** Relative to the target, forward slashes. */
  path: z.string(),
  size: z.number().int().nonnegative(),
  /** Base64 MD5 of the bytes on disk (the same encoding as Storage's `contentHash`). */
  md5: z.string(),
  verifiedAt: z.string(),
});

const manifestSchema = z.object({
  version: z.literal(1),
  kind: z.literal('mpd-download-manifest'),
  elements: z.record(z.string(), entrySchema),
  infected: z.record(
    z.string(),
    z.object({ instanceId: z.string(), filename: z.string().nullable(), reportedAt: z.string() }),
  ),
  confirmed: z.record(z.string(), z.string()),
});

export type ManifestEntry = z.infer<typeof entrySchema>;
type ManifestDoc = z.infer<typeof manifestSchema>;

const FLUSH_DELAY_MS = 250;

export class Manifest {
  private readonly byInstance = new Map<string, Set<string>>();
  private dirty = false;
  private writing: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;

  private constructor(
    readonly path: string,
    private readonly doc: ManifestDoc,
    private readonly now: () => Date,
  ) {
    for (const [id, entry] of Object.entries(doc.elements)) this.index(entry.instanceId, id);
  }

  static async open(target: string, now: () => Date = () => new Date()): Promise<Manifest> {
    const path = join(target, MANIFEST_NAME);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return new Manifest(
          path,
          { version: 1, kind: 'mpd-download-manifest', elements: {}, infected: {}, confirmed: {} },
          now,
        );
      }
      throw error;
    }
    let parsed: ManifestDoc;
    try {
      parsed = manifestSchema.parse(JSON.parse(text));
    } catch {
      throw new AppError(DownloadErrors.MANIFEST_CORRUPT, `The download manifest ${path} cannot be read`, {
        details: { path },
      });
    }
    return new Manifest(path, parsed, now);
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
    this.doc.elements[elementId] = { ...entry, verifiedAt: this.now().toISOString() };
    delete this.doc.infected[elementId];
    this.index(entry.instanceId, elementId);
    this.touch();
  }

  forget(elementId: string): void {
    if (!this.doc.elements[elementId]) return;
    delete this.doc.elements[elementId];
    this.touch();
  }

  recordInfected(elementId: string, instanceId: string, filename: string | null): void {
    this.doc.infected[elementId] = { instanceId, filename, reportedAt: this.now().toISOString() };
    this.touch();
  }

  recordConfirmed(instanceId: string): void {
    this.doc.confirmed[instanceId] = this.now().toISOString();
    this.touch();
  }

  /** Write now (and wait): before a confirm, and at the end of a job. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing
      .catch(() => {})
      .then(async () => {
        if (!this.dirty) return;
        this.dirty = false;
        try {
          await writeFileAtomic(this.path, `${JSON.stringify(this.doc)}\n`, 0o644);
        } catch (error) {
          this.dirty = true;
          throw error;
        }
      });
    return this.writing;
  }

  private touch(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(() => {
        // The next flush (at the latest the job's last) reports the error.
      });
    }, FLUSH_DELAY_MS);
    this.timer.unref?.();
  }

  private index(instanceId: string, elementId: string): void {
    let set = this.byInstance.get(instanceId);
    if (!set) {
      set = new Set();
      this.byInstance.set(instanceId, set);
    }
    set.add(elementId);
  }
}

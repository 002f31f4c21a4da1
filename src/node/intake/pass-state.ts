import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { PassRecord, WatchStop } from '../../common/contract/intake';
import { watchSelectionSchema } from '../../common/contract/intake';
import { AppError } from '../../common/errors/app-error';
import { DownloadErrors } from '../../common/errors/download-errors';
import { IntakeErrors } from '../../common/errors/intake-errors';
import { FolderLock } from '../downloads/folder-lock';
import { JsonDocumentStore } from '../platform/json-document-store';
import { type WatchIdentity, watchKey } from './watch-key';

/**
 * What a watch's passes remember between runs and restarts, in `<home>/intake/<key>/state.json`
 * (watch-key.ts): the high-water mark, the instances to try again by id, failures in a row, why it stopped,
 * and the history. Written atomically (json-document-store.ts) and only by the process holding the key's
 * lock (`<home>/intake/<key>/.mpd-download.lock`, the download folder lock's mechanism: a crashed holder on
 * this machine is taken over), so the app and a scheduled `mpd sync` never interleave their passes.
 */
export const STATE_VERSION = 1;
export const HISTORY_LIMIT = 100;

const retrySchema = z.object({
  id: z.string(),
  attempts: z.number().int().nonnegative(),
  since: z.string(),
  code: z.string().optional(),
  message: z.string().optional(),
});

const errorSchema = z.looseObject({ code: z.string(), message: z.string() });

const stopSchema = z.object({
  at: z.string(),
  error: errorSchema,
  doctor: z.array(z.looseObject({ id: z.string(), status: z.string(), detail: z.string() })).optional(),
});

/** History entries are ours; the core is checked, the rest kept as written (newer fields survive). */
const recordSchema = z.looseObject({
  id: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  outcome: z.string(),
});

const stateSchema = z.object({
  version: z.literal(STATE_VERSION),
  watch: z.object({
    profileId: z.string(),
    appId: z.string(),
    target: z.string(),
    selection: watchSelectionSchema,
  }),
  /** The newest `lastChanged` of a fully listed pass, exactly as Storage wrote it (storage-time.ts). */
  mark: z.string().optional(),
  retry: z.array(retrySchema),
  consecutiveFailures: z.number().int().nonnegative(),
  lastPassAt: z.string().optional(),
  stop: stopSchema.optional(),
  history: z.array(recordSchema),
});

export type RetryEntry = z.infer<typeof retrySchema>;

export interface PassState {
  version: typeof STATE_VERSION;
  watch: WatchIdentity;
  mark?: string;
  retry: RetryEntry[];
  consecutiveFailures: number;
  lastPassAt?: string;
  stop?: WatchStop;
  history: PassRecord[];
}

export class PassStateStore {
  readonly key: string;
  readonly folder: string;
  private readonly store: JsonDocumentStore<z.infer<typeof stateSchema>>;

  constructor(
    home: string,
    private readonly identity: WatchIdentity,
  ) {
    this.key = watchKey(identity);
    this.folder = join(home, 'intake', this.key);
    this.store = new JsonDocumentStore(join(this.folder, 'state.json'), stateSchema, () => ({
      version: STATE_VERSION,
      watch: { ...identity },
      retry: [],
      consecutiveFailures: 0,
      history: [],
    }));
  }

  get path(): string {
    return this.store.filePath;
  }

  async read(): Promise<PassState> {
    try {
      return (await this.store.read()) as unknown as PassState;
    } catch (error) {
      if (error instanceof AppError && error.code === 'SETTINGS_CORRUPT') {
        throw new AppError(IntakeErrors.STATE_CORRUPT, error.message, { details: { path: this.path } });
      }
      throw error;
    }
  }

  /** Only while holding the lock (lock()). */
  async write(state: PassState): Promise<void> {
    await this.store.write({ ...state, watch: { ...this.identity } } as unknown as z.infer<typeof stateSchema>);
  }

  /**
   * This watch's passes, one at a time across processes: resolves to the release function, or throws
   * INTAKE_PASS_BUSY naming the other holder.
   */
  async lock(now: () => Date): Promise<() => Promise<void>> {
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    try {
      const lock = await FolderLock.acquire(this.folder, now);
      return () => lock.release();
    } catch (error) {
      if (error instanceof AppError && error.code === DownloadErrors.TARGET_BUSY) {
        const who = error.details ?? {};
        throw new AppError(
          IntakeErrors.PASS_BUSY,
          `Another pass of this intake is running (process ${who.pid ?? '?'} on ${who.host ?? '?'}). If none is, delete ${who.lock ?? join(this.folder, '.mpd-download.lock')}.`,
          { details: who },
        );
      }
      throw error;
    }
  }
}

/** Newest first; a run of quiet passes (nothing new, skipped) with the same outcome is one record. */
export function addToHistory(history: PassRecord[], record: PassRecord): PassRecord[] {
  const [latest, ...rest] = history;
  const quiet = record.outcome === 'nothing-new' || record.outcome === 'skipped';
  if (latest && quiet && latest.outcome === record.outcome) {
    const merged: PassRecord = {
      ...record,
      startedAt: latest.startedAt,
      listRequests: latest.listRequests + record.listRequests,
      repeats: (latest.repeats ?? 1) + 1,
    };
    return [merged, ...rest];
  }
  return [record, ...history].slice(0, HISTORY_LIMIT);
}

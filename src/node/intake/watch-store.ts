import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import {
  type CloseBehaviour,
  closeBehaviourSchema,
  type IntakeSettings,
  type Watch,
  type WatchSpec,
  watchSelectionSchema,
} from '../../common/contract/intake';
import { AppError } from '../../common/errors/app-error';
import { IntakeErrors } from '../../common/errors/intake-errors';
import { JsonDocumentStore } from '../platform/json-document-store';
import { watchKey } from './watch-key';

/**
 * The app's watches and the intake settings, in `<home>/intake/watches.json` (versioned, atomic writes).
 * What their passes remember (mark, retry list, history) is per watch key in pass-state.ts, shared with
 * `mpd sync` runs of the same watch.
 */
const watchSchema = z.object({
  id: z.string(),
  profileId: z.string(),
  appId: z.string(),
  target: z.string(),
  selection: watchSelectionSchema,
  confirm: z.boolean(),
  intervalMinutes: z.number().int().positive(),
  concurrency: z.number().int().min(1).max(16),
  paused: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  productionConfirmedAt: z.string().optional(),
  resumedAt: z.string().optional(),
});

const fileSchema = z.object({
  version: z.literal(1),
  whenWindowCloses: closeBehaviourSchema,
  watches: z.array(watchSchema),
});

type WatchesFile = z.infer<typeof fileSchema>;

export class WatchStore {
  private readonly store: JsonDocumentStore<WatchesFile>;

  constructor(
    home: string,
    private readonly now: () => Date,
  ) {
    this.store = new JsonDocumentStore(join(home, 'intake', 'watches.json'), fileSchema, () => ({
      version: 1 as const,
      whenWindowCloses: 'ask' as const,
      watches: [],
    }));
  }

  async list(): Promise<Watch[]> {
    return (await this.store.read()).watches;
  }

  async get(id: string): Promise<Watch> {
    const watch = (await this.list()).find((w) => w.id === id);
    if (!watch) throw new AppError(IntakeErrors.WATCH_NOT_FOUND, `No intake ${id}`);
    return watch;
  }

  async add(spec: WatchSpec, extra: { paused?: boolean; productionConfirmed?: boolean } = {}): Promise<Watch> {
    const at = this.now().toISOString();
    const watch: Watch = {
      ...spec,
      id: randomUUID(),
      paused: extra.paused ?? false,
      createdAt: at,
      updatedAt: at,
      ...(extra.productionConfirmed ? { productionConfirmedAt: at } : {}),
    };
    await this.store.update((file) => {
      assertUnique(file.watches, watch);
      return { ...file, watches: [...file.watches, watch] };
    });
    return watch;
  }

  /** Change a watch; `change` returns the new one from the current one (read inside the same update). */
  async update(id: string, change: (current: Watch) => Watch): Promise<Watch> {
    let next: Watch | undefined;
    await this.store.update((file) => {
      const current = file.watches.find((w) => w.id === id);
      if (!current) throw new AppError(IntakeErrors.WATCH_NOT_FOUND, `No intake ${id}`);
      next = { ...change(current), id, updatedAt: this.now().toISOString() };
      assertUnique(
        file.watches.filter((w) => w.id !== id),
        next,
      );
      return { ...file, watches: file.watches.map((w) => (w.id === id ? (next as Watch) : w)) };
    });
    return next as Watch;
  }

  async remove(id: string): Promise<Watch> {
    let removed: Watch | undefined;
    await this.store.update((file) => {
      removed = file.watches.find((w) => w.id === id);
      if (!removed) throw new AppError(IntakeErrors.WATCH_NOT_FOUND, `No intake ${id}`);
      return { ...file, watches: file.watches.filter((w) => w.id !== id) };
    });
    return removed as Watch;
  }

  async settings(): Promise<IntakeSettings> {
    return { whenWindowCloses: (await this.store.read()).whenWindowCloses };
  }

  async updateSettings(whenWindowCloses: CloseBehaviour): Promise<IntakeSettings> {
    const next = await this.store.update((file) => ({ ...file, whenWindowCloses }));
    return { whenWindowCloses: next.whenWindowCloses };
  }
}

/** Two watches with one key would share one mark and take turns on one folder: one is enough. */
function assertUnique(others: Watch[], watch: Watch): void {
  const key = watchKey(watch);
  if (others.some((w) => watchKey(w) === key)) {
    throw new AppError(
      IntakeErrors.WATCH_EXISTS,
      `An intake of ${watch.appId} into ${watch.target} with the same profile and selection exists`,
    );
  }
}

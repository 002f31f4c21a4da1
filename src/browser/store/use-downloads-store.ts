import { create } from 'zustand';
import type {
  DownloadJobDetail,
  DownloadJobSummary,
  DownloadProgress,
  DownloadStartInput,
} from '../../common/contract/downloads';
import { type ApiError, call, onEvent } from '../api';
import { asApiError } from './as-api-error';
import { idle, type Loadable, type LoadableSlot, load, slot } from './load-state';

export type JobAction = 'cancel' | 'retry' | 'open';

export interface DownloadsState {
  /** Newest first. The jobs live in main: a reloaded window gets them back from `downloads:list`. */
  jobs: Loadable<DownloadJobSummary[]>;
  details: Record<string, Loadable<DownloadJobDetail | undefined>>;
  pending: Record<string, JobAction | undefined>;
  actionError?: { jobId: string; error: ApiError };

  load(): Promise<void>;
  /** Follow `downloads:progress` (once per window; both views call it). */
  listen(): void;
  applyProgress(progress: DownloadProgress): void;
  /** The native folder dialog in main (main writes only where the person picked); null when cancelled. */
  chooseFolder(): Promise<string | null>;
  /** Start a download job in main; it joins the list at once. */
  start(input: DownloadStartInput): Promise<DownloadJobSummary>;
  loadDetail(jobId: string): Promise<void>;
  cancel(jobId: string): Promise<void>;
  retryFailed(jobId: string): Promise<void>;
  openFolder(jobId: string): Promise<void>;
}

function newestFirst(jobs: DownloadJobSummary[]): DownloadJobSummary[] {
  return [...jobs].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

let unsubscribe: (() => void) | undefined;

export const useDownloadsStore = create<DownloadsState>()((set, get) => {
  function upsert(job: DownloadJobSummary) {
    const jobs = get().jobs;
    const others = jobs.value.filter((j) => j.jobId !== job.jobId);
    set({ jobs: { ...jobs, value: newestFirst([...others, job]) } });
  }

  function detailSlot(jobId: string): LoadableSlot<DownloadJobDetail | undefined> {
    return {
      get: () => get().details[jobId] ?? idle(undefined),
      set: (next) => set({ details: { ...get().details, [jobId]: next } }),
    };
  }

  async function act(jobId: string, action: JobAction, run: () => Promise<DownloadJobSummary | undefined>) {
    set({ pending: { ...get().pending, [jobId]: action }, actionError: undefined });
    try {
      const job = await run();
      if (job) upsert(job);
    } catch (error) {
      set({ actionError: { jobId, error: asApiError(error) } });
    } finally {
      set({ pending: { ...get().pending, [jobId]: undefined } });
    }
  }

  return {
    jobs: idle([]),
    details: {},
    pending: {},

    async load() {
      // Progress events call this too: a list already shown stays while it is read again.
      await load(slot(set, get, 'jobs'), async () => newestFirst(await call('downloads:list')), { refresh: true });
    },

    listen() {
      if (unsubscribe) return;
      try {
        unsubscribe = onEvent('downloads:progress', (p) => useDownloadsStore.getState().applyProgress(p));
      } catch {
        // No bridge (a page outside the app): there is nothing to follow.
      }
    },

    applyProgress(progress) {
      const job = get().jobs.value.find((j) => j.jobId === progress.jobId);
      if (!job) {
        // Started elsewhere (or before this window loaded): the list has the rest of its summary.
        void get().load();
        return;
      }
      upsert({ ...job, ...progress });
      if (job.state === 'running' && progress.state !== 'running') {
        // The end carries `endedAt` and any job error, which progress events do not: read the summary.
        void get().load();
        if (get().details[progress.jobId]) void get().loadDetail(progress.jobId);
      }
    },

    async chooseFolder() {
      return (await call('downloads:choose-folder')).folder;
    },

    async start(input) {
      const job = await call('downloads:start', input);
      upsert(job);
      return job;
    },

    async loadDetail(jobId) {
      await load(detailSlot(jobId), () => call('downloads:get', { jobId }));
    },

    cancel(jobId) {
      return act(jobId, 'cancel', () => call('downloads:cancel', { jobId }));
    },

    retryFailed(jobId) {
      return act(jobId, 'retry', async () => {
        const job = await call('downloads:retry-failed', { jobId });
        // The old problem list no longer holds; it is read again when opened.
        set({ details: Object.fromEntries(Object.entries(get().details).filter(([id]) => id !== jobId)) });
        return job;
      });
    },

    openFolder(jobId) {
      return act(jobId, 'open', async () => {
        await call('downloads:open-folder', { jobId });
        return undefined;
      });
    },
  };
});

import { create } from 'zustand';
import type { DownloadJobDetail, DownloadJobSummary, DownloadProgress } from '../../common/contract/downloads';
import { type ApiError, call, onEvent } from '../api';
import { asApiError } from './as-api-error';
import type { LoadState } from './use-app-store';

export type JobAction = 'cancel' | 'retry' | 'open';

export interface JobDetailState {
  status: LoadState;
  detail?: DownloadJobDetail;
  error?: ApiError;
}

export interface DownloadsState {
  status: LoadState;
  error?: ApiError;
  /** Newest first. The jobs live in main: a reloaded window gets them back from `downloads:list`. */
  jobs: DownloadJobSummary[];
  details: Record<string, JobDetailState>;
  pending: Record<string, JobAction | undefined>;
  actionError?: { jobId: string; error: ApiError };

  load(): Promise<void>;
  /** Follow `downloads:progress` (once per window; both views call it). */
  listen(): void;
  applyProgress(progress: DownloadProgress): void;
  /** A job this window just started. */
  added(job: DownloadJobSummary): void;
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
    const others = get().jobs.filter((j) => j.jobId !== job.jobId);
    set({ jobs: newestFirst([...others, job]) });
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
    status: 'idle',
    jobs: [],
    details: {},
    pending: {},

    async load() {
      if (get().status !== 'ready') set({ status: 'loading', error: undefined });
      try {
        set({ jobs: newestFirst(await call('downloads:list')), status: 'ready', error: undefined });
      } catch (error) {
        set({ status: 'failed', error: asApiError(error) });
      }
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
      const job = get().jobs.find((j) => j.jobId === progress.jobId);
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

    added(job) {
      upsert(job);
    },

    async loadDetail(jobId) {
      const previous = get().details[jobId];
      set({ details: { ...get().details, [jobId]: { ...previous, status: 'loading', error: undefined } } });
      try {
        const detail = await call('downloads:get', { jobId });
        set({ details: { ...get().details, [jobId]: { status: 'ready', detail } } });
      } catch (error) {
        set({ details: { ...get().details, [jobId]: { status: 'failed', error: asApiError(error) } } });
      }
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

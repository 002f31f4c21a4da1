import { create } from 'zustand';
import type { SendFile, UnfinishedSend } from '../../common/contract/bulk-send';
import type { SendJobDetail, SendJobSummary, SendPlanView } from '../../common/contract/bulk-send-types';
import type { Profile } from '../../common/schemas/profile';
import { type ApiError, call, handlesForDroppedFiles, onEvent } from '../api';
import { asApiError } from './as-api-error';
import { idle, type Loadable, load, slot } from './load-state';
import { profilesWithApps } from './profiles-with-apps';
import { useAppStore } from './use-app-store';
import { useInstancesStore } from './use-instances-store';

/**
 * The bulk send ("Utsendelse", issue 22): choose profile, app and spreadsheet; main reads and checks it
 * (`send:plan`, a dry run); send it as a job in main (`send:start`), followed by `send:progress`. The job lives
 * in main: a reopened window finds it again with `send:list`, and an unfinished send of an earlier session is
 * opened again from its journal (`send:unfinished`, `send:reopen`).
 */
export interface SendState {
  environmentId?: string;
  profiles: Loadable<Profile[]>;
  profileId?: string;
  appId?: string;
  file?: { fileId: string; fileName: string };
  batch: string;
  plan: Loadable<SendPlanView | undefined>;
  /** The send on screen (the newest of this window's environment, or the one just started). */
  jobId?: string;
  jobs: SendJobSummary[];
  detail: Loadable<SendJobDetail | undefined>;
  unfinished: Loadable<UnfinishedSend[]>;
  actionError?: ApiError;
  exported?: string;
  busy?: 'file' | 'start' | 'pause' | 'resume' | 'cancel' | 'export';

  loadProfiles(environmentId: string): Promise<void>;
  selectProfile(profileId: string): void;
  selectApp(appId: string): void;
  setBatch(batch: string): void;
  chooseFile(): Promise<void>;
  dropFile(file: File): Promise<void>;
  replan(): Promise<void>;
  start(confirmProduction: boolean): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  cancel(): Promise<void>;
  exportReport(): Promise<void>;
  loadJobs(): Promise<void>;
  listen(): void;
  loadDetail(): Promise<void>;
  reopen(journalId: string): Promise<void>;
  newSend(): void;
  openInstance(instanceId: string): Promise<void>;
}

let unsubscribe: (() => void) | undefined;
let generation = 0;

export const useSendStore = create<SendState>()((set, get) => {
  async function takeFile(picked: SendFile) {
    if (!picked.fileId) return;
    set({
      file: { fileId: picked.fileId, fileName: picked.fileName ?? '' },
      jobId: undefined,
      detail: idle(undefined),
      exported: undefined,
    });
    await get().replan();
  }

  async function act(what: NonNullable<SendState['busy']>, run: () => Promise<void>) {
    set({ busy: what, actionError: undefined });
    try {
      await run();
    } catch (error) {
      set({ actionError: asApiError(error) });
    } finally {
      set({ busy: undefined });
    }
  }

  function upsert(job: SendJobSummary) {
    const others = get().jobs.filter((j) => j.jobId !== job.jobId);
    set({ jobs: [job, ...others].sort((a, b) => b.startedAt.localeCompare(a.startedAt)) });
  }

  return {
    profiles: idle([]),
    batch: '',
    plan: idle(undefined),
    jobs: [],
    detail: idle(undefined),
    unfinished: idle([]),

    async loadProfiles(environmentId) {
      const changed = environmentId !== get().environmentId;
      if (changed) {
        generation++;
        set({
          environmentId,
          profiles: idle([]),
          profileId: undefined,
          appId: undefined,
          plan: idle(undefined),
          file: undefined,
        });
      }
      await load(slot(set, get, 'profiles'), () => profilesWithApps(environmentId), {
        isCurrent: () => environmentId === get().environmentId,
      });
      const profiles = get().profiles.value;
      if (!get().profileId && profiles.length === 1) get().selectProfile(profiles[0]?.id as string);
      void load(slot(set, get, 'unfinished'), () => call('send:unfinished'), { refresh: true });
    },

    selectProfile(profileId) {
      const profile = get().profiles.value.find((p) => p.id === profileId);
      set({ profileId, appId: profile?.apps.length === 1 ? profile.apps[0] : undefined, plan: idle(undefined) });
      if (get().appId && get().file) void get().replan();
    },

    selectApp(appId) {
      set({ appId, plan: idle(undefined) });
      if (get().file) void get().replan();
    },

    setBatch(batch) {
      set({ batch });
    },

    async chooseFile() {
      await act('file', async () => takeFile(await call('send:choose-file')));
    },

    async dropFile(file) {
      await act('file', async () => {
        const picked = (await handlesForDroppedFiles([file], 'send-sheet'))?.[0];
        if (picked) takeFile(await call('send:use-file', { file: picked.handle }));
      });
    },

    async replan() {
      const { profileId, appId, file, batch } = get();
      if (!profileId || !appId || !file) return;
      const mine = ++generation;
      await load(
        slot(set, get, 'plan'),
        () =>
          call('send:plan', {
            profileId,
            appId,
            fileId: file.fileId,
            ...(batch.trim() ? { batch: batch.trim() } : {}),
          }),
        { isCurrent: () => mine === generation },
      );
    },

    async start(confirmProduction) {
      const { profileId, appId, file, batch } = get();
      if (!profileId || !appId || !file) return;
      await act('start', async () => {
        const job = await call('send:start', {
          profileId,
          appId,
          fileId: file.fileId,
          ...(batch.trim() ? { batch: batch.trim() } : {}),
          ...(confirmProduction ? { confirmProduction: true } : {}),
        });
        upsert(job);
        set({ jobId: job.jobId });
      });
    },

    async pause() {
      const jobId = get().jobId;
      if (jobId) await act('pause', async () => upsert(await call('send:pause', { jobId })));
    },

    async resume() {
      const jobId = get().jobId;
      if (jobId) await act('resume', async () => upsert(await call('send:resume', { jobId })));
    },

    async cancel() {
      const jobId = get().jobId;
      if (jobId) await act('cancel', async () => upsert(await call('send:cancel', { jobId })));
    },

    async exportReport() {
      const jobId = get().jobId;
      if (!jobId) return;
      await act('export', async () => {
        const { path } = await call('send:export-report', { jobId });
        if (path) set({ exported: path });
      });
    },

    async loadJobs() {
      const jobs = await call('send:list').catch(() => [] as SendJobSummary[]);
      set({ jobs: jobs.sort((a, b) => b.startedAt.localeCompare(a.startedAt)) });
      // A reopened window shows the running send (the job lives in main).
      if (!get().jobId) {
        const running = get().jobs.find((j) => !j.endedAt);
        if (running) {
          set({ jobId: running.jobId, profileId: running.profileId, appId: running.appId });
          void get().loadDetail();
        }
      }
    },

    listen() {
      if (unsubscribe) return;
      try {
        unsubscribe = onEvent('send:progress', (p) => {
          const s = useSendStore.getState();
          const known = s.jobs.find((j) => j.jobId === p.jobId);
          upsert({ ...known, ...p });
          if (p.jobId === s.jobId && p.endedAt) void s.loadDetail();
        });
      } catch {
        // No bridge (unit tests): no live progress.
      }
    },

    async loadDetail() {
      const jobId = get().jobId;
      if (!jobId) return;
      await load(slot(set, get, 'detail'), () => call('send:get', { jobId }), { refresh: true });
    },

    async reopen(journalId) {
      await act('file', async () => {
        const opened = await call('send:reopen', { journalId });
        set({
          ...(opened.profileId ? { profileId: opened.profileId } : {}),
          appId: opened.appId,
          batch: opened.batch ?? '',
        });
        await takeFile(opened);
      });
    },

    newSend() {
      set({
        jobId: undefined,
        detail: idle(undefined),
        file: undefined,
        plan: idle(undefined),
        exported: undefined,
        actionError: undefined,
      });
    },

    async openInstance(instanceId) {
      const { profileId, appId, environmentId } = get();
      if (!profileId || !appId || !environmentId) return;
      const instances = useInstancesStore.getState();
      await instances.loadProfiles(environmentId);
      useInstancesStore.getState().selectProfile(profileId);
      useInstancesStore.getState().selectApp(appId);
      await useInstancesStore.getState().search();
      useAppStore.getState().navigate('instances');
      await useInstancesStore.getState().openDetail(instanceId);
    },
  };
});

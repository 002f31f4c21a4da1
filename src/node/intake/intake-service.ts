import { isAbsolute, resolve } from 'node:path';
import type { Language } from '../../common/contract/app';
import type {
  CloseBehaviour,
  IntakeSettings,
  PassProgress,
  PassRecord,
  Watch,
  WatchChange,
  WatchSpec,
  WatchState,
  WatchView,
} from '../../common/contract/intake';
import type { DoctorReport, DoctorRow } from '../../common/contract/token-status';
import { AppError } from '../../common/errors/app-error';
import { DownloadErrors } from '../../common/errors/download-errors';
import type { Profile } from '../../common/schemas/profile';
import { requireProductionConfirm } from '../downloads/confirm';
import { DownloadManager, type DownloadManagerOptions } from '../downloads/download-manager';
import { instanceFolder } from '../downloads/folder-layout';
import type { Environment } from '../environments/environments';
import { confirmInMainOrRefuse } from '../platform/confirm-in-main';
import type { Desktop } from '../platform/desktop';
import type { EventBus } from '../platform/event-bus';
import type { Logger } from '../platform/log';
import type { StorageContext } from '../storage/storage-context';
import { newSubmissionsNotice, stoppedNotice } from './intake-notices';
import { type PassState, PassStateStore } from './pass-state';
import { IntakeScheduler, isStopped, type Timers, type WatchRuntime } from './scheduler';
import { type PassDeps, type PassRequest, type PassResult, runPass } from './sync-pass';
import { WatchStore } from './watch-store';

export interface IntakeDeps {
  home: string;
  storageFor(profileId: string): Promise<StorageContext>;
  profiles: { get(id: string): Promise<Profile> };
  environments: { get(id: string): Promise<Environment> };
  doctor(profileId: string): Promise<DoctorReport>;
  desktop: Desktop;
  events: EventBus;
  language(): Promise<Language>;
  now: () => Date;
  log?: Logger;
  /** For the download jobs of the passes (tests shorten retries and timeouts). */
  downloads?: Partial<Omit<DownloadManagerOptions, 'storageFor' | 'now' | 'log'>>;
  timers?: Timers;
}

/**
 * Intake (issue 12) as the app, the handlers and `mpd sync` use it: the watches (watch-store.ts), one pass
 * (sync-pass.ts), the scheduler that runs them while the app runs (scheduler.ts), and the OS notification
 * when a pass brought something. The passes have their own DownloadManager: their jobs are not the
 * Downloads view's, and the download notification does not fire for them (this one does instead).
 */
export function createIntakeService(deps: IntakeDeps) {
  const store = new WatchStore(deps.home, deps.now);
  const downloads = new DownloadManager({
    ...deps.downloads,
    storageFor: deps.storageFor,
    now: deps.now,
    log: deps.log,
  });
  const passDeps: PassDeps = {
    home: deps.home,
    storageFor: deps.storageFor,
    downloads,
    now: deps.now,
    log: deps.log,
    explain: async (profileId) => failingRows(await deps.doctor(profileId)),
  };
  const stateOf = (watch: Pick<Watch, 'profileId' | 'appId' | 'target' | 'selection'>) =>
    new PassStateStore(deps.home, watch).read();
  /** Watch targets, for the window's folder trust (a synchronous question). */
  let targets: string[] = [];
  const cached = new Map<string, WatchView>();

  const scheduler = new IntakeScheduler({
    watches: async () => {
      const list = await store.list();
      targets = list.map((w) => resolve(w.target));
      return list;
    },
    stateOf,
    runPass: async (watch, signal, onProgress) =>
      runPass(passDeps, {
        spec: watch,
        confirmProduction: watch.productionConfirmedAt !== undefined,
        by: 'app',
        signal,
        onProgress,
      }),
    onChange: (watchId, runtime) => emitInOrder(watchId, runtime),
    onPassEnd: (watch, result) => void notify(watch, result),
    now: deps.now,
    timers: deps.timers,
    log: deps.log,
  });

  async function view(watch: Watch, runtime: WatchRuntime = scheduler.runtime(watch.id)): Promise<WatchView> {
    let profile: Profile | undefined;
    let environment: Environment | undefined;
    try {
      profile = await deps.profiles.get(watch.profileId);
      environment = await deps.environments.get(profile.environmentId);
    } catch {
      // A removed profile: the view says so (its next pass stops with PROFILE_NOT_FOUND).
    }
    const state = await stateOf(watch).catch(() => undefined);
    const stopped = state ? isStopped(watch, state) : false;
    const stateName: WatchState = runtime.running
      ? 'running'
      : watch.paused
        ? 'paused'
        : stopped
          ? 'stopped'
          : (state?.consecutiveFailures ?? 0) > 0
            ? 'backoff'
            : 'idle';
    const result: WatchView = {
      ...watch,
      ...(profile ? { profileName: profile.name, environmentId: profile.environmentId } : {}),
      production: environment?.production ?? false,
      status: {
        state: stateName,
        ...runtime,
        ...(state?.history[0] ? { lastPass: state.history[0] } : {}),
        ...(stopped && state?.stop ? { stop: state.stop } : {}),
        consecutiveFailures: state?.consecutiveFailures ?? 0,
        retryCount: state?.retry.length ?? 0,
      },
    };
    cached.set(watch.id, result);
    return result;
  }

  // One chain per watch: a view that needs the files read must not overtake a later one, or the window
  // could show "running" after the pass has ended.
  const emitting = new Map<string, Promise<void>>();
  function emitInOrder(watchId: string, runtime: WatchRuntime): void {
    const next = (emitting.get(watchId) ?? Promise.resolve())
      .then(() => emitView(watchId, runtime))
      .catch((error: unknown) => deps.log?.warn('intake view not sent', { watchId, error: String(error) }));
    emitting.set(watchId, next);
    void next.finally(() => {
      if (emitting.get(watchId) === next) emitting.delete(watchId);
    });
  }

  async function emitView(watchId: string, runtime: WatchRuntime): Promise<void> {
    const known = cached.get(watchId);
    // Progress comes a few times a second: patch the view shown last instead of reading the files again.
    if (known && runtime.running && known.status.state === 'running') {
      const next = { ...known, status: { ...known.status, ...runtime } };
      cached.set(watchId, next);
      deps.events.emit('intake:changed', next);
      return;
    }
    const watch = (await store.list()).find((w) => w.id === watchId);
    if (watch) deps.events.emit('intake:changed', await view(watch, runtime));
  }

  async function notify(watch: Watch, result: PassResult): Promise<void> {
    const lang = await deps.language().catch(() => 'nb' as const);
    const notice = newSubmissionsNotice(lang, watch, result.record);
    if (notice) deps.desktop.notify(notice.title, notice.body);
    const stop = result.state?.stop;
    if (stop && result.state && isStopped(watch, result.state) && stop.at >= result.record.startedAt) {
      const n = stoppedNotice(lang, watch, stop);
      deps.desktop.notify(n.title, n.body);
    }
  }

  /**
   * A production watch that confirms needs the person's explicit yes (issue 12, item 3): the window's, then
   * main's own dialog (issue 17, finding 4) when the yes is new (`alreadyYes`: one given for this profile
   * still holds). Its passes then confirm unattended on that yes.
   */
  async function productionYes(spec: WatchSpec, yes: boolean | undefined, alreadyYes = false): Promise<boolean> {
    const profile = await deps.profiles.get(spec.profileId);
    const environment = await deps.environments.get(profile.environmentId);
    if (spec.confirm) requireProductionConfirm(environment.production, yes);
    const production = environment.production && spec.confirm;
    if (production && !alreadyYes) {
      await confirmInMainOrRefuse(
        { desktop: deps.desktop, language: deps.language, logger: deps.log },
        {
          environment,
          question: 'confirm.questionIntakeConfirm',
          params: { app: spec.appId },
          confirmLabel: 'confirm.yesIntakeConfirm',
          facts: [
            ['confirm.factProfile', profile.name],
            ['confirm.factClient', profile.clientId],
            ['confirm.factApp', spec.appId],
            ['confirm.factFolder', spec.target],
          ],
          notes: ['confirm.noteConfirmDeletes'],
        },
      );
    }
    return production;
  }

  function checkTarget(target: string): void {
    if (!isAbsolute(target)) {
      throw new AppError(DownloadErrors.TARGET_INVALID, `The intake folder must be an absolute path: ${target}`);
    }
  }

  return {
    scheduler,

    async list(): Promise<WatchView[]> {
      const watches = await store.list();
      targets = watches.map((w) => resolve(w.target));
      return Promise.all(watches.map((w) => view(w)));
    },

    async get(watchId: string): Promise<WatchView> {
      return view(await store.get(watchId));
    },

    async create(spec: WatchSpec, options: { confirmProduction?: boolean; paused?: boolean } = {}): Promise<WatchView> {
      checkTarget(spec.target);
      const normalized = { ...spec, target: resolve(spec.target) };
      const productionConfirmed = await productionYes(normalized, options.confirmProduction);
      const watch = await store.add(normalized, { paused: options.paused, productionConfirmed });
      await scheduler.plan(watch.id);
      return view(watch);
    },

    async update(watchId: string, change: WatchChange, confirmProduction?: boolean): Promise<WatchView> {
      const current = await store.get(watchId);
      const next: WatchSpec = { ...current, ...change };
      if (change.target) {
        checkTarget(change.target);
        next.target = resolve(change.target);
      }
      // A yes given for this profile and confirm still holds; a new profile or turning confirm on asks again.
      const stillYes = current.productionConfirmedAt !== undefined && current.profileId === next.profileId;
      const production = await productionYes(next, confirmProduction ?? (stillYes ? true : undefined), stillYes);
      const watch = await store.update(watchId, (w) => {
        const { productionConfirmedAt: _old, ...rest } = w;
        return {
          ...rest,
          ...next,
          ...(production
            ? { productionConfirmedAt: stillYes ? w.productionConfirmedAt : deps.now().toISOString() }
            : {}),
        };
      });
      await scheduler.plan(watchId);
      return view(watch);
    },

    async remove(watchId: string): Promise<{ removed: string }> {
      await store.remove(watchId);
      scheduler.forget(watchId);
      cached.delete(watchId);
      targets = (await store.list()).map((w) => resolve(w.target));
      return { removed: watchId };
    },

    async pause(watchId: string): Promise<WatchView> {
      const watch = await store.update(watchId, (w) => ({ ...w, paused: true }));
      await scheduler.plan(watchId);
      return view(watch);
    },

    /** Un-pause, and lift a stop: the next pass is due at once (a person just fixed something). */
    async resume(watchId: string): Promise<WatchView> {
      const watch = await store.update(watchId, (w) => ({ ...w, paused: false, resumedAt: deps.now().toISOString() }));
      await scheduler.plan(watchId);
      const state = await stateOf(watch).catch(() => undefined);
      if (state && (state.stop || state.consecutiveFailures > 0) && scheduler.isStarted) void scheduler.run(watchId);
      return view(watch);
    },

    /** Start a pass now; the view says it is running, `intake:changed` follows it. */
    async runNow(watchId: string): Promise<WatchView> {
      await store.get(watchId);
      const done = scheduler.run(watchId);
      done.catch(() => {});
      return view(await store.get(watchId));
    },

    async history(watchId: string): Promise<PassRecord[]> {
      return (await stateOf(await store.get(watchId))).history;
    },

    /** The watch's folder, or the folder of one instance in it. */
    async folderOf(watchId: string, instanceId?: string): Promise<string> {
      const watch = await store.get(watchId);
      if (!instanceId) return watch.target;
      return instanceFolder(watch.target, { id: instanceId, appId: watch.appId } as Parameters<
        typeof instanceFolder
      >[1]);
    },

    settings(): Promise<IntakeSettings> {
      return store.settings();
    },

    updateSettings(whenWindowCloses: CloseBehaviour): Promise<IntakeSettings> {
      return store.updateSettings(whenWindowCloses);
    },

    /** Watches that would run if the app stayed open: neither paused nor stopped. */
    async activeCount(): Promise<number> {
      let n = 0;
      for (const watch of await store.list()) {
        if (watch.paused) continue;
        const state = await stateOf(watch).catch(() => undefined);
        if (!state || !isStopped(watch, state)) n++;
      }
      return n;
    },

    /** The folders the watches write to (for the window's folder trust). */
    targets(): string[] {
      return targets;
    },

    /** One pass of a watch given on the command line (`mpd sync`), sharing state with the app's same watch. */
    runOnce(request: PassRequest): Promise<PassResult> {
      return runPass(passDeps, request);
    },

    state(identity: Pick<Watch, 'profileId' | 'appId' | 'target' | 'selection'>): Promise<PassState> {
      return stateOf({ ...identity, target: resolve(identity.target) });
    },

    async progressOf(watchId: string): Promise<PassProgress | undefined> {
      return scheduler.runtime(watchId).running;
    },
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;

/** What the doctor found wrong (fail) or doubtful (warn): the rows that explain a stop. */
function failingRows(report: DoctorReport): DoctorRow[] {
  return report.rows.filter((r) => r.status === 'fail' || r.status === 'warn');
}

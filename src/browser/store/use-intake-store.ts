import { create } from 'zustand';
import type {
  CloseBehaviour,
  IntakeSettings,
  PassRecord,
  WatchChange,
  WatchSpecInput,
  WatchView,
} from '../../common/contract/intake';
import type { Profile } from '../../common/contract/profiles';
import { type ApiError, call, onEvent } from '../api';
import { asApiError } from './as-api-error';
import { idle, type Loadable, type LoadableSlot, load, slot } from './load-state';
import { profilesWithApps } from './profiles-with-apps';

export type WatchAction = 'run' | 'pause' | 'resume' | 'remove' | 'open';

export interface IntakeState {
  /** Every watch main runs (whatever environment the window shows), oldest first. */
  watches: Loadable<WatchView[]>;
  history: Record<string, Loadable<PassRecord[]>>;
  settings: Loadable<IntakeSettings | undefined>;
  /** The profiles with apps of the window's environment, for the watch dialog. */
  profiles: Loadable<Profile[]>;
  pending: Record<string, WatchAction | undefined>;
  actionError?: { watchId: string; error: ApiError };
  settingsError?: ApiError;

  load(): Promise<void>;
  /** Follow `intake:changed` (once per window). */
  listen(): void;
  apply(view: WatchView): void;
  loadProfiles(environmentId: string): Promise<void>;
  /** The native folder dialog in main (main writes only where the person picked); null when cancelled. */
  chooseFolder(): Promise<string | null>;
  /** Throws the ApiError for the dialog to show. */
  create(input: WatchSpecInput & { confirmProduction?: boolean }): Promise<WatchView>;
  update(watchId: string, change: WatchChange, confirmProduction?: boolean): Promise<WatchView>;
  runNow(watchId: string): Promise<void>;
  pause(watchId: string): Promise<void>;
  resume(watchId: string): Promise<void>;
  /** Throws the ApiError for the confirm dialog to show. */
  remove(watchId: string): Promise<void>;
  openFolder(watchId: string, instanceId?: string): Promise<void>;
  loadHistory(watchId: string): Promise<void>;
  loadSettings(): Promise<void>;
  setCloseBehaviour(value: CloseBehaviour): Promise<void>;
}

let unsubscribe: (() => void) | undefined;

export const useIntakeStore = create<IntakeState>()((set, get) => {
  function upsert(view: WatchView) {
    const watches = get().watches;
    const known = watches.value.some((w) => w.id === view.id);
    const value = known ? watches.value.map((w) => (w.id === view.id ? view : w)) : [...watches.value, view];
    set({ watches: { ...watches, value } });
  }

  function historySlot(watchId: string): LoadableSlot<PassRecord[]> {
    return {
      get: () => get().history[watchId] ?? idle([]),
      set: (next) => set({ history: { ...get().history, [watchId]: next } }),
    };
  }

  async function act(watchId: string, action: WatchAction, run: () => Promise<WatchView | undefined>) {
    set({ pending: { ...get().pending, [watchId]: action }, actionError: undefined });
    try {
      const view = await run();
      if (view) upsert(view);
    } catch (error) {
      set({ actionError: { watchId, error: asApiError(error) } });
    } finally {
      set({ pending: { ...get().pending, [watchId]: undefined } });
    }
  }

  return {
    watches: idle([]),
    history: {},
    settings: idle(undefined),
    profiles: idle([]),
    pending: {},

    async load() {
      await load(slot(set, get, 'watches'), () => call('intake:list'), { refresh: true });
    },

    listen() {
      if (unsubscribe) return;
      try {
        unsubscribe = onEvent('intake:changed', (view) => useIntakeStore.getState().apply(view));
      } catch {
        // No bridge (a page outside the app): there is nothing to follow.
      }
    },

    apply(view) {
      const before = get().watches.value.find((w) => w.id === view.id);
      upsert(view);
      // A pass ended: an open history gains its record.
      const ended = before?.status.state === 'running' && view.status.state !== 'running';
      if (ended && get().history[view.id]) void get().loadHistory(view.id);
    },

    async loadProfiles(environmentId) {
      await load(slot(set, get, 'profiles'), () => profilesWithApps(environmentId));
    },

    async chooseFolder() {
      return (await call('downloads:choose-folder')).folder;
    },

    async create(input) {
      const view = await call('intake:create', input);
      upsert(view);
      return view;
    },

    async update(watchId, change, confirmProduction) {
      const view = await call('intake:update', { watchId, change, confirmProduction });
      upsert(view);
      return view;
    },

    runNow(watchId) {
      return act(watchId, 'run', () => call('intake:run-now', { watchId }));
    },

    pause(watchId) {
      return act(watchId, 'pause', () => call('intake:pause', { watchId }));
    },

    resume(watchId) {
      return act(watchId, 'resume', () => call('intake:resume', { watchId }));
    },

    async remove(watchId) {
      await call('intake:remove', { watchId });
      const watches = get().watches;
      set({ watches: { ...watches, value: watches.value.filter((w) => w.id !== watchId) } });
    },

    openFolder(watchId, instanceId) {
      return act(watchId, 'open', async () => {
        await call('intake:open-folder', { watchId, ...(instanceId ? { instanceId } : {}) });
        return undefined;
      });
    },

    async loadHistory(watchId) {
      await load(historySlot(watchId), () => call('intake:history', { watchId }), { refresh: true });
    },

    async loadSettings() {
      await load(slot(set, get, 'settings'), () => call('intake:settings'));
    },

    async setCloseBehaviour(whenWindowCloses) {
      set({ settingsError: undefined });
      try {
        const settings = await call('intake:update-settings', { whenWindowCloses });
        set({ settings: { status: 'ready', value: settings } });
      } catch (error) {
        set({ settingsError: asApiError(error) });
      }
    },
  };
});

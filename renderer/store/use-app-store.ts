import { create } from 'zustand';
import type { AppInfo, EnvironmentSummary, Language } from '../../main/contracts/app';
import { ApiError, call } from '../api';

/** The tasks of the design (plus self-service clients, issue 7); each is one view under renderer/features/. */
export type ViewId = 'keys' | 'profiles' | 'clients' | 'token' | 'instances' | 'downloads';
export const viewIds: readonly ViewId[] = ['keys', 'profiles', 'clients', 'token', 'instances', 'downloads'];

export type LoadState = 'idle' | 'loading' | 'ready' | 'failed';

export interface AppState {
  status: LoadState;
  /** Why the start failed (settings or environments could not be read). */
  startError?: ApiError;
  language: Language;
  environmentId: string;
  environments: EnvironmentSummary[];
  view: ViewId;
  appInfo?: AppInfo;
  appInfoError?: ApiError;
  appInfoLoading: boolean;
  /** The last failed change of language or environment, shown until the next change. */
  changeError?: ApiError;
  switching: boolean;

  start(): Promise<void>;
  setLanguage(language: Language): Promise<void>;
  setEnvironment(environmentId: string): Promise<void>;
  navigate(view: ViewId): void;
  loadAppInfo(): Promise<void>;
  applySettings(settings: { language: Language; environmentId: string }): void;
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError({ code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });
}

export const useAppStore = create<AppState>()((set, get) => ({
  status: 'idle',
  language: 'nb',
  environmentId: 'tt02',
  environments: [],
  view: 'keys',
  appInfoLoading: false,
  switching: false,

  async start() {
    set({ status: 'loading', startError: undefined });
    try {
      const [settings, environments] = await Promise.all([call('settings:get'), call('environments:list')]);
      set({ ...settings, environments, status: 'ready' });
    } catch (error) {
      set({ status: 'failed', startError: asApiError(error) });
    }
  },

  async setLanguage(language) {
    if (language === get().language) return;
    const previous = get().language;
    // Show the new language at once; the settings file follows (and wins if it disagrees).
    set({ language, changeError: undefined });
    try {
      get().applySettings(await call('settings:update', { language }));
    } catch (error) {
      set({ language: previous, changeError: asApiError(error) });
    }
  },

  async setEnvironment(environmentId) {
    if (environmentId === get().environmentId) return;
    // The environment changes only once main has accepted it: the markers must never claim an
    // environment the services are not using.
    set({ switching: true, changeError: undefined });
    try {
      get().applySettings(await call('settings:update', { environmentId }));
      set({ switching: false });
    } catch (error) {
      set({ switching: false, changeError: asApiError(error) });
    }
  },

  navigate(view) {
    set({ view });
  },

  async loadAppInfo() {
    set({ appInfoLoading: true, appInfoError: undefined });
    try {
      set({ appInfo: await call('app:info'), appInfoLoading: false });
    } catch (error) {
      set({ appInfoLoading: false, appInfoError: asApiError(error) });
    }
  },

  applySettings({ language, environmentId }) {
    set({ language, environmentId });
  },
}));

/** The environment the window works against, or undefined before the list has loaded. */
export function selectEnvironment(state: AppState): EnvironmentSummary | undefined {
  return state.environments.find((e) => e.id === state.environmentId);
}

import { create } from 'zustand';
import type { AppInfo, EnvironmentSummary, Language } from '../../common/contract/app';
import { type ApiError, call } from '../api';
import { asApiError } from './as-api-error';

/** The tasks of the design (plus self-service clients, issue 7); each is one view under src/browser/features/. */
export type ViewId = 'keys' | 'profiles' | 'clients' | 'systems' | 'token' | 'instances' | 'downloads';
export const viewIds: readonly ViewId[] = ['keys', 'profiles', 'clients', 'systems', 'token', 'instances', 'downloads'];

export type LoadState = 'idle' | 'loading' | 'ready' | 'failed';

/**
 * The kinds of production action that ask once per session (issue 5, item 9). Each kind asks on its own:
 * saving a profile is not the same yes as fetching a token that reaches real data.
 */
export type ProductionScope = 'profiles' | 'token';

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
  /**
   * Production environments the person has said yes to in this session (this window's life), per kind of
   * action, so the question comes once per session, not before every save or request.
   */
  productionConfirmed: Record<ProductionScope, string[]>;

  start(): Promise<void>;
  setLanguage(language: Language): Promise<void>;
  setEnvironment(environmentId: string): Promise<void>;
  navigate(view: ViewId): void;
  loadAppInfo(): Promise<void>;
  applySettings(settings: { language: Language; environmentId: string }): void;
  confirmProduction(scope: ProductionScope, environmentId: string): void;
}

export const useAppStore = create<AppState>()((set, get) => ({
  status: 'idle',
  language: 'nb',
  environmentId: 'tt02',
  environments: [],
  view: 'keys',
  appInfoLoading: false,
  switching: false,
  productionConfirmed: { profiles: [], token: [] },

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

  confirmProduction(scope, environmentId) {
    const confirmed = get().productionConfirmed;
    if (!confirmed[scope].includes(environmentId)) {
      set({ productionConfirmed: { ...confirmed, [scope]: [...confirmed[scope], environmentId] } });
    }
  },
}));

/** The environment the window works against, or undefined before the list has loaded. */
export function selectEnvironment(state: AppState): EnvironmentSummary | undefined {
  return state.environments.find((e) => e.id === state.environmentId);
}

/** Whether `scope`'s production actions in this environment were already confirmed in this session. */
export function selectProductionConfirmed(scope: ProductionScope, environmentId: string | undefined) {
  return (state: AppState): boolean =>
    environmentId !== undefined && state.productionConfirmed[scope].includes(environmentId);
}

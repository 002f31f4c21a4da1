import { create } from 'zustand';
import type { AppInfo, EnvironmentSummary, Language, ViewId } from '../../common/contract/app';
import { type ApiError, call } from '../api';
import { asApiError } from './as-api-error';
import { idle, type Loadable, load, slot } from './load-state';

/** The tasks of the design (plus self-service clients, issue 7); each is one view under src/browser/features/. */
export type { ViewId };

/**
 * The navigation in groups (issue 22): a case worker's daily work first, then setup, then troubleshooting.
 * A new task is one more entry in its group; test/browser/nav-groups.test.ts checks that every view is in
 * exactly one group.
 */
export type NavGroupId = 'daily' | 'setup' | 'troubleshooting';
export const navGroups: readonly { id: NavGroupId; views: readonly ViewId[] }[] = [
  { id: 'daily', views: ['instances', 'intake', 'send', 'events', 'downloads'] },
  { id: 'setup', views: ['keys', 'profiles', 'clients', 'systems'] },
  { id: 'troubleshooting', views: ['token'] },
];

/** Every task, in the navigation's order. */
export const viewIds: readonly ViewId[] = navGroups.flatMap((g) => g.views);

/**
 * The kinds of production action that ask once per session (issue 5, item 9). Each kind asks on its own:
 * saving a profile is not the same yes as fetching a token that reaches real data.
 */
export type ProductionScope = 'profiles' | 'token';

export interface AppState {
  /** The start: settings and environments read (its error says why the window cannot start). */
  startup: Loadable<undefined>;
  language: Language;
  environmentId: string;
  environments: EnvironmentSummary[];
  view: ViewId;
  appInfo: Loadable<AppInfo | undefined>;
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
  startup: idle(undefined),
  language: 'nb',
  environmentId: 'tt02',
  environments: [],
  view: 'keys',
  appInfo: idle(undefined),
  switching: false,
  productionConfirmed: { profiles: [], token: [] },

  async start() {
    await load(slot(set, get, 'startup'), async () => {
      const [settings, environments] = await Promise.all([call('settings:get'), call('environments:list')]);
      set({ ...settings, environments });
      return undefined;
    });
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
    if (view === get().view) return;
    set({ view });
    // Remembered for the next start; a failed write costs only that (the window goes on with the view).
    void call('settings:update', { view }).catch(() => {});
  },

  async loadAppInfo() {
    await load(slot(set, get, 'appInfo'), () => call('app:info'));
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

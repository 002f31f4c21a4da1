import { create } from 'zustand';
import type { InstanceDetail, InstanceSummary } from '../../common/contract/instances';
import type { Profile } from '../../common/contract/profiles';
import type { InstanceFilters } from '../../common/schemas/instance-query';
import { type ApiError, call } from '../api';
import { type DraftErrors, draftToFilters, emptyDraft, type FilterDraft } from '../features/instances/instance-filters';
import { asApiError } from './as-api-error';
import type { LoadState } from './use-app-store';

/** The query the table shows: the filters as sent, so paging and "all matching" use exactly these. */
export interface AppliedQuery {
  profileId: string;
  filters: InstanceFilters;
}

export interface InstancesState {
  environmentId?: string;
  profilesStatus: LoadState;
  profilesError?: ApiError;
  /** The environment's profiles that name at least one app. */
  profiles: Profile[];
  profileId?: string;
  appId?: string;
  draft: FilterDraft;
  draftErrors: DraftErrors;

  applied?: AppliedQuery;
  queryStatus: LoadState;
  queryError?: ApiError;
  rows: InstanceSummary[];
  /** Storage's link to the next page; absent when every instance is loaded (there is no total count). */
  next?: string;
  loadingMore: boolean;
  moreError?: ApiError;
  /** When the first page of the current query arrived (ISO), to know whether a later download made it stale. */
  queriedAt?: string;

  selected: ReadonlySet<string>;
  /** "All that match the filters": the query itself is the selection, loaded or not. */
  allMatching: boolean;

  detailId?: string;
  detailStatus: LoadState;
  detail?: InstanceDetail;
  detailError?: ApiError;

  loadProfiles(environmentId: string): Promise<void>;
  selectProfile(profileId: string | undefined): void;
  selectApp(appId: string | undefined): void;
  setDraft(patch: Partial<FilterDraft>): void;
  resetDraft(): void;
  search(): Promise<void>;
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
  toggle(instanceId: string): void;
  setLoadedSelected(on: boolean): void;
  selectAllMatching(): void;
  clearSelection(): void;
  openDetail(instanceId: string): Promise<void>;
  closeDetail(): void;
}

const noQuery = {
  applied: undefined,
  queryStatus: 'idle' as LoadState,
  queryError: undefined,
  rows: [] as InstanceSummary[],
  next: undefined,
  loadingMore: false,
  moreError: undefined,
  queriedAt: undefined,
  selected: new Set<string>() as ReadonlySet<string>,
  allMatching: false,
  detailId: undefined,
  detailStatus: 'idle' as LoadState,
  detail: undefined,
  detailError: undefined,
};

export const useInstancesStore = create<InstancesState>()((set, get) => {
  // Each new query gets a number; pages and details that arrive for an older one are dropped.
  let generation = 0;

  return {
    profilesStatus: 'idle',
    profiles: [],
    draft: emptyDraft,
    draftErrors: {},
    ...noQuery,

    async loadProfiles(environmentId) {
      const changed = environmentId !== get().environmentId;
      if (changed) generation++;
      set({
        environmentId,
        profilesStatus: 'loading',
        profilesError: undefined,
        ...(changed ? { profiles: [], profileId: undefined, appId: undefined, ...noQuery } : {}),
      });
      try {
        const all = await call('profiles:list', { environmentId });
        if (environmentId !== get().environmentId) return;
        const profiles = all.filter((p) => p.apps.length > 0);
        set({ profiles, profilesStatus: 'ready' });
        const current = get().profileId;
        if (current && !profiles.some((p) => p.id === current)) get().selectProfile(undefined);
        else if (!current && profiles.length === 1) get().selectProfile(profiles[0]?.id);
      } catch (error) {
        if (environmentId === get().environmentId) set({ profilesStatus: 'failed', profilesError: asApiError(error) });
      }
    },

    selectProfile(profileId) {
      generation++;
      const profile = get().profiles.find((p) => p.id === profileId);
      set({ profileId, appId: undefined, ...noQuery });
      if (profile?.apps.length === 1) get().selectApp(profile.apps[0]);
    },

    selectApp(appId) {
      generation++;
      set({ appId, ...noQuery });
      if (appId) void get().search();
    },

    setDraft(patch) {
      const errors = { ...get().draftErrors };
      for (const key of Object.keys(patch) as (keyof FilterDraft)[]) delete errors[key];
      set({ draft: { ...get().draft, ...patch }, draftErrors: errors });
    },

    resetDraft() {
      set({ draft: emptyDraft, draftErrors: {} });
    },

    async search() {
      const { profileId, appId, draft } = get();
      if (!profileId || !appId) return;
      const result = draftToFilters(draft, appId);
      if (!result.ok) {
        set({ draftErrors: result.errors });
        return;
      }
      const mine = ++generation;
      const applied = { profileId, filters: result.filters };
      set({ ...noQuery, applied, draftErrors: {}, queryStatus: 'loading' });
      try {
        const page = await call('instances:query', applied);
        if (mine !== generation) return;
        set({ rows: page.instances, next: page.next, queryStatus: 'ready', queriedAt: new Date().toISOString() });
      } catch (error) {
        if (mine === generation) set({ queryStatus: 'failed', queryError: asApiError(error) });
      }
    },

    refresh() {
      return get().search();
    },

    async loadMore() {
      const { applied, next, loadingMore, queryStatus } = get();
      if (!applied || !next || loadingMore || queryStatus !== 'ready') return;
      const mine = generation;
      set({ loadingMore: true, moreError: undefined });
      try {
        const page = await call('instances:query', { ...applied, next });
        if (mine !== generation) return;
        set({ rows: [...get().rows, ...page.instances], next: page.next, loadingMore: false });
      } catch (error) {
        if (mine === generation) set({ loadingMore: false, moreError: asApiError(error) });
      }
    },

    toggle(instanceId) {
      const selected = new Set(get().allMatching ? [] : get().selected);
      if (selected.has(instanceId)) selected.delete(instanceId);
      else selected.add(instanceId);
      set({ selected, allMatching: false });
    },

    setLoadedSelected(on) {
      set({ selected: on ? new Set(get().rows.map((r) => r.id)) : new Set(), allMatching: false });
    },

    selectAllMatching() {
      set({ selected: new Set(), allMatching: true });
    },

    clearSelection() {
      set({ selected: new Set(), allMatching: false });
    },

    async openDetail(instanceId) {
      const profileId = get().applied?.profileId;
      if (!profileId) return;
      const mine = generation;
      set({ detailId: instanceId, detailStatus: 'loading', detail: undefined, detailError: undefined });
      try {
        const detail = await call('instances:get', { profileId, instanceId });
        if (mine === generation && get().detailId === instanceId) set({ detail, detailStatus: 'ready' });
      } catch (error) {
        if (mine === generation && get().detailId === instanceId) {
          set({ detailStatus: 'failed', detailError: asApiError(error) });
        }
      }
    },

    closeDetail() {
      set({ detailId: undefined, detail: undefined, detailStatus: 'idle', detailError: undefined });
    },
  };
});

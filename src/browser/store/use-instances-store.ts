import { create } from 'zustand';
import type { ChannelInput } from '../../common/contract';
import type { ActInstanceView } from '../../common/contract/instance-acts';
import type { ConfirmResult, InstanceSummary } from '../../common/contract/instances';
import type { Profile } from '../../common/contract/profiles';
import type { InstanceFilters } from '../../common/schemas/instance-query';
import { type ApiError, call } from '../api';
import { type DraftErrors, draftToFilters, emptyDraft, type FilterDraft } from '../features/instances/instance-filters';
import { asApiError } from './as-api-error';
import { idle, type Loadable, load, slot } from './load-state';
import { profilesWithApps, settleProfileChoice } from './profiles-with-apps';

/** The query the table shows: the filters as sent, so paging and "all matching" use exactly these. */
export interface AppliedQuery {
  profileId: string;
  filters: InstanceFilters;
}

export interface InstancesState {
  environmentId?: string;
  /** The environment's profiles that name at least one app. */
  profiles: Loadable<Profile[]>;
  profileId?: string;
  appId?: string;
  draft: FilterDraft;
  draftErrors: DraftErrors;

  applied?: AppliedQuery;
  /** The loaded pages of the applied query; its status is that of the first page. */
  rows: Loadable<InstanceSummary[]>;
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
  /** The details with what the owner and user see: the acts panel shows this read (no read of its own). */
  detail: Loadable<ActInstanceView | undefined>;

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
  /** Open one instance in the details from elsewhere (an event in Hendelser): its profile and app chosen and listed. */
  showInstance(input: { environmentId: string; profileId: string; appId: string; instanceId: string }): Promise<void>;
  /** instances:confirm for instances already downloaded (main checks every file first). */
  confirmReceipt(input: ChannelInput<'instances:confirm'>): Promise<ConfirmResult>;
}

const noQuery = {
  applied: undefined,
  rows: idle<InstanceSummary[]>([]),
  next: undefined,
  loadingMore: false,
  moreError: undefined,
  queriedAt: undefined,
  selected: new Set<string>() as ReadonlySet<string>,
  allMatching: false,
  detailId: undefined,
  detail: idle<ActInstanceView | undefined>(undefined),
};

export const useInstancesStore = create<InstancesState>()((set, get) => {
  // Each new query gets a number; pages and details that arrive for an older one are dropped.
  let generation = 0;

  return {
    profiles: idle([]),
    draft: emptyDraft,
    draftErrors: {},
    ...noQuery,

    async loadProfiles(environmentId) {
      const changed = environmentId !== get().environmentId;
      if (changed) generation++;
      set({
        environmentId,
        ...(changed ? { profiles: idle([]), profileId: undefined, appId: undefined, ...noQuery } : {}),
      });
      const arrived = await load(slot(set, get, 'profiles'), () => profilesWithApps(environmentId), {
        isCurrent: () => environmentId === get().environmentId,
      });
      if (!arrived) return;
      settleProfileChoice(get().profiles.value, get().profileId, (id) => get().selectProfile(id));
    },

    selectProfile(profileId) {
      generation++;
      const profile = get().profiles.value.find((p) => p.id === profileId);
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
      set({ ...noQuery, applied, draftErrors: {} });
      let next: string | undefined;
      await load(
        slot(set, get, 'rows'),
        async () => {
          const page = await call('instances:query', applied);
          next = page.next;
          return page.instances;
        },
        { isCurrent: () => mine === generation, onReady: () => set({ next, queriedAt: new Date().toISOString() }) },
      );
    },

    refresh() {
      return get().search();
    },

    async loadMore() {
      const { applied, next, loadingMore, rows } = get();
      if (!applied || !next || loadingMore || rows.status !== 'ready') return;
      const mine = generation;
      set({ loadingMore: true, moreError: undefined });
      try {
        const page = await call('instances:query', { ...applied, next });
        if (mine !== generation) return;
        const loaded = get().rows;
        set({ rows: { ...loaded, value: [...loaded.value, ...page.instances] }, next: page.next, loadingMore: false });
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
      set({ selected: on ? new Set(get().rows.value.map((r) => r.id)) : new Set(), allMatching: false });
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
      set({ detailId: instanceId, detail: idle(undefined) });
      // With the app, main asks the app API first: its answer names the owner (InstanceResponse).
      const appId = get().rows.value.find((r) => r.id === instanceId)?.appId;
      const input = { profileId, instanceId, ...(appId ? { appId } : {}) };
      await load(slot(set, get, 'detail'), () => call('instances:get', input), {
        isCurrent: () => mine === generation && get().detailId === instanceId,
      });
    },

    closeDetail() {
      set({ detailId: undefined, detail: idle(undefined) });
    },

    async showInstance({ environmentId, profileId, appId, instanceId }) {
      // The environment first, so the Instances view does not start over when it opens later.
      if (get().environmentId !== environmentId) set({ environmentId });
      if (get().profileId !== profileId) get().selectProfile(profileId);
      if (get().appId !== appId || !get().applied) get().selectApp(appId);
      await get().openDetail(instanceId);
    },

    confirmReceipt(input) {
      return call('instances:confirm', input);
    },
  };
});

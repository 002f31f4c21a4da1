import { create } from 'zustand';
import type { AppEvent, EventsFollowUpdate, EventsQuery } from '../../common/contract/events';
import type { Profile } from '../../common/contract/profiles';
import { ApiError, call, onEvent } from '../api';
import {
  defaultDraft,
  draftToQuery,
  type EventsDraft,
  type EventsDraftErrors,
} from '../features/events/events-filters';
import { asApiError } from './as-api-error';
import { idle, type Loadable, load, slot } from './load-state';
import { profilesWithApps, settleProfileChoice } from './profiles-with-apps';

/** The query the table shows, as sent: "Last flere" and the live follow continue exactly this one. */
export interface AppliedEventsQuery {
  profileId: string;
  appId: string;
  query: EventsQuery;
}

/** The follow main runs for this view (one at a time), as its `events:followed` updates tell it. */
export interface LiveState {
  /** The person turned it on (and has not turned it off). */
  on: boolean;
  followId?: string;
  state?: EventsFollowUpdate['state'];
  nextPollAt?: string;
  /** The last time new events came, and how many. */
  arrived?: { count: number; at: string };
  /** A poll failed: retried (state waiting) or the end of the follow (state failed). */
  error?: ApiError;
}

export interface EventsState {
  environmentId?: string;
  profiles: Loadable<Profile[]>;
  profileId?: string;
  appId?: string;
  draft: EventsDraft;
  draftErrors: EventsDraftErrors;

  applied?: AppliedEventsQuery;
  /** The events read for the applied query, in Altinn's order (oldest first). */
  rows: Loadable<AppEvent[]>;
  /** The last id read: "Last flere" and the follow go on after it. */
  after?: string;
  /** Altinn answered an empty page: nothing more for now. */
  end: boolean;
  loadingMore: boolean;
  moreError?: ApiError;
  live: LiveState;

  loadProfiles(environmentId: string): Promise<void>;
  selectProfile(profileId: string | undefined): void;
  selectApp(appId: string | undefined): void;
  setDraft(patch: Partial<EventsDraft>): void;
  search(): Promise<void>;
  loadMore(): Promise<void>;
  setLive(on: boolean): Promise<void>;
  /** Follow `events:followed` (once per window). */
  listen(): void;
  apply(update: EventsFollowUpdate): void;
}

const noQuery = {
  applied: undefined,
  rows: idle<AppEvent[]>([]),
  after: undefined,
  end: false,
  loadingMore: false,
  moreError: undefined,
};

let unsubscribe: (() => void) | undefined;
/** Follows this view stopped: their last updates (the `stopped` one) may still be on their way. */
const retired = new Set<string>();

export const useEventsStore = create<EventsState>()((set, get) => {
  // Each new query gets a number; answers for an older one are dropped.
  let generation = 0;

  /** Stop main's follow (the query changed, or the person turned it off). */
  async function stopFollow() {
    const followId = get().live.followId;
    set({ live: { on: false } });
    if (followId) {
      retired.add(followId);
      await call('events:unfollow', { followId }).catch(() => undefined);
    }
  }

  return {
    profiles: idle([]),
    draft: defaultDraft(),
    draftErrors: {},
    ...noQuery,
    live: { on: false },

    async loadProfiles(environmentId) {
      const changed = environmentId !== get().environmentId;
      if (changed) {
        generation++;
        void stopFollow();
        set({ environmentId, profiles: idle([]), profileId: undefined, appId: undefined, ...noQuery });
      }
      const arrived = await load(slot(set, get, 'profiles'), () => profilesWithApps(environmentId), {
        isCurrent: () => environmentId === get().environmentId,
      });
      if (!arrived) return;
      settleProfileChoice(get().profiles.value, get().profileId, (id) => get().selectProfile(id));
    },

    selectProfile(profileId) {
      generation++;
      void stopFollow();
      const profile = get().profiles.value.find((p) => p.id === profileId);
      set({ profileId, appId: undefined, ...noQuery });
      if (profile?.apps.length === 1) get().selectApp(profile.apps[0]);
    },

    selectApp(appId) {
      generation++;
      void stopFollow();
      set({ appId, ...noQuery });
      if (appId) void get().search();
    },

    setDraft(patch) {
      const errors = { ...get().draftErrors };
      for (const key of Object.keys(patch) as (keyof EventsDraft)[]) delete errors[key];
      set({ draft: { ...get().draft, ...patch }, draftErrors: errors });
    },

    async search() {
      const { profileId, appId, draft } = get();
      if (!profileId || !appId) return;
      const result = draftToQuery(draft);
      if (!result.ok) {
        set({ draftErrors: result.errors });
        return;
      }
      const wasLive = get().live.on;
      await stopFollow();
      const mine = ++generation;
      const applied = { profileId, appId, query: result.query };
      set({ ...noQuery, applied, draftErrors: {} });
      let page: { after?: string; end: boolean } = { end: false };
      const arrived = await load(
        slot(set, get, 'rows'),
        async () => {
          const read = await call('events:list', applied);
          page = read;
          return read.events;
        },
        { isCurrent: () => mine === generation, onReady: () => set({ after: page.after, end: page.end }) },
      );
      // A new query keeps following when the person had it on.
      if (arrived && wasLive && !applied.query.to) await get().setLive(true);
    },

    async loadMore() {
      const { applied, after, loadingMore, rows } = get();
      if (!applied || loadingMore || rows.status !== 'ready') return;
      const mine = generation;
      set({ loadingMore: true, moreError: undefined });
      try {
        const query = after ? { ...applied.query, after } : applied.query;
        const page = await call('events:list', { ...applied, query });
        if (mine !== generation) return;
        const loaded = get().rows;
        set({
          rows: { ...loaded, value: [...loaded.value, ...page.events] },
          after: page.after ?? after,
          end: page.end,
          loadingMore: false,
        });
      } catch (error) {
        if (mine === generation) set({ loadingMore: false, moreError: asApiError(error) });
      }
    },

    async setLive(on) {
      if (!on) {
        await stopFollow();
        return;
      }
      const { applied, after } = get();
      if (!applied) return;
      get().listen();
      const mine = generation;
      set({ live: { on: true, state: 'reading' } });
      try {
        // After the last event shown, so nothing comes twice; from the query's start while none is shown.
        const query = after ? { ...applied.query, after } : applied.query;
        const { followId } = await call('events:follow', { ...applied, query });
        if (mine !== generation || !get().live.on) {
          retired.add(followId);
          await call('events:unfollow', { followId }).catch(() => undefined);
          return;
        }
        set({ live: { ...get().live, followId } });
      } catch (error) {
        if (mine === generation) set({ live: { on: false, state: 'failed', error: asApiError(error) } });
      }
    },

    listen() {
      if (unsubscribe) return;
      unsubscribe = onEvent('events:followed', (update) => get().apply(update));
    },

    apply(update) {
      const live = get().live;
      // Updates of a follow this view no longer has (stopped, or one before a reload) are not ours.
      if (retired.has(update.followId)) return;
      if (!live.on || (live.followId && live.followId !== update.followId)) return;
      const known = new Set(get().rows.value.map((e) => e.id));
      const fresh = update.events.filter((e) => !known.has(e.id));
      const rows = get().rows;
      set({
        rows: fresh.length ? { ...rows, value: [...rows.value, ...fresh] } : rows,
        after: update.after ?? get().after,
        live: {
          on: update.state !== 'failed' && update.state !== 'stopped',
          followId: update.followId,
          state: update.state,
          nextPollAt: update.nextPollAt,
          arrived: fresh.length ? { count: fresh.length, at: new Date().toISOString() } : live.arrived,
          error: update.error ? new ApiError(update.error) : undefined,
        },
      });
    },
  };
});

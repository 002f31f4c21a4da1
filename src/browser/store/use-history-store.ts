import { create } from 'zustand';
import type { InstanceHistory } from '../../common/contract/events';
import { call } from '../api';
import { idle, type Loadable, load, slot } from './load-state';

/** The Historikk of the instance open in the details: one at a time, read again when asked (after an act). */
export interface HistoryState {
  /** `profileId|instanceId|stamp` of what `history` holds or is loading. */
  key?: string;
  history: Loadable<InstanceHistory | undefined>;
  /**
   * `stamp`: read again when it changes (the instance's lastChanged after an act); the same read twice is one
   * request unless `force` (the refresh button).
   */
  load(input: {
    profileId: string;
    instanceId: string;
    appId?: string;
    stamp?: string;
    force?: boolean;
  }): Promise<void>;
  clear(): void;
}

export const useHistoryStore = create<HistoryState>()((set, get) => ({
  history: idle(undefined),

  async load({ profileId, instanceId, appId, stamp, force }) {
    const key = `${profileId}|${instanceId}|${stamp ?? ''}`;
    if (!force && get().key === key && get().history.status !== 'failed') return;
    const same = get().history.value?.instanceId === instanceId;
    set({ key, ...(same ? {} : { history: idle(undefined) }) });
    await load(
      slot(set, get, 'history'),
      // The instance's lastChanged lets main use the read the details just made; the refresh button reads afresh.
      () =>
        call('events:instance-history', {
          profileId,
          instanceId,
          ...(appId ? { appId } : {}),
          ...(stamp && !force ? { lastChanged: stamp } : {}),
        }),
      { isCurrent: () => get().key === key, refresh: same },
    );
  },

  clear() {
    set({ key: undefined, history: idle(undefined) });
  },
}));

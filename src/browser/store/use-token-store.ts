import { create } from 'zustand';
import type { Profile } from '../../common/contract/profiles';
import type {
  DoctorReport,
  TokenChanged,
  TokenKind,
  TokenStatus,
  TokenSummary,
} from '../../common/contract/token-status';
import { type ApiError, call } from '../api';
import { asApiError } from './as-api-error';
import { idle, type Loadable, load, slot } from './load-state';

/** What a token card says about its token beyond the summary: the last `token:changed` for that kind. */
export type KindStatus = Partial<Record<TokenKind, { status: TokenStatus; code?: string }>>;

export interface TokenState {
  /** The environment whose profiles are listed. */
  environmentId?: string;
  profiles: Loadable<Profile[]>;
  selectedProfileId?: string;
  /** Exchange for an Altinn token too (on by default; off gives only the Maskinporten token). */
  altinn: boolean;
  forceRefresh: boolean;

  /**
   * The profile's tokens: the status and error are those of the person's last "Get token"; the value is
   * also what main already held (token:cached) or got for someone else, and a failed request keeps it.
   */
  summary: Loadable<TokenSummary | undefined>;
  kindStatus: KindStatus;
  /** The profile's tokens were dropped in main (the profile changed). */
  cleared: boolean;

  copying?: TokenKind;
  copied?: { which: TokenKind; expiresAt: string };
  copyError?: { which: TokenKind; error: ApiError };

  doctor: Loadable<DoctorReport | undefined>;

  loadProfiles(environmentId: string): Promise<void>;
  selectProfile(profileId: string | undefined): Promise<void>;
  setAltinn(on: boolean): void;
  setForceRefresh(on: boolean): void;
  getToken(): Promise<void>;
  copy(which: TokenKind): Promise<void>;
  runDoctor(): Promise<void>;
  /** A `token:changed` push event from main. */
  applyChange(change: TokenChanged): void;
}

/** Everything that belongs to one profile's results; reset when the profile or environment changes. */
const noResults = {
  summary: idle<TokenSummary | undefined>(undefined),
  kindStatus: {},
  cleared: false,
  copying: undefined,
  copied: undefined,
  copyError: undefined,
  doctor: idle<DoctorReport | undefined>(undefined),
};

export const useTokenStore = create<TokenState>()((set, get) => {
  // Each profile choice gets a number; an answer for an earlier choice is dropped.
  let generation = 0;
  let ownRequests = 0;

  /** What main already holds for the profile (no request to Maskinporten). */
  async function refreshCached(profileId: string, mine: number) {
    try {
      const cached = await call('token:cached', { profileId });
      if (mine === generation && cached) set({ summary: { ...get().summary, value: cached }, cleared: false });
    } catch {
      // Only a convenience: the person can always press "Get token".
    }
  }

  return {
    profiles: idle([]),
    altinn: true,
    forceRefresh: false,
    ...noResults,

    async loadProfiles(environmentId) {
      const changed = environmentId !== get().environmentId;
      const mine = changed ? ++generation : generation;
      set({
        environmentId,
        ...(changed ? { profiles: idle([]), selectedProfileId: undefined, ...noResults } : {}),
      });
      const arrived = await load(slot(set, get, 'profiles'), () => call('profiles:list', { environmentId }), {
        isCurrent: () => environmentId === get().environmentId,
      });
      if (!arrived) return;
      const profiles = get().profiles.value;
      const selected = get().selectedProfileId;
      if (selected && !profiles.some((p) => p.id === selected)) {
        // The chosen profile was removed meanwhile (in the Profiles view or the CLI).
        await get().selectProfile(undefined);
      } else if (!selected && profiles.length === 1) {
        await get().selectProfile(profiles[0]?.id);
      } else if (selected && mine === generation) {
        await refreshCached(selected, mine);
      }
    },

    async selectProfile(profileId) {
      const mine = ++generation;
      set({ selectedProfileId: profileId, ...noResults });
      if (profileId) await refreshCached(profileId, mine);
    },

    setAltinn(on) {
      set({ altinn: on });
    },

    setForceRefresh(on) {
      set({ forceRefresh: on });
    },

    async getToken() {
      const { selectedProfileId: profileId, altinn, forceRefresh } = get();
      if (!profileId) return;
      const mine = generation;
      ownRequests++;
      set({ copied: undefined, copyError: undefined, cleared: false });
      try {
        await load(slot(set, get, 'summary'), () => call('token:get', { profileId, altinn, forceRefresh }), {
          isCurrent: () => mine === generation,
          // What main just handed over is the truth; an older failure (say, from the doctor) no longer applies.
          onReady: () => set({ kindStatus: {} }),
        });
      } finally {
        ownRequests--;
      }
    },

    async copy(which) {
      const profileId = get().selectedProfileId;
      if (!profileId) return;
      const mine = generation;
      set({ copying: which, copied: undefined, copyError: undefined });
      try {
        const result = await call('token:copy', { profileId, which });
        if (mine === generation) set({ copying: undefined, copied: { which, expiresAt: result.expiresAt } });
      } catch (error) {
        if (mine === generation) set({ copying: undefined, copyError: { which, error: asApiError(error) } });
      }
    },

    async runDoctor() {
      const profileId = get().selectedProfileId;
      if (!profileId) return;
      const mine = generation;
      ownRequests++;
      try {
        await load(slot(set, get, 'doctor'), () => call('token:doctor', { profileId }), {
          isCurrent: () => mine === generation,
        });
      } finally {
        ownRequests--;
      }
      // The doctor fetched fresh tokens (or failed to): show what main holds now.
      if (mine === generation) await refreshCached(profileId, mine);
    },

    applyChange(change) {
      const profileId = get().selectedProfileId;
      if (!profileId || change.profileId !== profileId) return;
      if (change.status === 'cleared') {
        set({ summary: { ...get().summary, value: undefined }, kindStatus: {}, copied: undefined, cleared: true });
        return;
      }
      if (change.which) {
        set({ kindStatus: { ...get().kindStatus, [change.which]: { status: change.status, code: change.code } } });
      }
      // A token got by someone else (Storage, a download, the CLI's service in this process): show it.
      if (change.status === 'valid' && ownRequests === 0) void refreshCached(profileId, generation);
    },
  };
});

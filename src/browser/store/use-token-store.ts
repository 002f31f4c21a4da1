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
import type { LoadState } from './use-app-store';

/** What a token card says about its token beyond the summary: the last `token:changed` for that kind. */
export type KindStatus = Partial<Record<TokenKind, { status: TokenStatus; code?: string }>>;

export interface TokenState {
  /** The environment whose profiles are listed. */
  environmentId?: string;
  profilesStatus: LoadState;
  profilesError?: ApiError;
  profiles: Profile[];
  selectedProfileId?: string;
  /** Exchange for an Altinn token too (on by default; off gives only the Maskinporten token). */
  altinn: boolean;
  forceRefresh: boolean;

  requestStatus: LoadState;
  requestError?: ApiError;
  summary?: TokenSummary;
  kindStatus: KindStatus;
  /** The profile's tokens were dropped in main (the profile changed). */
  cleared: boolean;

  copying?: TokenKind;
  copied?: { which: TokenKind; expiresAt: string };
  copyError?: { which: TokenKind; error: ApiError };

  doctorStatus: LoadState;
  doctorError?: ApiError;
  doctor?: DoctorReport;

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
  requestStatus: 'idle' as LoadState,
  requestError: undefined,
  summary: undefined,
  kindStatus: {},
  cleared: false,
  copying: undefined,
  copied: undefined,
  copyError: undefined,
  doctorStatus: 'idle' as LoadState,
  doctorError: undefined,
  doctor: undefined,
};

export const useTokenStore = create<TokenState>()((set, get) => {
  // Each profile choice gets a number; an answer for an earlier choice is dropped.
  let generation = 0;
  let ownRequests = 0;

  /** What main already holds for the profile (no request to Maskinporten). */
  async function refreshCached(profileId: string, mine: number) {
    try {
      const cached = await call('token:cached', { profileId });
      if (mine === generation && cached) set({ summary: cached, cleared: false });
    } catch {
      // Only a convenience: the person can always press "Get token".
    }
  }

  return {
    profilesStatus: 'idle',
    profiles: [],
    altinn: true,
    forceRefresh: false,
    ...noResults,

    async loadProfiles(environmentId) {
      const changed = environmentId !== get().environmentId;
      const mine = changed ? ++generation : generation;
      set({
        environmentId,
        profilesStatus: 'loading',
        profilesError: undefined,
        ...(changed ? { profiles: [], selectedProfileId: undefined, ...noResults } : {}),
      });
      try {
        const profiles = await call('profiles:list', { environmentId });
        if (environmentId !== get().environmentId) return;
        set({ profiles, profilesStatus: 'ready' });
        const selected = get().selectedProfileId;
        if (selected && !profiles.some((p) => p.id === selected)) {
          // The chosen profile was removed meanwhile (in the Profiles view or the CLI).
          await get().selectProfile(undefined);
        } else if (!selected && profiles.length === 1) {
          await get().selectProfile(profiles[0]?.id);
        } else if (selected && mine === generation) {
          await refreshCached(selected, mine);
        }
      } catch (error) {
        if (environmentId === get().environmentId) set({ profilesStatus: 'failed', profilesError: asApiError(error) });
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
      set({
        requestStatus: 'loading',
        requestError: undefined,
        copied: undefined,
        copyError: undefined,
        cleared: false,
      });
      try {
        const summary = await call('token:get', { profileId, altinn, forceRefresh });
        // What main just handed over is the truth; an older failure (say, from the doctor) no longer applies.
        if (mine === generation) set({ summary, requestStatus: 'ready', kindStatus: {} });
      } catch (error) {
        if (mine === generation) set({ requestStatus: 'failed', requestError: asApiError(error) });
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
      set({ doctorStatus: 'loading', doctorError: undefined });
      try {
        const doctor = await call('token:doctor', { profileId });
        if (mine === generation) set({ doctor, doctorStatus: 'ready' });
      } catch (error) {
        if (mine === generation) set({ doctorStatus: 'failed', doctorError: asApiError(error) });
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
        set({ summary: undefined, kindStatus: {}, copied: undefined, cleared: true });
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

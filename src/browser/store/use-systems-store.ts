import { create } from 'zustand';
import type { Profile } from '../../common/contract/profiles';
import type {
  ApprovalQr,
  CreateRequestResult,
  RegisteredSystem,
  SystemFields,
  SystemSummary,
  SystemUserInfo,
  SystemUserRequestInfo,
} from '../../common/contract/systems';
import { nextPollDelayMs, VENDOR_SCOPE_LIST } from '../../common/contract/systems-limits';
import { ApiError, call } from '../api';
import { idle, type Loadable, load, slot } from './load-state';

/**
 * Systems and system users (issue 13). Components call these actions only; every channel call is here.
 * Each choice (environment, vendor profile, open system) gets a generation number, and answers for an
 * earlier one are dropped, so a slow answer never shows on the wrong screen.
 */

/** What a request to a customer asked for (kept so the same request can be sent again with `renew`). */
export interface RequestInput {
  partyOrgNo: string;
  externalRef?: string;
  agent?: boolean;
}

/** What the last action did, shown above the list or the system until the next action. */
export type SystemsNotice =
  | { kind: 'created' | 'updated'; name: string }
  | { kind: 'requested'; result: CreateRequestResult; input: RequestInput }
  | { kind: 'accepted'; org: string }
  | { kind: 'profile'; profile: Profile };

export interface PollState {
  /** While a request of the open system is new: when the next read happens (ms since the epoch). */
  nextAt?: number;
  checking: boolean;
}

export interface SystemsState {
  environmentId?: string;
  /** Every profile of the environment: vendor profiles, and the client profiles system-user profiles copy. */
  profiles: Loadable<Profile[]>;

  vendorProfileId?: string;
  /** The vendor's organisation number, as the system register answered with the list. */
  vendorOrgNo?: string;
  /** As Altinn lists them (no client ids: those come with the open system). */
  systems: Loadable<SystemSummary[]>;

  selectedSystemId?: string;
  system: Loadable<RegisteredSystem | undefined>;
  requests: Loadable<SystemUserRequestInfo[]>;
  users: Loadable<SystemUserInfo[]>;
  poll: PollState;
  notice?: SystemsNotice;

  load(environmentId: string): Promise<void>;
  chooseVendor(profileId: string | undefined): Promise<void>;
  loadSystems(): Promise<void>;
  openSystem(systemId: string): Promise<void>;
  closeSystem(): void;
  clearNotice(): void;
  createSystem(system: SystemFields & { id: string }, confirmProduction?: boolean): Promise<void>;
  updateSystem(changes: Partial<SystemFields>, confirmProduction?: boolean): Promise<void>;
  createRequest(input: RequestInput & { renew?: boolean; confirmProduction?: boolean }): Promise<CreateRequestResult>;
  /**
   * Altinn answered with a request it already had (the notice says so): delete that one and send the same
   * request again (`renew`).
   */
  renewRequest(confirmProduction?: boolean): Promise<CreateRequestResult>;
  refreshRequests(): Promise<void>;
  /** Read the waiting requests now (the "check now" button), and go on polling from the start of the backoff. */
  pollNow(): Promise<void>;
  stopPolling(): void;
  makeProfile(input: {
    systemUserId: string;
    clientProfileId: string;
    name: string;
    scopes?: string[];
  }): Promise<Profile>;
  copyLink(url: string): Promise<void>;
  openLink(url: string): Promise<void>;
  approvalQr(url: string): Promise<ApprovalQr>;
}

/** A vendor profile: one of the system-user API's scopes, and not itself a system-user profile. */
export function isVendorProfile(profile: Profile): boolean {
  return !profile.systemUser && profile.scopes.some((s) => VENDOR_SCOPE_LIST.includes(s));
}

const noSystem = {
  selectedSystemId: undefined,
  system: idle<RegisteredSystem | undefined>(undefined),
  requests: idle<SystemUserRequestInfo[]>([]),
  users: idle<SystemUserInfo[]>([]),
  poll: { checking: false },
};

const noVendor = {
  vendorProfileId: undefined,
  vendorOrgNo: undefined,
  systems: idle<SystemSummary[]>([]),
  notice: undefined,
  ...noSystem,
};

export const useSystemsStore = create<SystemsState>()((set, get) => {
  let vendorGeneration = 0;
  let systemGeneration = 0;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let pollAttempt = 0;

  function vendorId(): string {
    const id = get().vendorProfileId;
    if (!id) throw new ApiError({ code: 'SYSTEMS_NOT_VENDOR', message: 'No vendor profile is chosen' });
    return id;
  }

  function openId(): string {
    const id = get().selectedSystemId;
    if (!id) throw new ApiError({ code: 'SYSTEMS_NOT_FOUND', message: 'No system is open' });
    return id;
  }

  async function refreshProfiles() {
    const environmentId = get().environmentId;
    if (!environmentId) return;
    const profiles = await call('profiles:list', { environmentId });
    if (environmentId === get().environmentId) set({ profiles: { ...get().profiles, value: profiles } });
  }

  function clearTimer() {
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = undefined;
  }

  /** Poll while a request of the open system waits for the customer; stop when none does. */
  function schedulePoll(mine: number) {
    clearTimer();
    if (mine !== systemGeneration || !get().requests.value.some((r) => r.status === 'new')) {
      set({ poll: { checking: false } });
      return;
    }
    const delay = nextPollDelayMs(pollAttempt);
    set({ poll: { checking: false, nextAt: Date.now() + delay } });
    pollTimer = setTimeout(() => void pollOnce(mine), delay);
  }

  async function pollOnce(mine: number) {
    const vendorProfileId = get().vendorProfileId;
    const waiting = get().requests.value.filter((r) => r.status === 'new');
    if (!vendorProfileId || mine !== systemGeneration || waiting.length === 0) return schedulePoll(mine);
    set({ poll: { checking: true } });
    pollAttempt++;
    // A request deleted meanwhile (renewed, or elsewhere) reads as AUTH-00010, SYSTEMUSER_REQUEST_NOT_FOUND,
    // on both routes: it leaves the list instead of being polled for ever.
    const gone = new Set<string>();
    const read = await Promise.all(
      waiting.map((r) =>
        call('systemusers:status', { vendorProfileId, requestId: r.id, kind: r.kind }).catch((error: unknown) => {
          if (error instanceof ApiError && error.code === 'SYSTEMUSER_REQUEST_NOT_FOUND') gone.add(r.id);
          return undefined;
        }),
      ),
    );
    if (mine !== systemGeneration) return;
    const changed = read.filter((r): r is SystemUserRequestInfo => r !== undefined && r.status !== 'new');
    if (gone.size > 0) {
      const requests = get().requests;
      set({ requests: { ...requests, value: requests.value.filter((r) => !gone.has(r.id)) } });
    }
    if (changed.length > 0) {
      const byId = new Map(changed.map((r) => [r.id, r]));
      const requests = get().requests;
      set({ requests: { ...requests, value: requests.value.map((r) => byId.get(r.id) ?? r) } });
      const accepted = changed.find((r) => r.status === 'accepted');
      if (accepted) {
        set({ notice: { kind: 'accepted', org: accepted.partyOrgNo } });
        await loadUsers(mine);
      }
    }
    schedulePoll(mine);
  }

  async function loadRequests(mine: number) {
    const vendorProfileId = vendorId();
    const systemId = openId();
    const arrived = await load(
      slot(set, get, 'requests'),
      () => call('systemusers:requests', { vendorProfileId, systemId }),
      { isCurrent: () => mine === systemGeneration },
    );
    if (arrived) schedulePoll(mine);
  }

  async function loadUsers(mine: number) {
    const vendorProfileId = vendorId();
    const systemId = openId();
    await load(slot(set, get, 'users'), () => call('systemusers:list', { vendorProfileId, systemId }), {
      isCurrent: () => mine === systemGeneration,
    });
  }

  return {
    profiles: idle([]),
    ...noVendor,

    async load(environmentId) {
      const changed = environmentId !== get().environmentId;
      if (changed) {
        vendorGeneration++;
        systemGeneration++;
        clearTimer();
      }
      set({ environmentId, ...(changed ? { profiles: idle([]), ...noVendor } : {}) });
      const arrived = await load(slot(set, get, 'profiles'), () => call('profiles:list', { environmentId }), {
        isCurrent: () => environmentId === get().environmentId,
      });
      if (!arrived) return;
      const vendors = get().profiles.value.filter(isVendorProfile);
      const current = get().vendorProfileId;
      if (current && !vendors.some((p) => p.id === current)) await get().chooseVendor(undefined);
      else if (!current && vendors.length === 1) await get().chooseVendor(vendors[0]?.id);
    },

    async chooseVendor(profileId) {
      vendorGeneration++;
      systemGeneration++;
      clearTimer();
      set({ ...noVendor, vendorProfileId: profileId });
      if (profileId) await get().loadSystems();
    },

    async loadSystems() {
      const vendorProfileId = get().vendorProfileId;
      if (!vendorProfileId) return;
      const mine = ++vendorGeneration;
      let vendorOrgNo: string | undefined;
      await load(
        slot(set, get, 'systems'),
        async () => {
          const listing = await call('systems:list', { vendorProfileId });
          vendorOrgNo = listing.vendorOrgNo;
          return listing.systems;
        },
        { isCurrent: () => mine === vendorGeneration, onReady: () => set({ vendorOrgNo }) },
      );
    },

    async openSystem(systemId) {
      const vendorProfileId = vendorId();
      const mine = ++systemGeneration;
      clearTimer();
      pollAttempt = 0;
      set({ ...noSystem, selectedSystemId: systemId });
      const arrived = await load(slot(set, get, 'system'), () => call('systems:get', { vendorProfileId, systemId }), {
        isCurrent: () => mine === systemGeneration,
      });
      if (arrived) await Promise.all([loadRequests(mine), loadUsers(mine)]);
    },

    closeSystem() {
      systemGeneration++;
      clearTimer();
      set({ ...noSystem });
    },

    clearNotice() {
      set({ notice: undefined });
    },

    async createSystem(system, confirmProduction) {
      const vendorProfileId = vendorId();
      const created = await call('systems:create', { vendorProfileId, system, confirmProduction });
      set({ notice: { kind: 'created', name: created.name.nb } });
      void get().loadSystems();
      await get().openSystem(created.id);
    },

    async updateSystem(changes, confirmProduction) {
      const vendorProfileId = vendorId();
      const systemId = openId();
      const system = await call('systems:update', { vendorProfileId, systemId, changes, confirmProduction });
      systemGeneration++;
      set({ system: { status: 'ready', value: system }, notice: { kind: 'updated', name: system.name.nb } });
      void get().loadSystems();
      const mine = systemGeneration;
      await Promise.all([loadRequests(mine), loadUsers(mine)]);
    },

    async createRequest({ confirmProduction, renew, ...input }) {
      const vendorProfileId = vendorId();
      const systemId = openId();
      const result = await call('systemusers:request', {
        vendorProfileId,
        systemId,
        ...input,
        ...(renew ? { renew } : {}),
        confirmProduction,
      });
      set({ notice: { kind: 'requested', result, input } });
      pollAttempt = 0;
      await loadRequests(systemGeneration);
      return result;
    },

    async renewRequest(confirmProduction) {
      const notice = get().notice;
      if (notice?.kind !== 'requested') {
        throw new ApiError({ code: 'SYSTEMUSER_REQUEST_NOT_FOUND', message: 'No request to renew' });
      }
      return get().createRequest({ ...notice.input, renew: true, confirmProduction });
    },

    async refreshRequests() {
      await Promise.all([loadRequests(systemGeneration), loadUsers(systemGeneration)]);
    },

    async pollNow() {
      pollAttempt = 0;
      clearTimer();
      await pollOnce(systemGeneration);
    },

    stopPolling() {
      clearTimer();
      set({ poll: { checking: false } });
    },

    async makeProfile(input) {
      const vendorProfileId = vendorId();
      const systemId = openId();
      const profile = await call('systemusers:make-profile', { vendorProfileId, systemId, ...input });
      set({ notice: { kind: 'profile', profile } });
      await refreshProfiles().catch(() => {});
      await loadUsers(systemGeneration);
      return profile;
    },

    async copyLink(url) {
      await call('systemusers:copy-link', { url });
    },

    async openLink(url) {
      await call('shell:open-external', { url });
    },

    async approvalQr(url) {
      return call('systemusers:qr', { url });
    },
  };
});

import { create } from 'zustand';
import type {
  ClientDetails,
  ClientSummary,
  CreateClientResult,
  ManualGuide,
  PublishKeyResult,
  RemoveKeyResult,
} from '../../common/contract/clients';
import type { KeySummary } from '../../common/contract/keys';
import type { Profile, ProfileInput, ScopeSuggestion } from '../../common/contract/profiles';
import type { DoctorReport } from '../../common/contract/token-status';
import { ApiError, call } from '../api';
import { asApiError } from './as-api-error';
import type { LoadState } from './use-app-store';

export type ClientsPath = 'admin' | 'manual';

/** What the last write did, shown above the list or the client until the next action. */
export type ClientsNotice =
  | { kind: 'created'; result: CreateClientResult }
  | { kind: 'published'; result: PublishKeyResult; clientName: string }
  | { kind: 'removed'; result: RemoveKeyResult }
  | { kind: 'updated'; clientName: string };

/** Key count per client id: a number, or 'error' when that client could not be read. */
export type KeyCounts = Record<string, number | 'error'>;

export interface ClientsState {
  environmentId?: string;
  path?: ClientsPath;

  status: LoadState;
  error?: ApiError;
  /** Every profile of the environment (admin profiles and the manual path's profile come from here). */
  profiles: Profile[];
  keys: KeySummary[];
  suggestions: ScopeSuggestion[];

  adminProfileId?: string;
  clientsStatus: LoadState;
  clientsError?: ApiError;
  clients: ClientSummary[];
  keyCounts: KeyCounts;

  selectedClientId?: string;
  detailsStatus: LoadState;
  detailsError?: ApiError;
  details?: ClientDetails;
  notice?: ClientsNotice;

  guideStatus: LoadState;
  guideError?: ApiError;
  guide?: ManualGuide;
  guideKeyId?: string;
  manualProfileId?: string;
  doctorStatus: LoadState;
  doctorError?: ApiError;
  doctor?: DoctorReport;

  load(environmentId: string): Promise<void>;
  choosePath(path: ClientsPath): void;
  chooseAdmin(profileId: string | undefined): Promise<void>;
  loadClients(): Promise<void>;
  openClient(clientId: string): Promise<void>;
  closeClient(): void;
  clearNotice(): void;
  generateKey(name: string): Promise<KeySummary>;
  createClient(input: {
    clientName: string;
    description: string;
    scopes: string[];
    keyId?: string;
    createProfile?: { name: string; org?: string };
    confirmProduction?: boolean;
  }): Promise<CreateClientResult>;
  updateClient(input: {
    clientId: string;
    clientName?: string;
    description?: string;
    scopes?: string[];
    confirmProduction?: boolean;
  }): Promise<void>;
  publishKey(input: { clientId: string; keyId: string; confirmProduction?: boolean }): Promise<void>;
  removeKey(input: {
    clientId: string;
    kid: string;
    allowEmpty?: boolean;
    force?: boolean;
    confirmProduction?: boolean;
  }): Promise<void>;
  loadGuide(keyId?: string): Promise<void>;
  saveManualProfile(input: ProfileInput, existingId?: string): Promise<Profile>;
  runDoctor(): Promise<void>;
}

/** At most this many clients are read at once to count their keys (each read is two API calls). */
const COUNT_CONCURRENCY = 3;

const noAdmin = {
  adminProfileId: undefined,
  clientsStatus: 'idle' as LoadState,
  clientsError: undefined,
  clients: [],
  keyCounts: {},
  selectedClientId: undefined,
  detailsStatus: 'idle' as LoadState,
  detailsError: undefined,
  details: undefined,
  notice: undefined,
};

const noManual = {
  guideStatus: 'idle' as LoadState,
  guideError: undefined,
  guide: undefined,
  guideKeyId: undefined,
  manualProfileId: undefined,
  doctorStatus: 'idle' as LoadState,
  doctorError: undefined,
  doctor: undefined,
};

export const useClientsStore = create<ClientsState>()((set, get) => {
  // Each admin choice (and each reload of its list) gets a number; answers for an earlier one are dropped.
  let listGeneration = 0;
  let detailsGeneration = 0;

  async function refreshLocal() {
    const environmentId = get().environmentId;
    if (!environmentId) return;
    const [profiles, keys] = await Promise.all([call('profiles:list', { environmentId }), call('keys:list')]);
    if (environmentId === get().environmentId) set({ profiles, keys });
  }

  async function countKeys(adminProfileId: string, clients: ClientSummary[], mine: number) {
    const queue = clients.filter((c) => c.integrationType === 'maskinporten').map((c) => c.clientId);
    async function worker() {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        let count: number | 'error';
        try {
          count = (await call('clients:get', { adminProfileId, clientId: id })).keys.length;
        } catch {
          count = 'error';
        }
        if (mine !== listGeneration) return;
        set({ keyCounts: { ...get().keyCounts, [id]: count } });
      }
    }
    await Promise.all(Array.from({ length: COUNT_CONCURRENCY }, worker));
  }

  function adminId(): string {
    const id = get().adminProfileId;
    if (!id) throw new ApiError({ code: 'SELFSERVICE_NOT_ADMIN', message: 'No admin profile is chosen' });
    return id;
  }

  return {
    status: 'idle',
    profiles: [],
    keys: [],
    suggestions: [],
    ...noAdmin,
    ...noManual,

    async load(environmentId) {
      const changed = environmentId !== get().environmentId;
      if (changed) {
        listGeneration++;
        detailsGeneration++;
      }
      set({
        environmentId,
        status: 'loading',
        error: undefined,
        ...(changed ? { profiles: [], ...noAdmin, ...noManual } : {}),
      });
      try {
        const [profiles, keys, suggestions] = await Promise.all([
          call('profiles:list', { environmentId }),
          call('keys:list'),
          call('profiles:scope-suggestions').catch(() => [] as ScopeSuggestion[]),
        ]);
        if (environmentId !== get().environmentId) return;
        set({ profiles, keys, suggestions, status: 'ready' });
        const admins = profiles.filter((p) => p.admin);
        const current = get().adminProfileId;
        if (current && !admins.some((p) => p.id === current)) await get().chooseAdmin(undefined);
        else if (!current && admins.length === 1) await get().chooseAdmin(admins[0]?.id);
      } catch (error) {
        if (environmentId === get().environmentId) set({ status: 'failed', error: asApiError(error) });
      }
    },

    choosePath(path) {
      set({ path });
      if (path === 'manual' && get().guideStatus === 'idle') {
        // The newest plain key: an enterprise-certificate key belongs to the admin client, not to new ones.
        const plain = get()
          .keys.filter((k) => !k.certificate)
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
        void get().loadGuide(plain[0]?.id);
      }
    },

    async chooseAdmin(profileId) {
      listGeneration++;
      detailsGeneration++;
      set({ ...noAdmin, adminProfileId: profileId });
      if (profileId) await get().loadClients();
    },

    async loadClients() {
      const adminProfileId = get().adminProfileId;
      if (!adminProfileId) return;
      const mine = ++listGeneration;
      set({ clientsStatus: 'loading', clientsError: undefined });
      try {
        const clients = await call('clients:list', { adminProfileId });
        if (mine !== listGeneration) return;
        const sorted = [...clients].sort((a, b) => a.clientName.localeCompare(b.clientName, 'nb'));
        set({ clients: sorted, clientsStatus: 'ready', keyCounts: {} });
        await countKeys(adminProfileId, sorted, mine);
      } catch (error) {
        if (mine === listGeneration) set({ clientsStatus: 'failed', clientsError: asApiError(error) });
      }
    },

    async openClient(clientId) {
      const adminProfileId = adminId();
      const mine = ++detailsGeneration;
      set({ selectedClientId: clientId, detailsStatus: 'loading', detailsError: undefined, details: undefined });
      try {
        const details = await call('clients:get', { adminProfileId, clientId });
        if (mine === detailsGeneration) set({ details, detailsStatus: 'ready' });
      } catch (error) {
        if (mine === detailsGeneration) set({ detailsStatus: 'failed', detailsError: asApiError(error) });
      }
    },

    closeClient() {
      detailsGeneration++;
      set({ selectedClientId: undefined, details: undefined, detailsStatus: 'idle', detailsError: undefined });
    },

    clearNotice() {
      set({ notice: undefined });
    },

    async generateKey(name) {
      const key = await call('keys:generate', { name });
      await refreshLocal().catch(() => {});
      return key;
    },

    async createClient(input) {
      const adminProfileId = adminId();
      set({ notice: undefined });
      try {
        const result = await call('clients:create', { adminProfileId, ...input });
        set({ notice: { kind: 'created', result } });
        await refreshLocal().catch(() => {});
        void get().loadClients();
        detailsGeneration++;
        set({ selectedClientId: result.client.clientId, details: result.client, detailsStatus: 'ready' });
        return result;
      } catch (error) {
        // The client may exist although a later step (the key, the profile) failed: show it in the list.
        const created = error instanceof ApiError ? error.details?.createdClientId : undefined;
        if (typeof created === 'string') {
          await refreshLocal().catch(() => {});
          void get().loadClients();
        }
        throw error;
      }
    },

    async updateClient(input) {
      const adminProfileId = adminId();
      const details = await call('clients:update', { adminProfileId, ...input });
      detailsGeneration++;
      set({ details, detailsStatus: 'ready', notice: { kind: 'updated', clientName: details.clientName } });
      void get().loadClients();
    },

    async publishKey(input) {
      const adminProfileId = adminId();
      const result = await call('clients:publish-key', { adminProfileId, ...input });
      set({ notice: { kind: 'published', result, clientName: get().details?.clientName ?? input.clientId } });
      await refreshLocal().catch(() => {});
      await get().openClient(input.clientId);
      void get().loadClients();
    },

    async removeKey(input) {
      const adminProfileId = adminId();
      const result = await call('clients:remove-key', { adminProfileId, ...input });
      set({ notice: { kind: 'removed', result } });
      await refreshLocal().catch(() => {});
      await get().openClient(input.clientId);
      void get().loadClients();
    },

    async loadGuide(keyId) {
      const environmentId = get().environmentId;
      if (!environmentId) return;
      set({ guideStatus: 'loading', guideError: undefined, guideKeyId: keyId });
      try {
        const guide = await call('clients:manual-guide', { environmentId, ...(keyId ? { keyId } : {}) });
        if (environmentId === get().environmentId && keyId === get().guideKeyId) set({ guide, guideStatus: 'ready' });
      } catch (error) {
        if (environmentId === get().environmentId) set({ guideStatus: 'failed', guideError: asApiError(error) });
      }
    },

    async saveManualProfile(input, existingId) {
      const { environmentId: _env, ...patch } = input;
      const profile = existingId
        ? await call('profiles:update', {
            id: existingId,
            patch: { keyId: patch.keyId, scopes: patch.scopes, name: patch.name, org: patch.org ?? null },
          })
        : await call('profiles:add', input);
      set({ manualProfileId: profile.id, doctor: undefined, doctorStatus: 'idle', doctorError: undefined });
      await refreshLocal().catch(() => {});
      return profile;
    },

    async runDoctor() {
      const profileId = get().manualProfileId;
      if (!profileId) return;
      set({ doctorStatus: 'loading', doctorError: undefined });
      try {
        const doctor = await call('token:doctor', { profileId });
        if (profileId === get().manualProfileId) set({ doctor, doctorStatus: 'ready' });
      } catch (error) {
        if (profileId === get().manualProfileId) set({ doctorStatus: 'failed', doctorError: asApiError(error) });
      }
    },
  };
});

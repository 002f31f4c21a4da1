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
import { idle, type Loadable, load, slot } from './load-state';

export type ClientsPath = 'admin' | 'manual';

/** What the last write did, shown above the list or the client until the next action. */
export type ClientsNotice =
  | { kind: 'created'; result: CreateClientResult }
  | { kind: 'published'; result: PublishKeyResult; clientName: string }
  | { kind: 'removed'; result: RemoveKeyResult }
  | { kind: 'updated'; clientName: string };

/** Key count per client id: a number, or 'error' when that client could not be read. */
export type KeyCounts = Record<string, number | 'error'>;

/** What this machine holds for the environment: its profiles (admin and manual), keys and scope suggestions. */
export interface LocalData {
  profiles: Profile[];
  keys: KeySummary[];
  suggestions: ScopeSuggestion[];
}

export interface ClientsState {
  environmentId?: string;
  path?: ClientsPath;

  /** Every profile of the environment (admin profiles and the manual path's profile come from here). */
  local: Loadable<LocalData>;

  adminProfileId?: string;
  clients: Loadable<ClientSummary[]>;
  keyCounts: KeyCounts;

  selectedClientId?: string;
  details: Loadable<ClientDetails | undefined>;
  notice?: ClientsNotice;

  guide: Loadable<ManualGuide | undefined>;
  guideKeyId?: string;
  manualProfileId?: string;
  doctor: Loadable<DoctorReport | undefined>;

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
  /** Samarbeidsportalen in the person's browser (main opens only https addresses on its allowlist). */
  openExternal(url: string): Promise<void>;
  /** The key's public JWK to the clipboard, copied in main, for pasting into Samarbeidsportalen. */
  copyPublicJwk(keyId: string): Promise<void>;
}

/** At most this many clients are read at once to count their keys (each read is two API calls). */
const COUNT_CONCURRENCY = 3;

const noAdmin = {
  adminProfileId: undefined,
  clients: idle<ClientSummary[]>([]),
  keyCounts: {},
  selectedClientId: undefined,
  details: idle<ClientDetails | undefined>(undefined),
  notice: undefined,
};

const noManual = {
  guide: idle<ManualGuide | undefined>(undefined),
  guideKeyId: undefined,
  manualProfileId: undefined,
  doctor: idle<DoctorReport | undefined>(undefined),
};

export const useClientsStore = create<ClientsState>()((set, get) => {
  // Each admin choice (and each reload of its list) gets a number; answers for an earlier one are dropped.
  let listGeneration = 0;
  let detailsGeneration = 0;

  async function refreshLocal() {
    const environmentId = get().environmentId;
    if (!environmentId) return;
    const [profiles, keys] = await Promise.all([call('profiles:list', { environmentId }), call('keys:list')]);
    const local = get().local;
    if (environmentId === get().environmentId) set({ local: { ...local, value: { ...local.value, profiles, keys } } });
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
    local: idle<LocalData>({ profiles: [], keys: [], suggestions: [] }),
    ...noAdmin,
    ...noManual,

    async load(environmentId) {
      const changed = environmentId !== get().environmentId;
      if (changed) {
        listGeneration++;
        detailsGeneration++;
      }
      // Keys and suggestions are not per environment: only the profiles go at a switch.
      const local = get().local;
      set({
        environmentId,
        ...(changed ? { local: { ...local, value: { ...local.value, profiles: [] } }, ...noAdmin, ...noManual } : {}),
      });
      const arrived = await load(
        slot(set, get, 'local'),
        async () => {
          const [profiles, keys, suggestions] = await Promise.all([
            call('profiles:list', { environmentId }),
            call('keys:list'),
            call('profiles:scope-suggestions').catch(() => [] as ScopeSuggestion[]),
          ]);
          return { profiles, keys, suggestions };
        },
        { isCurrent: () => environmentId === get().environmentId },
      );
      if (!arrived) return;
      const admins = get().local.value.profiles.filter((p) => p.admin);
      const current = get().adminProfileId;
      if (current && !admins.some((p) => p.id === current)) await get().chooseAdmin(undefined);
      else if (!current && admins.length === 1) await get().chooseAdmin(admins[0]?.id);
    },

    choosePath(path) {
      set({ path });
      if (path === 'manual' && get().guide.status === 'idle') {
        // The newest plain key: an enterprise-certificate key belongs to the admin client, not to new ones.
        const plain = get()
          .local.value.keys.filter((k) => !k.certificate)
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
      const arrived = await load(
        slot(set, get, 'clients'),
        async () =>
          [...(await call('clients:list', { adminProfileId }))].sort((a, b) =>
            a.clientName.localeCompare(b.clientName, 'nb'),
          ),
        { isCurrent: () => mine === listGeneration, onReady: () => set({ keyCounts: {} }) },
      );
      if (!arrived) return;
      await countKeys(adminProfileId, get().clients.value, mine);
    },

    async openClient(clientId) {
      const adminProfileId = adminId();
      const mine = ++detailsGeneration;
      set({ selectedClientId: clientId, details: idle(undefined) });
      await load(slot(set, get, 'details'), () => call('clients:get', { adminProfileId, clientId }), {
        isCurrent: () => mine === detailsGeneration,
      });
    },

    closeClient() {
      detailsGeneration++;
      set({ selectedClientId: undefined, details: idle(undefined) });
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
        set({ selectedClientId: result.client.clientId, details: { status: 'ready', value: result.client } });
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
      set({
        details: { status: 'ready', value: details },
        notice: { kind: 'updated', clientName: details.clientName },
      });
      void get().loadClients();
    },

    async publishKey(input) {
      const adminProfileId = adminId();
      const result = await call('clients:publish-key', { adminProfileId, ...input });
      set({ notice: { kind: 'published', result, clientName: get().details.value?.clientName ?? input.clientId } });
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
      set({ guideKeyId: keyId });
      await load(
        slot(set, get, 'guide'),
        () => call('clients:manual-guide', { environmentId, ...(keyId ? { keyId } : {}) }),
        { isCurrent: () => environmentId === get().environmentId && keyId === get().guideKeyId },
      );
    },

    async saveManualProfile(input, existingId) {
      const { environmentId: _env, ...patch } = input;
      const profile = existingId
        ? await call('profiles:update', {
            id: existingId,
            patch: { keyId: patch.keyId, scopes: patch.scopes, name: patch.name, org: patch.org ?? null },
          })
        : await call('profiles:add', input);
      set({ manualProfileId: profile.id, doctor: idle(undefined) });
      await refreshLocal().catch(() => {});
      return profile;
    },

    async runDoctor() {
      const profileId = get().manualProfileId;
      if (!profileId) return;
      await load(slot(set, get, 'doctor'), () => call('token:doctor', { profileId }), {
        isCurrent: () => profileId === get().manualProfileId,
      });
    },

    async openExternal(url) {
      await call('shell:open-external', { url });
    },

    async copyPublicJwk(keyId) {
      await call('keys:copy-public-jwk', { id: keyId });
    },
  };
});

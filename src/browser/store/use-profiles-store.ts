import { create } from 'zustand';
import type { KeySummary } from '../../common/contract/keys';
import type {
  Profile,
  ProfileInput,
  ProfilePatch,
  ResolvedEnvironment,
  ScopeSuggestion,
} from '../../common/contract/profiles';
import { type ApiError, call } from '../api';
import { asApiError } from './as-api-error';
import { idle, type Loadable, load, slot } from './load-state';

export type Editor = { mode: 'new' } | { mode: 'edit'; profile: Profile };

export interface ProfilesState {
  /** The environment the lists below belong to. */
  environmentId?: string;
  profiles: Loadable<Profile[]>;
  /** The environment's endpoints as main resolves them (discovery), for the endpoints panel. */
  resolved: Loadable<ResolvedEnvironment | undefined>;
  /**
   * For the key choice in the form. Not a Loadable: there is no loading state to show, and the last failure
   * stays on screen while a reload runs.
   */
  keys: KeySummary[];
  keysError?: ApiError;
  suggestions: ScopeSuggestion[];
  editor: Editor | null;
  endpointsOpen: boolean;
  /** The last change that worked, for a short receipt above the list. */
  notice?: { kind: 'saved' | 'deleted'; name: string };

  load(environmentId: string): Promise<void>;
  reloadKeys(): Promise<void>;
  openNew(): void;
  openEdit(profile: Profile): void;
  closeEditor(): void;
  setEndpointsOpen(open: boolean): void;
  /** Add or update; throws the ApiError for the form to place on its fields. */
  save(change: { id?: undefined; input: ProfileInput } | { id: string; patch: ProfilePatch }): Promise<Profile>;
  remove(profile: Profile): Promise<void>;
}

export const useProfilesStore = create<ProfilesState>()((set, get) => {
  // Each load gets a number; an answer for an older load (the environment changed meanwhile) is dropped.
  let generation = 0;

  return {
    profiles: idle([]),
    resolved: idle(undefined),
    keys: [],
    suggestions: [],
    editor: null,
    endpointsOpen: false,

    async load(environmentId) {
      const mine = ++generation;
      const isCurrent = () => mine === generation;
      const changed = environmentId !== get().environmentId;
      set({
        environmentId,
        // A form for another environment's profile must not stay open after a switch.
        ...(changed ? { editor: null, profiles: idle([]), resolved: idle(undefined), notice: undefined } : {}),
      });
      await Promise.all([
        load(slot(set, get, 'profiles'), () => call('profiles:list', { environmentId }), { isCurrent }),
        load(slot(set, get, 'resolved'), () => call('environments:resolve', { id: environmentId }), { isCurrent }),
        get().reloadKeys(),
        get().suggestions.length
          ? Promise.resolve()
          : call('profiles:scope-suggestions')
              .then((suggestions) => set({ suggestions }))
              // Suggestions are a convenience: without them the person types the scope.
              .catch(() => {}),
      ]);
    },

    async reloadKeys() {
      try {
        set({ keys: await call('keys:list'), keysError: undefined });
      } catch (error) {
        set({ keysError: asApiError(error) });
      }
    },

    openNew() {
      set({ editor: { mode: 'new' }, notice: undefined });
      void get().reloadKeys();
    },

    openEdit(profile) {
      set({ editor: { mode: 'edit', profile }, notice: undefined });
      void get().reloadKeys();
    },

    closeEditor() {
      set({ editor: null });
    },

    setEndpointsOpen(open) {
      set({ endpointsOpen: open });
    },

    async save(change) {
      const profile =
        change.id === undefined
          ? await call('profiles:add', change.input)
          : await call('profiles:update', { id: change.id, patch: change.patch });
      const loaded = get().profiles;
      const others = loaded.value.filter((p) => p.id !== profile.id);
      const inView = profile.environmentId === get().environmentId;
      const profiles = inView
        ? change.id === undefined
          ? [...others, profile]
          : loaded.value.map((p) => (p.id === profile.id ? profile : p))
        : others;
      set({ profiles: { ...loaded, value: profiles }, editor: null, notice: { kind: 'saved', name: profile.name } });
      return profile;
    },

    async remove(profile) {
      await call('profiles:remove', { id: profile.id });
      const loaded = get().profiles;
      set({
        profiles: { ...loaded, value: loaded.value.filter((p) => p.id !== profile.id) },
        notice: { kind: 'deleted', name: profile.name },
      });
    },
  };
});

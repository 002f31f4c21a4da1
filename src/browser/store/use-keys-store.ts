import { create } from 'zustand';
import type { PickedFile } from '../../common/contract/files';
import type {
  ExportFormat,
  ImportResult,
  ImportWarning,
  KeySummary,
  PublicJwk,
  VaultStatusInfo,
} from '../../common/contract/keys';
import type { MessageKey, MessageParams } from '../../common/i18n/translate';
import { call } from '../api';
import { idle, type Loadable, load, slot } from './load-state';

/**
 * A short confirmation at the top of the Keys view. Stored as a message key (not text) so it follows a
 * language switch; warnings are shown with their localized title and hint.
 */
export interface KeysNotice {
  tone: 'success' | 'warning' | 'info';
  message: MessageKey;
  params?: MessageParams;
  warnings?: ImportWarning[];
}

export interface ExportRequest {
  ids: string[];
  format: ExportFormat;
  passphrase?: string;
  confirmUnencrypted?: true;
}

export interface KeysState {
  keys: Loadable<KeySummary[]>;
  vault?: VaultStatusInfo;
  /** Ids ticked in the list, for a JWKS of several keys. */
  selected: string[];
  notice?: KeysNotice;

  load(): Promise<void>;
  refreshVault(): Promise<void>;
  generate(input: { name: string; bits?: 2048 | 3072 | 4096; kid?: string }): Promise<KeySummary>;
  /** The native open dialog in main: a handle for the chosen file and its name; null when the person cancelled. */
  chooseImportFile(): Promise<PickedFile | null>;
  /** `file` is a handle main gave (never a path), used up by the call. */
  importKey(input: { file: string; password?: string }): Promise<ImportResult>;
  rename(id: string, name: string): Promise<KeySummary>;
  setRegistered(id: string, registeredAt: string | null): Promise<KeySummary>;
  remove(id: string): Promise<void>;
  publicJwk(id: string): Promise<PublicJwk>;
  copyPublicJwk(id: string): Promise<void>;
  copyKid(id: string): Promise<void>;
  /** Saves through main's native save dialog; resolves to the path, or null when cancelled. */
  exportKeys(request: ExportRequest): Promise<string | null>;
  unlockVault(passphrase: string): Promise<void>;
  switchToPassphraseVault(passphrase: string): Promise<void>;
  switchToKeychainVault(): Promise<void>;
  toggleSelected(id: string): void;
  setSelected(ids: string[]): void;
  showNotice(notice: KeysNotice): void;
  dismissNotice(): void;
}

function replaceKey(keys: Loadable<KeySummary[]>, key: KeySummary): Loadable<KeySummary[]> {
  const list = keys.value;
  const value = list.some((k) => k.id === key.id) ? list.map((k) => (k.id === key.id ? key : k)) : [...list, key];
  return { ...keys, value };
}

/**
 * The Keys view's state. Actions that a dialog starts throw their ApiError so the dialog can show it
 * next to the form; on success they update the list and leave a notice.
 */
export const useKeysStore = create<KeysState>()((set, get) => ({
  keys: idle([]),
  selected: [],

  async load() {
    let vault: VaultStatusInfo | undefined;
    await load(
      slot(set, get, 'keys'),
      async () => {
        const [keys, status] = await Promise.all([call('keys:list'), call('keys:vault-status')]);
        vault = status;
        return keys;
      },
      {
        refresh: true,
        onReady: (keys) => {
          const ids = new Set(keys.map((k) => k.id));
          set({ vault, selected: get().selected.filter((id) => ids.has(id)) });
        },
      },
    );
  },

  async refreshVault() {
    set({ vault: await call('keys:vault-status') });
  },

  async generate(input) {
    const key = await call('keys:generate', input);
    set({
      keys: replaceKey(get().keys, key),
      notice: { tone: 'success', message: 'keys.noticeGenerated', params: { name: key.name } },
    });
    void get().refreshVault();
    return key;
  },

  async chooseImportFile() {
    return (await call('keys:choose-import-file')).file;
  },

  async importKey(input) {
    const result = await call('keys:import', input);
    const name = result.key.name;
    set({
      keys: replaceKey(get().keys, result.key),
      notice: result.warnings.length
        ? { tone: 'warning', message: 'keys.noticeImportedWithWarnings', params: { name }, warnings: result.warnings }
        : { tone: 'success', message: 'keys.noticeImported', params: { name } },
    });
    void get().refreshVault();
    return result;
  },

  async rename(id, name) {
    const key = await call('keys:rename', { id, name });
    set({
      keys: replaceKey(get().keys, key),
      notice: { tone: 'success', message: 'keys.noticeRenamed', params: { name: key.name } },
    });
    return key;
  },

  async setRegistered(id, registeredAt) {
    const key = await call('keys:set-registered', { id, registeredAt });
    set({
      keys: replaceKey(get().keys, key),
      notice: {
        tone: 'success',
        message: registeredAt ? 'keys.noticeRegistered' : 'keys.noticeRegisteredCleared',
        params: { name: key.name },
      },
    });
    return key;
  },

  async remove(id) {
    const name = get().keys.value.find((k) => k.id === id)?.name ?? id;
    await call('keys:delete', { id });
    const keys = get().keys;
    set({
      keys: { ...keys, value: keys.value.filter((k) => k.id !== id) },
      selected: get().selected.filter((s) => s !== id),
      notice: { tone: 'success', message: 'keys.noticeDeleted', params: { name } },
    });
    void get().refreshVault();
  },

  publicJwk(id) {
    return call('keys:export-public-jwk', { id });
  },

  async copyPublicJwk(id) {
    await call('keys:copy-public-jwk', { id });
    set({ notice: { tone: 'success', message: 'keys.noticeCopiedJwk' } });
  },

  async copyKid(id) {
    await call('keys:copy-kid', { id });
    set({ notice: { tone: 'success', message: 'keys.noticeCopiedKid' } });
  },

  async exportKeys(request) {
    const result = await call('keys:export', request);
    if ('cancelled' in result) return null;
    set({ notice: { tone: 'success', message: 'keys.noticeSaved', params: { path: result.path } } });
    return result.path;
  },

  async unlockVault(passphrase) {
    set({ vault: await call('keys:vault-unlock', { passphrase }) });
  },

  async switchToPassphraseVault(passphrase) {
    set({ vault: await call('keys:vault-use-passphrase', { passphrase }) });
  },

  async switchToKeychainVault() {
    set({ vault: await call('keys:vault-use-keychain') });
  },

  toggleSelected(id) {
    const selected = get().selected;
    set({ selected: selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id] });
  },

  setSelected(ids) {
    set({ selected: ids });
  },

  showNotice(notice) {
    set({ notice });
  },

  dismissNotice() {
    set({ notice: undefined });
  },
}));

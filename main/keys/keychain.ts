import { AsyncEntry } from '@napi-rs/keyring';
import { AppError } from '../errors';
import type { SecretStore } from './secret-store';

export const KEYCHAIN_SERVICE = 'Maskinporten Desktop';
const PROBE_ACCOUNT = 'probe';

export const KeychainErrors = { KEYCHAIN_UNAVAILABLE: 'KEYCHAIN_UNAVAILABLE' } as const;

/**
 * The OS keychain through @napi-rs/keyring (keytar's maintained successor). On Linux the store is pinned
 * to the Secret Service: the library's silent fallback to the kernel keyring loses secrets at logout and
 * rejects values over ~20 KB (shared/reference/toolchain.md §3a).
 */
export function osKeychain(service = KEYCHAIN_SERVICE): SecretStore {
  const entry = (account: string) => new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
  const wrap = async <T>(action: string, op: () => Promise<T>): Promise<T> => {
    try {
      return await op();
    } catch (error) {
      throw keychainError(action, error);
    }
  };
  return {
    get: (account) => wrap('read', () => entry(account).getPassword()),
    set: (account, value) => wrap('write', () => entry(account).setPassword(value)),
    delete: (account) => wrap('delete', () => entry(account).deletePassword()),
    async probe() {
      try {
        await entry(PROBE_ACCOUNT).getPassword();
        return { available: true, detail: process.platform === 'linux' ? 'secret-service' : process.platform };
      } catch (error) {
        return { available: false, detail: keychainError('read', error).message };
      }
    },
  };
}

export function keychainError(action: string, error: unknown): AppError {
  const raw = error instanceof Error ? error.message : String(error);
  return new AppError(KeychainErrors.KEYCHAIN_UNAVAILABLE, `The OS keychain could not ${action}: ${raw}`, {
    cause: error,
  });
}

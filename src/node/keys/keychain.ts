import { AsyncEntry } from '@napi-rs/keyring';
import { AppError } from '../../common/errors/app-error';
import type { SecretStore } from './secret-store';

export const KEYCHAIN_SERVICE = 'Maskinporten Desktop';
const PROBE_ACCOUNT = 'probe';

export const KeychainErrors = { KEYCHAIN_UNAVAILABLE: 'KEYCHAIN_UNAVAILABLE' } as const;

/** Why the keychain did not answer; carried in `details.reason` so the UI can say what to do. */
export type KeychainFailure = 'no-service' | 'locked' | 'denied' | 'unknown';

/**
 * The OS keychain through @napi-rs/keyring (keytar's maintained successor). On Linux the store is pinned
 * to the Secret Service: the library's silent fallback to the kernel keyring loses secrets at logout and
 * rejects values over ~20 KB (shared/reference/toolchain.md §3a).
 *
 * Note for tools that look from outside: the library stores the account under the Secret Service
 * attribute `username` (`secret-tool lookup service "Maskinporten Desktop" username vault-key`).
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
        if (process.platform === 'linux') {
          // A locked Secret Service collection answers reads with "nothing stored" and fails only on
          // writes ("no result found"), so a read alone would call a locked keyring available.
          await entry(PROBE_ACCOUNT).setPassword('probe');
          await entry(PROBE_ACCOUNT).deletePassword();
        }
        return { available: true, detail: process.platform === 'linux' ? 'secret-service' : process.platform };
      } catch (error) {
        return { available: false, detail: keychainError('answer', error).message };
      }
    },
  };
}

/** Classify the library's error text (keyring-rs / Secret Service / D-Bus) into what the user can act on. */
export function classifyKeychainFailure(raw: string): KeychainFailure {
  if (
    /DBUS_SESSION_BUS_ADDRESS|autolaunch|ServiceUnknown|org\.freedesktop\.secrets|not provided by any|No such interface|Platform failure: DBus/i.test(
      raw,
    )
  ) {
    return 'no-service';
  }
  if (
    /no result found|locked|unlock prompt|NoStorageAccess|interaction not allowed|errSecInteractionNotAllowed/i.test(
      raw,
    )
  ) {
    return 'locked';
  }
  if (/denied|dismissed|cancel|not authorized|errSecAuthFailed/i.test(raw)) return 'denied';
  return 'unknown';
}

const REASON_TEXT: Record<KeychainFailure, string> = {
  'no-service':
    'no keychain service is running (on Linux: no D-Bus session or no Secret Service such as GNOME Keyring)',
  locked: 'the keychain is locked',
  denied: 'access to the keychain was denied',
  unknown: 'the keychain reported an error',
};

export function keychainError(action: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const reason = classifyKeychainFailure(raw);
  return new AppError(
    KeychainErrors.KEYCHAIN_UNAVAILABLE,
    `The OS keychain could not ${action}: ${REASON_TEXT[reason]} (${raw})`,
    { cause: error, details: { reason } },
  );
}

import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/common/errors/app-error';
import { classifyKeychainFailure, keychainError } from '../../../src/node/keys/keychain';

// The messages are the ones @napi-rs/keyring 2.1.2 gives (shared/reference/toolchain.md §3a, and seen here).
describe('keychain errors', () => {
  it.each([
    [
      'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead',
      'no-service',
    ],
    [
      'Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files',
      'no-service',
    ],
    ["Couldn't access platform storage: Secret Service: no result found", 'locked'],
    ['Platform failure: the collection is locked', 'locked'],
    ["Couldn't access platform storage: Secret Service: unlock prompt was dismissed", 'locked'],
    ['Platform failure: prompt dismissed by the user', 'denied'],
    ['Access denied', 'denied'],
    ['something else entirely', 'unknown'],
  ])('%s → %s', (raw, reason) => {
    expect(classifyKeychainFailure(raw)).toBe(reason);
  });

  it('wraps library errors in KEYCHAIN_UNAVAILABLE with the reason, and passes AppErrors through', () => {
    const error = keychainError(
      'write',
      new Error("Couldn't access platform storage: Secret Service: no result found"),
    );
    expect(error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(error.details).toEqual({ reason: 'locked' });
    expect(error.message).toContain('the keychain is locked');
    const own = new AppError('VAULT_CORRUPT', 'x');
    expect(keychainError('read', own)).toBe(own);
  });
});

import { DownloadErrors } from '../../common/errors/download-errors';
import { IntakeErrors } from '../../common/errors/intake-errors';
import { StorageErrors } from '../../common/errors/storage-errors';
import { AuthErrors } from '../auth/diagnostics';

/**
 * What a watch does after a failed pass (issue 12): `retry` waits for the next interval (longer after
 * failures in a row, backoff.ts) — a dropped network, Altinn 5xx/429, a Maskinporten outage; `stop` ends the
 * watch until a person resumes it, because every later pass would fail the same way and only hammer
 * Maskinporten and Altinn — a token Altinn refuses (401/403), an expired or unknown key, a missing scope, a
 * full disk. Unknown codes are retried: a pass that fails for a reason we do not know costs one list
 * request per interval, which is cheaper than a watch that silently stops.
 */
export type FailureKind = 'retry' | 'stop';

/** Auth failures that come and go: Maskinporten or the exchange down or slow, a replayed grant id. */
const TRANSIENT_AUTH = new Set<string>([
  AuthErrors.SERVER_ERROR,
  AuthErrors.UNREACHABLE,
  AuthErrors.TIMEOUT,
  AuthErrors.BAD_RESPONSE,
  AuthErrors.JTI_REUSED,
  AuthErrors.EXCHANGE_SERVER_ERROR,
  AuthErrors.EXCHANGE_UNREACHABLE,
  AuthErrors.EXCHANGE_TIMEOUT,
  AuthErrors.EXCHANGE_BAD_RESPONSE,
]);

/** Not about the token, but no later pass gets past them either. */
const STOP = new Set<string>([
  StorageErrors.UNAUTHORIZED,
  StorageErrors.FORBIDDEN,
  StorageErrors.BAD_REQUEST,
  StorageErrors.UNTRUSTED_URL,
  StorageErrors.TOKENS_UNAVAILABLE,
  DownloadErrors.DISK_FULL,
  DownloadErrors.WRITE_FAILED,
  DownloadErrors.TARGET_INVALID,
  DownloadErrors.MANIFEST_CORRUPT,
  DownloadErrors.PRODUCTION_CONFIRM_REQUIRED,
  IntakeErrors.STATE_CORRUPT,
  'SETTINGS_CORRUPT',
  'ENVIRONMENTS_FILE_INVALID',
]);

/** Codes of the token chain, the keys and the profile: the profile check (the doctor) explains them. */
const ACCOUNT_PREFIXES = ['MASKINPORTEN_', 'ALTINN_', 'AUTH_', 'KEY_', 'VAULT_', 'PROFILE_', 'CERT_'];

const ACCOUNT_CODES = new Set<string>([
  StorageErrors.UNAUTHORIZED,
  StorageErrors.FORBIDDEN,
  StorageErrors.TOKENS_UNAVAILABLE,
]);

export function failureKind(code: string): FailureKind {
  if (TRANSIENT_AUTH.has(code)) return 'retry';
  if (STOP.has(code) || ACCOUNT_PREFIXES.some((p) => code.startsWith(p))) return 'stop';
  return 'retry';
}

/** A stop the doctor can explain (token, key, scope, profile), rather than the disk or the folder. */
export function isAccountProblem(code: string): boolean {
  return ACCOUNT_CODES.has(code) || (failureKind(code) === 'stop' && ACCOUNT_PREFIXES.some((p) => code.startsWith(p)));
}

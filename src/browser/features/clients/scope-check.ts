import type { MessageKey } from '../../../common/i18n/translate';

// The same rules as src/common/schemas/profile.ts scopeSchema (RFC 6749 §3.3 scope-token; Maskinporten
// scopes are `prefix:name`), checked here so a typo is caught before anything is sent.
const SCOPE_CHARS = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const SCOPE_SHAPE = /^[^:]+:.+$/;

/** Why `scope` cannot be added to `list`, or undefined when it can. */
export function scopeProblem(scope: string, list: readonly string[]): MessageKey | undefined {
  if (scope.length < 3 || scope.length > 200 || !SCOPE_CHARS.test(scope) || !SCOPE_SHAPE.test(scope)) {
    return 'clients.errScope';
  }
  if (list.includes(scope)) return 'clients.errScopeTwice';
  return undefined;
}

/** An Altinn org code (src/common/schemas/profile.ts orgCodeSchema). */
export function isOrgCode(value: string): boolean {
  return /^[a-z0-9-]{2,32}$/.test(value);
}

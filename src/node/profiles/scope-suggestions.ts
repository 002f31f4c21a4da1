import type { ScopeSuggestion } from '../../common/contract/profiles';

/**
 * Scopes offered in the profile form. Service owners read and confirm instances with the
 * `altinn:serviceowner/instances.*` pair (reference §2, §3.2); an admin profile for Digdir's self-service
 * API uses the `idporten:dcr.*` scopes (reference §4).
 */
export const SCOPE_SUGGESTIONS: readonly ScopeSuggestion[] = [
  { scope: 'altinn:serviceowner/instances.read', use: 'instances-read', admin: false },
  { scope: 'altinn:serviceowner/instances.write', use: 'instances-write', admin: false },
  { scope: 'idporten:dcr.read', use: 'self-service-read', admin: true },
  { scope: 'idporten:dcr.write', use: 'self-service-write', admin: true },
  { scope: 'idporten:dcr.modify', use: 'self-service-modify', admin: true },
];

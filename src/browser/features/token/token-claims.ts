import type { TokenClaims } from '../../../common/contract/token-status';

/**
 * Reading the claims of a decoded token for people. Claim names and shapes: Maskinporten
 * (docs.digdir.no maskinporten_protocol_token: `consumer`/`supplier` as iso6523 {authority, ID:"0192:<orgno>"},
 * `client_amr`, `scope` space-separated) and the Altinn exchange (AuthenticationController.cs:
 * `urn:altinn:org`, `urn:altinn:orgNumber`); reference §1.3, §1.5, §2.
 */

export const ALTINN_ORG = 'urn:altinn:org';
export const ALTINN_ORG_NUMBER = 'urn:altinn:orgNumber';

/** The scopes of a `scope` claim (space-separated, RFC 6749 §3.3). */
export function scopesOf(claims: TokenClaims): string[] {
  return typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
}

/** `0192:910753614` or `{ ID: '0192:910753614' }` → `910753614`; Altinn's docs write `id` in lower case. */
export function orgNumberOf(claim: unknown): string | undefined {
  if (typeof claim === 'string') return claim.includes(':') ? claim.slice(claim.indexOf(':') + 1) : claim;
  if (!claim || typeof claim !== 'object') return undefined;
  const id = (claim as { ID?: unknown }).ID ?? (claim as { id?: unknown }).id;
  return typeof id === 'string' ? orgNumberOf(id) : undefined;
}

/** A string claim, or a number written as text; undefined for anything else. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  return undefined;
}

/** The system users' org numbers of a system-user token's `authorization_details` (reference §1.5). */
export function systemUserOrgs(claims: TokenClaims): string[] {
  const details = claims.authorization_details;
  if (!Array.isArray(details)) return [];
  return details
    .filter((d) => d && typeof d === 'object' && (d as { type?: unknown }).type === 'urn:altinn:systemuser')
    .map((d) => orgNumberOf((d as { systemuser_org?: unknown }).systemuser_org))
    .filter((org): org is string => org !== undefined);
}

/**
 * What a system-user token names besides the org (reference §1.5; Altinn usetoken docs): `systemuser_id`
 * (a list) and `system_id`, from every `urn:altinn:systemuser` entry.
 */
export function systemUserDetails(claims: TokenClaims): { ids: string[]; systems: string[] } {
  const details = Array.isArray(claims.authorization_details) ? claims.authorization_details : [];
  const entries = details.filter(
    (d): d is Record<string, unknown> =>
      Boolean(d) && typeof d === 'object' && (d as { type?: unknown }).type === 'urn:altinn:systemuser',
  );
  const ids = entries.flatMap((d) => (Array.isArray(d.systemuser_id) ? d.systemuser_id : [d.systemuser_id]));
  return {
    ids: ids.filter((v): v is string => typeof v === 'string'),
    systems: entries.map((d) => d.system_id).filter((v): v is string => typeof v === 'string'),
  };
}

/** A NumericDate claim (seconds since the epoch, RFC 7519 §2) as a Date. */
export function dateOf(value: unknown): Date | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000) : undefined;
}

/** Norwegian org numbers read in groups of three (910 753 614), as Brønnøysundregistrene writes them. */
export function groupOrgNumber(orgNumber: string): string {
  return /^\d{9}$/.test(orgNumber) ? orgNumber.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3') : orgNumber;
}

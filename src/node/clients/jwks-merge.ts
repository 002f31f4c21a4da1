import { MAX_CLIENT_KEYS } from '../../common/contract/clients';
import type { PublicJwk } from '../../common/contract/keys';
import { AppError } from '../../common/errors/app-error';
import { SelfServiceErrors } from '../../common/errors/clients-errors';

/**
 * The key set of a client, changed one key at a time. Digdir's API has no per-key operations: "både POST og
 * PUT erstatter evt. eksisterende JWKS" and a set holds "inntil 5" keys (oidc_api_admin.md, reference §4).
 * So every change is: read the set, compute the new set here, write the whole set. These functions are pure;
 * they refuse (throw) rather than drop a key, so a refused change loses nothing.
 */

/** A key as the API returns it: the members we know plus whatever else the server keeps (e.g. `exp`). */
export interface ApiJwk {
  kid: string;
  kty: string;
  [member: string]: unknown;
}

export interface MergeOutcome {
  keys: ApiJwk[];
  /** `renewed`: the kid was already there with the same public key; re-posting renews its one-year life. */
  action: 'added' | 'renewed';
}

/**
 * Add `key` to `current`, or replace its own earlier copy. Other keys are passed through untouched,
 * member for member, so the write cannot change them.
 */
export function mergeKey(current: readonly ApiJwk[], key: PublicJwk, maxKeys = MAX_CLIENT_KEYS): MergeOutcome {
  const sameKid = current.find((k) => k.kid === key.kid);
  if (sameKid && !samePublicKey(sameKid, key)) {
    throw new AppError(
      SelfServiceErrors.KID_CONFLICT,
      `The client already has a different key with kid "${key.kid}"; give the stored key another kid before publishing`,
      { details: { kid: key.kid } },
    );
  }
  const sameMaterial = current.find((k) => k.kid !== key.kid && samePublicKey(k, key));
  if (sameMaterial) {
    throw new AppError(
      SelfServiceErrors.KID_CONFLICT,
      `This public key is already on the client under kid "${sameMaterial.kid}"`,
      { details: { kid: key.kid, existingKid: sameMaterial.kid } },
    );
  }
  // Without `exp`: the server dates the key from this post (a re-post renews the year, reference §4).
  const fresh: ApiJwk = { ...key };
  if (sameKid) {
    return { keys: current.map((k) => (k.kid === key.kid ? fresh : k)), action: 'renewed' };
  }
  if (current.length >= maxKeys) {
    throw new AppError(
      SelfServiceErrors.KEY_LIMIT,
      `The client already has ${current.length} keys, the most Digdir allows (${maxKeys}); remove one first`,
      { details: { count: current.length, maxKeys, kids: current.map((k) => k.kid) } },
    );
  }
  return { keys: [...current, fresh], action: 'added' };
}

/**
 * The set without `kid`. Removing the last key leaves the client unable to get any token, so that needs
 * `allowEmpty` (a decision of this app; Digdir's docs do not say whether an empty set is accepted).
 */
export function removeKey(current: readonly ApiJwk[], kid: string, options: { allowEmpty?: boolean } = {}): ApiJwk[] {
  if (!current.some((k) => k.kid === kid)) {
    throw new AppError(SelfServiceErrors.KEY_NOT_ON_CLIENT, `The client has no key with kid "${kid}"`, {
      details: { kid, kids: current.map((k) => k.kid) },
    });
  }
  const rest = current.filter((k) => k.kid !== kid);
  if (rest.length === 0 && !options.allowEmpty) {
    throw new AppError(
      SelfServiceErrors.LAST_KEY,
      `"${kid}" is the client's only key; without it the client cannot get tokens`,
      { details: { kid } },
    );
  }
  return rest;
}

/**
 * Rotation is two writes with a gap: publish the new key (the old one keeps working), move the profiles to
 * the new key once it works (up to 2 minutes), then retire the old one. This names the keys a rotation to
 * `newKid` would leave for the user to retire.
 */
export function retireCandidates(current: readonly ApiJwk[], newKid: string): string[] {
  return current.filter((k) => k.kid !== newKid).map((k) => k.kid);
}

function samePublicKey(a: ApiJwk, b: PublicJwk): boolean {
  return a.kty === b.kty && a.n === b.n && a.e === b.e;
}

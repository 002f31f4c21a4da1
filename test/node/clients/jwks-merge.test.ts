import { describe, expect, it } from 'vitest';
import type { PublicJwk } from '../../../src/common/contract/keys';
import { AppError } from '../../../src/common/errors/app-error';
import { type ApiJwk, mergeKey, removeKey, retireCandidates } from '../../../src/node/clients/jwks-merge';

const jwk = (kid: string, n = `n-${kid}`): PublicJwk => ({ kty: 'RSA', n, e: 'AQAB', kid, alg: 'RS256', use: 'sig' });
const onServer = (kid: string, extra: Record<string, unknown> = {}): ApiJwk => ({
  ...jwk(kid),
  exp: 1_900_000_000,
  ...extra,
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return undefined;
}

describe('mergeKey', () => {
  it('adds a key and passes the others through member for member', () => {
    const current = [onServer('a', { x5c: ['MIIB'] }), onServer('b')];
    const { keys, action } = mergeKey(current, jwk('c'));
    expect(action).toBe('added');
    expect(keys.slice(0, 2)).toEqual(current);
    expect(keys[2]).toEqual(jwk('c'));
  });

  it('renews a key that is already there, in place and without the old exp', () => {
    const current = [onServer('a'), onServer('b'), onServer('c')];
    const { keys, action } = mergeKey(current, jwk('b'));
    expect(action).toBe('renewed');
    expect(keys.map((k) => k.kid)).toEqual(['a', 'b', 'c']);
    expect(keys[1]).not.toHaveProperty('exp');
    expect(keys[0]).toEqual(current[0]);
  });

  it('fills up to five and refuses the sixth without touching the input', () => {
    const four = ['a', 'b', 'c', 'd'].map((k) => onServer(k));
    expect(mergeKey(four, jwk('e')).keys).toHaveLength(5);
    const five = ['a', 'b', 'c', 'd', 'e'].map((k) => onServer(k));
    const copy = structuredClone(five);
    expect(codeOf(() => mergeKey(five, jwk('f')))).toBe('SELFSERVICE_KEY_LIMIT');
    expect(five).toEqual(copy);
    // Renewing one of the five is still allowed: the count does not change.
    expect(mergeKey(five, jwk('c')).keys).toHaveLength(5);
  });

  it('refuses a kid held by another key, and the same key under another kid', () => {
    expect(codeOf(() => mergeKey([onServer('a')], jwk('a', 'other-n')))).toBe('SELFSERVICE_KID_CONFLICT');
    expect(codeOf(() => mergeKey([onServer('a')], jwk('b', 'n-a')))).toBe('SELFSERVICE_KID_CONFLICT');
  });
});

describe('removeKey', () => {
  it('removes one key and keeps the rest as they were', () => {
    const current = [onServer('a'), onServer('b'), onServer('c')];
    expect(removeKey(current, 'b')).toEqual([current[0], current[2]]);
  });

  it('refuses an unknown kid, and the last key unless allowed', () => {
    expect(codeOf(() => removeKey([onServer('a')], 'z'))).toBe('SELFSERVICE_KEY_NOT_ON_CLIENT');
    expect(codeOf(() => removeKey([onServer('a')], 'a'))).toBe('SELFSERVICE_LAST_KEY');
    expect(removeKey([onServer('a')], 'a', { allowEmpty: true })).toEqual([]);
  });
});

describe('retireCandidates', () => {
  it('names the keys a rotation leaves for the user to retire', () => {
    expect(retireCandidates([onServer('old'), onServer('new')], 'new')).toEqual(['old']);
  });
});

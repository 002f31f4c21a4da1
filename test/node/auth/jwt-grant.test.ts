import { createPublicKey } from 'node:crypto';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildGrant,
  chooseGrantAuth,
  type GrantInput,
  MAX_GRANT_LIFETIME_SECONDS,
} from '../../../src/node/auth/jwt-grant';
import { appErrorOf, rsaKey, type TestKey } from './auth-harness';

const NOW = new Date('2026-03-01T12:00:00.500Z');
let key: TestKey;
let base: GrantInput;

beforeAll(async () => {
  key = await rsaKey('kid-a');
  base = {
    issuer: 'https://test.maskinporten.no/',
    clientId: 'my-client',
    scopes: ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'],
    signing: key.material,
    now: NOW,
  };
});

describe('buildGrant', () => {
  it('signs RS256 with kid and exactly the required claims', async () => {
    const grant = await buildGrant(base);
    const { payload } = await compactVerify(grant.assertion, createPublicKey(key.privateKey));
    expect(payload.length).toBeGreaterThan(0);
    expect(decodeProtectedHeader(grant.assertion)).toEqual({ alg: 'RS256', kid: 'kid-a' });
    const claims = decodeJwt(grant.assertion);
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'scope']);
    expect(claims.aud).toBe('https://test.maskinporten.no/');
    expect(claims.iss).toBe('my-client');
    expect(claims.scope).toBe('altinn:serviceowner/instances.read altinn:serviceowner/instances.write');
    expect(claims.iat).toBe(Math.floor(NOW.getTime() / 1000));
    expect((claims.exp as number) - (claims.iat as number)).toBe(MAX_GRANT_LIFETIME_SECONDS);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the issuer verbatim as aud (no slash added or removed)', async () => {
    const grant = await buildGrant({ ...base, issuer: 'https://maskinporten.no' });
    expect(decodeJwt(grant.assertion).aud).toBe('https://maskinporten.no');
  });

  it('sends x5c as an array with the whole chain and no kid', async () => {
    const signing = { ...key.material, x5c: ['MIIBleaf', 'MIIBintermediate'] };
    const grant = await buildGrant({ ...base, signing, auth: 'x5c' });
    expect(decodeProtectedHeader(grant.assertion)).toEqual({ alg: 'RS256', x5c: ['MIIBleaf', 'MIIBintermediate'] });
  });

  it('refuses x5c when the key has no certificate', async () => {
    const error = await appErrorOf(buildGrant({ ...base, auth: 'x5c' }));
    expect(error.code).toBe('AUTH_NO_CERTIFICATE');
  });

  it('adds only the optional claims asked for', async () => {
    const grant = await buildGrant({
      ...base,
      resource: ['https://api.example.no/'],
      consumerOrg: '910753614',
      systemUser: { org: '310000019', externalRef: 'customer-1' },
    });
    const claims = decodeJwt(grant.assertion);
    expect(Object.keys(claims).sort()).toEqual(
      ['aud', 'authorization_details', 'consumer_org', 'exp', 'iat', 'iss', 'jti', 'resource', 'scope'].sort(),
    );
    expect(claims.resource).toEqual(['https://api.example.no/']);
    expect(claims.consumer_org).toBe('910753614');
    expect(claims.authorization_details).toEqual([
      {
        type: 'urn:altinn:systemuser',
        systemuser_org: { authority: 'iso6523-actorid-upis', ID: '0192:310000019' },
        externalRef: 'customer-1',
      },
    ]);
  });

  it('leaves externalRef out when the system user has none', async () => {
    const grant = await buildGrant({ ...base, systemUser: { org: '310000019' } });
    expect(decodeJwt(grant.assertion).authorization_details).toEqual([
      { type: 'urn:altinn:systemuser', systemuser_org: { authority: 'iso6523-actorid-upis', ID: '0192:310000019' } },
    ]);
  });

  it('refuses a lifetime over 120 s and accepts a shorter one', async () => {
    expect((await appErrorOf(buildGrant({ ...base, lifetimeSeconds: 121 }))).code).toBe(
      'MASKINPORTEN_LIFETIME_TOO_LONG',
    );
    const grant = await buildGrant({ ...base, lifetimeSeconds: 60 });
    expect(grant.claims.exp - grant.claims.iat).toBe(60);
  });

  it('refuses a grant without scopes', async () => {
    expect((await appErrorOf(buildGrant({ ...base, scopes: [] }))).code).toBe('AUTH_GRANT_INVALID');
  });

  it('makes 1,000 grants with 1,000 distinct jti', async () => {
    const jtis = new Set<string>();
    for (let i = 0; i < 1000; i++) jtis.add((await buildGrant(base)).claims.jti);
    expect(jtis.size).toBe(1000);
  });
});

describe('chooseGrantAuth', () => {
  it('uses kid unless the profile asks for the certificate', () => {
    expect(chooseGrantAuth({}, { x5c: ['a'] })).toBe('kid');
    expect(chooseGrantAuth({ admin: true }, { x5c: ['a'] })).toBe('x5c');
    expect(chooseGrantAuth({ admin: true }, {})).toBe('kid');
    expect(chooseGrantAuth({ auth: 'x5c' }, {})).toBe('x5c');
    expect(chooseGrantAuth({ auth: 'kid', admin: true }, { x5c: ['a'] })).toBe('kid');
  });
});

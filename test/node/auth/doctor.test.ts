import { afterEach, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../../src/common/contract/token-status';
import { wellKnownUrl } from '../../../src/node/auth/doctor';
import { type AuthHarness, authHarness, makeProfile } from './auth-harness';

let h: AuthHarness | undefined;
afterEach(async () => {
  await h?.fake.close();
  h = undefined;
});

const row = (report: DoctorReport, id: string) => report.rows.find((r) => r.id === id)!;

describe('doctor', () => {
  it('passes every check for a working service-owner profile', async () => {
    h = await authHarness();
    const report = await h.service.doctor('p1');
    expect(report.rows.map((r) => r.id)).toEqual([
      'wellKnown',
      'clock',
      'key',
      'auth',
      'token',
      'scopes',
      'exchange',
      'orgClaim',
    ]);
    expect(report.rows.map((r) => r.status)).toEqual(Array(8).fill('pass'));
    expect(report.overall).toBe('pass');
    expect(row(report, 'wellKnown').label).toBe('doctor.wellKnown');
    expect(h.fake.stats()).toMatchObject({ wellKnown: 1, token: 1, exchange: 1 });
    // The doctor's tokens refill the cache; they are never in the report.
    await h.service.getAltinnToken('p1');
    expect(h.fake.stats()).toMatchObject({ token: 1, exchange: 1 });
    const text = JSON.stringify(report);
    for (const t of [...h.fake.issuedTokens().accessTokens, ...h.fake.issuedTokens().altinnTokens]) {
      expect(text).not.toContain(t);
    }
  });

  it('explains a rejected kid and skips what depends on the token', async () => {
    h = await authHarness();
    h.fake.rejectKid('kid-1');
    const report = await h.service.doctor('p1');
    expect(row(report, 'token')).toMatchObject({ status: 'fail', hintCode: 'MASKINPORTEN_UNKNOWN_KID' });
    expect(row(report, 'scopes').status).toBe('skip');
    expect(row(report, 'exchange').status).toBe('skip');
    expect(row(report, 'orgClaim').status).toBe('skip');
    expect(report.overall).toBe('fail');
  });

  it('warns about a clock 7 s off and fails at 15 s, while the token still works', async () => {
    h = await authHarness();
    h.fake.setClockOffsetSeconds(7);
    let report = await h.service.doctor('p1');
    expect(row(report, 'clock')).toMatchObject({ status: 'warn', hintCode: 'MASKINPORTEN_CLOCK_SKEW' });
    expect(row(report, 'clock').detail).toContain('behind');
    h.fake.setClockOffsetSeconds(-15);
    report = await h.service.doctor('p1');
    expect(row(report, 'clock')).toMatchObject({ status: 'fail', hintCode: 'MASKINPORTEN_CLOCK_SKEW' });
    expect(row(report, 'clock').detail).toContain('ahead');
    expect(row(report, 'token').status).toBe('pass');
  });

  it('fails an expired key, warns about one expiring soon', async () => {
    h = await authHarness();
    const material = h.keys[h.key.material.keyId];
    h.keys[material.keyId] = { ...material, registeredExpiresAt: new Date(Date.now() - 86_400_000).toISOString() };
    let report = await h.service.doctor('p1');
    expect(row(report, 'key')).toMatchObject({ status: 'fail', hintCode: 'MASKINPORTEN_EXPIRED_KEY' });
    h.keys[material.keyId] = { ...material, registeredExpiresAt: new Date(Date.now() + 5 * 86_400_000).toISOString() };
    report = await h.service.doctor('p1');
    expect(row(report, 'key')).toMatchObject({ status: 'warn', hintCode: 'AUTH_KEY_EXPIRES_SOON' });
  });

  it('fails a missing key and skips the rest of the chain', async () => {
    h = await authHarness();
    h.profiles.set('nokey', makeProfile({ id: 'nokey', keyId: 'missing' }));
    const report = await h.service.doctor('nokey');
    expect(row(report, 'key')).toMatchObject({ status: 'fail', hintCode: 'KEY_NOT_FOUND' });
    expect(['auth', 'token', 'scopes', 'exchange'].map((id) => row(report, id).status)).toEqual(Array(4).fill('skip'));
  });

  it('fails x5c asked for without a certificate', async () => {
    h = await authHarness();
    h.profiles.set('cert', { ...makeProfile({ id: 'cert', keyId: h.key.material.keyId }), auth: 'x5c' } as never);
    const report = await h.service.doctor('cert');
    expect(row(report, 'auth')).toMatchObject({ status: 'fail', hintCode: 'AUTH_NO_CERTIFICATE' });
    expect(row(report, 'token')).toMatchObject({ status: 'fail', hintCode: 'AUTH_NO_CERTIFICATE' });
  });

  it('warns when the Altinn token has no org claim', async () => {
    h = await authHarness();
    h.profiles.set(
      'noorg',
      makeProfile({ id: 'noorg', keyId: h.key.material.keyId, org: 'digdir', scopes: ['digdir:dialogporten'] }),
    );
    const report = await h.service.doctor('noorg');
    expect(row(report, 'exchange').status).toBe('pass');
    expect(row(report, 'orgClaim')).toMatchObject({ status: 'warn', hintCode: 'ALTINN_ORG_CLAIM_MISSING' });
    expect(report.overall).toBe('warn');
  });

  it('explains a failing exchange and an unreachable Maskinporten', async () => {
    h = await authHarness();
    h.fake.failNext(401, '', 'exchange');
    let report = await h.service.doctor('p1');
    expect(row(report, 'exchange')).toMatchObject({ status: 'fail', hintCode: 'ALTINN_EXCHANGE_UNAUTHORIZED' });
    const url = 'http://127.0.0.1:9/';
    h.environments.set('dead', {
      ...h.fake.environment('dead'),
      maskinporten: {
        issuer: url,
        tokenEndpoint: `${url}token`,
        wellKnown: `${url}.well-known/oauth-authorization-server`,
      },
    });
    h.profiles.set('dead', makeProfile({ id: 'dead', keyId: h.key.material.keyId, environmentId: 'dead' }));
    report = await h.service.doctor('dead');
    expect(row(report, 'wellKnown')).toMatchObject({ status: 'fail', hintCode: 'MASKINPORTEN_UNREACHABLE' });
    expect(row(report, 'clock').status).toBe('skip');
    expect(row(report, 'token')).toMatchObject({ status: 'fail', hintCode: 'MASKINPORTEN_UNREACHABLE' });
  });

  it('warns when the environment disagrees with the well-known issuer', async () => {
    h = await authHarness();
    h.environments.set('slashless', {
      ...h.fake.environment('slashless'),
      maskinporten: { ...h.fake.environment().maskinporten, issuer: h.fake.issuer.slice(0, -1) },
    });
    h.profiles.set('s', makeProfile({ id: 's', keyId: h.key.material.keyId, environmentId: 'slashless' }));
    const report = await h.service.doctor('s');
    expect(row(report, 'wellKnown')).toMatchObject({ status: 'warn', hintCode: 'AUTH_ISSUER_MISMATCH' });
    expect(row(report, 'token')).toMatchObject({ status: 'fail', hintCode: 'MASKINPORTEN_WRONG_AUDIENCE' });
  });
});

describe('wellKnownUrl (RFC 8414 §3)', () => {
  it('puts the well-known path between host and issuer path', () => {
    expect(wellKnownUrl('https://test.maskinporten.no/')).toBe(
      'https://test.maskinporten.no/.well-known/oauth-authorization-server',
    );
    expect(wellKnownUrl('https://x.no/tenant/')).toBe('https://x.no/.well-known/oauth-authorization-server/tenant');
  });
});

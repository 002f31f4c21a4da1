import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AuthHarness, appErrorOf, authHarness, makeProfile } from './auth-harness';

let h: AuthHarness | undefined;
afterEach(async () => {
  await h?.fake.close();
  h = undefined;
});

describe('TokenService against the strict fake', () => {
  it('returns decoded claims and expiry of both tokens, never the token text', async () => {
    h = await authHarness();
    const summary = await h.service.getToken('p1', { altinn: true });
    expect(summary.maskinporten.claims.client_id).toBe('client-1');
    expect(summary.maskinporten.scope).toBe('altinn:serviceowner/instances.read altinn:serviceowner/instances.write');
    expect(summary.maskinporten.missingScopes).toEqual([]);
    expect(summary.maskinporten.auth).toBe('kid');
    expect(Date.parse(summary.maskinporten.expiresAt) - Date.now()).toBeGreaterThan(100_000);
    expect(summary.altinn?.claims['urn:altinn:org']).toBe('digdir');
    expect(summary.altinn?.warnings).toEqual([]);
    const text = JSON.stringify(summary);
    const issued = h.fake.issuedTokens();
    expect(issued.accessTokens).toHaveLength(1);
    expect(issued.altinnTokens).toHaveLength(1);
    for (const t of [...issued.accessTokens, ...issued.altinnTokens]) expect(text).not.toContain(t);
  });

  it('makes exactly 1 Maskinporten request and 1 exchange for 50 concurrent callers', async () => {
    h = await authHarness({ fake: { delayMs: 50 } });
    const service = h.service;
    const tokens = await Promise.all(Array.from({ length: 50 }, () => service.getAltinnToken('p1')));
    expect(new Set(tokens).size).toBe(1);
    expect(h.fake.stats()).toMatchObject({ token: 1, exchange: 1 });
    await h.fake.verifyAltinnToken(tokens[0]);
    // And the cache serves the next ones without a request.
    await Promise.all(Array.from({ length: 50 }, () => service.getToken('p1', { altinn: true })));
    expect(h.fake.stats()).toMatchObject({ token: 1, exchange: 1 });
  });

  it('unseals the key while the environment is still being resolved (issue 21), once per grant', async () => {
    h = await authHarness();
    const env = h.environments.get('local')!;
    let keyAskedBeforeEnvironment = false;
    // The environment answers only once the key has been asked for, or after 1 s (the old order).
    h.deps.environments.resolve = async () => {
      const since = Date.now();
      while (h!.source.calls === 0 && Date.now() - since < 1_000) await new Promise((r) => setTimeout(r, 5));
      keyAskedBeforeEnvironment = h!.source.calls > 0;
      return env;
    };
    const service = (await import('../../../src/node/auth/token-service')).createTokenService(h.deps);
    await service.getAltinnToken('p1');
    expect(keyAskedBeforeEnvironment).toBe(true);
    expect(h.source.calls).toBe(1);
    // A token in memory: no key is unsealed for the calls it answers, nor for the status view.
    await service.getAltinnToken('p1');
    await service.cached('p1');
    expect(h.source.calls).toBe(1);
    expect(h.fake.stats()).toMatchObject({ token: 1, exchange: 1 });
  });

  it('reports a key that cannot be unsealed once, from the grant that needed it', async () => {
    h = await authHarness();
    h.profiles.set('p2', makeProfile({ id: 'p2', keyId: 'missing', org: 'digdir' }));
    const error = await appErrorOf(h.service.getAltinnToken('p2'));
    expect(error.code).toBe('KEY_NOT_FOUND');
    expect(h.source.calls).toBe(1);
    expect(h.fake.stats().token).toBe(0);
  });

  it('shares one Maskinporten token between the token view and the exchange', async () => {
    h = await authHarness({ fake: { delayMs: 30 } });
    await Promise.all([
      h.service.getToken('p1'),
      h.service.getAltinnToken('p1'),
      h.service.getToken('p1', { altinn: true }),
    ]);
    expect(h.fake.stats()).toMatchObject({ token: 1, exchange: 1 });
  });

  it('refreshes 60 s before expiry (Maskinporten by expires_in, Altinn by its own exp)', async () => {
    const clock = { now: Date.now() };
    h = await authHarness({ clock, fake: { accessTokenExpiresIn: 300, altinnTokenLifetimeSeconds: 1800 } });
    await h.service.getAltinnToken('p1');
    expect(h.fake.stats()).toMatchObject({ token: 1, exchange: 1 });
    clock.now += 238_000;
    await h.service.getToken('p1');
    expect(h.fake.stats().token).toBe(1);
    clock.now += 4_000; // 242 s: inside the last 60 s of 300
    await h.service.getToken('p1');
    expect(h.fake.stats().token).toBe(2);
    // The Altinn token (1800 s) is still fresh although the first Maskinporten token is gone.
    await h.service.getAltinnToken('p1');
    expect(h.fake.stats().exchange).toBe(1);
    clock.now += 1500_000; // 1742 s after the exchange
    await h.service.getAltinnToken('p1');
    expect(h.fake.stats().exchange).toBe(2);
  });

  it('reuses a short-lived token for half its life', async () => {
    const clock = { now: Date.now() };
    h = await authHarness({ clock, fake: { accessTokenExpiresIn: 60 } });
    await h.service.getToken('p1');
    clock.now += 20_000;
    await h.service.getToken('p1');
    expect(h.fake.stats().token).toBe(1);
    clock.now += 15_000;
    await h.service.getToken('p1');
    expect(h.fake.stats().token).toBe(2);
  });

  it('keys the cache by scopes and claims, and clears per profile', async () => {
    h = await authHarness();
    h.profiles.set('p2', { ...h.profiles.get('p1')!, id: 'p2', scopes: [...h.profiles.get('p1')!.scopes].reverse() });
    h.profiles.set('p3', { ...h.profiles.get('p1')!, id: 'p3', scopes: ['digdir:dialogporten'] });
    await h.service.getToken('p1');
    await h.service.getToken('p2'); // same scopes, other order: same key
    expect(h.fake.stats().token).toBe(1);
    await h.service.getToken('p3');
    expect(h.fake.stats().token).toBe(2);
    h.service.clearProfile('p3');
    expect(h.changes.at(-1)).toEqual({ profileId: 'p3', status: 'cleared' });
    await h.service.getToken('p1'); // p1's token survives p3's clear
    expect(h.fake.stats().token).toBe(2);
    await h.service.getToken('p3');
    expect(h.fake.stats().token).toBe(3);
    h.service.clear();
    await h.service.getToken('p1');
    expect(h.fake.stats().token).toBe(4);
  });

  it('forceRefresh makes new requests', async () => {
    h = await authHarness();
    await h.service.getAltinnToken('p1');
    await h.service.getAltinnToken('p1', { forceRefresh: true });
    expect(h.fake.stats()).toMatchObject({ token: 2, exchange: 2 });
  });

  it('emits token:changed with status and expiry', async () => {
    h = await authHarness();
    await h.service.getToken('p1', { altinn: true });
    expect(h.changes.map((c) => `${c.which}:${c.status}`)).toEqual([
      'maskinporten:fetching',
      'maskinporten:valid',
      'altinn:fetching',
      'altinn:valid',
    ]);
    expect(Date.parse(h.changes[1].expiresAt ?? '')).toBeGreaterThan(Date.now());
    h.fake.rejectKid('kid-1');
    h.service.clear();
    const error = await appErrorOf(h.service.getToken('p1'));
    expect(error.code).toBe('MASKINPORTEN_UNKNOWN_KID');
    expect(h.changes.at(-1)).toEqual({ profileId: 'p1', which: 'maskinporten', status: 'failed', code: error.code });
  });

  it('does not cache failures', async () => {
    h = await authHarness();
    h.fake.failNext(500, '', 'token');
    expect((await appErrorOf(h.service.getToken('p1'))).code).toBe('MASKINPORTEN_SERVER_ERROR');
    await h.service.getToken('p1');
    expect(h.fake.stats().token).toBe(2);
  });

  it('copies a token in main and tells the caller only the expiry', async () => {
    h = await authHarness();
    const result = await h.service.copyToken('p1', 'altinn');
    const altinnToken = h.fake.issuedTokens().altinnTokens[0];
    expect(h.desktop.clipboard()).toBe(altinnToken);
    expect(JSON.stringify(result)).not.toContain(altinnToken);
    expect(result).toMatchObject({ copied: true, which: 'altinn' });
    expect(await h.service.getRawToken('p1', 'maskinporten')).toBe(h.fake.issuedTokens().accessTokens[0]);
  });

  it('clears a copied token from the clipboard at its expiry, if the clipboard still holds it (issue 17, finding 10)', async () => {
    const clock = { now: Date.parse('2026-05-04T12:00:00Z') };
    const pending: { run: () => void; ms: number }[] = [];
    const harness = await authHarness({ clock, clipboardSchedule: (run, ms) => pending.push({ run, ms }) });
    h = harness;
    const first = await h.service.copyToken('p1', 'maskinporten');
    const token = h.fake.issuedTokens().accessTokens[0];
    expect(h.desktop.clipboard()).toBe(token);
    // One clear, due exactly when the token expires.
    expect(pending.map((p) => p.ms)).toEqual([Date.parse(first.expiresAt) - clock.now]);
    pending[0].run();
    await vi.waitFor(() => expect(harness.desktop.clipboard()).toBe(''));

    // Copied again, then the person copies something else: their text stays.
    await h.service.copyToken('p1', 'maskinporten');
    await h.desktop.writeClipboard('a note of my own');
    pending[1].run();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(h.desktop.clipboard()).toBe('a note of my own');
  });

  it('clears every copied token that is still on the clipboard when asked (the app quits)', async () => {
    h = await authHarness({ clipboardSchedule: () => {} });
    await h.service.copyToken('p1', 'altinn');
    expect(h.desktop.clipboard()).not.toBe('');
    await h.service.clipboard?.clearAll();
    expect(h.desktop.clipboard()).toBe('');
  });

  it('sends ?test=true only outside production', async () => {
    h = await authHarness();
    h.profiles.set('ttd', makeProfile({ id: 'ttd', keyId: h.key.material.keyId, org: 'ttd', testOrg: true }));
    expect((await h.service.getToken('ttd', { altinn: true })).altinn?.claims['urn:altinn:org']).toBe('ttd');
    h.environments.set('prod-like', { ...h.fake.environment('prod-like'), production: true });
    h.profiles.set(
      'prod',
      makeProfile({ id: 'prod', keyId: h.key.material.keyId, org: 'ttd', testOrg: true, environmentId: 'prod-like' }),
    );
    const prod = await h.service.getToken('prod', { altinn: true });
    expect(prod.altinn?.claims['urn:altinn:org']).toBe('digdir');
    expect(prod.altinn?.warnings.map((w) => w.code)).toEqual(['ALTINN_ORG_CLAIM_MISMATCH']);
  });

  it('reports scopes that were asked for but not granted', async () => {
    h = await authHarness();
    // A Maskinporten that grants fewer scopes than asked (it may, RFC 6749 §5.1).
    h.fake.failNext(
      200,
      JSON.stringify({
        access_token: await fakeJwt(),
        token_type: 'Bearer',
        expires_in: 120,
        scope: 'altinn:serviceowner/instances.read',
      }),
      'token',
    );
    const summary = await h.service.getToken('p1');
    expect(summary.maskinporten.missingScopes).toEqual(['altinn:serviceowner/instances.write']);
  });

  it('lets one caller stop waiting without cancelling the others', async () => {
    h = await authHarness({ fake: { delayMs: 200 } });
    const controller = new AbortController();
    const aborted = h.service.getAltinnToken('p1', { signal: controller.signal });
    const other = h.service.getAltinnToken('p1');
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    await expect(other).resolves.toMatch(/^eyJ/);
    expect(h.fake.stats().token).toBe(1);
  });

  it('passes on the key store and profile errors', async () => {
    h = await authHarness();
    h.profiles.set('nokey', makeProfile({ id: 'nokey', keyId: 'missing' }));
    expect((await appErrorOf(h.service.getToken('nokey'))).code).toBe('KEY_NOT_FOUND');
    expect((await appErrorOf(h.service.getToken('nobody'))).code).toBe('PROFILE_NOT_FOUND');
  });
});

async function fakeJwt(): Promise<string> {
  const { SignJWT } = await import('jose');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: 'altinn:serviceowner/instances.read' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt(now)
    .setExpirationTime(now + 120)
    .sign(new TextEncoder().encode('x'.repeat(32)));
}

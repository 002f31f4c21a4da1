import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exchangeForAltinnToken, exchangeRequestUrl, unquote } from '../../../src/node/auth/altinn-exchange';
import { ClockOffsets } from '../../../src/node/auth/clock-offset';
import { requestMaskinportenToken } from '../../../src/node/auth/maskinporten-client';
import { createHttpClient } from '../../../src/node/platform/http';
import { silentLogger } from '../../../src/node/platform/log';
import { type AuthFake, DIGDIR_ORGNO, startAuthFake } from '../../fakes/auth-server';
import { appErrorOf, OTHER_ORGNO, rsaKey, SERVICE_OWNER_SCOPES, type TestKey } from './auth-harness';

let fake: AuthFake;
let key: TestKey;
const deps = () => ({
  http: createHttpClient({ fetch, logger: silentLogger }),
  clock: new ClockOffsets(),
  now: () => new Date(),
  logger: silentLogger,
});

async function mpToken(scopes = SERVICE_OWNER_SCOPES, clientId = 'client-1', target = fake) {
  const result = await requestMaskinportenToken(deps(), {
    tokenEndpoint: target.tokenEndpoint,
    grant: { issuer: target.issuer, clientId, scopes, signing: key.material },
  });
  return result.token.accessToken;
}

function exchange(token: string, extra: { testOrg?: boolean; expectedOrg?: string; exchangeUrl?: string } = {}) {
  return exchangeForAltinnToken(deps(), {
    exchangeUrl: extra.exchangeUrl ?? fake.exchangeUrl,
    maskinportenToken: token,
    testOrg: extra.testOrg ?? false,
    expectedOrg: extra.expectedOrg,
    environmentIssuer: fake.issuer,
  });
}

beforeEach(async () => {
  fake = await startAuthFake();
  key = await rsaKey('kid-1');
  fake.registerClient({
    clientId: 'client-1',
    orgNo: DIGDIR_ORGNO,
    keys: [key.publicJwk],
    scopes: [...SERVICE_OWNER_SCOPES, 'digdir:dialogporten'],
  });
});
afterEach(() => fake.close());

describe('Altinn token exchange against the strict fake', () => {
  it('exchanges a Maskinporten token; the fake accepts the result', async () => {
    const result = await exchange(await mpToken(), { expectedOrg: 'digdir' });
    const payload = await fake.verifyAltinnToken(result.token);
    expect(payload['urn:altinn:org']).toBe('digdir');
    expect(payload['urn:altinn:orgNumber']).toBe(DIGDIR_ORGNO);
    expect(result.claims['urn:altinn:org']).toBe('digdir');
    expect(result.warnings).toEqual([]);
    // Its own exp (30 min), not the Maskinporten token's 120 s.
    expect(result.expiresAt - Date.now()).toBeGreaterThan(1700_000);
  });

  it('accepts both a JSON-quoted and a raw token', async () => {
    fake.setExchangeFormat('json');
    const quoted = await exchange(await mpToken());
    fake.setExchangeFormat('raw');
    const raw = await exchange(await mpToken());
    for (const r of [quoted, raw]) {
      expect(r.token.startsWith('eyJ')).toBe(true);
      await fake.verifyAltinnToken(r.token);
    }
  });

  it('sends ?test=true for the ttd switch, and Digdir then acts as ttd', async () => {
    expect(exchangeRequestUrl('https://x.no/a/exchange/maskinporten', true)).toBe(
      'https://x.no/a/exchange/maskinporten?test=true',
    );
    expect(exchangeRequestUrl('https://x.no/a/exchange/maskinporten', false)).toBe(
      'https://x.no/a/exchange/maskinporten',
    );
    const result = await exchange(await mpToken(), { testOrg: true, expectedOrg: 'ttd' });
    expect(result.claims['urn:altinn:org']).toBe('ttd');
    expect(result.warnings).toEqual([]);
  });

  it('warns when the org claim is missing although the profile is a service owner', async () => {
    const result = await exchange(await mpToken(['digdir:dialogporten']), { expectedOrg: 'digdir' });
    expect(result.claims['urn:altinn:org']).toBeUndefined();
    expect(result.warnings.map((w) => w.code)).toEqual(['ALTINN_ORG_CLAIM_MISSING']);
  });

  it('warns when the org claim is another than the profile says', async () => {
    const result = await exchange(await mpToken(), { expectedOrg: 'skd' });
    expect(result.warnings.map((w) => w.code)).toEqual(['ALTINN_ORG_CLAIM_MISMATCH']);
  });

  it('gives no org claim to an org that is not a service owner', async () => {
    fake.registerClient({
      clientId: 'vendor',
      orgNo: OTHER_ORGNO,
      keys: [key.publicJwk],
      scopes: SERVICE_OWNER_SCOPES,
    });
    const result = await exchange(await mpToken(SERVICE_OWNER_SCOPES, 'vendor'), { expectedOrg: 'abc' });
    expect(result.warnings[0].code).toBe('ALTINN_ORG_CLAIM_MISSING');
    fake.registerServiceOwner(OTHER_ORGNO, 'abc');
    expect((await exchange(await mpToken(SERVICE_OWNER_SCOPES, 'vendor'), { expectedOrg: 'abc' })).warnings).toEqual(
      [],
    );
  });

  it('explains a 401 for an expired Maskinporten token', async () => {
    const token = await mpToken();
    fake.setClockOffsetSeconds(200);
    const error = await appErrorOf(exchange(token));
    expect(error.code).toBe('ALTINN_EXCHANGE_UNAUTHORIZED');
    expect(error.details?.reasons).toEqual(['the Maskinporten token has expired']);
  });

  it('explains a 401 for a token from another environment', async () => {
    const other = await startAuthFake();
    try {
      other.registerClient({
        clientId: 'client-1',
        orgNo: DIGDIR_ORGNO,
        keys: [key.publicJwk],
        scopes: SERVICE_OWNER_SCOPES,
      });
      const error = await appErrorOf(exchange(await mpToken(SERVICE_OWNER_SCOPES, 'client-1', other)));
      expect(error.code).toBe('ALTINN_EXCHANGE_UNAUTHORIZED');
      expect(String(error.details?.reasons)).toContain(other.issuer);
    } finally {
      await other.close();
    }
  });

  it('explains a 401 it cannot pin down, and never puts the token in the error', async () => {
    const token = await mpToken();
    fake.failNext(401, '', 'exchange');
    const error = await appErrorOf(exchange(token));
    expect(error.code).toBe('ALTINN_EXCHANGE_UNAUTHORIZED');
    expect(error.message).toContain('wrong environment');
    expect(JSON.stringify(error.toJSON())).not.toContain(token);
  });

  it('maps a wrong provider (400), server errors and an empty 200', async () => {
    const token = await mpToken();
    const wrong = fake.exchangeUrl.replace(/maskinporten$/, 'nope');
    expect((await appErrorOf(exchange(token, { exchangeUrl: wrong }))).code).toBe('ALTINN_EXCHANGE_BAD_REQUEST');
    fake.failNext(502, '', 'exchange');
    expect((await appErrorOf(exchange(token))).code).toBe('ALTINN_EXCHANGE_SERVER_ERROR');
    fake.failNext(200, '', 'exchange');
    expect((await appErrorOf(exchange(token))).code).toBe('ALTINN_EXCHANGE_BAD_RESPONSE');
    fake.failNext(200, 'not a jwt', 'exchange');
    expect((await appErrorOf(exchange(token))).code).toBe('AUTH_TOKEN_UNREADABLE');
  });
});

describe('unquote', () => {
  it('strips JSON quotes and whitespace, and leaves a raw token alone', () => {
    expect(unquote('"a.b.c"')).toBe('a.b.c');
    expect(unquote(' a.b.c\n')).toBe('a.b.c');
    expect(unquote('"broken')).toBe('');
  });
});

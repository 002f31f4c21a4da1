import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClockOffsets } from '../../../src/node/auth/clock-offset';
import { classifyMaskinportenError } from '../../../src/node/auth/diagnostics';
import { buildGrant } from '../../../src/node/auth/jwt-grant';
import { type MaskinportenRequest, requestMaskinportenToken } from '../../../src/node/auth/maskinporten-client';
import { createHttpClient } from '../../../src/node/platform/http';
import { createLogger, memorySink } from '../../../src/node/platform/log';
import { type AuthFake, DIGDIR_ORGNO, startAuthFake } from '../../fakes/auth-server';
import { appErrorOf, OTHER_ORGNO, rsaKey, selfSignedCertificate, type TestKey } from './auth-harness';

const SCOPE = 'altinn:serviceowner/instances.read';
let fake: AuthFake;
let key: TestKey;
let sink: ReturnType<typeof memorySink>;

function deps() {
  const logger = createLogger(sink, { level: 'debug' });
  return { http: createHttpClient({ fetch, logger }), clock: new ClockOffsets(), now: () => new Date(), logger };
}

function request(overrides: Partial<MaskinportenRequest['grant']> = {}, timeoutMs?: number): MaskinportenRequest {
  return {
    tokenEndpoint: fake.tokenEndpoint,
    grant: { issuer: fake.issuer, clientId: 'client-1', scopes: [SCOPE], signing: key.material, ...overrides },
    timeoutMs,
  };
}

/** POST a hand-made assertion, for what buildGrant refuses to make. */
async function postAssertion(assertion: string) {
  const response = await fetch(fake.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
  });
  const body = (await response.json()) as { error?: string; error_description?: string };
  return { status: response.status, body, classified: classifyMaskinportenError(response.status, body) };
}

function craft(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', kid: 'kid-1' }) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    aud: fake.issuer,
    iss: 'client-1',
    scope: SCOPE,
    iat: now,
    exp: now + 120,
    jti: randomUUID(),
    ...claims,
  })
    .setProtectedHeader(header as { alg: string })
    .sign(key.privateKey);
}

beforeEach(async () => {
  sink = memorySink();
  fake = await startAuthFake();
  key = await rsaKey('kid-1');
  fake.registerClient({ clientId: 'client-1', orgNo: DIGDIR_ORGNO, keys: [key.publicJwk], scopes: [SCOPE] });
});
afterEach(() => fake.close());

describe('Maskinporten token request against the strict fake', () => {
  it('gets a token with kid, in one request, with exactly the documented grant', async () => {
    const result = await requestMaskinportenToken(deps(), request());
    expect(result.attempts).toBe(1);
    expect(result.token.tokenType).toBe('Bearer');
    expect(result.token.expiresIn).toBe(120);
    expect(result.token.scope).toBe(SCOPE);
    const payload = await fake.verifyAccessToken(result.token.accessToken);
    expect(payload.client_amr).toBe('private_key_jwt');
    expect(payload.consumer).toEqual({ authority: 'iso6523-actorid-upis', ID: `0192:${DIGDIR_ORGNO}` });
    expect(fake.stats().token).toBe(1);
    const [grant] = fake.receivedGrants();
    expect(grant.header).toEqual({ alg: 'RS256', kid: 'kid-1' });
    expect(Object.keys(grant.claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'scope']);
  });

  it('gets a token with x5c (a self-signed certificate made by openssl)', async () => {
    const cert = selfSignedCertificate(DIGDIR_ORGNO);
    fake.registerClient({ clientId: 'cert-client', orgNo: DIGDIR_ORGNO, scopes: [SCOPE], certificates: [cert.pem] });
    const result = await requestMaskinportenToken(
      deps(),
      request({ clientId: 'cert-client', signing: cert.key.material, auth: 'x5c' }),
    );
    const payload = await fake.verifyAccessToken(result.token.accessToken);
    expect(payload.client_amr).toBe('virksomhetssertifikat');
    expect(fake.receivedGrants()[0].header).toEqual({ alg: 'RS256', x5c: cert.x5c });
  });

  it('explains a certificate of another organisation (MP-122)', async () => {
    const cert = selfSignedCertificate(OTHER_ORGNO);
    fake.registerClient({ clientId: 'cert-client', orgNo: DIGDIR_ORGNO, scopes: [SCOPE], certificates: [cert.pem] });
    const error = await appErrorOf(
      requestMaskinportenToken(deps(), request({ clientId: 'cert-client', signing: cert.key.material, auth: 'x5c' })),
    );
    expect(error.code).toBe('MASKINPORTEN_CERT_ORG_MISMATCH');
    expect(error.details?.mpCode).toBe('MP-122');
  });

  it('explains an untrusted certificate (MP-120)', async () => {
    const cert = selfSignedCertificate(DIGDIR_ORGNO);
    fake.registerClient({ clientId: 'cert-client', orgNo: DIGDIR_ORGNO, scopes: [SCOPE], certificates: [] });
    const error = await appErrorOf(
      requestMaskinportenToken(deps(), request({ clientId: 'cert-client', signing: cert.key.material, auth: 'x5c' })),
    );
    expect(error.code).toBe('MASKINPORTEN_CERT_INVALID');
  });

  it('explains an unknown kid, with the trace id and without the assertion', async () => {
    const other = await rsaKey('kid-unknown');
    const error = await appErrorOf(requestMaskinportenToken(deps(), request({ signing: other.material })));
    expect(error.code).toBe('MASKINPORTEN_UNKNOWN_KID');
    expect(error.details?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(error.details?.kid).toBe('kid-unknown');
    const assertion = fake.receivedGrants()[0].assertion;
    expect(JSON.stringify(error.toJSON())).not.toContain(assertion);
    expect(error.message).not.toContain(assertion);
    expect(sink.lines.join('\n')).not.toContain(assertion);
  });

  it('explains a kid the server stopped accepting (rejectKid)', async () => {
    fake.rejectKid('kid-1');
    expect((await appErrorOf(requestMaskinportenToken(deps(), request()))).code).toBe('MASKINPORTEN_UNKNOWN_KID');
  });

  it('explains a wrong aud (MP-110): no trailing slash, or the token endpoint', async () => {
    const noSlash = await appErrorOf(requestMaskinportenToken(deps(), request({ issuer: fake.issuer.slice(0, -1) })));
    expect(noSlash.code).toBe('MASKINPORTEN_WRONG_AUDIENCE');
    expect(noSlash.details?.mpCode).toBe('MP-110');
    const endpoint = await appErrorOf(requestMaskinportenToken(deps(), request({ issuer: fake.tokenEndpoint })));
    expect(endpoint.code).toBe('MASKINPORTEN_WRONG_AUDIENCE');
  });

  it('explains a scope the client does not have (MP-200)', async () => {
    const error = await appErrorOf(requestMaskinportenToken(deps(), request({ scopes: [SCOPE, 'digdir:other'] })));
    expect(error.code).toBe('MASKINPORTEN_SCOPE_NOT_ALLOWED');
    expect(error.details).toMatchObject({ status: 400, error: 'invalid_scope', mpCode: 'MP-200' });
  });

  it('explains an expired key (MP-121)', async () => {
    const old = await rsaKey('kid-old');
    fake.registerClient({
      clientId: 'client-1',
      orgNo: DIGDIR_ORGNO,
      keys: [{ ...old.publicJwk, registeredAt: Date.now() - 366 * 86_400_000 }],
      scopes: [SCOPE],
    });
    const error = await appErrorOf(requestMaskinportenToken(deps(), request({ signing: old.material })));
    expect(error.code).toBe('MASKINPORTEN_EXPIRED_KEY');
  });

  it('explains an unknown client (MP-100)', async () => {
    expect((await appErrorOf(requestMaskinportenToken(deps(), request({ clientId: 'nobody' })))).code).toBe(
      'MASKINPORTEN_CLIENT_NOT_FOUND',
    );
  });

  it('rejects a lifetime over 120 s (crafted, since buildGrant refuses to make one)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const result = await postAssertion(await craft({ iat: now, exp: now + 150 }));
    expect(result.status).toBe(400);
    expect(result.body.error_description).toContain('JWT has too long lifetime');
    expect(result.classified.code).toBe('MASKINPORTEN_LIFETIME_TOO_LONG');
  });

  it('rejects a reused jti (MP-012)', async () => {
    const grant = await buildGrant({ ...request().grant, now: new Date() });
    expect((await postAssertion(grant.assertion)).status).toBe(200);
    const second = await postAssertion(grant.assertion);
    expect(second.status).toBe(400);
    expect(second.classified).toMatchObject({ code: 'MASKINPORTEN_JTI_REUSED', mpCode: 'MP-012' });
  });

  it('rejects x5c as a single string (MP-123), unknown claims, and a bad signature (MP-124)', async () => {
    const cert = selfSignedCertificate(DIGDIR_ORGNO);
    const x5cString = await postAssertion(await craft({}, { alg: 'RS256', x5c: cert.x5c[0] }));
    expect(x5cString.classified).toMatchObject({ code: 'MASKINPORTEN_INVALID_X5C', mpCode: 'MP-123' });
    const nbf = await postAssertion(await craft({ nbf: Math.floor(Date.now() / 1000) }));
    expect(nbf.status).toBe(400);
    expect(nbf.classified.code).toBe('MASKINPORTEN_INVALID_GRANT');
    const sub = await postAssertion(await craft({ sub: 'client-1' }));
    expect(sub.body.error_description).toContain('sub');
    const other = await rsaKey('kid-1');
    const forged = await new SignJWT({ aud: fake.issuer, iss: 'client-1', scope: SCOPE, jti: randomUUID() })
      .setProtectedHeader({ alg: 'RS256', kid: 'kid-1' })
      .setIssuedAt()
      .setExpirationTime('100s')
      .sign(other.privateKey);
    expect((await postAssertion(forged)).classified).toMatchObject({ code: 'MASKINPORTEN_CERT_INVALID_SIGNATURE' });
  });

  it('retries once with the server clock when the fake is 30 s ahead: exactly 2 token requests', async () => {
    fake.setClockOffsetSeconds(30);
    const d = deps();
    const result = await requestMaskinportenToken(d, request());
    expect(result.attempts).toBe(2);
    expect(fake.stats().token).toBe(2);
    const [first, second] = fake.receivedGrants();
    expect(second.claims.jti).not.toBe(first.claims.jti);
    expect((second.claims.iat as number) - (first.claims.iat as number)).toBeGreaterThanOrEqual(28);
    // The offset is remembered: the next grant is right the first time.
    await requestMaskinportenToken(d, request());
    expect(fake.stats().token).toBe(3);
  });

  it('retries once when the fake is 30 s behind (iat in the future)', async () => {
    fake.setClockOffsetSeconds(-30);
    const result = await requestMaskinportenToken(deps(), request());
    expect(result.attempts).toBe(2);
    expect(fake.stats().token).toBe(2);
  });

  it('does not retry other failures', async () => {
    await appErrorOf(requestMaskinportenToken(deps(), request({ scopes: ['digdir:other'] })));
    expect(fake.stats().token).toBe(1);
  });

  it('maps server errors, timeouts and a closed port', async () => {
    fake.failNext(503, '', 'token');
    expect((await appErrorOf(requestMaskinportenToken(deps(), request()))).code).toBe('MASKINPORTEN_SERVER_ERROR');
    fake.failNext(200, '{"nothing":true}', 'token');
    expect((await appErrorOf(requestMaskinportenToken(deps(), request()))).code).toBe('MASKINPORTEN_BAD_RESPONSE');
    fake.setDelayMs(400);
    expect((await appErrorOf(requestMaskinportenToken(deps(), request({}, 100)))).code).toBe('MASKINPORTEN_TIMEOUT');
    fake.setDelayMs(0);
    const closed = await startAuthFake();
    const endpoint = closed.tokenEndpoint;
    await closed.close();
    const error = await appErrorOf(requestMaskinportenToken(deps(), { ...request(), tokenEndpoint: endpoint }));
    expect(error.code).toBe('MASKINPORTEN_UNREACHABLE');
  });

  it('explains consumer_org: own org, and a consumer that has not delegated (MP-251)', async () => {
    const own = await appErrorOf(requestMaskinportenToken(deps(), request({ consumerOrg: DIGDIR_ORGNO })));
    expect(own.code).toBe('MASKINPORTEN_CONSUMER_ORG_INVALID');
    const notDelegated = await appErrorOf(requestMaskinportenToken(deps(), request({ consumerOrg: OTHER_ORGNO })));
    expect(notDelegated.code).toBe('MASKINPORTEN_NOT_DELEGATED');
    fake.registerClient({
      clientId: 'client-1',
      orgNo: DIGDIR_ORGNO,
      keys: [key.publicJwk],
      scopes: [SCOPE],
      consumerOrgs: [OTHER_ORGNO],
    });
    const ok = await requestMaskinportenToken(deps(), request({ consumerOrg: OTHER_ORGNO }));
    expect((await fake.verifyAccessToken(ok.token.accessToken)).consumer).toEqual({
      authority: 'iso6523-actorid-upis',
      ID: `0192:${OTHER_ORGNO}`,
    });
  });

  it('gets a system-user token, and explains a mismatched externalRef (MP-303)', async () => {
    fake.registerClient({
      clientId: 'client-1',
      orgNo: DIGDIR_ORGNO,
      keys: [key.publicJwk],
      scopes: [SCOPE],
      systemUsers: [{ org: OTHER_ORGNO, externalRef: 'c-1' }],
    });
    const ok = await requestMaskinportenToken(
      deps(),
      request({ systemUser: { org: OTHER_ORGNO, externalRef: 'c-1' } }),
    );
    const payload = await fake.verifyAccessToken(ok.token.accessToken);
    expect((payload.authorization_details as { type: string }[])[0].type).toBe('urn:altinn:systemuser');
    const error = await appErrorOf(requestMaskinportenToken(deps(), request({ systemUser: { org: OTHER_ORGNO } })));
    expect(error.code).toBe('MASKINPORTEN_RAR_INVALID');
  });
});

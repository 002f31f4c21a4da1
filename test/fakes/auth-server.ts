import { type KeyObject, randomUUID, X509Certificate } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  compactVerify,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { Environment } from '../../src/node/environments/environments';
import { sendAnswer } from './send-answer';

/**
 * A STRICT local Maskinporten + Altinn token exchange on 127.0.0.1 (see test/fakes/README.md).
 * It validates what the real services validate (shared/reference/maskinporten-altinn.md §1.2–1.5, §2)
 * and answers in their formats, so a client that passes here is right about the protocol.
 * Where the real server is lenient and the docs are strict, the fake follows the docs (exp − iat ≤ 120,
 * iat no older than 10 s, only RS256).
 */

export type FakeKey = JWK & {
  /** When the key was posted to the client; Maskinporten keys expire a year later (MP-121). */
  registeredAt?: string | number | Date;
};

export interface FakeClient {
  clientId: string;
  /** The owning organisation's number (the token's `consumer`). */
  orgNo: string;
  /** Public JWKs registered on the client, each with a `kid`. */
  keys?: FakeKey[];
  scopes: string[];
  /** Enterprise certificates (base64 DER or PEM) trusted for `x5c` grants of this client. */
  certificates?: string[];
  /** Organisations that have delegated the client's scopes to it in Altinn (`consumer_org`). */
  consumerOrgs?: string[];
  /** System users this client may ask for (`authorization_details`). */
  systemUsers?: { org: string; externalRef?: string; id?: string }[];
}

export type Endpoint = 'wellKnown' | 'jwk' | 'token' | 'exchange';

/**
 * Altinn's answer to Maskinporten's system-user lookup (SystemUserController.CheckIfPartyHasIntegration):
 * the system user of `org` (and `externalRef`) on a system that lists `clientId`, of the vendor `vendorOrgNo`.
 * The system-register fake (system-register.ts) provides one.
 */
export type SystemUserDirectory = (query: {
  clientId: string;
  vendorOrgNo: string;
  org: string;
  externalRef?: string;
}) => { id: string; systemId: string } | undefined;

export interface AuthFakeOptions {
  /** The fake's base clock in ms (before the skew). Default Date.now. */
  now?: () => number;
  clockOffsetSeconds?: number;
  /** `expires_in` of Maskinporten access tokens (default 120, the client default per oidc_func_clientreg). */
  accessTokenExpiresIn?: number;
  /** Lifetime of Altinn tokens (default 1800: JwtValidityMinutes 30). */
  altinnTokenLifetimeSeconds?: number;
  delayMs?: number;
  /** How the exchange returns the token: by the Accept header (`auto`, like ASP.NET Core), or always raw / JSON-quoted. */
  exchangeFormat?: 'auto' | 'raw' | 'json';
  /** Org number → Altinn org code. Digdir (991825827 → digdir) is always there. */
  serviceOwners?: Record<string, string>;
}

export interface ReceivedGrant {
  /** The compact JWS as received (tests search logs and files for it). */
  assertion: string;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

export const DIGDIR_ORGNO = '991825827';
const MAX_LIFETIME_SECONDS = 120;
const SKEW_SECONDS = 10;
const KEY_LIFETIME_MS = 365 * 86_400_000;
const ALLOWED_CLAIMS = new Set([
  'aud',
  'iss',
  'iat',
  'exp',
  'jti',
  'scope',
  'resource',
  'consumer_org',
  'authorization_details',
  'pid',
  'iss_onbehalfof',
]);
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const EXCHANGE_PATH = /^\/authentication\/api\/v1\/exchange\/([^/]+)$/;

class TokenError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly mpCode?: string,
  ) {
    super(description);
  }
}

export async function startAuthFake(options: AuthFakeOptions = {}) {
  const baseNow = options.now ?? Date.now;
  let clockOffsetSeconds = options.clockOffsetSeconds ?? 0;
  let delayMs = options.delayMs ?? 0;
  let accessTokenExpiresIn = options.accessTokenExpiresIn ?? 120;
  let exchangeFormat = options.exchangeFormat ?? 'auto';
  const altinnLifetime = options.altinnTokenLifetimeSeconds ?? 1800;
  const nowMs = () => baseNow() + clockOffsetSeconds * 1000;
  const nowSeconds = () => Math.floor(nowMs() / 1000);

  const clients = new Map<string, FakeClient>();
  const rejectedKids = new Set<string>();
  const usedJtis = new Set<string>();
  const serviceOwners = new Map<string, string>([
    [DIGDIR_ORGNO, 'digdir'],
    ...Object.entries(options.serviceOwners ?? {}),
  ]);
  const failures: { status: number; body?: string; endpoint?: Endpoint }[] = [];
  const counts: Record<Endpoint | 'other', number> = { wellKnown: 0, jwk: 0, token: 0, exchange: 0, other: 0 };
  /** When each endpoint last finished an answer (performance.now()), for the benchmark's start-up figures. */
  const answeredAt: Partial<Record<Endpoint, number>> = {};
  const grants: ReceivedGrant[] = [];
  let systemUserDirectory: SystemUserDirectory | undefined;
  const issued = { accessTokens: [] as string[], altinnTokens: [] as string[] };

  const [mpKeys, altinnKeys] = await signingKeys();
  const mpKid = `fake-mp-${randomUUID().slice(0, 8)}`;
  const mpPublicJwk = { ...(await exportJWK(mpKeys.publicKey)), kid: mpKid, alg: 'RS256', use: 'sig' };
  const altinnKid = `fake-altinn-${randomUUID().slice(0, 8)}`;

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) send(res, 500, JSON.stringify({ error: 'server_error', error_description: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  const issuer = url;
  const tokenEndpoint = `${url}token`;
  const jwksUri = `${url}jwk`;
  const exchangeUrl = `${url}authentication/api/v1/exchange/maskinporten`;
  const altinnIssuer = `${url}authentication/api/v1/openid/`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', url);
    const endpoint = endpointOf(req.method ?? 'GET', path.pathname);
    counts[endpoint ?? 'other']++;
    if (endpoint) {
      res.once('finish', () => {
        answeredAt[endpoint] = performance.now();
      });
    }
    const body = await readBody(req);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    const injected = failures.findIndex((f) => !f.endpoint || f.endpoint === endpoint);
    if (injected >= 0) {
      const [f] = failures.splice(injected, 1);
      return send(res, f.status, f.body ?? '', f.body?.startsWith('{') ? 'application/json' : 'text/plain');
    }
    switch (endpoint) {
      case 'wellKnown':
        return send(res, 200, JSON.stringify(metadata()), 'application/json');
      case 'jwk':
        return send(res, 200, JSON.stringify({ keys: [mpPublicJwk] }), 'application/json');
      case 'token':
        return tokenEndpointHandler(req, res, body);
      case 'exchange':
        return exchangeHandler(req, res, path);
      default:
        return send(res, 404, '');
    }
  }

  function endpointOf(method: string, pathname: string): Endpoint | undefined {
    if (method === 'GET' && pathname === '/.well-known/oauth-authorization-server') return 'wellKnown';
    if (method === 'GET' && pathname === '/jwk') return 'jwk';
    if (pathname === '/token') return 'token';
    if (method === 'GET' && EXCHANGE_PATH.test(pathname)) return 'exchange';
    return undefined;
  }

  // The field shapes of test.maskinporten.no's metadata (reference §1.1).
  function metadata() {
    return {
      issuer,
      token_endpoint: tokenEndpoint,
      jwks_uri: jwksUri,
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      grant_types_supported: [JWT_BEARER],
      token_endpoint_auth_signing_alg_values_supported: ['RS256', 'RS384', 'RS512'],
      authorization_details_types_supported: ['urn:altinn:systemuser', 'urn:altinn:consent'],
    };
  }

  async function tokenEndpointHandler(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    try {
      const result = await issueToken(req, body);
      send(res, 200, JSON.stringify(result), 'application/json');
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      const code = error.mpCode ? ` (${error.mpCode})` : '';
      send(
        res,
        error.status,
        JSON.stringify({
          error: error.error,
          error_description: `${error.description}${code} (trace_id: ${randomUUID().replaceAll('-', '')})`,
        }),
        'application/json',
      );
    }
  }

  const invalidAssertion = (text: string, mpCode?: string) =>
    new TokenError(400, 'invalid_grant', `Invalid assertion. Client authentication failed. ${text}`, mpCode);

  async function issueToken(req: IncomingMessage, body: string) {
    if (req.method !== 'POST') throw new TokenError(405, 'invalid_request', 'The token endpoint takes POST');
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      throw new TokenError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== JWT_BEARER) {
      throw new TokenError(400, 'unsupported_grant_type', `grant_type must be ${JWT_BEARER}`);
    }
    const assertion = form.get('assertion');
    if (!assertion) throw new TokenError(400, 'invalid_request', 'Missing assertion');

    let header: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      header = decodeProtectedHeader(assertion) as Record<string, unknown>;
      claims = decodeJwt(assertion) as Record<string, unknown>;
    } catch {
      throw invalidAssertion('Malformed JWT', 'MP-011');
    }
    grants.push({ assertion, header, claims });

    if (header.alg !== 'RS256') throw invalidAssertion(`Unsupported signing algorithm ${String(header.alg)}`);
    const client = typeof claims.iss === 'string' ? clients.get(claims.iss) : undefined;
    if (!client) throw invalidAssertion('Client not found', 'MP-100');
    const unknown = Object.keys(claims).filter((c) => !ALLOWED_CLAIMS.has(c));
    if (unknown.length > 0) throw invalidAssertion(`Unsupported claim(s) in JWT: ${unknown.join(', ')}`);

    const { publicKey, amr } = await verificationKey(client, header);
    try {
      await compactVerify(assertion, publicKey, { algorithms: ['RS256'] });
    } catch {
      throw invalidAssertion('Invalid signature', 'MP-124');
    }

    // Grant claims (maskinporten_protocol_jwtgrant): aud exactly the issuer, a single string.
    if (claims.aud !== issuer) throw invalidAssertion(`Invalid audience ${JSON.stringify(claims.aud)}`, 'MP-110');
    if (!Number.isInteger(claims.iat) || !Number.isInteger(claims.exp)) {
      throw invalidAssertion('iat and exp must be numbers', 'MP-011');
    }
    const iat = claims.iat as number;
    const exp = claims.exp as number;
    const now = nowSeconds();
    if (exp - iat > MAX_LIFETIME_SECONDS) throw invalidAssertion('JWT has too long lifetime');
    if (iat > now + SKEW_SECONDS) throw invalidAssertion('Issue time is in the future');
    if (iat < now - SKEW_SECONDS)
      throw invalidAssertion('Issue time is too far in the past. JWT has expired', 'MP-130');
    if (exp < now - SKEW_SECONDS) throw invalidAssertion('JWT has expired', 'MP-130');
    if (claims.jti !== undefined) {
      if (typeof claims.jti !== 'string' || claims.jti.length === 0) throw invalidAssertion('Invalid jti', 'MP-011');
      if (usedJtis.has(claims.jti)) throw invalidAssertion('Grant is used before', 'MP-012');
      usedJtis.add(claims.jti);
    }

    if (typeof claims.scope !== 'string' || claims.scope.trim() === '') {
      throw new TokenError(400, 'invalid_scope', 'Missing scope', 'MP-200');
    }
    const scopes = claims.scope.split(' ').filter(Boolean);
    const notAllowed = scopes.filter((s) => !client.scopes.includes(s));
    if (notAllowed.length > 0) {
      throw new TokenError(400, 'invalid_scope', `Invalid scope: ${notAllowed.join(' ')}`, 'MP-200');
    }
    if (
      claims.resource !== undefined &&
      (!Array.isArray(claims.resource) || !claims.resource.every((r) => typeof r === 'string'))
    ) {
      throw invalidAssertion('resource must be an array of strings', 'MP-011');
    }

    let consumerOrg = client.orgNo;
    let supplier: string | undefined;
    if (claims.consumer_org !== undefined) {
      if (typeof claims.consumer_org !== 'string' || !/^\d{9}$/.test(claims.consumer_org)) {
        throw invalidAssertion('Invalid consumer_org', 'MP-011');
      }
      if (claims.consumer_org === client.orgNo) {
        throw invalidAssertion(`The combination consumer_org ${claims.consumer_org} and client is invalid`);
      }
      if (!(client.consumerOrgs ?? []).includes(claims.consumer_org)) {
        throw new TokenError(
          403,
          'access_denied',
          `Consumer ${claims.consumer_org} has not delegated access to the scope to the supplier`,
          'MP-251',
        );
      }
      consumerOrg = claims.consumer_org;
      supplier = client.orgNo;
    }
    const authorizationDetails =
      claims.authorization_details === undefined ? undefined : checkSystemUser(client, claims.authorization_details);

    const accessToken = await new SignJWT({
      client_id: client.clientId,
      client_amr: amr,
      token_type: 'Bearer',
      scope: scopes.join(' '),
      consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${consumerOrg}` },
      ...(supplier ? { supplier: { authority: 'iso6523-actorid-upis', ID: `0192:${supplier}` } } : {}),
      ...(Array.isArray(claims.resource) && claims.resource.length > 0
        ? { aud: claims.resource.length === 1 ? claims.resource[0] : claims.resource }
        : {}),
      ...(authorizationDetails ? { authorization_details: authorizationDetails } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', kid: mpKid, typ: 'at+jwt' })
      .setIssuer(issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + accessTokenExpiresIn)
      .setJti(randomUUID())
      .sign(mpKeys.privateKey);
    issued.accessTokens.push(accessToken);
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: accessTokenExpiresIn,
      scope: scopes.join(' '),
    };
  }

  async function verificationKey(
    client: FakeClient,
    header: Record<string, unknown>,
  ): Promise<{ publicKey: KeyObject | CryptoKey | Uint8Array; amr: string }> {
    if (header.x5c !== undefined) {
      // jwtgrant docs: x5c is a JSON array with the full chain; a single string fails with MP-123.
      if (!Array.isArray(header.x5c) || header.x5c.length === 0 || !header.x5c.every((c) => typeof c === 'string')) {
        throw invalidAssertion('x5c must be an array of base64 DER certificates', 'MP-123');
      }
      let leaf: X509Certificate;
      try {
        leaf = new X509Certificate(Buffer.from(header.x5c[0], 'base64'));
      } catch {
        throw invalidAssertion('x5c does not hold a certificate', 'MP-123');
      }
      const trusted = (client.certificates ?? []).map(derOf);
      if (!trusted.some((der) => der.equals(leaf.raw))) throw invalidAssertion('Invalid certificate', 'MP-120');
      const certOrg = /(?:serialNumber|organizationIdentifier)=(?:NTRNO-)?(\d{9})/.exec(leaf.subject)?.[1];
      if (certOrg && certOrg !== client.orgNo) {
        throw invalidAssertion(`Certificate organization number ${certOrg} does not match the client`, 'MP-122');
      }
      const now = nowMs();
      if (Date.parse(leaf.validTo) < now || Date.parse(leaf.validFrom) > now) {
        throw invalidAssertion('Certificate is not valid now', 'MP-124');
      }
      return { publicKey: leaf.publicKey, amr: 'virksomhetssertifikat' };
    }
    if (typeof header.kid !== 'string') throw invalidAssertion('JWT header has neither kid nor x5c');
    const key = (client.keys ?? []).find((k) => k.kid === header.kid);
    if (!key || rejectedKids.has(header.kid)) throw invalidAssertion('Unknown key identifier (kid) for client.');
    if (key.registeredAt !== undefined && new Date(key.registeredAt).getTime() + KEY_LIFETIME_MS < nowMs()) {
      throw invalidAssertion(`Expired key ${header.kid}`, 'MP-121');
    }
    const { registeredAt: _ignored, ...jwk } = key;
    return { publicKey: await importJWK({ ...jwk, alg: 'RS256' }, 'RS256'), amr: 'private_key_jwt' };
  }

  function checkSystemUser(client: FakeClient, details: unknown) {
    if (!Array.isArray(details) || details.length !== 1) {
      throw invalidAssertion('authorization_details must be an array with one entry', 'MP-302');
    }
    const [entry] = details as Record<string, unknown>[];
    if (!entry || typeof entry !== 'object') throw invalidAssertion('Invalid authorization_details', 'MP-302');
    if (entry.type !== 'urn:altinn:systemuser') {
      throw invalidAssertion(`Unknown authorization_details type ${String(entry.type)}`, 'MP-301');
    }
    const extra = Object.keys(entry).filter((k) => !['type', 'systemuser_org', 'externalRef'].includes(k));
    if (extra.length > 0) throw invalidAssertion(`Unknown authorization_details fields ${extra.join(', ')}`, 'MP-302');
    const org = entry.systemuser_org as { authority?: unknown; ID?: unknown } | undefined;
    const match = typeof org?.ID === 'string' ? /^0192:(\d{9})$/.exec(org.ID) : null;
    if (org?.authority !== 'iso6523-actorid-upis' || !match) {
      throw invalidAssertion('Invalid systemuser_org', 'MP-303');
    }
    if (entry.externalRef !== undefined && (typeof entry.externalRef !== 'string' || entry.externalRef === '')) {
      throw invalidAssertion('Invalid externalRef', 'MP-303');
    }
    const externalRef = entry.externalRef as string | undefined;
    const registered = systemUserDirectory?.({
      clientId: client.clientId,
      vendorOrgNo: client.orgNo,
      org: match[1],
      externalRef,
    });
    const user =
      registered ??
      (client.systemUsers ?? [])
        .filter((u) => u.org === match[1] && (u.externalRef ?? undefined) === externalRef)
        .map((u) => ({ id: u.id ?? randomUUID(), systemId: `${client.orgNo}_fake` }))[0];
    if (!user) throw invalidAssertion(`No system user for ${org.ID} and this client`, 'MP-303');
    return [
      {
        type: 'urn:altinn:systemuser',
        systemuser_org: { authority: 'iso6523-actorid-upis', ID: org.ID },
        systemuser_id: [user.id],
        system_id: user.systemId,
      },
    ];
  }

  // Altinn's exchange (AuthenticationController.cs): any failure is a 401 with an EMPTY body.
  async function exchangeHandler(req: IncomingMessage, res: ServerResponse, path: URL): Promise<void> {
    const provider = EXCHANGE_PATH.exec(path.pathname)?.[1].toLowerCase();
    if (provider !== 'maskinporten') return send(res, 400, '');
    const auth = req.headers.authorization ?? '';
    const bearer = /^Bearer (.+)$/.exec(auth)?.[1];
    if (!bearer) return send(res, 401, '');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(bearer, mpKeys.publicKey, {
        issuer,
        algorithms: ['RS256'],
        clockTolerance: SKEW_SECONDS,
        currentDate: new Date(nowMs()),
      }));
    } catch {
      return send(res, 401, '');
    }
    const consumer = payload.consumer as { ID?: unknown } | undefined;
    const orgNo = typeof consumer?.ID === 'string' ? consumer.ID.split(':').pop() : undefined;
    if (!orgNo) return send(res, 401, '');
    const scope = typeof payload.scope === 'string' ? payload.scope : '';
    let org: string | undefined;
    // Substring check, as the controller does: only `altinn:serviceowner` scopes give the org claim.
    if (scope.includes('altinn:serviceowner')) org = serviceOwners.get(orgNo);
    if (org === 'digdir' && path.searchParams.get('test')?.toLowerCase() === 'true') org = 'ttd';
    const now = nowSeconds();
    const altinnToken = await new SignJWT({
      ...(org ? { 'urn:altinn:org': org } : {}),
      'urn:altinn:orgNumber': orgNo,
      'urn:altinn:authenticatemethod': 'maskinporten',
      'urn:altinn:authlevel': 3,
      client_id: payload.client_id,
      consumer: payload.consumer,
      scope,
    })
      .setProtectedHeader({ alg: 'RS256', kid: altinnKid, typ: 'JWT' })
      .setIssuer(altinnIssuer)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + altinnLifetime)
      .setJti(randomUUID())
      .sign(altinnKeys.privateKey);
    issued.altinnTokens.push(altinnToken);
    const json =
      exchangeFormat === 'json' ||
      (exchangeFormat === 'auto' && (req.headers.accept ?? '').includes('application/json'));
    return json
      ? send(res, 200, JSON.stringify(altinnToken), 'application/json; charset=utf-8')
      : send(res, 200, altinnToken, 'text/plain; charset=utf-8');
  }

  function send(res: ServerResponse, status: number, body: string, contentType?: string): void {
    sendAnswer(res, nowMs(), status, body, contentType);
  }

  const altinnEndpoints = () => ({
    exchangeUrl,
    storageBase: `${url}storage/api/v1`,
    appBase: `${url}{org}/{app}`,
  });

  return {
    url,
    issuer,
    tokenEndpoint,
    jwksUri,
    exchangeUrl,
    altinnIssuer,
    wellKnownUrl: `${url}.well-known/oauth-authorization-server`,
    /** An environment pointing at this fake, in the shape of main/environments.ts. */
    environment(id = 'local'): Environment {
      return {
        id,
        name: 'Local fake',
        production: false,
        custom: true,
        maskinporten: { issuer, tokenEndpoint, wellKnown: `${url}.well-known/oauth-authorization-server` },
        altinn: altinnEndpoints(),
      };
    },
    /** This fake as an entry of <home>/environments.json (the custom-environment shape main/environments.ts reads). */
    environmentsFileEntry(id = 'local', production = false) {
      return {
        id,
        name: production ? `Local production ${id}` : `Local ${id}`,
        production,
        maskinporten: { issuer, tokenEndpoint },
        altinn: altinnEndpoints(),
      };
    },
    registerClient(client: FakeClient): void {
      for (const key of client.keys ?? []) {
        if (!key.kid) throw new Error('fake: every registered key needs a kid');
      }
      clients.set(client.clientId, { ...client, keys: [...(client.keys ?? [])] });
    },
    /** System users from the system-register fake: grants are checked against them (MP-303), then `systemUsers`. */
    setSystemUserDirectory(directory: SystemUserDirectory | undefined): void {
      systemUserDirectory = directory;
    },
    registerServiceOwner(orgNo: string, orgCode: string): void {
      serviceOwners.set(orgNo, orgCode);
    },
    setClockOffsetSeconds(seconds: number): void {
      clockOffsetSeconds = seconds;
    },
    setDelayMs(ms: number): void {
      delayMs = ms;
    },
    setAccessTokenExpiresIn(seconds: number): void {
      accessTokenExpiresIn = seconds;
    },
    setExchangeFormat(format: 'auto' | 'raw' | 'json'): void {
      exchangeFormat = format;
    },
    /** The next request (to `endpoint`, or to any endpoint) gets this status and body instead of an answer. */
    failNext(status: number, body?: string, endpoint?: Endpoint): void {
      failures.push({ status, body, endpoint });
    },
    /** From now on, grants signed with this kid get "Unknown key identifier". */
    rejectKid(kid: string): void {
      rejectedKids.add(kid);
    },
    /** Requests per endpoint since start (or the last resetStats). */
    stats(): Record<Endpoint | 'other', number> {
      return { ...counts };
    },
    /** When each endpoint last finished an answer (performance.now() of this process). */
    answered(): Partial<Record<Endpoint, number>> {
      return { ...answeredAt };
    },
    resetStats(): void {
      for (const k of Object.keys(counts) as (Endpoint | 'other')[]) counts[k] = 0;
      for (const k of Object.keys(answeredAt) as Endpoint[]) delete answeredAt[k];
      grants.length = 0;
    },
    /** Decoded header and claims of every grant the token endpoint received. */
    receivedGrants(): ReceivedGrant[] {
      return grants.map((g) => structuredClone(g));
    },
    /** Every token the fake handed out, for tests that search for leaks. */
    issuedTokens(): { accessTokens: string[]; altinnTokens: string[] } {
      return { accessTokens: [...issued.accessTokens], altinnTokens: [...issued.altinnTokens] };
    },
    /** The fake's clock (skew included), ms. */
    now: nowMs,
    /** Verify an Altinn token this fake issued (signature, issuer, expiry on the fake's clock). */
    async verifyAltinnToken(token: string): Promise<JWTPayload> {
      const { payload } = await jwtVerify(token, altinnKeys.publicKey, {
        issuer: altinnIssuer,
        currentDate: new Date(nowMs()),
        clockTolerance: SKEW_SECONDS,
      });
      return payload;
    },
    async verifyAccessToken(token: string): Promise<JWTPayload> {
      const { payload } = await jwtVerify(token, mpKeys.publicKey, {
        issuer,
        currentDate: new Date(nowMs()),
        clockTolerance: SKEW_SECONDS,
      });
      return payload;
    },
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

export type AuthFake = Awaited<ReturnType<typeof startAuthFake>>;

// RSA key generation is slow; one pair per process for all fakes (each fake still has its own issuer).
let keysOnce: Promise<[Awaited<ReturnType<typeof generateKeyPair>>, Awaited<ReturnType<typeof generateKeyPair>>]>;
function signingKeys() {
  keysOnce ??= Promise.all([
    generateKeyPair('RS256', { extractable: true }),
    generateKeyPair('RS256', { extractable: true }),
  ]);
  return keysOnce;
}

function derOf(certificate: string): Buffer {
  if (certificate.includes('-----BEGIN')) return new X509Certificate(certificate).raw;
  return Buffer.from(certificate, 'base64');
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 256 * 1024) throw new Error('fake: request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

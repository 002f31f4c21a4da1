import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWTPayload } from 'jose';
import type { Environment } from '../../src/node/environments/environments';
import { type AuthFake, type FakeKey, readBody } from './auth-server';
import { sendAnswer } from './send-answer';

/**
 * A STRICT local Digdir self-service API (oidc_api_admin.md, maskinporten_sjolvbetjening_api.md, reference §4)
 * on 127.0.0.1, in front of the auth fake (see test/fakes/README-selfservice.md). It takes only Maskinporten
 * tokens that the auth fake issued to a client that authenticated with an enterprise certificate, checks the
 * idporten:dcr.* scope per operation, keeps clients and key sets per organisation, enforces the 5-key limit
 * and the replace-all semantics of /jwks, and tells the auth fake about every change so the fake Maskinporten
 * accepts grants signed with a key published here.
 */

export interface FakeApiClient {
  client_id: string;
  client_name: string;
  description: string;
  integration_type: string;
  token_endpoint_auth_method: string;
  grant_types: string[];
  scopes: string[];
  client_orgno: string;
  created: string;
  last_updated: string;
  active: boolean;
  [member: string]: unknown;
}

export interface FakeApiJwk {
  kid: string;
  kty: string;
  /** Epoch seconds: when Maskinporten stops accepting the key (posting date + 1 year). */
  exp: number;
  [member: string]: unknown;
}

/** A key as sent in a request or seeded by a test (Omit<> would lose kid and kty to the index signature). */
export interface FakeJwkInput {
  kid: string;
  kty: string;
  [member: string]: unknown;
}

export type SelfServiceRoute = 'clients' | 'client' | 'jwks';

export interface SelfServiceRequestLog {
  method: string;
  route: SelfServiceRoute | 'other';
  clientId?: string;
  status: number;
}

export interface SelfServiceFakeOptions {
  auth: AuthFake;
  /** Default 5 (oidc_api_admin.md: "inntil 5"). */
  maxKeys?: number;
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const KEY_LIFETIME_SECONDS = 365 * 86_400;
const READ = 'idporten:dcr.read';
const WRITE = 'idporten:dcr.write';
const MODIFY = 'idporten:dcr.modify';
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const CLIENT_PATH = /^\/clients\/([^/]+)$/;
const JWKS_PATH = /^\/clients\/([^/]+)\/jwks$/;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

export async function startSelfServiceFake(options: SelfServiceFakeOptions) {
  const auth = options.auth;
  const maxKeys = options.maxKeys ?? 5;
  const clients = new Map<string, FakeApiClient>();
  const jwks = new Map<string, FakeApiJwk[]>();
  const failures: { status: number; body?: string; route?: SelfServiceRoute; method?: string }[] = [];
  const log: SelfServiceRequestLog[] = [];
  const nowSeconds = () => Math.floor(auth.now() / 1000);

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) send(res, 500, { error: 'server_error', error_description: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const clientsUrl = `${url}clients/`;

  function routeOf(pathname: string): { route: SelfServiceRoute | 'other'; clientId?: string } {
    if (pathname === '/clients' || pathname === '/clients/') return { route: 'clients' };
    const jwksMatch = JWKS_PATH.exec(pathname);
    if (jwksMatch) return { route: 'jwks', clientId: decodeURIComponent(jwksMatch[1]) };
    const clientMatch = CLIENT_PATH.exec(pathname);
    if (clientMatch) return { route: 'client', clientId: decodeURIComponent(clientMatch[1]) };
    return { route: 'other' };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const { route, clientId } = routeOf(new URL(req.url ?? '/', url).pathname);
    const body = await readBody(req);
    const answer = (status: number, payload?: unknown) => {
      log.push({ method, route, ...(clientId ? { clientId } : {}), status });
      send(res, status, payload);
    };
    const injected = failures.findIndex((f) => (!f.route || f.route === route) && (!f.method || f.method === method));
    if (injected >= 0) {
      const [f] = failures.splice(injected, 1);
      log.push({ method, route, ...(clientId ? { clientId } : {}), status: f.status });
      return sendRaw(res, f.status, f.body ?? '');
    }
    try {
      const caller = await authenticate(req);
      const result = dispatch(method, route, clientId, caller, body);
      answer(200, result);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      answer(error.status, { error: error.error, error_description: error.description });
    }
  }

  /** The Bearer must be an access token of the auth fake, for a client that used its enterprise certificate. */
  async function authenticate(req: IncomingMessage): Promise<{ orgNo: string; scopes: Set<string> }> {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) throw new ApiError(401, 'invalid_token', 'Missing bearer token');
    let payload: JWTPayload;
    try {
      payload = await auth.verifyAccessToken(bearer);
    } catch {
      throw new ApiError(401, 'invalid_token', 'Invalid or expired token');
    }
    // oidc_api_admin.md: the self-service client must use an enterprise certificate (virksomhetssertifikat).
    if (payload.client_amr !== 'virksomhetssertifikat') {
      throw new ApiError(
        403,
        'insufficient_scope',
        'The self-service API requires a client authenticated with virksomhetssertifikat',
      );
    }
    const consumer = payload.consumer as { ID?: unknown } | undefined;
    const orgNo = typeof consumer?.ID === 'string' ? consumer.ID.split(':').pop() : undefined;
    if (!orgNo) throw new ApiError(401, 'invalid_token', 'Token has no consumer');
    const scopes = new Set(typeof payload.scope === 'string' ? payload.scope.split(' ') : []);
    return { orgNo, scopes };
  }

  function requireScope(caller: { scopes: Set<string> }, ...anyOf: string[]): void {
    if (!anyOf.some((s) => caller.scopes.has(s))) {
      throw new ApiError(403, 'insufficient_scope', `Requires scope ${anyOf.join(' or ')}`);
    }
  }

  function owned(caller: { orgNo: string }, clientId: string | undefined): FakeApiClient {
    const client = clientId ? clients.get(clientId) : undefined;
    // Another organisation's client is as invisible as a missing one.
    if (!client || client.client_orgno !== caller.orgNo) {
      throw new ApiError(404, 'not_found', `Client ${clientId} not found`);
    }
    return client;
  }

  function dispatch(
    method: string,
    route: SelfServiceRoute | 'other',
    clientId: string | undefined,
    caller: { orgNo: string; scopes: Set<string> },
    body: string,
  ): unknown {
    if (route === 'clients' && method === 'GET') {
      requireScope(caller, READ);
      return [...clients.values()].filter((c) => c.client_orgno === caller.orgNo).map((c) => structuredClone(c));
    }
    if (route === 'clients' && method === 'POST') {
      requireScope(caller, WRITE);
      return structuredClone(create(caller.orgNo, json(body)));
    }
    if (route === 'client' && method === 'GET') {
      requireScope(caller, READ);
      return structuredClone(owned(caller, clientId));
    }
    if (route === 'client' && method === 'PUT') {
      requireScope(caller, MODIFY, WRITE);
      return structuredClone(update(owned(caller, clientId), json(body)));
    }
    if (route === 'jwks' && method === 'GET') {
      requireScope(caller, READ);
      const client = owned(caller, clientId);
      return { keys: structuredClone(jwks.get(client.client_id) ?? []) };
    }
    if (route === 'jwks' && (method === 'POST' || method === 'PUT')) {
      requireScope(caller, MODIFY, WRITE);
      const client = owned(caller, clientId);
      return { keys: structuredClone(replaceKeys(client, json(body))) };
    }
    throw new ApiError(404, 'not_found', 'No such endpoint');
  }

  function create(orgNo: string, input: Record<string, unknown>): FakeApiClient {
    if (input.integration_type !== 'maskinporten') {
      throw new ApiError(400, 'invalid_client_metadata', 'This fake creates only integration_type maskinporten');
    }
    // oidc_func_clientreg.md: a Maskinporten client authenticates with private_key_jwt and uses jwt-bearer only.
    if (input.token_endpoint_auth_method !== 'private_key_jwt') {
      throw new ApiError(400, 'invalid_client_metadata', 'token_endpoint_auth_method must be private_key_jwt');
    }
    if (!Array.isArray(input.grant_types) || input.grant_types.length !== 1 || input.grant_types[0] !== JWT_BEARER) {
      throw new ApiError(400, 'invalid_client_metadata', `grant_types must be ["${JWT_BEARER}"]`);
    }
    const fields = clientFields(input, true);
    const at = new Date(auth.now()).toISOString();
    const client: FakeApiClient = {
      ...fields,
      client_id: randomUUID(),
      integration_type: 'maskinporten',
      token_endpoint_auth_method: 'private_key_jwt',
      grant_types: [JWT_BEARER],
      client_orgno: orgNo,
      created: at,
      last_updated: at,
      active: true,
    } as FakeApiClient;
    clients.set(client.client_id, client);
    jwks.set(client.client_id, []);
    propagate(client);
    return client;
  }

  function update(client: FakeApiClient, input: Record<string, unknown>): FakeApiClient {
    // oidc_api_admin.md: "man ikke får lov til å endre integrasjonstype på en eksisterende integrasjon".
    if (input.integration_type !== undefined && input.integration_type !== client.integration_type) {
      throw new ApiError(400, 'invalid_client_metadata', 'integration_type cannot be changed');
    }
    if (input.client_id !== undefined && input.client_id !== client.client_id) {
      throw new ApiError(400, 'invalid_client_metadata', 'client_id cannot be changed');
    }
    const fields = clientFields(input, false);
    const next: FakeApiClient = { ...client, ...fields, last_updated: new Date(auth.now()).toISOString() };
    clients.set(client.client_id, next);
    propagate(next);
    return next;
  }

  function clientFields(input: Record<string, unknown>, required: boolean) {
    const out: Partial<FakeApiClient> = {};
    for (const name of ['client_name', 'description'] as const) {
      const value = input[name];
      if (value === undefined && !required) continue;
      if (typeof value !== 'string' || value.trim() === '') {
        throw new ApiError(400, 'invalid_client_metadata', `${name} is required`);
      }
      out[name] = value;
    }
    if (input.scopes !== undefined || required) {
      if (!Array.isArray(input.scopes) || !input.scopes.every((s) => typeof s === 'string' && /^\S+:\S+$/.test(s))) {
        throw new ApiError(400, 'invalid_client_metadata', 'scopes must be an array of scope names');
      }
      out.scopes = [...input.scopes];
    }
    return out;
  }

  /** Both POST and PUT replace the whole set (oidc_api_admin.md); at most maxKeys keys. */
  function replaceKeys(client: FakeApiClient, input: Record<string, unknown>): FakeApiJwk[] {
    if (!Array.isArray(input.keys)) throw new ApiError(400, 'invalid_request', 'Body must be {"keys":[...]}');
    if (input.keys.length > maxKeys) {
      throw new ApiError(400, 'invalid_request', `Too many keys: at most ${maxKeys} keys are allowed in a JWKS`);
    }
    const before = jwks.get(client.client_id) ?? [];
    const seen = new Set<string>();
    const now = nowSeconds();
    const next: FakeApiJwk[] = input.keys.map((raw: unknown) => {
      const key = checkedKey(raw);
      if (seen.has(key.kid)) throw new ApiError(400, 'invalid_request', `kid ${key.kid} appears twice`);
      seen.add(key.kid);
      // oidc_api_admin.md: a kid is unique across all customers.
      for (const [otherId, otherKeys] of jwks) {
        if (otherId !== client.client_id && otherKeys.some((k) => k.kid === key.kid)) {
          throw new ApiError(400, 'invalid_request', `kid ${key.kid} is already in use`);
        }
      }
      // A key sent back as it was read keeps its date; anything else is (re)posted now and lives a year.
      const old = before.find((k) => k.kid === key.kid && k.n === key.n && k.e === key.e);
      const exp = old && key.exp === old.exp ? old.exp : now + KEY_LIFETIME_SECONDS;
      return { ...key, exp };
    });
    jwks.set(client.client_id, next);
    propagate(client);
    return next;
  }

  function checkedKey(raw: unknown): FakeJwkInput {
    if (!raw || typeof raw !== 'object') throw new ApiError(400, 'invalid_request', 'A key must be a JSON object');
    const key = raw as Record<string, unknown>;
    // oidc_api_admin.md: kty, alg, use, e, n always; only RS256 with 2048-bit keys.
    for (const member of ['kty', 'alg', 'use', 'e', 'n', 'kid']) {
      if (typeof key[member] !== 'string' || key[member] === '') {
        throw new ApiError(400, 'invalid_request', `Key member ${member} is required`);
      }
    }
    if (key.kty !== 'RSA' || key.alg !== 'RS256' || key.use !== 'sig') {
      throw new ApiError(400, 'invalid_request', 'Only RSA keys with alg RS256 and use sig are supported');
    }
    if (Buffer.from(key.n as string, 'base64url').length !== 256) {
      throw new ApiError(400, 'invalid_request', 'Only 2048-bit RSA keys are supported');
    }
    if (!/^[A-Za-z0-9._-]+$/.test(key.kid as string)) throw new ApiError(400, 'invalid_request', 'Invalid kid');
    const leaked = PRIVATE_MEMBERS.filter((m) => m in key);
    if (leaked.length > 0) throw new ApiError(400, 'invalid_request', 'A JWKS must hold public keys only');
    return key as FakeJwkInput;
  }

  /** The fake Maskinporten learns every change at once (the real one takes 0–2 minutes). */
  function propagate(client: FakeApiClient): void {
    const keys: FakeKey[] = (jwks.get(client.client_id) ?? []).map((k) => ({
      ...k,
      registeredAt: (k.exp - KEY_LIFETIME_SECONDS) * 1000,
    }));
    auth.registerClient({ clientId: client.client_id, orgNo: client.client_orgno, scopes: [...client.scopes], keys });
  }

  function send(res: ServerResponse, status: number, payload?: unknown): void {
    sendRaw(res, status, payload === undefined ? '' : JSON.stringify(payload), 'application/json');
  }

  function sendRaw(res: ServerResponse, status: number, body: string, contentType?: string): void {
    const type = contentType ?? (body.startsWith('{') || body.startsWith('[') ? 'application/json' : 'text/plain');
    sendAnswer(res, auth.now(), status, body, body ? type : undefined);
  }

  return {
    url,
    clientsUrl,
    /** The auth fake's environment with this fake as its self-service API. */
    environment(id = 'local', production = false): Environment {
      return {
        ...auth.environment(id),
        production,
        selfService: { clientsUrl, samarbeidsportalen: 'https://samarbeid.digdir.no/' },
      };
    },
    /** The same, as an entry of <home>/environments.json. */
    environmentsFileEntry(id = 'local', production = false) {
      return {
        ...auth.environmentsFileEntry(id, production),
        selfService: { clientsUrl, samarbeidsportalen: 'https://samarbeid.digdir.no/' },
      };
    },
    /** Seed a Maskinporten client with keys, as if made earlier (keys get `exp` one year from now). */
    seedClient(input: { orgNo: string; clientName?: string; scopes: string[]; keys?: FakeJwkInput[] }) {
      const at = new Date(auth.now()).toISOString();
      const client: FakeApiClient = {
        client_id: randomUUID(),
        client_name: input.clientName ?? 'Seeded client',
        description: 'Seeded by a test',
        integration_type: 'maskinporten',
        token_endpoint_auth_method: 'private_key_jwt',
        grant_types: [JWT_BEARER],
        scopes: [...input.scopes],
        client_orgno: input.orgNo,
        created: at,
        last_updated: at,
        active: true,
      };
      clients.set(client.client_id, client);
      jwks.set(
        client.client_id,
        (input.keys ?? []).map((k) => ({ ...k, exp: nowSeconds() + KEY_LIFETIME_SECONDS })),
      );
      propagate(client);
      return client.client_id;
    },
    /** The stored client and its key set (copies). */
    client(clientId: string): { client: FakeApiClient; keys: FakeApiJwk[] } | undefined {
      const client = clients.get(clientId);
      return client ? structuredClone({ client, keys: jwks.get(clientId) ?? [] }) : undefined;
    },
    /** The next matching request gets this status and body instead of an answer. */
    failNext(status: number, body?: string, match: { route?: SelfServiceRoute; method?: string } = {}): void {
      failures.push({ status, body, ...match });
    },
    requests(): SelfServiceRequestLog[] {
      return log.map((r) => ({ ...r }));
    },
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

export type SelfServiceFake = Awaited<ReturnType<typeof startSelfServiceFake>>;

function json(body: string): Record<string, unknown> {
  try {
    const value = JSON.parse(body) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new ApiError(400, 'invalid_request', 'Body must be a JSON object');
}

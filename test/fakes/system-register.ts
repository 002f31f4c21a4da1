import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWTPayload } from 'jose';
import { type AuthFake, readBody } from './auth-server';
import { sendAnswer } from './send-answer';

/**
 * A STRICT local Altinn authentication API for system vendors on 127.0.0.1 (test/fakes/README-system-register.md,
 * docs/system-vendors.md): the system register, system-user requests (standard and agent) and the system users
 * they become, in front of the auth fake. It takes only Maskinporten tokens the auth fake issued, checks the
 * scope per route (403 with an empty body, like ASP.NET's Forbid), answers errors as Altinn's problem details,
 * and lets a test play the customer (approve, reject, time out). It also tells the auth fake which system users
 * exist, so system-user grants are checked as Maskinporten checks them with Altinn (MP-303).
 */

const REGISTER = 'altinn:authentication/systemregister.write';
const REQUEST_WRITE = 'altinn:authentication/systemuser.request.write';
const REQUEST_READ = 'altinn:authentication/systemuser.request.read';
const BASE = '/authentication/api/v1';

export interface FakeSystem {
  id: string;
  vendorOrgNo: string;
  internalId: string;
  name: Record<string, string>;
  description: Record<string, string>;
  rights: { resource: { id: string; value: string }[]; action?: string }[];
  accessPackages: { urn: string }[];
  clientId: string[];
  allowedRedirectUrls: string[];
  isVisible: boolean;
  isDeleted: boolean;
}

export type FakeRequestStatus = 'New' | 'Accepted' | 'Rejected' | 'Denied' | 'Timedout';

export interface FakeRequest {
  id: string;
  kind: 'standard' | 'agent';
  vendorOrgNo: string;
  systemId: string;
  partyOrgNo: string;
  externalRef: string;
  integrationTitle: string;
  rights: FakeSystem['rights'];
  accessPackages: { urn: string }[];
  redirectUrl?: string;
  status: FakeRequestStatus;
  created: string;
  /** DELETE …/systemuser/request/vendor/{id} sets is_deleted; a deleted request is found by nothing. */
  deleted: boolean;
}

export interface FakeSystemUser {
  id: string;
  systemId: string;
  reporteeOrgNo: string;
  externalRef: string;
  integrationTitle: string;
  supplierOrgNo: string;
  userType: 'standard' | 'agent';
  created: string;
  isDeleted: boolean;
}

export type SystemRegisterRoute =
  | 'systems'
  | 'system'
  | 'systemusers'
  | 'create-request'
  | 'request'
  | 'requests'
  | 'other';

export interface SystemRegisterRequestLog {
  method: string;
  route: SystemRegisterRoute;
  path: string;
  status: number;
  body?: unknown;
}

export interface SystemRegisterFakeOptions {
  auth: AuthFake;
  /** Items per page of the paginated lists (Altinn's is larger; small pages test `links.next`). */
  pageSize?: number;
  /** The `HostName` in confirmUrl: https://am.ui.<host>/accessmanagement/ui/systemuser/… (default tt02.altinn.no). */
  hostName?: string;
}

class Problem extends Error {
  constructor(
    readonly status: number,
    readonly body?: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found' };

/**
 * AltinnProblemDetails (Altinn.Authorization.ProblemDetails 5.4.0, src/ProblemDetails/AltinnProblemDetails.cs:19-80):
 * `type` urn:altinn:error:<code>, `title`, `status`, `code`, `statusDescription`.
 */
const problem = (status: number, code: string, title: string) =>
  new Problem(status, {
    type: `urn:altinn:error:${code}`,
    title,
    status,
    code,
    statusDescription: STATUS_TEXT[status] ?? '',
  });

interface ValidationItem {
  code: string;
  title: string;
  path: string;
  /** ProblemExtensionData: flat members of the item (AltinnValidationError.Extensions is [JsonExtensionData]). */
  extensions?: Record<string, string>;
}

/**
 * AltinnValidationProblemDetails (ProblemDetails 5.4.0 src/ProblemDetails/AltinnValidationProblemDetails.cs:9-89):
 * the top level is STD-00000 "One or more validation errors occurred." (StdProblemDescriptors.cs:22-23), and the
 * items are under `validationErrors` ([JsonPropertyName("validationErrors")], :86), each
 * `{code, title, paths, detail?, …extensions}` (AltinnValidationError.cs:45-87).
 */
const validation = (errors: ValidationItem[]) =>
  new Problem(400, {
    type: 'urn:altinn:error:STD-00000',
    title: 'One or more validation errors occurred.',
    status: 400,
    code: 'STD-00000',
    statusDescription: 'Bad Request',
    validationErrors: errors.map((e) => ({ code: e.code, title: e.title, paths: [e.path], ...e.extensions })),
  });

/**
 * altinn-authentication@ad4f6f3 src/Core/Errors/ValidationErrors.cs (the code, :18-128) and
 * src/Authentication/Constants/ErrorPathConstant.cs (the path, :11-36).
 */
const VLD = {
  orgIdentifier: [
    'AUTH.VLD-00000',
    'the org number identifier is not valid ISO6523 identifier',
    '/registersystemrequest/vendor/id',
  ],
  idFormat: [
    'AUTH.VLD-00001',
    'The system id does not match the format orgnumber_xxxx...',
    '/registersystemrequest/systemid',
  ],
  idExists: ['AUTH.VLD-00002', 'The system id already exists', '/registersystemrequest/systemid'],
  clientIdExists: [
    'AUTH.VLD-00004',
    'One of the client id is already tagged with an existing system',
    '/registersystemrequest/clientid',
  ],
  redirectUrl: [
    'AUTH.VLD-00005',
    'One or more of the redirect urls format is not valid. The valid format is https://xxx.xx',
    '/registersystemrequest/allowedredirecturls',
  ],
  rightsDuplicates: ['AUTH.VLD-00006', 'One or more duplicate rights found', '/registersystemrequest/rights/resource'],
  packagesDuplicates: [
    'AUTH.VLD-00007',
    'One or more duplicate access package(s) found',
    '/registersystemrequest/accesspackages',
  ],
  clientIdDuplicates: ['AUTH.VLD-00011', 'Request contains duplicate client ids', '/registersystemrequest/clientid'],
  idMismatch: [
    'AUTH.VLD-00012',
    'The system ID in the request body does not match the system ID in the URL',
    '/registersystemrequest/systemid',
  ],
  idSpaces: [
    'AUTH.VLD-00013',
    'System ID cannot have spaces in id (leading, trailing or in between the id)',
    '/registersystemrequest/systemid',
  ],
} as const;

const item = (rule: keyof typeof VLD): ValidationItem => {
  const [code, title, path] = VLD[rule];
  return { code, title, path };
};

export async function startSystemRegisterFake(options: SystemRegisterFakeOptions) {
  const { auth } = options;
  const pageSize = options.pageSize ?? 10;
  const hostName = options.hostName ?? 'tt02.altinn.no';
  const systems = new Map<string, FakeSystem>();
  const requests = new Map<string, FakeRequest>();
  const systemUsers = new Map<string, FakeSystemUser>();
  const failures: { status: number; body?: string; route?: SystemRegisterRoute; method?: string }[] = [];
  const log: SystemRegisterRequestLog[] = [];
  const isoNow = () => new Date(auth.now()).toISOString();

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) send(res, 500, { title: String(error), status: 500 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const authenticationApi = `${url}${BASE}`;

  auth.setSystemUserDirectory(({ clientId, vendorOrgNo, org, externalRef }) => {
    // SystemUserController.CheckIfPartyHasIntegration: a missing externalRef is looked up as the org number.
    const ref = externalRef ?? org;
    for (const user of systemUsers.values()) {
      const system = systems.get(user.systemId);
      if (user.isDeleted || !system || system.isDeleted) continue;
      if (user.reporteeOrgNo !== org || user.externalRef !== ref || user.supplierOrgNo !== vendorOrgNo) continue;
      if (!system.clientId.some((c) => c.toLowerCase() === clientId.toLowerCase())) continue;
      return { id: user.id, systemId: system.id };
    }
    return undefined;
  });

  /** Method (or any), path pattern, route; the first match wins, so `…/agent/bysystem/x` comes before `…/{id}`. */
  const ROUTES: [string | undefined, RegExp, SystemRegisterRoute][] = [
    [undefined, /^\/systemregister\/vendor$/, 'systems'],
    [undefined, /^\/systemregister\/vendor\/(?<id>[^/]+)$/, 'system'],
    [undefined, /^\/systemuser\/vendor\/bysystem\/(?<id>[^/]+)$/, 'systemusers'],
    ['POST', /^\/systemuser\/request\/vendor(?<agent>\/agent)?$/, 'create-request'],
    [undefined, /^\/systemuser\/request\/vendor(?<agent>\/agent)?\/bysystem\/(?<id>[^/]+)$/, 'requests'],
    [undefined, /^\/systemuser\/request\/vendor(?<agent>\/agent)?\/(?<id>[^/]+)$/, 'request'],
  ];

  function routeOf(method: string, path: string): { route: SystemRegisterRoute; id?: string; agent?: boolean } {
    const rest = path.startsWith(BASE) ? path.slice(BASE.length) : '';
    for (const [wanted, pattern, route] of ROUTES) {
      if (wanted && wanted !== method) continue;
      const match = pattern.exec(rest);
      if (!match) continue;
      const groups = match.groups ?? {};
      return { route, agent: Boolean(groups.agent), ...(groups.id ? { id: dec(groups.id) } : {}) };
    }
    return { route: 'other' };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const full = new URL(req.url ?? '/', url);
    const { route, id, agent } = routeOf(method, full.pathname);
    const text = await readBody(req);
    const entry: SystemRegisterRequestLog = { method, route, path: full.pathname, status: 0 };
    if (text) entry.body = safeJson(text);
    log.push(entry);
    const injected = failures.findIndex((f) => (!f.route || f.route === route) && (!f.method || f.method === method));
    if (injected >= 0) {
      const [f] = failures.splice(injected, 1);
      entry.status = f.status;
      return sendRaw(res, f.status, f.body ?? '');
    }
    try {
      const caller = await authenticate(req);
      const [status, payload] = dispatch(method, route, { id, agent, caller, text, page: full.searchParams });
      entry.status = status;
      send(res, status, payload);
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      entry.status = error.status;
      send(res, error.status, error.body);
    }
  }

  /** A Maskinporten access token of the auth fake: its `consumer` is the vendor, its `scope` what it may do. */
  async function authenticate(req: IncomingMessage): Promise<{ orgNo: string; scopes: Set<string> }> {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) throw new Problem(401);
    let payload: JWTPayload;
    try {
      payload = await auth.verifyAccessToken(bearer);
    } catch {
      throw new Problem(401);
    }
    const consumer = payload.consumer as { ID?: unknown } | undefined;
    const orgNo = typeof consumer?.ID === 'string' ? consumer.ID.replace(/^0192:/, '') : undefined;
    if (!orgNo) throw new Problem(401);
    return { orgNo, scopes: new Set(typeof payload.scope === 'string' ? payload.scope.split(' ') : []) };
  }

  function requireScope(caller: { scopes: Set<string> }, scope: string): void {
    // AuthenticationHost: RequireScopeAnyOf; the register routes also take systemregister.admin.
    const admin = scope === REGISTER && caller.scopes.has('altinn:authentication/systemregister.admin');
    if (!caller.scopes.has(scope) && !admin) throw new Problem(403);
  }

  function dispatch(
    method: string,
    route: SystemRegisterRoute,
    r: {
      id?: string;
      agent?: boolean;
      caller: { orgNo: string; scopes: Set<string> };
      text: string;
      page: URLSearchParams;
    },
  ): [number, unknown] {
    const { caller } = r;
    if (route === 'systems' && method === 'GET') {
      requireScope(caller, REGISTER);
      // SystemRegisterController.GetListOfRegisteredSystemsForVendor answers RegisteredSystemDTOs, not the
      // single-system shape (altinn-authentication@ad4f6f3 SystemRegisterController.cs:72-102).
      const own = [...systems.values()].filter((s) => s.vendorOrgNo === caller.orgNo && !s.isDeleted);
      return [200, own.map(systemDtoJson)];
    }
    if (route === 'systems' && method === 'POST') {
      requireScope(caller, REGISTER);
      return [200, createSystem(caller.orgNo, json(r.text))];
    }
    if (route === 'system' && method === 'GET') {
      requireScope(caller, REGISTER);
      return [200, systemJson(ownSystem(caller.orgNo, r.id))];
    }
    if (route === 'system' && method === 'PUT') {
      requireScope(caller, REGISTER);
      replaceSystem(caller.orgNo, r.id ?? '', json(r.text));
      return [200, { succeeded: true }];
    }
    if (route === 'systemusers' && method === 'GET') {
      requireScope(caller, REGISTER);
      const system = systems.get(r.id ?? '');
      const list = [...systemUsers.values()].filter(
        (u) => u.systemId === r.id && u.supplierOrgNo === caller.orgNo && system?.vendorOrgNo === caller.orgNo,
      );
      return [200, paginate(list.map(systemUserJson), r.page, `${BASE}/systemuser/vendor/bysystem/${enc(r.id)}`)];
    }
    if (route === 'create-request') {
      requireScope(caller, REQUEST_WRITE);
      return createRequest(caller.orgNo, r.agent ? 'agent' : 'standard', json(r.text));
    }
    if (route === 'request' && method === 'GET') {
      requireScope(caller, REQUEST_READ);
      const found = live(r.id);
      const kind = r.agent ? 'agent' : 'standard';
      if (!isUuid(r.id)) throw new Problem(400, { title: `The value '${r.id}' is not valid.`, status: 400 });
      // Both routes answer AUTH-00010 for an id they do not have: the agent route too
      // (RequestSystemUserService.GetAgentRequestByGuid returns Problem.RequestNotFound, RequestSystemUserService.cs:399-405;
      // the repository selects by id *and* type, RequestRepository.cs:302-320). AUTH-00030 is only used on approval.
      if (!found || found.vendorOrgNo !== caller.orgNo || found.kind !== kind) throw requestNotFound();
      return [200, requestJson(found)];
    }
    if (route === 'request' && method === 'DELETE') {
      // RequestSystemUserController.DeleteRequestByRequestId (RequestSystemUserController.cs:744-759): systemuser.request.write,
      // 202 with no body; the repository sets is_deleted on the id, standard or agent, whatever its status, and checks
      // no vendor (RequestRepository.cs:689-712); nothing to delete is AUTH-00010 (RequestSystemUserService.cs:818-827).
      // There is no …/vendor/agent/{id} DELETE: an agent request is deleted here too.
      if (r.agent) throw new Problem(405);
      requireScope(caller, REQUEST_WRITE);
      if (!isUuid(r.id)) throw new Problem(400, { title: `The value '${r.id}' is not valid.`, status: 400 });
      const found = live(r.id);
      if (!found) throw requestNotFound();
      found.deleted = true;
      return [202, undefined];
    }
    if (route === 'requests' && method === 'GET') {
      requireScope(caller, REQUEST_READ);
      const kind = r.agent ? 'agent' : 'standard';
      const list = [...requests.values()].filter(
        (q) => !q.deleted && q.systemId === r.id && q.vendorOrgNo === caller.orgNo && q.kind === kind,
      );
      const path = `${BASE}/systemuser/request/vendor${r.agent ? '/agent' : ''}/bysystem/${enc(r.id)}`;
      return [200, paginate(list.map(requestJson), r.page, path)];
    }
    throw new Problem(404);
  }

  function ownSystem(vendorOrgNo: string, id: string | undefined): FakeSystem {
    const system = systems.get(id ?? '');
    if (!system || system.isDeleted) throw new Problem(404);
    // SystemRegisterController.GetRegisteredSystemInfo: another vendor's system is Forbid().
    if (system.vendorOrgNo !== vendorOrgNo) throw new Problem(403);
    return system;
  }

  /**
   * The checks of SystemRegisterController.CreateRegisteredSystem (SystemRegisterController.cs:283-330), in its
   * order: the vendor's ISO 6523 id alone first (:288-298); then ValidateRegisteredSystem (:570-610: spaces,
   * format, exists, redirect URLs, client ids) and the duplicate checks of ValidateRights/ValidateAccessPackages
   * (:469-535; the resource register itself is not faked); 403 for another vendor before the problems (:306-314).
   * Answers the internal GUID.
   */
  function createSystem(vendorOrgNo: string, body: Record<string, unknown>): string {
    const fields = systemFields(body);
    const vendorId = (body.vendor as { ID?: unknown } | undefined)?.ID;
    if (typeof vendorId !== 'string' || !vendorId.startsWith('0192:')) throw validation([item('orgIdentifier')]);
    const owner = vendorId.slice(5);
    const errors: ValidationItem[] = [];
    const id = fields.id;
    if (/\s/.test(id)) errors.push(item('idSpaces'));
    if (id.split('_')[0] !== owner) errors.push(item('idFormat'));
    if (systems.has(id)) errors.push(item('idExists'));
    if (!fields.allowedRedirectUrls.every((u) => u.startsWith('https://'))) errors.push(item('redirectUrl'));
    if (clientIdTaken(fields.clientId, undefined)) errors.push(item('clientIdExists'));
    if (hasDuplicates(fields.rights.map(rightKey))) errors.push(item('rightsDuplicates'));
    if (hasDuplicates(fields.accessPackages.map((p) => p.urn))) errors.push(item('packagesDuplicates'));
    if (owner !== vendorOrgNo) throw new Problem(403);
    if (errors.length) throw validation(errors);
    const system: FakeSystem = { ...fields, vendorOrgNo: owner, internalId: randomUUID(), isDeleted: false };
    systems.set(id, system);
    return system.internalId;
  }

  /** SystemRegisterController.UpdateWholeRegisteredSystem: the whole system is replaced. */
  function replaceSystem(vendorOrgNo: string, id: string, body: Record<string, unknown>): void {
    const current = systems.get(id);
    if (!current) throw new Problem(404, `System with ID '${id}' not found.`);
    if (current.vendorOrgNo !== vendorOrgNo) throw new Problem(403);
    const vendorId = (body.vendor as { ID?: unknown } | undefined)?.ID;
    if (vendorId !== `0192:${current.vendorOrgNo}`) throw new Problem(404, `System with ID '${id}' not found.`);
    const fields = systemFields(body);
    // SystemRegisterController.cs:188-196: a body id other than the route's is SystemId_Mismatch, alone.
    if (fields.id !== id) throw validation([item('idMismatch')]);
    // ValidateClientIds (:537-568): duplicates in the body, then each id another live system has.
    const errors: ValidationItem[] = [];
    if (hasDuplicates(fields.clientId.map((c) => c.toLowerCase()))) errors.push(item('clientIdDuplicates'));
    for (const clientId of fields.clientId) if (clientIdTaken([clientId], id)) errors.push(item('clientIdExists'));
    if (hasDuplicates(fields.rights.map(rightKey))) errors.push(item('rightsDuplicates'));
    if (hasDuplicates(fields.accessPackages.map((p) => p.urn))) errors.push(item('packagesDuplicates'));
    if (errors.length) throw validation(errors);
    systems.set(id, { ...current, ...fields });
  }

  function clientIdTaken(clientIds: string[], ownId: string | undefined): boolean {
    return clientIds.some((c) =>
      [...systems.values()].some(
        (s) => s.id !== ownId && !s.isDeleted && s.clientId.some((x) => x.toLowerCase() === c.toLowerCase()),
      ),
    );
  }

  /**
   * Model binding: `id`, `vendor`, `name`, `description` are required; lists default to empty. A body that does
   * not bind is ASP.NET's own validation problem ([ApiController]): an `errors` map of field → messages, no `code`.
   */
  function systemFields(body: Record<string, unknown>) {
    const missing = ['id', 'vendor', 'name', 'description'].filter((k) => body[k] === undefined || body[k] === null);
    if (missing.length) {
      throw new Problem(400, {
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: Object.fromEntries(missing.map((k) => [k, [`The ${k} field is required.`]])),
      });
    }
    const texts = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, string>) : {});
    return {
      id: String(body.id),
      name: texts(body.name),
      description: texts(body.description),
      rights: Array.isArray(body.rights) ? (body.rights as FakeSystem['rights']) : [],
      accessPackages: Array.isArray(body.accessPackages) ? (body.accessPackages as { urn: string }[]) : [],
      clientId: Array.isArray(body.clientId) ? (body.clientId as string[]) : [],
      allowedRedirectUrls: Array.isArray(body.allowedRedirectUrls) ? (body.allowedRedirectUrls as string[]) : [],
      isVisible: body.isVisible !== false,
    };
  }

  /** RequestSystemUserController.CreateRequest / CreateAgentRequest and RequestSystemUserService's checks. */
  function createRequest(
    vendorOrgNo: string,
    kind: 'standard' | 'agent',
    body: Record<string, unknown>,
  ): [number, unknown] {
    const systemId = String(body.systemId ?? '');
    const partyOrgNo = String(body.partyOrgNo ?? '');
    const externalRef = typeof body.externalRef === 'string' && body.externalRef ? body.externalRef : partyOrgNo;
    const existingUser = [...systemUsers.values()].find(
      (u) => !u.isDeleted && u.systemId === systemId && u.reporteeOrgNo === partyOrgNo && u.externalRef === externalRef,
    );
    if (existingUser) {
      throw problem(
        400,
        'AUTH-00004',
        'Failed to create new SystemUser, existing SystemUser tied to the given System-Id.',
      );
    }
    // RequestSystemUserController.CreateRequest (RequestSystemUserController.cs:122-128; agent :175-181): a request
    // for the same system, customer and externalRef that is not deleted (RequestRepository.cs:174-194) comes back
    // with 200, *whatever its status* — New, Accepted, Rejected or Denied —, unless it timed out. Only deleting it
    // (DELETE below) lets the vendor ask again.
    const existing = [...requests.values()].find(
      (q) =>
        !q.deleted &&
        q.status !== 'Timedout' &&
        q.kind === kind &&
        q.systemId === systemId &&
        q.partyOrgNo === partyOrgNo &&
        q.externalRef === externalRef &&
        q.vendorOrgNo === vendorOrgNo,
    );
    if (existing) return [200, requestJson(existing)];
    const system = systems.get(systemId);
    if (!system || system.isDeleted) throw problem(404, 'AUTH-00011', 'The Id does not refer to a Registered System.');
    if (system.vendorOrgNo !== vendorOrgNo) {
      throw problem(400, 'AUTH-00025', 'The Vendor does not own the System Id.');
    }
    if (!/^\d{9}$/.test(partyOrgNo)) {
      throw problem(400, 'AUTH-00000', "Can't resolve the Organisation Number from the logged in Reportee PartyId.");
    }
    const redirectUrl = typeof body.redirectUrl === 'string' && body.redirectUrl ? body.redirectUrl : undefined;
    if (redirectUrl && system.allowedRedirectUrls.length === 0) {
      throw problem(400, 'AUTH-00026', 'No redirect uris are set for the system');
    }
    if (redirectUrl && !system.allowedRedirectUrls.includes(redirectUrl)) {
      throw problem(400, 'AUTH-00021', 'The RedirectUri was not found or not valid.');
    }
    const rights = kind === 'standard' && Array.isArray(body.rights) ? (body.rights as FakeSystem['rights']) : [];
    const packages = Array.isArray(body.accessPackages) ? (body.accessPackages as { urn: string }[]) : [];
    if (kind === 'agent' && packages.length === 0) {
      throw problem(400, 'AUTH-00058', 'No AccessPackages found, an agent SystemUser must have at least one');
    }
    if (rights.length === 0 && packages.length === 0) {
      throw problem(400, 'AUTH-00059', 'No AccessPackages or Single Rights found, a SystemUser must have at least one');
    }
    const known = new Set(system.rights.map(rightKey));
    if (!rights.every((r) => Array.isArray(r.resource) && known.has(rightKey(r)))) {
      throw problem(400, 'AUTH-00001', 'One or more Right not found or not delegable.');
    }
    const knownPackages = new Set(system.accessPackages.map((p) => p.urn));
    if (!packages.every((p) => knownPackages.has(p.urn))) {
      throw problem(400, 'AUTH-00001', 'One or more Right not found or not delegable.');
    }
    const request: FakeRequest = {
      id: randomUUID(),
      kind,
      vendorOrgNo,
      systemId,
      partyOrgNo,
      externalRef,
      integrationTitle: typeof body.integrationTitle === 'string' ? body.integrationTitle : (system.name.nb ?? ''),
      rights,
      accessPackages: packages,
      ...(redirectUrl ? { redirectUrl } : {}),
      status: 'New',
      created: isoNow(),
      deleted: false,
    };
    requests.set(request.id, request);
    return [201, requestJson(request)];
  }

  /** A request that is not deleted. */
  function live(id: string | undefined): FakeRequest | undefined {
    const found = requests.get(id ?? '');
    return found && !found.deleted ? found : undefined;
  }

  function requestNotFound(): Problem {
    return problem(404, 'AUTH-00010', 'The Id does not refer to a Request in our system.');
  }

  function confirmUrl(request: FakeRequest): string {
    const path = request.kind === 'agent' ? 'agentrequest' : 'request';
    return `https://am.ui.${hostName}/accessmanagement/ui/systemuser/${path}?id=${request.id}&DONTCHOOSEREPORTEE=true`;
  }

  function requestJson(q: FakeRequest) {
    return {
      id: q.id,
      integrationTitle: q.integrationTitle,
      externalRef: q.externalRef,
      systemId: q.systemId,
      partyOrgNo: q.partyOrgNo,
      ...(q.kind === 'standard' ? { rights: q.rights } : {}),
      accessPackages: q.accessPackages,
      status: q.status,
      ...(q.redirectUrl ? { redirectUrl: q.redirectUrl } : {}),
      confirmUrl: confirmUrl(q),
      escalated: false,
      created: q.created,
      timedOut: q.status === 'Timedout',
    };
  }

  /**
   * RegisteredSystemDTO (src/Core/Models/SystemRegisters/RegisteredSystemDTO.cs:9-50), as
   * AuthenticationHelper.MapRegisteredSystemToRegisteredSystemDTO fills it (AuthenticationHelper.cs:498-511):
   * the org number without `0192:` (GetOrgNumber, :442-456), and `systemVendorOrgName` from
   * RegisteredSystemResponse's get-only SystemVendorOrgName, which is always "" (RegisteredSystemResponse.cs:64).
   * No id, vendor, clientId, allowedRedirectUrls or isDeleted.
   */
  function systemDtoJson(s: FakeSystem) {
    return {
      systemId: s.id,
      systemVendorOrgNumber: s.vendorOrgNo,
      systemVendorOrgName: '',
      name: s.name,
      description: s.description,
      rights: s.rights,
      accessPackages: s.accessPackages,
      isVisible: s.isVisible,
    };
  }

  /** RegisteredSystemResponse (RegisteredSystemResponse.cs:16-106; `vendor.authority` is a field, not written). */
  function systemJson(s: FakeSystem) {
    return {
      id: s.id,
      vendor: { ID: `0192:${s.vendorOrgNo}` },
      name: s.name,
      description: s.description,
      rights: s.rights,
      accessPackages: s.accessPackages,
      isDeleted: s.isDeleted,
      clientId: s.clientId,
      isVisible: s.isVisible,
      allowedRedirectUrls: s.allowedRedirectUrls,
    };
  }

  function systemUserJson(u: FakeSystemUser) {
    return {
      id: u.id,
      integrationTitle: u.integrationTitle,
      systemId: u.systemId,
      productName: u.systemId,
      reporteeOrgNo: u.reporteeOrgNo,
      created: u.created,
      isDeleted: u.isDeleted,
      supplierName: '',
      supplierOrgno: u.supplierOrgNo,
      externalRef: u.externalRef,
      userType: u.userType,
    };
  }

  /** Paginated<T>: `{links: {next}, data}`; `next` is absolute (Url.Link) with an opaque `token`. */
  function paginate<T>(list: T[], query: URLSearchParams, path: string) {
    const from = Number(query.get('token') ?? '0') || 0;
    const data = list.slice(from, from + pageSize);
    const more = from + pageSize < list.length;
    return { links: { next: more ? `${url}${path}?token=${from + pageSize}` : null }, data };
  }

  function decide(requestId: string, status: FakeRequestStatus): FakeRequest {
    const request = live(requestId);
    if (!request) throw new Error(`fake: no request ${requestId}`);
    // RequestSystemUserService: only a New request can be approved or rejected.
    if (request.status !== 'New') throw new Error(`fake: request ${requestId} is ${request.status}, not New`);
    request.status = status;
    return request;
  }

  function send(res: ServerResponse, status: number, payload?: unknown): void {
    if (payload === undefined) sendRaw(res, status, '');
    else if (typeof payload === 'string' && status >= 400) sendRaw(res, status, payload, 'text/plain');
    else sendRaw(res, status, JSON.stringify(payload), status >= 400 ? 'application/problem+json' : 'application/json');
  }

  function sendRaw(res: ServerResponse, status: number, body: string, contentType?: string): void {
    const type = contentType ?? (body.startsWith('{') ? 'application/json' : 'text/plain');
    sendAnswer(res, auth.now(), status, body, body ? type : undefined);
  }

  return {
    url,
    authenticationApi,
    /** The auth fake's environment as an environments.json entry, with this fake as the authentication API. */
    environmentsFileEntry(id = 'local', production = false) {
      const entry = auth.environmentsFileEntry(id, production);
      return { ...entry, altinn: { ...entry.altinn, authenticationApi } };
    },
    /** The customer approves in Altinn: the request becomes Accepted and its system user exists (same id). */
    approve(requestId: string): FakeSystemUser {
      const request = decide(requestId, 'Accepted');
      const user: FakeSystemUser = {
        id: request.id,
        systemId: request.systemId,
        reporteeOrgNo: request.partyOrgNo,
        externalRef: request.externalRef,
        integrationTitle: request.integrationTitle,
        supplierOrgNo: request.vendorOrgNo,
        userType: request.kind,
        created: isoNow(),
        isDeleted: false,
      };
      systemUsers.set(user.id, user);
      return structuredClone(user);
    },
    /** The customer says no in Altinn. */
    reject(requestId: string): void {
      decide(requestId, 'Rejected');
    },
    /** Altinn's own refusal (e.g. the person lacked the rights to delegate). */
    deny(requestId: string): void {
      decide(requestId, 'Denied');
    },
    /** 180 days pass without an answer. */
    timeOut(requestId: string): void {
      decide(requestId, 'Timedout');
    },
    /** A system as if registered earlier. */
    seedSystem(system: Omit<FakeSystem, 'internalId' | 'isDeleted' | 'isVisible'> & { isVisible?: boolean }) {
      systems.set(system.id, {
        isVisible: true,
        ...structuredClone(system),
        internalId: randomUUID(),
        isDeleted: false,
      });
    },
    system(id: string): FakeSystem | undefined {
      const s = systems.get(id);
      return s ? structuredClone(s) : undefined;
    },
    request(id: string): FakeRequest | undefined {
      const q = requests.get(id);
      return q ? structuredClone(q) : undefined;
    },
    systemUsers(): FakeSystemUser[] {
      return [...systemUsers.values()].map((u) => structuredClone(u));
    },
    /** The next matching request gets this status and body instead of an answer; nothing is stored. */
    failNext(status: number, body?: string, match: { route?: SystemRegisterRoute; method?: string } = {}): void {
      failures.push({ status, body, ...match });
    },
    requests(): SystemRegisterRequestLog[] {
      return log.map((l) => structuredClone(l));
    },
    close(): Promise<void> {
      auth.setSystemUserDirectory(undefined);
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

export type SystemRegisterFake = Awaited<ReturnType<typeof startSystemRegisterFake>>;

function dec(value: string | undefined): string {
  return decodeURIComponent(value ?? '');
}

function enc(value: string | undefined): string {
  return encodeURIComponent(value ?? '');
}

function hasDuplicates(list: string[]): boolean {
  return new Set(list).size !== list.length;
}

function rightKey(r: { resource: { id: string; value: string }[] }): string {
  return JSON.stringify([...(r.resource ?? [])].map((a) => `${a.id}=${a.value}`).sort());
}

function isUuid(value: string | undefined): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value ?? '');
}

function json(text: string): Record<string, unknown> {
  const value = safeJson(text);
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Problem(400, { title: 'The request body is not a JSON object', status: 400 });
  }
  return value as Record<string, unknown>;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

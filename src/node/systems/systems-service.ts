import type { Language } from '../../common/contract/app';
import type {
  ApprovalQr,
  CreateRequestInput,
  CreateRequestResult,
  CreateSystemInput,
  MakeProfileInput,
  RegisteredSystem,
  SystemsListing,
  SystemUserInfo,
  SystemUserKind,
  SystemUserRequestInfo,
  UpdateSystemInput,
} from '../../common/contract/systems';
import { nextPollDelayMs, VENDOR_SCOPE_LIST, VENDOR_SCOPES } from '../../common/contract/systems-limits';
import { AppError } from '../../common/errors/app-error';
import { SystemsErrors } from '../../common/errors/systems-errors';
import type { Profile } from '../../common/schemas/profile';
import type { TokenService } from '../auth/token-service';
import type { Environment, EnvironmentSource } from '../environments/environments';
import { type ChangeToConfirm, confirmInMainOrRefuse } from '../platform/confirm-in-main';
import type { Desktop } from '../platform/desktop';
import { createHttpClient, type HttpClient } from '../platform/http';
import type { Logger } from '../platform/log';
import type { ProfileStore } from '../profiles/profile-store';
import { approvalQr } from './approval-qr';
import { profilesForSystemUser, systemUserProfileInput } from './system-user-profile';
import { VendorApi } from './vendor-api';
import {
  type ApiRequest,
  fieldsOf,
  registerSystemBody,
  requestStatus,
  resourceRights,
  simpleResourceIds,
  toRegisteredSystem,
  toRequestInfo,
  toSystemSummary,
  toSystemUserInfo,
} from './vendor-api-shapes';

/**
 * Orchestration of the systems area: the vendor profile's Maskinporten token (token service), Altinn's
 * authentication API (vendor-api.ts), and local profiles (profile store). Facts and sources:
 * docs/system-vendors.md. Remote first, local after: a failed call changes nothing on this machine.
 *
 * Every write in production, and every change of a system's client ids anywhere, is confirmed by the person
 * in main's own dialog (confirmInMain) after the window's confirm and `confirmProduction`, with the concrete
 * change: environment, system id, the client ids added and removed (issue 17, finding 4). A no sends nothing.
 */

export interface SystemsDeps {
  environments: Pick<EnvironmentSource, 'get'>;
  profiles: Pick<ProfileStore, 'get' | 'list' | 'add'>;
  tokens: Pick<TokenService, 'getToken' | 'getRawToken' | 'clearProfile'>;
  /** The clipboard, and main's own confirmation of production writes and client-id changes (confirm-in-main.ts). */
  desktop: Pick<Desktop, 'writeClipboard' | 'confirmInMain'>;
  /** The person's UI language, for that confirmation. */
  language: () => Promise<Language>;
  fetch: typeof fetch;
  now: () => Date;
  logger: Logger;
  timeoutMs?: number;
  /** For waitForDecision; tests pass one that does not really wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Which scope each kind of operation needs (any of; docs/system-vendors.md §1). */
const NEEDS = {
  register: [VENDOR_SCOPES.register, VENDOR_SCOPES.registerAdmin],
  requestWrite: [VENDOR_SCOPES.requestWrite],
  requestRead: [VENDOR_SCOPES.requestRead],
} as const;
type Need = keyof typeof NEEDS;

interface VendorSession {
  profile: Profile;
  env: Environment;
  vendorOrgNo: string;
  api: VendorApi;
}

export interface WaitOptions {
  /** Give up after this long (default: wait until the customer answers). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called after every read, e.g. to print a dot. */
  onPoll?: (request: SystemUserRequestInfo) => void;
}

export class SystemsService {
  private readonly http: HttpClient;

  constructor(private readonly deps: SystemsDeps) {
    this.http = createHttpClient({
      fetch: deps.fetch,
      logger: deps.logger,
      now: () => deps.now().getTime(),
      defaultTimeoutMs: deps.timeoutMs,
    });
  }

  /**
   * The vendor's systems as Altinn lists them (RegisteredSystemDTO: names, rights, access packages, visibility;
   * deleted ones are left out by Altinn's query, altinn-authentication@ad4f6f3
   * src/Persistance/RepositoryImplementations/SystemRegisterRepository.cs:82-100). Client ids and redirect URLs
   * come with one system (getSystem), read when they are needed.
   */
  async listSystems(vendorProfileId: string): Promise<SystemsListing> {
    const s = await this.session(vendorProfileId, 'register');
    const systems = (await s.api.listSystems()).map(toSystemSummary);
    return {
      environmentId: s.env.id,
      vendorOrgNo: s.vendorOrgNo,
      systems: systems.sort((a, b) => a.id.localeCompare(b.id)),
    };
  }

  async getSystem(vendorProfileId: string, systemId: string): Promise<RegisteredSystem> {
    const s = await this.session(vendorProfileId, 'register');
    return this.readSystem(s, systemId);
  }

  /** POST the system, then read it back so the answer is what Altinn stored. */
  async createSystem(input: CreateSystemInput): Promise<RegisteredSystem> {
    const s = await this.session(input.vendorProfileId, 'register', { write: true, confirm: input.confirmProduction });
    const { id, ...fields } = input.system;
    assertOwnId(id, s.vendorOrgNo);
    if (s.env.production || fields.clientIds.length > 0) {
      await this.confirmInMain({
        environment: s.env,
        question: 'confirm.questionCreateSystem',
        params: { system: id },
        confirmLabel: 'confirm.yesCreateSystem',
        facts: [
          ['confirm.factSystem', id],
          ['confirm.factClientIdsAdded', fields.clientIds],
          ['confirm.factRights', String(fields.resourceIds.length + fields.accessPackages.length)],
        ],
      });
    }
    await s.api.createSystem(registerSystemBody(id, s.vendorOrgNo, fields));
    this.deps.logger.info('system registered', { environmentId: s.env.id, systemId: id });
    return this.readSystem(s, id);
  }

  /** PUT replaces the whole system: read it, lay the changes over it, send it all back, read it again. */
  async updateSystem(input: UpdateSystemInput): Promise<RegisteredSystem> {
    const s = await this.session(input.vendorProfileId, 'register', { write: true, confirm: input.confirmProduction });
    const current = await this.readSystem(s, input.systemId);
    const fields = { ...fieldsOf(current), ...definedOnly(input.changes) };
    const kept = current.rights.filter((r) => !simpleResourceIds([r]).length);
    const added = fields.clientIds.filter((c) => !current.clientIds.includes(c));
    const removed = current.clientIds.filter((c) => !fields.clientIds.includes(c));
    if (s.env.production || added.length > 0 || removed.length > 0) {
      await this.confirmInMain({
        environment: s.env,
        question: 'confirm.questionUpdateSystem',
        params: { system: input.systemId },
        confirmLabel: 'confirm.yesUpdateSystem',
        facts: [
          ['confirm.factSystem', input.systemId],
          ['confirm.factClientIdsAdded', added],
          ['confirm.factClientIdsRemoved', removed],
          ['confirm.factClientIdsAfter', fields.clientIds],
          ['confirm.factRights', String(fields.resourceIds.length + fields.accessPackages.length + kept.length)],
        ],
      });
    }
    await s.api.replaceSystem(input.systemId, registerSystemBody(input.systemId, current.vendorOrgNo, fields, kept));
    this.deps.logger.info('system updated', { environmentId: s.env.id, systemId: input.systemId });
    return this.readSystem(s, input.systemId);
  }

  /** Standard and agent requests of a system, newest first. */
  async listRequests(vendorProfileId: string, systemId: string): Promise<SystemUserRequestInfo[]> {
    const s = await this.session(vendorProfileId, 'requestRead');
    const [standard, agent] = await Promise.all([
      s.api.listRequests('standard', systemId),
      s.api.listRequests('agent', systemId),
    ]);
    const all = [...standard.map((r) => this.info(r, 'standard')), ...agent.map((r) => this.info(r, 'agent'))];
    return all.sort((a, b) => (b.created ?? '').localeCompare(a.created ?? ''));
  }

  /**
   * A request for a customer to approve. Rights default to every right and access package of the system
   * (an agent request carries access packages only: CreateAgentRequestSystemUser).
   *
   * Altinn answers 200 with the request it already has for the same system, customer and externalRef, whatever
   * its status — a rejected or denied one too —, unless it timed out (RequestSystemUserController.cs:122-128,
   * agent :175-181): `reused`, and the customer was not asked. With `renew`, that request is deleted
   * (`DELETE …/systemuser/request/vendor/{id}`) and the same request sent again; the deleted one is `replaced`.
   */
  async createRequest(input: CreateRequestInput): Promise<CreateRequestResult> {
    const s = await this.session(input.vendorProfileId, 'requestWrite', {
      write: true,
      confirm: input.confirmProduction,
    });
    const kind: SystemUserKind = input.agent ? 'agent' : 'standard';
    const wantsDefaults = input.resourceIds === undefined && input.accessPackages === undefined;
    const system = wantsDefaults ? await this.systemForDefaults(s, input.systemId) : undefined;
    const resourceIds = input.resourceIds ?? system?.resourceIds ?? [];
    const accessPackages = input.accessPackages ?? system?.accessPackages ?? [];
    const body: Record<string, unknown> = {
      systemId: input.systemId,
      partyOrgNo: input.partyOrgNo,
      ...(input.externalRef ? { externalRef: input.externalRef } : {}),
      ...(input.integrationTitle ? { integrationTitle: input.integrationTitle } : {}),
      ...(input.redirectUrl ? { redirectUrl: input.redirectUrl } : {}),
      ...(kind === 'standard' ? { rights: resourceRights(resourceIds) } : {}),
      accessPackages: accessPackages.map((urn) => ({ urn })),
    };
    if (s.env.production) {
      await this.confirmInMain({
        environment: s.env,
        question: 'confirm.questionSystemUserRequest',
        params: { customer: input.partyOrgNo, system: input.systemId },
        confirmLabel: 'confirm.yesSystemUserRequest',
        facts: [
          ['confirm.factSystem', input.systemId],
          ['confirm.factCustomer', input.partyOrgNo],
          ['confirm.factRights', [...(kind === 'standard' ? resourceIds : []), ...accessPackages]],
        ],
      });
    }
    const first = await s.api.createRequest(kind, body);
    const log = { environmentId: s.env.id, systemId: input.systemId, kind };
    if (!first.reused || input.renew !== true) {
      this.deps.logger.info('system-user request created', {
        ...log,
        requestId: first.request.id,
        reused: first.reused,
      });
      return { request: this.info(first.request, kind), reused: first.reused };
    }
    const replaced = this.info(first.request, kind);
    await s.api.deleteRequest(replaced.id);
    this.deps.logger.info('system-user request deleted to ask again', {
      ...log,
      requestId: replaced.id,
      status: replaced.serverStatus,
    });
    const second = await s.api.createRequest(kind, body);
    if (second.reused) {
      throw new AppError(
        SystemsErrors.REQUEST_CONFLICT,
        `Altinn still answers with request ${second.request.id} (${second.request.status}) after request ${replaced.id} was deleted`,
        { details: { requestId: second.request.id, replacedId: replaced.id } },
      );
    }
    this.deps.logger.info('system-user request created', {
      ...log,
      requestId: second.request.id,
      replaces: replaced.id,
    });
    return { request: this.info(second.request, kind), reused: false, replaced };
  }

  /** One request; without `kind`, the standard route first and the agent route when that says 404. */
  async requestStatus(vendorProfileId: string, requestId: string, kind?: SystemUserKind) {
    const s = await this.session(vendorProfileId, 'requestRead');
    return this.readRequest(s, requestId, kind);
  }

  /**
   * Read the request until the customer answers (or it times out), waiting longer between reads
   * (REQUEST_POLL). Resolves with the final request; a WAIT_TIMEOUT error after `timeoutMs`.
   */
  async waitForDecision(
    vendorProfileId: string,
    requestId: string,
    kind: SystemUserKind | undefined,
    options: WaitOptions = {},
  ): Promise<SystemUserRequestInfo> {
    const s = await this.session(vendorProfileId, 'requestRead');
    const sleep = this.deps.sleep ?? defaultSleep;
    const started = this.deps.now().getTime();
    for (let attempt = 0; ; attempt++) {
      const request = await this.readRequest(s, requestId, kind);
      options.onPoll?.(request);
      if (request.status !== 'new') return request;
      kind = request.kind;
      const delay = nextPollDelayMs(attempt);
      const elapsed = this.deps.now().getTime() - started;
      if (options.timeoutMs !== undefined && elapsed + delay > options.timeoutMs) {
        throw new AppError(
          SystemsErrors.WAIT_TIMEOUT,
          `Request ${requestId} is still waiting for the customer after ${Math.round(elapsed / 1000)} s`,
          { details: { requestId, status: request.status } },
        );
      }
      await sleep(delay, options.signal);
    }
  }

  async listSystemUsers(vendorProfileId: string, systemId: string): Promise<SystemUserInfo[]> {
    const s = await this.session(vendorProfileId, 'register');
    return (await this.systemUsersOf(s, systemId)).users;
  }

  /**
   * A client profile for an accepted system user, so the Token view and the doctor work with it. The client
   * profile must use one of the system's client ids, or every grant fails with MP-303.
   */
  async makeProfile(input: MakeProfileInput): Promise<Profile> {
    const clientProfile = await this.deps.profiles.get(input.clientProfileId);
    const s = await this.session(input.vendorProfileId, 'register');
    const { users, system } = await this.systemUsersOf(s, input.systemId);
    const user = users.find((u) => u.id === input.systemUserId);
    if (!user) {
      throw new AppError(
        SystemsErrors.SYSTEM_USER_NOT_FOUND,
        `System ${input.systemId} has no system user ${input.systemUserId}`,
        { details: { systemId: input.systemId, systemUserId: input.systemUserId } },
      );
    }
    if (clientProfile.environmentId !== s.env.id || !system.clientIds.includes(clientProfile.clientId)) {
      throw new AppError(
        SystemsErrors.CLIENT_NOT_ON_SYSTEM,
        `Profile "${clientProfile.name}" uses client ${clientProfile.clientId}, which system ${system.id} in ${s.env.name} does not list (it lists ${system.clientIds.join(', ') || 'no client'})`,
        { details: { clientId: clientProfile.clientId, systemClientIds: system.clientIds } },
      );
    }
    const profile = await this.deps.profiles.add(
      systemUserProfileInput(user, clientProfile, { name: input.name, scopes: input.scopes }),
    );
    this.deps.logger.info('system-user profile added', {
      profileId: profile.id,
      systemId: input.systemId,
      systemUserId: user.id,
    });
    return profile;
  }

  approvalQr(url: string): ApprovalQr {
    return approvalQr(url);
  }

  async copyLink(url: string): Promise<{ copied: true }> {
    await this.deps.desktop.writeClipboard(url);
    return { copied: true };
  }

  // ---- internals --------------------------------------------------------------------------------------------

  private confirmInMain(change: ChangeToConfirm): Promise<void> {
    return confirmInMainOrRefuse(
      { desktop: this.deps.desktop, language: this.deps.language, logger: this.deps.logger },
      change,
    );
  }

  private async systemUsersOf(s: VendorSession, systemId: string) {
    const [users, system, profiles] = await Promise.all([
      s.api.listSystemUsers(systemId),
      this.readSystem(s, systemId),
      this.deps.profiles.list(s.env.id),
    ]);
    const infos = users
      .filter((u) => !u.isDeleted)
      .map((u) => {
        const info = toSystemUserInfo(u);
        return { ...info, profileIds: profilesForSystemUser(profiles, info, system.clientIds) };
      });
    return { users: infos, system };
  }

  private async readSystem(s: VendorSession, systemId: string): Promise<RegisteredSystem> {
    const [api, profiles] = await Promise.all([s.api.getSystem(systemId), this.deps.profiles.list(s.env.id)]);
    const system = toRegisteredSystem(api);
    return { ...system, profileIds: profilesWithClient(profiles, system.clientIds) };
  }

  /** The system's rights for a request's defaults; a vendor without the register scope sends what it was given. */
  private async systemForDefaults(s: VendorSession, systemId: string): Promise<RegisteredSystem | undefined> {
    if (!hasAny(s.profile.scopes, NEEDS.register)) return undefined;
    return this.readSystem(s, systemId);
  }

  private async readRequest(s: VendorSession, requestId: string, kind?: SystemUserKind) {
    if (kind) return this.info(await s.api.getRequest(kind, requestId), kind);
    try {
      return this.info(await s.api.getRequest('standard', requestId), 'standard');
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== SystemsErrors.REQUEST_NOT_FOUND) throw error;
      return this.info(await s.api.getRequest('agent', requestId), 'agent');
    }
  }

  private info(api: ApiRequest, kind: SystemUserKind): SystemUserRequestInfo {
    const status = requestStatus(api.status, api.timedOut);
    if (!status) {
      throw new AppError(SystemsErrors.BAD_RESPONSE, `Altinn sent an unknown request status "${api.status}"`, {
        details: { requestId: api.id, status: api.status },
      });
    }
    return toRequestInfo(api, kind, status);
  }

  /** The vendor profile checked, the environment's API located, and a token with the scope `need` asks for. */
  private async session(
    vendorProfileId: string,
    need: Need,
    write: { write: boolean; confirm?: boolean } = { write: false },
  ): Promise<VendorSession> {
    const profile = await this.deps.profiles.get(vendorProfileId);
    if (profile.systemUser || !hasAny(profile.scopes, VENDOR_SCOPE_LIST)) {
      throw new AppError(
        SystemsErrors.NOT_VENDOR,
        profile.systemUser
          ? `Profile "${profile.name}" asks for a system-user token; the system-user API needs a plain vendor token`
          : `Profile "${profile.name}" has none of the system-user API's scopes (${VENDOR_SCOPE_LIST.join(', ')})`,
        { details: { profileId: profile.id } },
      );
    }
    if (!hasAny(profile.scopes, NEEDS[need])) throw forbidden(profile.name, NEEDS[need][0], 'profile');
    const env = await this.deps.environments.get(profile.environmentId);
    const base = authenticationApiBase(env);
    if (write.write && env.production && write.confirm !== true) {
      throw new AppError(
        SystemsErrors.PRODUCTION_CONFIRM_REQUIRED,
        `This changes the system register or asks a real customer in ${env.name}; confirm the production write first`,
        { details: { environmentId: env.id } },
      );
    }
    const summary = await this.deps.tokens.getToken(profile.id, { altinn: false });
    const granted = summary.maskinporten.scope.split(' ').filter(Boolean);
    if (!hasAny(granted, NEEDS[need])) throw forbidden(profile.name, NEEDS[need][0], 'token');
    const vendorOrgNo = consumerOrgNo(summary.maskinporten.claims.consumer);
    if (!vendorOrgNo) {
      throw new AppError(SystemsErrors.BAD_RESPONSE, 'The Maskinporten token has no consumer org number');
    }
    const token = await this.deps.tokens.getRawToken(profile.id, 'maskinporten');
    const api = new VendorApi({
      http: this.http,
      base,
      token,
      timeoutMs: this.deps.timeoutMs,
      onUnauthorized: () => this.deps.tokens.clearProfile(profile.id),
    });
    return { profile, env, vendorOrgNo, api };
  }
}

export function createSystemsService(deps: SystemsDeps): SystemsService {
  return new SystemsService(deps);
}

/**
 * Where the vendor routes live: the environment's `altinn.authenticationApi`, else the exchange URL's
 * `…/authentication/api/v1` part (both routes are in the same Altinn Authentication component).
 */
export function authenticationApiBase(env: Environment): string {
  if (env.altinn.authenticationApi) return env.altinn.authenticationApi.replace(/\/+$/, '');
  const match = /^(.*\/authentication\/api\/v1)\/exchange\/[^/]+\/?$/.exec(env.altinn.exchangeUrl);
  if (match?.[1]) return match[1];
  throw new AppError(
    SystemsErrors.NOT_CONFIGURED,
    `Environment "${env.name}" has no altinn.authenticationApi, and its exchange URL does not show where it is`,
    { details: { environmentId: env.id } },
  );
}

/** SystemRegisterController: the id must begin with the vendor's org number (DoesSystemIdStartWithOrgnumber). */
function assertOwnId(systemId: string, vendorOrgNo: string): void {
  if (systemId.split('_')[0] !== vendorOrgNo) {
    throw new AppError(
      SystemsErrors.WRONG_VENDOR,
      `System id "${systemId}" must begin with ${vendorOrgNo}_, the org number of the vendor profile's client`,
      { details: { systemId, vendorOrgNo } },
    );
  }
}

function forbidden(profileName: string, scope: string, where: 'profile' | 'token'): AppError {
  return new AppError(
    SystemsErrors.FORBIDDEN_SCOPE,
    where === 'profile'
      ? `Vendor profile "${profileName}" needs the scope ${scope} for this; nothing was sent to Altinn`
      : `Maskinporten did not grant vendor profile "${profileName}" the scope ${scope}; ask Digdir to add it to the client`,
    { details: { scope, where } },
  );
}

function hasAny(list: readonly string[], wanted: readonly string[]): boolean {
  return wanted.some((w) => list.includes(w));
}

function profilesWithClient(profiles: Profile[], clientIds: readonly string[]): string[] {
  return profiles.filter((p) => clientIds.includes(p.clientId)).map((p) => p.id);
}

/** `{authority, ID: "0192:991825827"}` → `991825827` (maskinporten_protocol_token: the consumer claim). */
function consumerOrgNo(consumer: unknown): string | undefined {
  const id = consumer && typeof consumer === 'object' ? (consumer as { ID?: unknown }).ID : undefined;
  if (typeof id !== 'string') return undefined;
  const orgNo = id.includes(':') ? id.slice(id.indexOf(':') + 1) : id;
  return /^\d{9}$/.test(orgNo) ? orgNo : undefined;
}

function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

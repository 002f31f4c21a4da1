import { z } from 'zod';
import type { SystemUserKind } from '../../common/contract/systems';
import { VENDOR_SCOPES } from '../../common/contract/systems-limits';
import { AppError } from '../../common/errors/app-error';
import { SystemsErrors } from '../../common/errors/systems-errors';
import { bearerRequest } from '../platform/bearer-request';
import type { HttpClient } from '../platform/http';
import { type ErrorContext, vendorApiError } from './vendor-api-errors';
import {
  type ApiRequest,
  type ApiSystem,
  type ApiSystemListItem,
  type ApiSystemUser,
  apiRequestSchema,
  apiSystemListItemSchema,
  apiSystemSchema,
  apiSystemUserSchema,
  pageSchema,
} from './vendor-api-shapes';

/**
 * HTTP to Altinn's authentication API for system vendors (docs/system-vendors.md), with the vendor
 * profile's Maskinporten token as Bearer, as Altinn's own docs and integration tests send it:
 * - `GET|POST /systemregister/vendor`, `GET|PUT /systemregister/vendor/{systemId}` (systemregister.write); the list
 *   answers RegisteredSystemDTO, one system RegisteredSystemResponse (vendor-api-shapes.ts);
 * - `GET /systemuser/vendor/bysystem/{systemId}` (systemregister.write), paginated;
 * - `POST /systemuser/request/vendor[/agent]` and `DELETE /systemuser/request/vendor/{id}` (systemuser.request.write);
 * - `GET /systemuser/request/vendor[/agent]/{id}` and `…/bysystem/{systemId}` (systemuser.request.read).
 * The token goes only in the Authorization header, which http.ts never logs.
 */

export interface VendorApiOptions {
  http: HttpClient;
  /** e.g. https://platform.tt02.altinn.no/authentication/api/v1 */
  base: string;
  token: string;
  timeoutMs?: number;
  /** Called on a 401, before the error is thrown (the cached token is no good). */
  onUnauthorized?: () => void;
}

/** Pages followed at most per listing: a safety stop against a server that keeps sending `next`. */
const MAX_PAGES = 50;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export class VendorApi {
  private readonly base: string;

  constructor(private readonly options: VendorApiOptions) {
    this.base = options.base.replace(/\/+$/, '');
  }

  /** RegisteredSystemDTOs, not the single-system shape (SystemRegisterController.cs:72-102): no client ids. */
  async listSystems(): Promise<ApiSystemListItem[]> {
    const body = await this.call('GET', '/systemregister/vendor', ctx('list your systems', 'system'));
    return parse(z.array(apiSystemListItemSchema), body, 'the system list');
  }

  async getSystem(systemId: string): Promise<ApiSystem> {
    const path = `/systemregister/vendor/${seg(systemId)}`;
    const body = await this.call('GET', path, ctx(`read system ${systemId}`, 'system'));
    return parse(apiSystemSchema, body, 'the system');
  }

  /** POST answers 200 with the new system's internal GUID (SystemRegisterController.CreateRegisteredSystem). */
  async createSystem(system: Record<string, unknown>): Promise<void> {
    await this.call('POST', '/systemregister/vendor', ctx(`create system ${String(system.id)}`, 'system'), system);
  }

  /** PUT replaces the whole system and answers `{"succeeded": true}`. */
  async replaceSystem(systemId: string, system: Record<string, unknown>): Promise<void> {
    const path = `/systemregister/vendor/${seg(systemId)}`;
    await this.call('PUT', path, ctx(`update system ${systemId}`, 'system'), system);
  }

  async listSystemUsers(systemId: string): Promise<ApiSystemUser[]> {
    return this.pages(
      `/systemuser/vendor/bysystem/${seg(systemId)}`,
      apiSystemUserSchema,
      ctx(`list the system users of ${systemId}`, 'system'),
    );
  }

  /** 201 for a new request; 200 with the request Altinn already had for the same system, customer and externalRef. */
  async createRequest(kind: SystemUserKind, request: Record<string, unknown>) {
    const path = kind === 'agent' ? '/systemuser/request/vendor/agent' : '/systemuser/request/vendor';
    const what = `create a ${kind} system-user request for ${String(request.partyOrgNo)}`;
    const { body, status } = await this.callWithStatus(
      'POST',
      path,
      ctx(what, 'request', VENDOR_SCOPES.requestWrite),
      request,
    );
    return { request: parse(apiRequestSchema, body, 'the request'), reused: status === 200 };
  }

  /**
   * `DELETE /systemuser/request/vendor/{requestId}` (systemuser.request.write): 202, standard and agent requests
   * alike — there is no agent route — whatever their status (RequestSystemUserController.cs:744-759,
   * RequestRepository.cs:689-712); 404 AUTH-00010 when there is none (RequestSystemUserService.cs:818-827).
   */
  async deleteRequest(requestId: string): Promise<void> {
    const path = `/systemuser/request/vendor/${seg(requestId)}`;
    await this.call('DELETE', path, ctx(`delete request ${requestId}`, 'request', VENDOR_SCOPES.requestWrite));
  }

  async getRequest(kind: SystemUserKind, requestId: string): Promise<ApiRequest> {
    const path =
      kind === 'agent'
        ? `/systemuser/request/vendor/agent/${seg(requestId)}`
        : `/systemuser/request/vendor/${seg(requestId)}`;
    const body = await this.call('GET', path, ctx(`read request ${requestId}`, 'request', VENDOR_SCOPES.requestRead));
    return parse(apiRequestSchema, body, 'the request');
  }

  async listRequests(kind: SystemUserKind, systemId: string): Promise<ApiRequest[]> {
    const path =
      kind === 'agent'
        ? `/systemuser/request/vendor/agent/bysystem/${seg(systemId)}`
        : `/systemuser/request/vendor/bysystem/${seg(systemId)}`;
    return this.pages(
      path,
      apiRequestSchema,
      ctx(`list the ${kind} requests of ${systemId}`, 'system', VENDOR_SCOPES.requestRead),
    );
  }

  /** Follow `links.next` (absolute, from Url.Link) while it stays on the API's own origin. */
  private async pages<T extends z.ZodType>(path: string, item: T, context: ErrorContext): Promise<z.infer<T>[]> {
    const out: z.infer<T>[] = [];
    let url: string | undefined = `${this.base}${path}`;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const body = await this.callUrl('GET', url, context);
      const parsed = parse(pageSchema(item), body, 'a page of the list');
      out.push(...parsed.data);
      url = parsed.links?.next ? this.sameOrigin(parsed.links.next) : undefined;
    }
    return out;
  }

  private sameOrigin(next: string): string {
    const resolved = new URL(next, `${this.base}/`);
    if (resolved.origin !== new URL(this.base).origin) {
      throw new AppError(SystemsErrors.BAD_RESPONSE, `Altinn's next page points elsewhere (${resolved.origin})`);
    }
    return resolved.toString();
  }

  private async call(method: Method, path: string, context: ErrorContext, json?: unknown): Promise<unknown> {
    return (await this.callWithStatus(method, path, context, json)).body;
  }

  private async callWithStatus(method: Method, path: string, context: ErrorContext, json?: unknown) {
    return this.callUrlWithStatus(method, `${this.base}${path}`, context, json);
  }

  private async callUrl(method: Method, url: string, context: ErrorContext): Promise<unknown> {
    return (await this.callUrlWithStatus(method, url, context)).body;
  }

  private async callUrlWithStatus(
    method: Method,
    url: string,
    context: ErrorContext,
    json?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const response = await bearerRequest(this.options.http, {
      method,
      url,
      token: this.options.token,
      json,
      timeoutMs: this.options.timeoutMs,
      where: `Altinn authentication API, ${context.what}`,
      codes: { timeout: SystemsErrors.TIMEOUT, unreachable: SystemsErrors.UNREACHABLE },
    });
    if (response.status === 401) this.options.onUnauthorized?.();
    if (response.status < 200 || response.status > 299) throw vendorApiError(response, context);
    if (response.text.trim() === '') return { status: response.status, body: undefined };
    try {
      return { status: response.status, body: JSON.parse(response.text) };
    } catch {
      throw new AppError(SystemsErrors.BAD_RESPONSE, `Altinn answered ${context.what} with something not JSON`, {
        details: { status: response.status },
      });
    }
  }
}

function ctx(what: string, kind: 'system' | 'request', scope: string = VENDOR_SCOPES.register): ErrorContext {
  return { what, notFound: kind === 'system' ? SystemsErrors.NOT_FOUND : SystemsErrors.REQUEST_NOT_FOUND, scope };
}

function seg(value: string): string {
  return encodeURIComponent(value);
}

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new AppError(SystemsErrors.BAD_RESPONSE, `Altinn answered with ${what} in an unknown shape`, {
      details: { issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) },
    });
  }
  return parsed.data;
}

import type { z } from 'zod';
import { AppError } from '../../common/errors/app-error';
import { StorageErrors } from '../../common/errors/storage-errors';
import { confirmingOrg } from '../../common/schemas/confirming-org';
import type { InstanceFilters } from '../../common/schemas/instance-query';
import {
  type DataElement,
  type Instance,
  instanceSchema,
  type QueryResponse,
  queryResponseSchema,
  splitInstanceId,
} from '../../common/schemas/instance-types';
import type { AltinnTokenSource } from '../auth/token-source';
import { appBaseUrl, type Environment } from '../environments/environments';
import { eventsApiBase } from '../events/events-host';
import { abortable } from '../platform/abortable';
import { classifyError, defaultRetryPolicy, type RetryPolicy, withRetry } from '../platform/retry';
import { openDataUrl, REFUSED_TOKEN } from './data-get';
import { networkError, pathOf, safeOrigin, statusError, unauthorized } from './http-errors';
import { isQueryResponse } from './instance-check';
import { leadingMembers } from './leading-members';
import { RecentInstances } from './recent-instances';
import { buildInstanceQuery, ownerHeaders, trimSlash } from './storage-query';
import { nodeStreamGet, type StreamGet, type StreamResponse } from './stream-get';
import { type HttpAnswer, nodeWriteRequest, type WriteInit, type WriteRequest } from './write-request';

export interface StorageClientOptions {
  fetch: typeof fetch;
  tokens: AltinnTokenSource;
  profileId: string;
  /** The profile's org code, if it names one: who "us" is in "not confirmed by us" (confirming-org.ts). */
  profileOrg?: string;
  environment: Environment;
  retry?: RetryPolicy;
  now?: () => number;
  /** Bulk data GETs (default: node:http with keep-alive, see stream-get.ts). */
  streamGet?: StreamGet;
  /** The authorized requests of writes and the history (default: node:http with keep-alive, write-request.ts). */
  writeRequest?: WriteRequest;
}

export interface InstancePage {
  instances: Instance[];
  /** The `next` link exactly as Storage gave it; absent on the last page. */
  next?: string;
  self?: string;
}

export interface DataRequest {
  signal?: AbortSignal;
  /** Ask for the rest of the blob from this byte (`Range: bytes=N-`, RFC 9110 §14.2). */
  rangeStart?: number;
  /** The instance's app: the token may go to its app base or to Storage, nowhere else. */
  appId: string;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * Altinn 3 Storage and app API for one profile (shared/reference/maskinporten-altinn.md §3).
 * Every request carries `Authorization: Bearer <Altinn token>`; a 401 refreshes the token once
 * (shared between concurrent requests) and repeats the request. The token is only ever sent to the
 * environment's Storage base or the app base of the instance's own app.
 */
export class StorageClient {
  readonly environment: Environment;
  private readonly storageBase: string;
  private readonly retry: RetryPolicy;
  private readonly now: () => number;
  private refresh?: { from: string; promise: Promise<string> };
  private readonly streamGet: StreamGet;
  private readonly writeRequest: WriteRequest;
  /** A token asked for ahead of the first request (warmToken), which that request then takes. */
  private early?: Promise<string>;
  /** The instances read last, lent to the history of the same instance at the same lastChanged. */
  readonly recent: RecentInstances;

  constructor(private readonly options: StorageClientOptions) {
    this.streamGet = options.streamGet ?? nodeStreamGet();
    this.writeRequest = options.writeRequest ?? nodeWriteRequest();
    this.environment = options.environment;
    this.storageBase = trimSlash(options.environment.altinn.storageBase);
    this.retry = options.retry ?? defaultRetryPolicy;
    this.now = options.now ?? Date.now;
    this.recent = new RecentInstances(this.now);
  }

  /**
   * Every page of a query, following `next` exactly (no total count exists, §6 pain point 9).
   *
   * A listing is a chain of round trips, each waiting for the page before it; to keep Storage busy,
   * page N+1 is requested as soon as page N's `next` is known — from the first bytes of its body, since
   * Storage writes `count, self, next` before `instances` (leading-members.ts) — while the rest of page
   * N still arrives and is parsed and validated. The early link must be this environment's Storage (as
   * every link) and must equal the `next` of the fully parsed and validated page, or the early request
   * is cancelled. At most one page beyond the one being consumed is requested, so a slow consumer holds
   * back the listing.
   */
  async *pages(
    filters: InstanceFilters,
    /** `ahead: false`: no early request for the next page (parallel ranges keep Storage busy enough). */
    options: { signal?: AbortSignal; start?: string; ahead?: boolean } = {},
  ): AsyncGenerator<InstancePage> {
    const all = new AbortController();
    const onAbort = () => all.abort(options.signal?.reason);
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const headers = ownerHeaders(filters);
    interface Pending {
      url: string;
      promise: Promise<unknown>;
      controller: AbortController;
      /** Being consumed: its early `next` may be requested now. */
      current: boolean;
      earlyNext?: string;
      following?: Pending;
    }
    const requestAhead = (entry: Pending, next: string | undefined) => {
      if (!next || entry.following || all.signal.aborted) return;
      if (options.ahead === false) return;
      try {
        entry.following = fetchPage(next);
      } catch {
        // Not a Storage link: the full page fails validation or the URL check below, with a clear error.
      }
    };
    const fetchPage = (url: string): Pending => {
      this.assertStorageUrl(url, '/instances?');
      const controller = new AbortController();
      const onAll = () => controller.abort();
      all.signal.addEventListener('abort', onAll, { once: true });
      const entry: Pending = { url, controller, current: false, promise: Promise.resolve() };
      entry.promise = this.getJson(url, undefined, {
        headers,
        signal: controller.signal,
        onNext: (next) => {
          entry.earlyNext = next;
          if (entry.current) requestAhead(entry, next);
        },
      }).finally(() => all.signal.removeEventListener('abort', onAll));
      entry.promise.catch(() => {}); // awaited when it is this page's turn; an abandoned one must not go unhandled
      return entry;
    };
    let current: Pending | undefined = fetchPage(
      options.start ?? buildInstanceQuery(this.storageBase, filters, this.options.profileOrg).url,
    );
    try {
      while (current) {
        const entry: Pending = current;
        entry.current = true;
        requestAhead(entry, entry.earlyNext);
        const raw: unknown = await entry.promise;
        const next: unknown = (raw as { next?: unknown } | null)?.next;
        const link = typeof next === 'string' && next ? next : undefined;
        if (entry.following && entry.following.url !== link) {
          entry.following.controller.abort();
          entry.following = undefined;
        }
        requestAhead(entry, link);
        const page = toPage(checkPage(raw, entry.url));
        if (link && !entry.following) this.assertStorageUrl(link, '/instances?');
        current = entry.following;
        yield page;
        // Not asked for ahead: now that the caller wants it.
        if (!current && link) current = fetchPage(link);
      }
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      all.abort();
    }
  }

  /** One page: `url` is the first-page URL or a `next` link from an earlier page. */
  async page(
    url: string,
    filters: Pick<InstanceFilters, 'instanceOwner'>,
    signal?: AbortSignal,
  ): Promise<InstancePage> {
    this.assertStorageUrl(url, '/instances?');
    const body = await this.getJson(url, undefined, { headers: ownerHeaders(filters), signal });
    return toPage(checkPage(body, url));
  }

  /** The first page's URL for these filters (for callers that page one step at a time). */
  firstPageUrl(filters: InstanceFilters): string {
    return buildInstanceQuery(this.storageBase, filters, this.options.profileOrg).url;
  }

  /** The org whose confirmation of an instance of `appId` counts as ours (confirming-org.ts). */
  confirmingOrg(appId: string): string {
    return confirmingOrg(this.options.profileOrg, appId);
  }

  /**
   * One instance from Storage. Storage looks it up by the guid alone — the partyId in the path is not compared,
   * so a wrong one still answers 200 with the instance under its own id (altinn-storage@d9364e4
   * InstancesController.cs:246-299) —: an answer for another party is refused, never acted on as the one asked for.
   */
  async getInstance(instanceId: string, signal?: AbortSignal): Promise<Instance> {
    const { partyId, instanceGuid } = splitInstanceId(instanceId);
    const url = `${this.storageBase}/instances/${encodeURIComponent(partyId)}/${encodeURIComponent(instanceGuid)}`;
    const instance = sameInstance(instanceId, (await this.getJson(url, instanceSchema, { signal })) as Instance);
    this.recent.remember(instance);
    return instance;
  }

  /**
   * One instance from the app API: `GET {appBase}/instances/{partyId}/{guid}` answers an InstanceResponse, the
   * instance plus `instanceOwner.party` (the owner's name) (app-lib-dotnet@1363997 Altinn.App.Api/Controllers/
   * InstancesController.cs:145-206, Models/InstanceResponse.cs:105-238). Storage is the fallback when the app does
   * not answer the route (404, 405, 501), as for complete.
   */
  async getInstanceFromApp(appId: string, instanceId: string, signal?: AbortSignal): Promise<Instance> {
    const { partyId, instanceGuid } = splitInstanceId(instanceId);
    const url = `${this.appBase(appId)}/instances/${encodeURIComponent(partyId)}/${encodeURIComponent(instanceGuid)}`;
    try {
      const instance = sameInstance(instanceId, (await this.getJson(url, instanceSchema, { signal })) as Instance);
      this.recent.remember(instance);
      if (instance.appId !== appId) {
        throw new AppError(
          StorageErrors.NOT_FOUND,
          `Instance ${instanceId} belongs to ${instance.appId}, not ${appId}`,
          {
            details: { status: 404, appId: instance.appId },
          },
        );
      }
      return instance;
    } catch (error) {
      const status = error instanceof AppError ? error.details?.status : undefined;
      if (status === 404 || status === 405 || status === 501) return this.getInstance(instanceId, signal);
      throw error;
    }
  }

  /**
   * Where to download a data element: the app API first — Altinn recommends it, "best access to logs"
   * (§3.4, receivingdata guide) — and Storage as the fallback. A server-given selfLink is used only when
   * it lies under the base we would build ourselves, so a hostile link cannot take the token elsewhere.
   */
  dataUrls(instance: Instance, element: DataElement): { app: string; storage: string } {
    if (!GUID.test(element.id)) {
      throw new AppError(StorageErrors.BAD_RESPONSE, `Data element id "${element.id.slice(0, 60)}" is not a GUID`);
    }
    const { partyId, instanceGuid } = splitInstanceId(instance.id);
    const tail = `/instances/${partyId}/${instanceGuid}/data/${element.id}`;
    const appBase = this.appBase(instance.appId);
    const app = element.selfLinks?.apps?.startsWith(`${appBase}/instances/`)
      ? element.selfLinks.apps
      : `${appBase}${tail}`;
    const storage = element.selfLinks?.platform?.startsWith(`${this.storageBase}/instances/`)
      ? element.selfLinks.platform
      : `${this.storageBase}${tail}`;
    return { app, storage };
  }

  /** GET a data element's bytes. Resolves to the response (200, or 206 for a range); throws otherwise. */
  async openData(url: string, request: DataRequest): Promise<StreamResponse> {
    this.assertDataUrl(url, request.appId);
    const get = { ...request, now: this.now };
    let token = await this.token(request.signal);
    let response = await openDataUrl(this.streamGet, url, token, get);
    if (response === REFUSED_TOKEN) {
      token = await this.refreshedToken(token, request.signal);
      response = await openDataUrl(this.streamGet, url, token, get);
      if (response === REFUSED_TOKEN) throw unauthorized(url);
    }
    return response;
  }

  /**
   * Confirm the download: `POST {appBase}/instances/{partyId}/{instanceGuid}/complete` — POST, not PUT;
   * idempotent per org; needs the `instances.write` scope (§0, §3.4). Storage's own endpoint is the fallback
   * when the app does not answer it.
   */
  async complete(instance: Instance, signal?: AbortSignal): Promise<Instance> {
    const { partyId, instanceGuid } = splitInstanceId(instance.id);
    const tail = `/instances/${encodeURIComponent(partyId)}/${encodeURIComponent(instanceGuid)}/complete`;
    const attempt = async (url: string) =>
      withRetry(
        async () => {
          const response = await this.send(url, {
            method: 'POST',
            headers: new Headers({ Accept: 'application/json' }),
            signal,
          });
          if (!response.ok) throw await this.httpError(response, url);
          return this.parseJson(response, instanceSchema, url) as Promise<Instance>;
        },
        { policy: this.retry, signal },
      );
    try {
      return await attempt(`${this.appBase(instance.appId)}${tail}`);
    } catch (error) {
      const status = error instanceof AppError ? error.details?.status : undefined;
      if (status === 404 || status === 405 || status === 501) return attempt(`${this.storageBase}${tail}`);
      throw error;
    }
  }

  appBase(appId: string): string {
    const [org, app] = appId.split('/') as [string, string];
    return trimSlash(appBaseUrl(this.environment, org, app));
  }

  /** This environment's Storage base (`…/storage/api/v1`, no trailing slash). */
  get storageApiBase(): string {
    return this.storageBase;
  }

  /** This environment's Altinn Events API (events-host.ts): the one host besides Storage and the app the token goes to. */
  get eventsApiBase(): string {
    return eventsApiBase(this.environment);
  }

  /**
   * One authorized GET of an app's events (src/node/events/): only under `{eventsApiBase}/app/` — the same rule
   * as for every Storage link —, the same token, one refresh on a 401. A second 401 is returned, not thrown:
   * Events says why in its body ("Only orgs can call this api"), and the caller explains it.
   */
  async eventsGet(url: string, init: { headers: Headers; signal?: AbortSignal }): Promise<Response> {
    this.assertUnder(url, `${this.eventsApiBase}/app/`, "this environment's Altinn Events");
    const request = { method: 'GET', headers: init.headers, signal: init.signal };
    let token = await this.token(init.signal);
    let response = await this.rawFetch(url, request, token);
    if (response.status === 401) {
      await response.body?.cancel().catch(() => {});
      token = await this.refreshedToken(token, init.signal);
      response = await this.rawFetch(url, request, token);
    }
    return response;
  }

  /**
   * One authorized request of a write (src/node/acts/): the token goes only to this environment's Storage or
   * the app base of `appId`; a 401 refreshes the token once and repeats the request (a 401 means nothing was
   * done). No retry otherwise — a write that may have happened is the caller's to judge. A request that got
   * no answer throws STORAGE_NETWORK with the connection error as `cause` (acts/write-outcome.ts reads it).
   */
  async authorizedRequest(url: string, appId: string, init: WriteInit): Promise<HttpAnswer> {
    const app = `${this.appBase(appId)}/instances`;
    const ok =
      url.startsWith(`${this.storageBase}/instances/`) ||
      url === app ||
      url.startsWith(`${app}/`) ||
      url.startsWith(`${app}?`);
    if (!ok) {
      throw new AppError(
        StorageErrors.UNTRUSTED_URL,
        `Refused to send the token to ${safeOrigin(url)}: not this app's instances or this environment's Storage`,
      );
    }
    let token = await this.token(init.signal);
    let answer = await this.rawWrite(url, init, token);
    if (answer.status === 401) {
      answer.discard();
      token = await this.refreshedToken(token, init.signal);
      answer = await this.rawWrite(url, init, token);
      if (answer.status === 401) {
        answer.discard();
        throw unauthorized(url);
      }
    }
    return answer;
  }

  private async rawWrite(url: string, init: WriteInit, token: string): Promise<HttpAnswer> {
    const headers: Record<string, string> = {};
    for (const name in init.headers) headers[name.toLowerCase()] = init.headers[name] as string;
    headers.authorization = `Bearer ${token}`;
    try {
      return await this.writeRequest(url, { ...init, headers });
    } catch (error) {
      if (init.signal?.aborted) throw init.signal.reason ?? error;
      throw networkError(error, url);
    }
  }

  /**
   * GET JSON over the same keep-alive node:http agent as the data (stream-get.ts), not fetch: listing is a
   * chain of dependent round trips (each page names the next), so per-request overhead is the whole cost
   * (bench/: fetch ~10 ms a page on loopback, node:http + JSON.parse about a third of that).
   */
  private async getJson(
    url: string,
    /** Validate with this schema; `undefined` returns the parsed JSON as it is (the caller validates). */
    schema: z.ZodType | undefined,
    init: {
      headers?: Record<string, string>;
      signal?: AbortSignal;
      /** Called once with the body's leading `next` member (or undefined) as soon as it has arrived. */
      onNext?: (next: string | undefined) => void;
    },
  ): Promise<unknown> {
    return withRetry(
      async () => {
        const headers = { ...init.headers, Accept: 'application/json' };
        const get = async (token: string) => {
          try {
            return await this.streamGet(url, { ...headers, Authorization: `Bearer ${token}` }, init.signal);
          } catch (error) {
            if (init.signal?.aborted) throw init.signal.reason ?? error;
            throw networkError(error, url);
          }
        };
        let token = await this.token(init.signal);
        let response = await get(token);
        if (response.status === 401) {
          response.discard();
          token = await this.refreshedToken(token, init.signal);
          response = await get(token);
          if (response.status === 401) {
            response.discard();
            throw unauthorized(url);
          }
        }
        if (response.status !== 200) {
          const text = await response.text().catch(() => '');
          throw statusError(response.status, url, text, response.header('retry-after'), this.now());
        }
        let json: unknown;
        try {
          json = JSON.parse(await (init.onNext ? readWithHead(response, init.onNext) : response.text(MAX_JSON_BYTES)));
        } catch (error) {
          if (classifyError(error).retryable || isNetworkFailure(error)) throw networkError(error, url);
          throw new AppError(
            StorageErrors.BAD_RESPONSE,
            `Storage answered ${pathOf(url)} with something that is not JSON`,
          );
        }
        return schema ? validate(schema, json, url) : json;
      },
      { policy: this.retry, signal: init.signal },
    );
  }

  private async parseJson(response: Response, schema: z.ZodType, url: string): Promise<unknown> {
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      if (classifyError(error).retryable) throw networkError(error, url);
      throw new AppError(StorageErrors.BAD_RESPONSE, `Storage answered ${pathOf(url)} with something that is not JSON`);
    }
    return validate(schema, json, url);
  }

  /** One authorized request; a 401 refreshes the token once and repeats the request once. */
  private async send(
    url: string,
    init: { method: string; headers: Headers; body?: Uint8Array | string; signal?: AbortSignal },
  ): Promise<Response> {
    let token = await this.token(init.signal);
    let response = await this.rawFetch(url, init, token);
    if (response.status === 401) {
      await response.body?.cancel().catch(() => {});
      token = await this.refreshedToken(token, init.signal);
      response = await this.rawFetch(url, init, token);
      if (response.status === 401) {
        await response.body?.cancel().catch(() => {});
        throw unauthorized(url);
      }
    }
    return response;
  }

  private async rawFetch(
    url: string,
    init: { method: string; headers: Headers; body?: Uint8Array | string; signal?: AbortSignal },
    token: string,
  ): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${token}`);
    try {
      return await this.options.fetch(url, {
        method: init.method,
        headers,
        body: init.body as RequestInit['body'],
        signal: init.signal,
        redirect: 'error',
      });
    } catch (error) {
      if (init.signal?.aborted) throw init.signal.reason ?? error;
      throw networkError(error, url);
    }
  }

  /**
   * The token for a request, asked of the token source every time: it answers from memory (its tokens are
   * cached by profile, and the profile and environment files are read again only when they change,
   * file-stamp-cache.ts), and it alone decides about expiry and refresh.
   */
  private async token(signal?: AbortSignal): Promise<string> {
    const early = this.early;
    this.early = undefined;
    try {
      return await (early
        ? abortable(early, signal)
        : this.options.tokens.getAltinnToken(this.options.profileId, { signal }));
    } catch (error) {
      throw asTokenError(error);
    }
  }

  /**
   * The token for a data request made on another thread — a download's transfer worker
   * (downloads/transfer-threads.ts) — to the URLs of dataUrls only, and a fresh one after Altinn refused
   * `stale` (concurrent refusals share one refresh). The token service alone judges expiry and refreshes.
   */
  dataToken(signal?: AbortSignal): Promise<string> {
    return this.token(signal);
  }

  freshDataToken(stale: string, signal?: AbortSignal): Promise<string> {
    return this.refreshedToken(stale, signal);
  }

  /**
   * Ask for the token now, before the first request needs it: a download job does so before it claims its
   * folder and reads its manifest, so the grant and the exchange are on their way meanwhile and the first
   * page is asked for the moment the token arrives (issue 21). The next request takes this answer, a
   * failure included (reported there, and not asked for twice).
   */
  warmToken(): void {
    if (this.early) return;
    const early = this.options.tokens.getAltinnToken(this.options.profileId);
    this.early = early;
    const forget = () => {
      if (this.early === early) this.early = undefined;
    };
    // Once it is there, the token source's cache answers (and judges its expiry); a failure is kept a
    // moment for the request about to be made, not for later ones.
    early.then(forget, () => setTimeout(forget, 5_000).unref());
  }

  /** Concurrent requests that all got 401 with the same token share one refresh. */
  private async refreshedToken(stale: string, signal?: AbortSignal): Promise<string> {
    if (this.refresh?.from !== stale) {
      const promise = this.options.tokens.getAltinnToken(this.options.profileId, { forceRefresh: true, signal });
      this.refresh = { from: stale, promise };
    }
    try {
      return await this.refresh.promise;
    } catch (error) {
      this.refresh = undefined;
      throw asTokenError(error);
    }
  }

  private async httpError(response: Response, url: string): Promise<AppError> {
    const text = await response.text().catch(() => '');
    return statusError(response.status, url, text, response.headers.get('retry-after'), this.now());
  }

  /** A `next` link (possibly from the renderer) must point at this environment's Storage query. */
  assertStorageUrl(url: string, pathPrefix: string): void {
    this.assertUnder(url, `${this.storageBase}${pathPrefix}`, "this environment's Storage");
  }

  /** The token goes only to a URL under `prefix` (built from the environment's own bases). */
  private assertUnder(url: string, prefix: string, what: string): void {
    if (!url.startsWith(prefix)) {
      throw new AppError(StorageErrors.UNTRUSTED_URL, `Refused to send the token to ${safeOrigin(url)}: not ${what}`);
    }
  }

  private assertDataUrl(url: string, appId: string): void {
    if (!url.startsWith(`${this.storageBase}/instances/`) && !url.startsWith(`${this.appBase(appId)}/instances/`)) {
      throw new AppError(
        StorageErrors.UNTRUSTED_URL,
        `Refused to send the token to ${safeOrigin(url)}: not an Altinn data URL`,
      );
    }
  }
}

/** The body as text, telling `onNext` the leading `next` member as soon as the first bytes show it. */
function readWithHead(response: StreamResponse, onNext: (next: string | undefined) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const body = response.body;
    const chunks: Buffer[] = [];
    let size = 0;
    let head = true;
    body.on('data', (chunk: Buffer) => {
      if (size < MAX_JSON_BYTES) chunks.push(chunk);
      size += chunk.length;
      if (!head) return;
      const prefix = chunks.length === 1 ? chunk : Buffer.concat(chunks);
      const scan = leadingMembers(prefix.toString('utf8', 0, Math.min(prefix.length, HEAD_BYTES)));
      const next = scan?.members.next;
      if (typeof next === 'string' || !scan || scan.done || prefix.length >= HEAD_BYTES) {
        head = false;
        onNext(typeof next === 'string' ? next : undefined);
      }
    });
    body.once('end', () => {
      const all = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      resolve(all.toString('utf8', 0, Math.min(all.length, MAX_JSON_BYTES)));
    });
    body.once('error', reject);
    body.once('close', () => {
      if (!body.readableEnded) {
        reject(
          Object.assign(new Error('The connection closed before the body ended'), {
            code: 'ERR_STREAM_PREMATURE_CLOSE',
          }),
        );
      }
    });
  });
}

/** Where the leading members of a page must show up (they are a few hundred bytes). */
const HEAD_BYTES = 16 * 1024;

/** The fast in-place check (instance-check.ts); zod only to explain a page that fails it. */
/** The instance answered must be the one asked for: same guid and same party (see getInstance). */
function sameInstance(asked: string, instance: Instance): Instance {
  if (instance.id.toLowerCase() === asked.toLowerCase()) return instance;
  const { partyId } = splitInstanceId(instance.id);
  throw new AppError(
    StorageErrors.NOT_FOUND,
    `Instance ${asked} was not found: Altinn has that instance under party ${partyId}, not ${splitInstanceId(asked).partyId} (${instance.id})`,
    { details: { status: 404, asked, actualId: instance.id } },
  );
}

function checkPage(raw: unknown, url: string): QueryResponse {
  return isQueryResponse(raw) ? raw : (validate(queryResponseSchema, raw, url) as QueryResponse);
}

function toPage(parsed: QueryResponse): InstancePage {
  return { instances: parsed.instances, next: parsed.next ?? undefined, self: parsed.self ?? undefined };
}

/** A page of 100 instances is a few hundred KB; anything far larger is not a Storage answer. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

function validate(schema: z.ZodType, json: unknown, url: string): unknown {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      StorageErrors.BAD_RESPONSE,
      `Unexpected response shape from ${pathOf(url)}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

function isNetworkFailure(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return typeof code === 'string' && /^(E[A-Z]+|ERR_STREAM_PREMATURE_CLOSE)$/.test(code);
}

function asTokenError(error: unknown): unknown {
  return error instanceof AppError
    ? error
    : new AppError(
        StorageErrors.TOKENS_UNAVAILABLE,
        `Could not get an Altinn token: ${(error as Error)?.message ?? error}`,
      );
}

import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Environment } from '../../src/node/environments/environments';
import { type ActedState, actedFields, FakeAppWrites } from './app-writes';
import { createFakeEventLog, type FakeEventLog } from './fake-event-log';
import { serveEventRoutes } from './fake-event-routes';
import { recordConfirmedComplete } from './fake-instance-history';

/**
 * A fake Altinn 3 Storage and app API on 127.0.0.1 (shapes and rules from
 * shared/reference/maskinporten-altinn.md §3; notes in test/fakes/README-storage.md).
 *
 * Data element bytes are generated from a seed, never stored: element content is a rotation of one
 * pseudo-random block, so a gigabyte of instances costs a few megabytes. `contentHash` is what Storage
 * has: only elements created before it stopped hashing (January 2023) carry one, and an element replaced
 * later keeps its old, now wrong, value (stampElement). Faults are injected per request kind, element or
 * instance.
 */

export interface FakeTokenInfo {
  /** The service owner code the token acts as (`urn:altinn:org`), recorded as `stakeholderId` on confirm. */
  org: string;
  scopes: string[];
  /** The org's organisation number (`urn:altinn:orgNumber`): Storage's `createdBy`/`lastChangedBy` on writes. */
  orgNumber?: string;
}

export interface FakeElementSpec {
  size: number;
  filename?: string | null;
  contentType?: string;
  dataType?: string;
  fileScanResult?: string;
  /**
   * Serve these exact bytes instead of generated ones (a real PDF, XML or JSON for the preview). `size`
   * stays what the metadata says: set it to `body.length`, or to something else to make Storage lie.
   */
  body?: Uint8Array;
}

export interface FakeInstanceSpec {
  appId: string;
  partyId?: string;
  elements: FakeElementSpec[];
  isComplete?: boolean;
  currentTask?: string;
  created?: string;
  lastChanged?: string;
  isArchived?: boolean;
  isSoftDeleted?: boolean;
  isHardDeleted?: boolean;
  owner?: { organisationNumber?: string; personNumber?: string; name?: string; unitType?: string };
  confirmedBy?: string[];
  /** The owner's read status in their inbox (default Read). */
  readStatus?: 'Read' | 'Unread' | 'UpdatedSinceLastReview';
}

export type FaultKind = 'data' | 'query' | 'instance' | 'complete';

export interface FaultRule {
  kind: FaultKind;
  elementId?: string;
  instanceId?: string;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  /**
   * reset: send `afterBytes` of the body, then destroy the socket.
   * truncate: send `afterBytes` with chunked encoding and end cleanly (the client sees a short body).
   * corrupt: send the full body with one byte flipped.
   * status: answer `status` (e.g. 500, 503) with a small body.
   * retry-after: answer 429 with `Retry-After: retryAfter`.
   * slow: wait `delayMs` before answering normally.
   * stall: send `afterBytes`, then nothing until the client gives up.
   * expire-token: the request's token is now expired: 401 for it from here on.
   */
  type: 'reset' | 'truncate' | 'corrupt' | 'status' | 'retry-after' | 'slow' | 'stall' | 'expire-token';
  afterBytes?: number;
  status?: number;
  retryAfter?: string;
  delayMs?: number;
}

export interface FakeRequest {
  method: string;
  kind: FaultKind | 'other';
  path: string;
  query: string;
  status: number;
  range?: string;
  token?: string;
  elementId?: string;
  instanceId?: string;
  via?: 'app' | 'storage';
  /** A write of the app API or Storage (app-writes.ts): instantiate, data-create, process-next, … */
  op?: string;
  owner?: string;
  /** A fault injected into this write (app-writes.ts addFault). */
  fault?: string;
  /** Milliseconds (performance.now) when the request arrived. */
  at: number;
  /** Milliseconds (performance.now) when the answer was handed to the connection. */
  doneAt?: number;
}

export interface FakeStorageOptions {
  /**
   * Bearer token → who it is, or null for 401. Tests pass a simple one (`simpleTokenCheck`); with the auth
   * fake, `altinnTokenCheck(authFake.verifyAltinnToken)` checks real Altinn tokens (signature, issuer, expiry).
   */
  validateToken: (token: string) => FakeTokenInfo | null | Promise<FakeTokenInfo | null>;
  seed?: number;
  /** Answer `Range: bytes=N-` with 206 (default true). */
  rangeSupport?: boolean;
  /** Serve the app API routes (default true); false makes them 404 so clients fall back to Storage. */
  appApi?: boolean;
  now?: () => Date;
  /**
   * Wait this long before answering every request (the round trip of a real network to Altinn; the
   * benchmark's latency regime uses 40 ms). Changeable later through `latencyMs`.
   */
  latencyMs?: number;
}

export interface FakeElement {
  id: string;
  spec: FakeElementSpec;
  offset: number;
  /** The base64 MD5 of the bytes served now (for the tests' byte checks; not what Storage says). */
  md5: string;
  /** What Storage's metadata says (stampElement): absent for nearly all elements, stale after a replace. */
  contentHash?: string;
  created: string;
  lastChanged: string;
  /** Set by the app API's writes (stampElement); absent on seeded elements. */
  createdBy?: string;
  lastChangedBy?: string;
  isRead?: boolean;
}

/**
 * altinn-storage 7363b26 (2023-01-30, "verify filescan timestamp") removed `ContentHash = hash` from both
 * the create and the update of a data element (src/Storage/Controllers/DataController.cs); nothing has set
 * it since (altinn-storage@d9364e4: no assignment of ContentHash in src/Storage). Reference §3.7 "Storage
 * side of every upload".
 */
export const STORAGE_STOPPED_HASHING = '2023-01-30T14:51:59Z';

export interface FakeInstance {
  /** Storage's internal row id (a bigint that grows with each insert): the tie-breaker of its paging. */
  seq: number;
  id: string;
  partyId: string;
  guid: string;
  spec: FakeInstanceSpec;
  elements: FakeElement[];
  created: string;
  lastChanged: string;
  confirmations: { stakeholderId: string; confirmedOn: string }[];
  /** The state the app API's writes keep (process, status, texts …; app-writes.ts); absent until one touches it. */
  acted?: ActedState;
}

interface Route {
  app: boolean;
  appId?: string;
  log: { kind: FaultKind; via: 'app' | 'storage'; instanceId?: string; elementId?: string };
}

const BLOCK = 1_048_573;
/** Instances serialised at a time in a large query page (sendPageInChunks). */
const SERIALIZE_CHUNK = 100;
const READ_SCOPE = /^altinn:serviceowner/;
const WRITE_SCOPE = 'altinn:serviceowner/instances.write';

export class FakeAltinnStorage {
  readonly requests: FakeRequest[] = [];
  readonly instances = new Map<string, FakeInstance>();
  /** Storage finds an instance by its guid alone (altinn-storage@d9364e4 InstancesController.cs:246-299, :644-660). */
  private readonly byGuid = new Map<string, FakeInstance>();
  private readonly order: FakeInstance[] = [];
  private readonly elements = new Map<string, { instance: FakeInstance; element: FakeElement }>();
  private readonly faults: (FaultRule & { left: number })[] = [];
  private readonly expired = new Set<string>();
  private readonly sockets = new Set<Socket>();
  private readonly block: Buffer;
  private counter = 0;
  private server?: Server;
  /** TCP connections accepted so far (keep-alive reuse shows as far fewer than requests). */
  connections = 0;
  url = '';
  /** When false, requests are not logged (the benchmark keeps memory flat). */
  logRequests = true;
  /** Added to every request before it is answered (see FakeStorageOptions.latencyMs). */
  latencyMs: number;
  /** The instances in query order, per direction; dropped when an instance is added or changed. */
  private sorted?: { asc: FakeInstance[]; desc: FakeInstance[] };
  /** Storage's instance events and the apps' CloudEvents that writes make (fake-event-log.ts). */
  readonly events: FakeEventLog = createFakeEventLog();
  /** The app API's writes and Storage's instance-metadata writes, with the apps and parties they know. */
  readonly writes: FakeAppWrites;

  constructor(private readonly options: FakeStorageOptions) {
    this.block = makeBlock(options.seed ?? 1);
    this.latencyMs = options.latencyMs ?? 0;
    this.writes = new FakeAppWrites(this);
  }

  /** The fake's clock. */
  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** An instance changed (lastChanged → `at`): it moves in the query order. */
  touch(instance: FakeInstance, at: string): void {
    instance.lastChanged = at;
    this.sorted = undefined;
  }

  /**
   * Store an element's content as Storage does on upload and on overwrite — the one place elements are
   * stamped (storage Storage/Controllers/DataController.cs:414-532, 545-709; §3.7 "Storage side of every
   * upload"): no contentHash for new data (none computed since altinn-storage 7363b26) and an overwrite keeps
   * its old one; `isRead` false for the app owner's upload; `fileScanResult` Pending with enableFileScan, else
   * NotApplicable; the instance's lastChanged moves.
   */
  stampElement(
    instance: FakeInstance,
    input: {
      /** Replace this element (keeps its id and `created`); absent: a new element. */
      replace?: FakeElement;
      dataType: string;
      filename: string | null;
      contentType: string;
      bytes: Uint8Array;
      at: string;
      by: string;
      fileScan: boolean;
    },
  ): FakeElement {
    const spec: FakeElementSpec = {
      size: input.bytes.length,
      filename: input.filename,
      contentType: input.contentType,
      dataType: input.dataType,
      fileScanResult: input.fileScan ? 'Pending' : 'NotApplicable',
      body: input.bytes,
    };
    let element = input.replace;
    if (element) {
      element.spec = spec;
      element.offset = 0;
      element.lastChangedBy = input.by;
      this.stampBytes(element, input.at, 'replaced');
    } else {
      const id = guidFrom(`${this.options.seed ?? 1}:element:${instance.seq}:${++this.counter}:${input.at}`);
      element = {
        id,
        spec,
        offset: 0,
        md5: '',
        created: '',
        lastChanged: '',
        createdBy: input.by,
        lastChangedBy: input.by,
        isRead: false,
      };
      this.stampBytes(element, input.at, 'created');
      instance.elements.push(element);
      this.elements.set(id, { instance, element });
    }
    this.touch(instance, input.at);
    return element;
  }

  /** Delete an element (Storage deletedataelement.sql: the instance's lastChanged moves). */
  removeElement(instance: FakeInstance, elementId: string, at: string): void {
    instance.elements = instance.elements.filter((e) => e.id !== elementId);
    this.elements.delete(elementId);
    this.touch(instance, at);
  }

  /** Who the Bearer token of a request is, or null (401): unknown, expired, or no token at all. */
  async authenticate(req: IncomingMessage, log: FakeRequest): Promise<FakeTokenInfo | null> {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    log.token = token;
    return token && !this.expired.has(token) ? await this.options.validateToken(token) : null;
  }

  get storageBase(): string {
    return `${this.url}/storage/api/v1`;
  }

  get appBaseTemplate(): string {
    return `${this.url}/{org}/{app}`;
  }

  /** A custom environment whose Storage and app API are this fake. */
  environment(overrides: Partial<Environment> = {}): Environment {
    return {
      id: 'fake',
      name: 'Fake Altinn',
      production: false,
      custom: true,
      maskinporten: { issuer: `${this.url}/mp/`, tokenEndpoint: `${this.url}/mp/token` },
      altinn: {
        exchangeUrl: `${this.url}/authentication/api/v1/exchange/maskinporten`,
        storageBase: this.storageBase,
        appBase: this.appBaseTemplate,
      },
      ...overrides,
    };
  }

  async listen(): Promise<this> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error) => {
        if (!res.headersSent) {
          res.statusCode = 500;
          res.end(String(error));
        } else res.destroy();
      });
    });
    server.keepAliveTimeout = 30_000;
    server.on('connection', (socket) => {
      this.connections++;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Add instances; ids are deterministic from the seed and the order of creation. */
  add(specs: FakeInstanceSpec[]): FakeInstance[] {
    return specs.map((spec) => this.addOne(spec));
  }

  addFault(rule: FaultRule): void {
    this.faults.push({ ...rule, left: rule.times ?? 1 });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  expireToken(token: string): void {
    this.expired.add(token);
  }

  /** The exact bytes of an element (for byte-for-byte checks of small files). */
  content(elementId: string): Buffer {
    const found = this.elements.get(elementId);
    if (!found) throw new Error(`no element ${elementId}`);
    return Buffer.concat([...this.chunks(found.element, 0, servedSize(found.element))]);
  }

  md5(elementId: string): string {
    const found = this.elements.get(elementId);
    if (!found) throw new Error(`no element ${elementId}`);
    return found.element.md5;
  }

  /** Requests of one kind, e.g. how many data downloads were made. */
  count(kind: FaultKind, filter: (r: FakeRequest) => boolean = () => true): number {
    return this.requests.filter((r) => r.kind === kind && filter(r)).length;
  }

  /**
   * Change an instance between passes as the app or its user would: its process ends (`isComplete`), it
   * moves to another task, or it is only touched. Its lastChanged becomes `lastChanged`, or now.
   */
  change(instanceId: string, change: { isComplete?: boolean; currentTask?: string; lastChanged?: string }): void {
    const instance = this.instances.get(instanceId);
    if (!instance) throw new Error(`no instance ${instanceId}`);
    const { lastChanged, ...spec } = change;
    Object.assign(instance.spec, spec);
    instance.lastChanged = lastChanged ?? (this.options.now?.() ?? new Date()).toISOString();
  }

  /**
   * Replace an element's bytes after it was created, as `PUT …/data/{id}` does: new bytes (`body`, or
   * `size` generated ones from another offset), `lastChanged` now (or `at`), the instance's `lastChanged`
   * too; `contentHash` stays what it was.
   */
  replaceElement(elementId: string, change: { size?: number; body?: Uint8Array; at?: string } = {}): void {
    const found = this.elements.get(elementId);
    if (!found) throw new Error(`no element ${elementId}`);
    const { element, instance } = found;
    const at = change.at ?? (this.options.now?.() ?? new Date()).toISOString();
    element.spec = {
      ...element.spec,
      size: change.body?.length ?? change.size ?? element.spec.size,
      body: change.body,
    };
    element.offset = (element.offset + 7919) % BLOCK;
    this.stampBytes(element, at, 'replaced');
    instance.lastChanged = at;
    this.sorted = undefined;
  }

  /**
   * The one place an element's dates and hash are set, as Storage sets them: on create, `created` =
   * `lastChanged` = now (altinn-storage@d9364e4 src/Storage/Helpers/DataElementHelper.cs:55-58) and a
   * `contentHash` only before Storage stopped hashing; on a replace of the bytes, `lastChanged` = now
   * (DataController.cs:648-662) and the hash left as it was — stale. `md5` is always the MD5 of the bytes
   * served, for the tests to compare against.
   */
  private stampBytes(element: FakeElement, at: string, how: 'created' | 'replaced'): void {
    const hash = createHash('md5');
    for (const chunk of this.chunks(element, 0, servedSize(element))) hash.update(chunk);
    element.md5 = hash.digest('base64');
    if (how === 'created') {
      element.created = at;
      element.contentHash = Date.parse(at) < Date.parse(STORAGE_STOPPED_HASHING) ? element.md5 : undefined;
    }
    element.lastChanged = at;
  }

  /** A confirmation made elsewhere (another machine of the same org, or another org), as POST …/complete does. */
  confirmAs(instanceId: string, org: string): void {
    const instance = this.instances.get(instanceId);
    if (!instance) throw new Error(`no instance ${instanceId}`);
    if (instance.confirmations.some((c) => c.stakeholderId === org)) return;
    const now = (this.options.now?.() ?? new Date()).toISOString();
    instance.confirmations.push({ stakeholderId: org, confirmedOn: now });
    instance.lastChanged = now;
    recordConfirmedComplete(this, instance, { org, scopes: [] }, now);
  }

  confirmations(instanceId: string): { stakeholderId: string; confirmedOn: string }[] {
    return this.instances.get(instanceId)?.confirmations ?? [];
  }

  /**
   * The instance as Storage serializes it: Newtonsoft, every model `[JsonObject(ItemNullValueHandling = Ignore)]`
   * so null members are left out, and `status.readStatus` as its name, "Read" (StringEnumConverter)
   * (altinn-storage@d9364e4 Storage/Program.cs:229; Storage.Interface/Models/Instance.cs:13, InstanceStatus.cs:13,55-57).
   */
  instanceJson(instance: FakeInstance): Record<string, unknown> {
    return withoutNulls(this.instanceModel(instance)) as Record<string, unknown>;
  }

  /**
   * The instance as the app API writes it (System.Text.Json, camelCase, nulls written, enums as numbers:
   * app-lib-dotnet@1363997 Altinn.App.Api/Extensions/ServiceCollectionExtensions.cs:63-76) — what `POST …/complete`
   * answers (InstancesController.cs:986-1010). `GET` answers `InstanceResponse` (`withParty`): the owner also carries
   * `party` = `{partyId, partyUuid, partyTypeName, ssn, orgNumber, unitType, name, isDeleted}`, `partyTypeName` a
   * number, looked up by the partyId *in the path* (Altinn.App.Api/Models/InstanceResponse.cs:105-238;
   * InstancesController.cs:145-206, :193).
   */
  appInstanceJson(instance: FakeInstance, withParty = false): Record<string, unknown> {
    const model = this.instanceModel(instance) as Record<string, Record<string, unknown>> & Record<string, unknown>;
    const owner = instance.spec.owner;
    const status = model.status as Record<string, unknown>;
    return {
      ...model,
      instanceOwner: {
        ...model.instanceOwner,
        username: null,
        externalIdentifier: null,
        ...(withParty
          ? {
              party: {
                partyId: Number(instance.partyId),
                partyUuid: guidFrom(`party:${instance.partyId}`),
                // Altinn.Platform.Register PartyType: 1 person, 2 organisation, 3 self-identified.
                partyTypeName: owner?.organisationNumber ? 2 : owner?.personNumber ? 1 : 3,
                ssn: owner?.personNumber ?? null,
                orgNumber: owner?.organisationNumber ?? null,
                unitType: owner?.organisationNumber ? (owner.unitType ?? 'AS') : null,
                name: owner?.name ?? null,
                isDeleted: false,
              },
            }
          : {}),
      },
      status: { ...status, readStatus: READ_STATUS_NUMBER[status.readStatus as string] ?? 0 },
      dueBefore: model.dueBefore ?? null,
      visibleAfter: model.visibleAfter ?? null,
      presentationTexts: model.presentationTexts ?? null,
      dataValues: model.dataValues ?? null,
    };
  }

  /** Every member of the instance, nulls included; the two serializations above shape it. */
  private instanceModel(instance: FakeInstance): Record<string, unknown> {
    const [org, app] = instance.spec.appId.split('/');
    const appBase = `${this.url}/${org}/${app}`;
    const ended = instance.spec.isComplete ? instance.lastChanged : null;
    return {
      id: instance.id,
      instanceOwner: {
        partyId: instance.partyId,
        organisationNumber: instance.spec.owner?.organisationNumber ?? null,
        personNumber: instance.spec.owner?.personNumber ?? null,
      },
      appId: instance.spec.appId,
      org,
      selfLinks: {
        apps: `${appBase}/instances/${instance.id}`,
        platform: `${this.storageBase}/instances/${instance.id}`,
      },
      process: {
        started: instance.created,
        startEvent: 'StartEvent_1',
        currentTask: ended
          ? null
          : { elementId: instance.spec.currentTask ?? 'Task_1', name: 'Utfylling', altinnTaskType: 'data', flow: 2 },
        ended,
        endEvent: ended ? 'EndEvent_1' : null,
      },
      status: {
        isArchived: Boolean(instance.spec.isArchived),
        archived: instance.spec.isArchived ? instance.lastChanged : null,
        isSoftDeleted: Boolean(instance.spec.isSoftDeleted),
        isHardDeleted: Boolean(instance.spec.isHardDeleted),
        readStatus: instance.spec.readStatus ?? 'Read',
      },
      completeConfirmations: instance.confirmations,
      data: instance.elements.map((e) => ({
        id: e.id,
        instanceGuid: instance.guid,
        dataType: e.spec.dataType ?? 'attachment',
        filename: e.spec.filename === undefined ? `file-${e.id.slice(0, 8)}.bin` : e.spec.filename,
        contentType: e.spec.contentType ?? 'application/octet-stream',
        blobStoragePath: `${instance.spec.appId}/${instance.guid}/data/${e.id}`,
        selfLinks: {
          apps: `${appBase}/instances/${instance.id}/data/${e.id}`,
          platform: `${this.storageBase}/instances/${instance.id}/data/${e.id}`,
        },
        size: e.spec.size,
        ...(e.contentHash ? { contentHash: e.contentHash } : {}),
        locked: Boolean(instance.spec.isComplete),
        refs: [],
        isRead: e.isRead ?? true,
        tags: [],
        fileScanResult: e.spec.fileScanResult ?? 'NotApplicable',
        created: e.created,
        createdBy: e.createdBy ?? '12345',
        lastChanged: e.lastChanged,
        lastChangedBy: e.lastChangedBy ?? '12345',
      })),
      created: instance.created,
      createdBy: '12345',
      lastChanged: instance.lastChanged,
      lastChangedBy: '12345',
      ...(instance.acted ? actedFields(instance, instance.acted) : {}),
    };
  }

  private addOne(spec: FakeInstanceSpec): FakeInstance {
    const n = ++this.counter;
    const guid = guidFrom(`${this.options.seed ?? 1}:instance:${n}`);
    const partyId = spec.partyId ?? String(50_000_000 + n);
    const created = spec.created ?? new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString();
    const instance: FakeInstance = {
      seq: n,
      id: `${partyId}/${guid}`,
      partyId,
      guid,
      spec,
      elements: [],
      created,
      lastChanged: spec.lastChanged ?? created,
      confirmations: (spec.confirmedBy ?? []).map((org) => ({ stakeholderId: org, confirmedOn: created })),
    };
    spec.elements.forEach((elementSpec, i) => {
      const id = guidFrom(`${this.options.seed ?? 1}:element:${n}:${i}`);
      const offset = Number.parseInt(id.slice(0, 8), 16) % BLOCK;
      const element: FakeElement = { id, spec: elementSpec, offset, md5: '', created: '', lastChanged: '' };
      this.stampBytes(element, new Date(Date.parse(created) + i * 1000).toISOString(), 'created');
      instance.elements.push(element);
      this.elements.set(id, { instance, element });
    });
    this.instances.set(instance.id, instance);
    this.byGuid.set(guid, instance);
    this.order.push(instance);
    this.sorted = undefined;
    return instance;
  }

  /** The element's bytes from `start` to `end` (exclusive), as zero-copy views of the block (or of `body`). */
  private *chunks(element: FakeElement, start: number, end: number): Generator<Buffer> {
    const body = element.spec.body;
    if (body) {
      if (start < Math.min(end, body.length))
        yield Buffer.from(body.buffer, body.byteOffset + start, Math.min(end, body.length) - start);
      return;
    }
    let pos = start;
    while (pos < end) {
      const at = (element.offset + pos) % BLOCK;
      const len = Math.min(end - pos, BLOCK - at);
      yield this.block.subarray(at, at + len);
      pos += len;
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const log: FakeRequest = {
      method: req.method ?? 'GET',
      kind: 'other',
      path: url.pathname,
      query: url.search,
      status: 0,
      at: performance.now(),
    };
    if (this.logRequests) this.requests.push(log);
    res.on('finish', () => {
      log.status = res.statusCode;
      log.doneAt = performance.now();
    });
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    if (await serveEventRoutes(this, req, res, url, log)) return;
    const write = this.writes.match(req.method ?? 'GET', url.pathname);
    if (write) return this.writes.handle(write, req, res, url, log);
    const route = this.route(req.method ?? 'GET', url.pathname);
    if (!route) return this.send(res, log, 404, { title: 'Not Found' });
    Object.assign(log, route.log);

    const who = await this.authenticate(req, log);
    if (!who) return this.send(res, log, 401, undefined);
    const token = log.token;

    const fault = this.takeFault(route.log.kind as FaultKind, route.log.elementId, route.log.instanceId);
    if (fault?.type === 'expire-token') {
      this.expired.add(token as string);
      return this.send(res, log, 401, undefined);
    }
    if (fault?.type === 'status') return this.send(res, log, fault.status ?? 500, { title: 'Injected failure' });
    if (fault?.type === 'retry-after') {
      res.setHeader('Retry-After', fault.retryAfter ?? '1');
      return this.send(res, log, 429, { title: 'Too Many Requests' });
    }
    if (fault?.type === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs ?? 500));

    if (!who.scopes.some((s) => READ_SCOPE.test(s))) return this.send(res, log, 403, { title: 'Forbidden' });
    switch (route.log.kind) {
      case 'query':
        return this.query(req, res, url, log);
      case 'instance': {
        const instance = this.lookUp(route);
        if (!instance || (route.app && route.appId !== instance.spec.appId))
          return this.send(res, log, 404, { title: 'Not Found' });
        return this.send(res, log, 200, route.app ? this.appInstanceJson(instance, true) : this.instanceJson(instance));
      }
      case 'complete': {
        const instance = this.lookUp(route);
        if (!instance || (route.app && route.appId !== instance.spec.appId))
          return this.send(res, log, 404, { title: 'Not Found' });
        if (!who.scopes.includes(WRITE_SCOPE))
          return this.send(res, log, 403, { title: 'Forbidden: instances.write needed' });
        // Idempotent per stakeholder (InstancesController.AddCompleteConfirmation, §0).
        if (!instance.confirmations.some((c) => c.stakeholderId === who.org)) {
          const now = (this.options.now?.() ?? new Date()).toISOString();
          instance.confirmations.push({ stakeholderId: who.org, confirmedOn: now });
          instance.lastChanged = now;
          this.sorted = undefined;
          recordConfirmedComplete(this, instance, who, now);
        }
        return this.send(res, log, 200, route.app ? this.appInstanceJson(instance) : this.instanceJson(instance));
      }
      case 'data':
        return this.data(req, res, log, route, fault);
    }
  }

  /**
   * Storage looks an instance up by its guid alone: a wrong partyId in the path still answers 200 with the
   * instance under its own id (altinn-storage@d9364e4 InstancesController.cs:246-299 Get, :644-660 complete; the
   * partyId form is "maintained for backwards compatibility"). The app routes here want the instance's own id.
   */
  private lookUp(route: Route): FakeInstance | undefined {
    const id = route.log.instanceId as string;
    return route.app ? this.instances.get(id) : this.byGuid.get(id.slice(id.indexOf('/') + 1));
  }

  private route(method: string, path: string): Route | undefined {
    const storage =
      /^\/storage\/api\/v1\/instances(?:\/(\d+)\/([0-9a-f-]{36})(?:\/(data)\/([0-9a-f-]{36})|\/(complete))?)?$/.exec(
        path,
      );
    const app =
      /^\/([a-z0-9-]+)\/([a-z0-9-]+)\/instances\/(\d+)\/([0-9a-f-]{36})(?:\/(data)\/([0-9a-f-]{36})|\/(complete))?$/.exec(
        path,
      );
    if (storage) {
      const [, party, guid, data, elementId, complete] = storage;
      if (!party)
        return method === 'GET' ? { app: false, log: { kind: 'query' as const, via: 'storage' as const } } : undefined;
      return this.kindOf(method, `${party}/${guid}`, Boolean(data), elementId, Boolean(complete), false);
    }
    if (app && this.options.appApi !== false) {
      const [, org, appName, party, guid, data, elementId, complete] = app;
      const r = this.kindOf(method, `${party}/${guid}`, Boolean(data), elementId, Boolean(complete), true);
      return r ? { ...r, appId: `${org}/${appName}` } : undefined;
    }
    return undefined;
  }

  private kindOf(
    method: string,
    instanceId: string,
    data: boolean,
    elementId: string | undefined,
    complete: boolean,
    app: boolean,
  ): Route | undefined {
    const via = app ? ('app' as const) : ('storage' as const);
    if (complete) return method === 'POST' ? { app, log: { kind: 'complete' as const, instanceId, via } } : undefined;
    if (method !== 'GET') return undefined;
    if (data) return { app, log: { kind: 'data' as const, instanceId, elementId, via } };
    return { app, log: { kind: 'instance' as const, instanceId, via } };
  }

  private takeFault(kind: FaultKind, elementId?: string, instanceId?: string) {
    const rule = this.faults.find(
      (f) =>
        f.left > 0 &&
        f.kind === kind &&
        (!f.elementId || f.elementId === elementId) &&
        (!f.instanceId || f.instanceId === instanceId),
    );
    if (rule) rule.left--;
    return rule;
  }

  private query(req: IncomingMessage, res: ServerResponse, url: URL, log: FakeRequest) {
    const p = url.searchParams;
    const appId = p.get('appId');
    const org = p.get('org');
    if (!appId && !org) return this.send(res, log, 400, { title: 'org or appId is required for app owners' });
    const ownerHeader = req.headers['x-ai-instanceowneridentifier'];
    let owner: { kind: 'org' | 'person'; value: string } | undefined;
    if (typeof ownerHeader === 'string') {
      log.owner = ownerHeader;
      if (p.has('instanceOwner.partyId'))
        return this.send(res, log, 400, { title: 'Cannot combine the owner header and instanceOwner.partyId' });
      const m = /^(Person|Organisation):(\d+)$/.exec(ownerHeader);
      if (!m) return this.send(res, log, 400, { title: 'Invalid X-Ai-InstanceOwnerIdentifier' });
      owner = { kind: m[1] === 'Person' ? 'person' : 'org', value: m[2] as string };
    }
    // Storage caps nothing (InstanceQueryParameters.cs `int? Size`, no [Range]; default 100 in
    // InstancesController.ApplyQueryDefaults): any positive size is served.
    const size = p.has('size') ? Number(p.get('size')) : 100;
    if (!Number.isInteger(size) || size < 1) return this.send(res, log, 400, { title: 'Invalid size' });
    const ranges: [string, (i: FakeInstance) => string][] = [
      ['created', (i) => i.created],
      ['lastChanged', (i) => i.lastChanged],
    ];
    const predicates: ((i: FakeInstance) => boolean)[] = [];
    for (const [name, get] of ranges) {
      const seenOps = new Set<string>();
      for (const value of p.getAll(name)) {
        const m = /^(gt|gte|lt|lte|eq):(.+)$/.exec(value);
        const bound = m ? Date.parse(m[2] as string) : Number.NaN;
        if (!m || Number.isNaN(bound)) return this.send(res, log, 400, { title: `Invalid ${name} value` });
        const op = m[1] as string;
        // Storage puts each operator of a field into one dictionary (InstanceQueryParameters.cs
        // AddDateParamIfNotNull: Dictionary.Add), so a second `created=lt:` throws inside the query and
        // comes back as 500 "Unable to perform query on instances" (InstancesController).
        if (seenOps.has(op)) return this.send(res, log, 500, { title: 'Unable to perform query on instances' });
        seenOps.add(op);
        predicates.push((i) => {
          const t = Date.parse(get(i));
          return op === 'gt'
            ? t > bound
            : op === 'gte'
              ? t >= bound
              : op === 'lt'
                ? t < bound
                : op === 'lte'
                  ? t <= bound
                  : t === bound;
        });
      }
    }
    const bool = (name: string): boolean | undefined | 'bad' => {
      const v = p.get(name);
      if (v === null) return undefined;
      if (v !== 'true' && v !== 'false') return 'bad';
      return v === 'true';
    };
    const checks: [string, (i: FakeInstance) => boolean][] = [
      ['process.isComplete', (i) => Boolean(i.spec.isComplete)],
      ['status.isArchived', (i) => Boolean(i.spec.isArchived)],
      ['status.isSoftDeleted', (i) => Boolean(i.spec.isSoftDeleted)],
      ['status.isHardDeleted', (i) => Boolean(i.spec.isHardDeleted)],
    ];
    for (const [name, get] of checks) {
      const want = bool(name);
      if (want === 'bad') return this.send(res, log, 400, { title: `Invalid ${name}` });
      if (want !== undefined) predicates.push((i) => get(i) === want);
    }
    const task = p.get('process.currentTask');
    if (task) predicates.push((i) => !i.spec.isComplete && (i.spec.currentTask ?? 'Task_1') === task);
    const excluded = p.get('excludeConfirmedBy');
    if (excluded) predicates.push((i) => !i.confirmations.some((c) => c.stakeholderId === excluded));
    if (appId) predicates.push((i) => i.spec.appId === appId);
    // One party's instances (InstanceQueryParameters.cs `instanceOwner.partyId`, an int: anything else is 400).
    const partyId = p.get('instanceOwner.partyId');
    if (partyId !== null) {
      if (!/^\d{1,10}$/.test(partyId)) return this.send(res, log, 400, { title: 'Invalid instanceOwner.partyId' });
      predicates.push((i) => i.partyId === partyId);
    }
    if (org) predicates.push((i) => i.spec.appId.startsWith(`${org}/`));
    if (owner) {
      predicates.push((i) =>
        owner.kind === 'org'
          ? i.spec.owner?.organisationNumber === owner.value
          : i.spec.owner?.personNumber === owner.value,
      );
    }

    // Paging as readinstancefromquery.sql does it (altinn-storage d9364e4, L74-76 and L124-128): ordered
    // by lastChanged (desc unless `order` starts with anything but "desc:", InstanceQueryParameters.cs),
    // then by the internal row id ascending — in both directions; the continuation token is
    // "<lastChanged ticks>;<row id>" of the last row served (PgInstanceRepository.cs L424-427), and the
    // next page takes rows with lastChanged past it, or equal to it and an id past it: `id >` ascending,
    // `id <` descending. (So in descending order a tie on lastChanged across a page boundary repeats the
    // tie's earlier rows and skips its later ones, as Storage does.) The token is a key, not an offset,
    // so instances leaving the result between pages (confirmed, in an excludeConfirmedBy query) shift
    // nothing; an instance whose lastChanged changes moves in the order.
    const order = p.get('order');
    const ascending = order ? !order.toLowerCase().startsWith('desc:') : false;
    let after: { ms: number; seq: number } | undefined;
    const token = p.get('continuationToken');
    if (token) {
      after = parseContinuation(token);
      if (!after) return this.send(res, log, 400, { title: 'Invalid continuationToken' });
    }
    const rows = this.inOrder(ascending);
    const page: FakeInstance[] = [];
    for (let idx = after ? this.resumeAt(rows, ascending, after.ms) : 0; idx < rows.length; idx++) {
      const instance = rows[idx] as FakeInstance;
      if (after) {
        const ms = Date.parse(instance.lastChanged);
        const past = ascending
          ? ms > after.ms || (ms === after.ms && instance.seq > after.seq)
          : ms < after.ms || (ms === after.ms && instance.seq < after.seq);
        if (!past) continue;
      }
      if (!predicates.every((f) => f(instance))) continue;
      page.push(instance);
      if (page.length === size) break;
    }
    const last = page.at(-1);
    // A token only when the page is full (PgInstanceRepository.cs L424-427), so a full last page is
    // followed by one empty page, as with Storage.
    const more = page.length === size && last !== undefined;
    const self = `${this.storageBase}/instances${url.search}`;
    let next: string | undefined;
    if (more) {
      const nextParams = new URLSearchParams(p);
      nextParams.set('continuationToken', continuationOf(last as FakeInstance));
      next = `${this.storageBase}/instances?${nextParams}`;
    }
    if (page.length <= SERIALIZE_CHUNK) {
      return this.send(res, log, 200, {
        count: page.length,
        self,
        ...(next ? { next } : {}),
        instances: page.map((i) => this.instanceJson(i)),
      });
    }
    return this.sendPageInChunks(res, log, { count: page.length, self, ...(next ? { next } : {}) }, page);
  }

  /**
   * A large page serialised a few instances at a time, letting other requests in between: a real Storage
   * answers other requests while it builds a page of thousands, and this fake (one thread, serving the
   * app API too) should not hold every download back behind one big page. The bytes are the same as
   * JSON.stringify of the whole page.
   */
  private async sendPageInChunks(
    res: ServerResponse,
    log: FakeRequest,
    head: Record<string, unknown>,
    page: FakeInstance[],
  ): Promise<void> {
    const parts: string[] = [];
    for (let i = 0; i < page.length; i += SERIALIZE_CHUNK) {
      if (i > 0) await new Promise((r) => setImmediate(r));
      parts.push(
        page
          .slice(i, i + SERIALIZE_CHUNK)
          .map((instance) => JSON.stringify(this.instanceJson(instance)))
          .join(','),
      );
    }
    const text = `${JSON.stringify(head).slice(0, -1)},"instances":[${parts.join(',')}]}`;
    log.status = 200;
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', String(Buffer.byteLength(text)));
    res.end(text);
  }

  /** Every instance in the order Storage's query sorts them (see query()). */
  private inOrder(ascending: boolean): FakeInstance[] {
    if (!this.sorted) {
      const byKey = (a: FakeInstance, b: FakeInstance) =>
        Date.parse(a.lastChanged) - Date.parse(b.lastChanged) || a.seq - b.seq;
      const asc = [...this.order].sort(byKey);
      // Descending lastChanged, but ids still ascending within a tie (the SQL's `i.id` has no DESC).
      const desc = [...this.order].sort(
        (a, b) => Date.parse(b.lastChanged) - Date.parse(a.lastChanged) || a.seq - b.seq,
      );
      this.sorted = { asc, desc };
    }
    return ascending ? this.sorted.asc : this.sorted.desc;
  }

  /** The first row that can follow a token at `ms`: the start of its lastChanged tie (binary search). */
  private resumeAt(rows: FakeInstance[], ascending: boolean, ms: number): number {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const t = Date.parse((rows[mid] as FakeInstance).lastChanged);
      if (ascending ? t < ms : t > ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private async data(
    req: IncomingMessage,
    res: ServerResponse,
    log: FakeRequest,
    route: { app: boolean; appId?: string },
    fault: (FaultRule & { left: number }) | undefined,
  ): Promise<void> {
    const found = this.elements.get(log.elementId as string);
    if (!found || found.instance.id !== log.instanceId || (route.app && route.appId !== found.instance.spec.appId)) {
      return this.send(res, log, 404, { title: 'Not Found' });
    }
    const { element } = found;
    const size = servedSize(element);
    let start = 0;
    const range = req.headers.range;
    if (range) log.range = range;
    if (range && this.options.rangeSupport !== false) {
      const m = /^bytes=(\d+)-$/.exec(range);
      if (m) {
        start = Number(m[1]);
        if (start >= size) {
          res.setHeader('Content-Range', `bytes */${size}`);
          return this.send(res, log, 416, undefined);
        }
      }
    }
    res.setHeader('Content-Type', element.spec.contentType ?? 'application/octet-stream');
    if (start > 0) {
      res.statusCode = 206;
      res.setHeader('Content-Range', `bytes ${start}-${size - 1}/${size}`);
    } else res.statusCode = 200;
    if (fault?.type === 'truncate') {
      res.setHeader('Transfer-Encoding', 'chunked');
      await this.pump(res, element, start, Math.min(size, start + (fault.afterBytes ?? Math.floor(size / 2))));
      res.end();
      return;
    }
    res.setHeader('Content-Length', String(size - start));
    if (fault?.type === 'reset' || fault?.type === 'stall') {
      const upTo = Math.min(size, start + (fault.afterBytes ?? Math.floor((size - start) / 2)));
      await this.pump(res, element, start, upTo);
      if (fault.type === 'reset') res.socket?.destroy();
      return; // stall: leave the response open until the client gives up
    }
    if (fault?.type === 'corrupt') {
      const body = Buffer.concat([...this.chunks(element, start, size)]);
      if (body.length) body[body.length >> 1] ^= 0xff;
      res.end(body);
      return;
    }
    await this.pump(res, element, start, size);
    res.end();
  }

  private async pump(res: ServerResponse, element: FakeElement, start: number, end: number): Promise<void> {
    for (const chunk of this.chunks(element, start, end)) {
      if (res.destroyed) return;
      if (!res.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    }
  }

  send(res: ServerResponse, log: FakeRequest, status: number, body: unknown): void {
    log.status = status;
    res.statusCode = status;
    if (body === undefined) {
      res.end();
      return;
    }
    const text = JSON.stringify(body);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', String(Buffer.byteLength(text)));
    res.end(text);
  }
}

export async function startFakeAltinnStorage(options: FakeStorageOptions): Promise<FakeAltinnStorage> {
  return new FakeAltinnStorage(options).listen();
}

/** altinn-storage@d9364e4 Storage.Interface/Models/InstanceStatus.cs:70-86 ReadStatus, as numbers (the app's System.Text.Json). */
const READ_STATUS_NUMBER: Record<string, number> = { Unread: 0, Read: 1, UpdatedSinceLastReview: 2 };

/** Newtonsoft's NullValueHandling.Ignore: null members are left out, at every depth. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) if (member !== null) out[key] = withoutNulls(member);
  return out;
}

/** How many bytes the data route serves: the given body, or `size` generated bytes. */
function servedSize(element: FakeElement): number {
  return element.spec.body?.length ?? element.spec.size;
}

/** .NET ticks (100 ns since 0001-01-01) at the Unix epoch: Storage's token carries `DateTime.Ticks`. */
const EPOCH_TICKS = 621_355_968_000_000_000n;

function continuationOf(instance: FakeInstance): string {
  return `${BigInt(Date.parse(instance.lastChanged)) * 10_000n + EPOCH_TICKS};${instance.seq}`;
}

function parseContinuation(token: string): { ms: number; seq: number } | undefined {
  const m = /^(\d{1,19});(\d{1,19})$/.exec(token);
  if (!m) return undefined;
  const ticks = BigInt(m[1] as string);
  if (ticks < EPOCH_TICKS) return undefined;
  return { ms: Number((ticks - EPOCH_TICKS) / 10_000n), seq: Number(m[2]) };
}

/** A pseudo-random block from the seed (SHA-256 in counter mode: deterministic, fast enough for 1 MiB). */
function makeBlock(seed: number): Buffer {
  const out = Buffer.alloc(BLOCK);
  for (let i = 0, pos = 0; pos < BLOCK; i++) {
    const digest = createHash('sha256').update(`${seed}:${i}`).digest();
    pos += digest.copy(out, pos);
  }
  return out;
}

function guidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The real check: an Altinn token (JWT) verified by `verify` (e.g. the auth fake's `verifyAltinnToken`),
 * its `urn:altinn:org` claim as the org and its `scope` as the scopes. A verified token is remembered until
 * its `exp`, so a job of thousands of requests does not verify the signature thousands of times.
 */
export function altinnTokenCheck(
  verify: (token: string) => Promise<Record<string, unknown>>,
  nowMs: () => number = Date.now,
): (token: string) => Promise<FakeTokenInfo | null> {
  const known = new Map<string, { info: FakeTokenInfo; exp: number }>();
  return async (token) => {
    const hit = known.get(token);
    if (hit && hit.exp * 1000 > nowMs()) return hit.info;
    known.delete(token);
    try {
      const claims = await verify(token);
      const org = claims['urn:altinn:org'];
      if (typeof org !== 'string') return null;
      const orgNumber = claims['urn:altinn:orgNumber'];
      const info = {
        org,
        ...(typeof orgNumber === 'string' ? { orgNumber } : {}),
        scopes: String(claims.scope ?? '')
          .split(/\s+/)
          .filter(Boolean),
      };
      if (typeof claims.exp === 'number') known.set(token, { info, exp: claims.exp });
      return info;
    } catch {
      return null;
    }
  };
}

/** Testdepartementet, Altinn's test service owner `ttd`. */
const TTD_ORG_NUMBER = '405003309';

/** A token check for tests: `tok-*` tokens act as `ttd` with read and write scopes; `ro-*` read only. */
export function simpleTokenCheck(token: string): FakeTokenInfo | null {
  if (token.startsWith('tok-')) {
    return {
      org: 'ttd',
      orgNumber: TTD_ORG_NUMBER,
      scopes: ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'],
    };
  }
  if (token.startsWith('ro-')) {
    return { org: 'ttd', orgNumber: TTD_ORG_NUMBER, scopes: ['altinn:serviceowner/instances.read'] };
  }
  return null;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeAltinnStorage, FakeInstance, FakeRequest, FakeTokenInfo } from './altinn-storage';
import {
  applicationMetadataJson,
  type FakeAppDefinition,
  type FakeParty,
  type FakeTask,
  TEMPLATE_OWNER_ACTIONS,
  templateApp,
} from './fake-apps';
import { dataCreate, dataDelete, dataPut } from './fake-data-writes';
import type { FakeInstanceEventType, FakePlatformUser } from './fake-event-log';
import { deleteInstance, instanceMaps, substatus } from './fake-instance-metadata';
import { instantiate, instantiateCreate } from './fake-instantiate';
import { processComplete, processGet, processNext } from './fake-process';
import type { Problem } from './fake-upload-rules';
import { matchWriteRoute, type WriteOp, type WriteRoute } from './fake-write-routes';

/**
 * The writes a service owner makes on instances, as the app API and Storage answer them
 * (shared/reference/maskinporten-altinn.md §3.7; routes and checks in the order Altinn makes them, with
 * their exact bodies): instantiate (multipart or JSON template, and `/instances/create` with prefill), data
 * elements (create, replace, delete), the process (state, next, completeProcess), substatus, presentation
 * texts, data values, delete. Each write appends Storage's instance events and the app's CloudEvents to
 * the fake's event log (fake-event-log.ts). Notes: test/fakes/README-app-writes.md.
 */

export interface WriteFault {
  op: WriteOp;
  type: 'reset-before' | 'drop-answer' | 'status' | 'retry-after';
  status?: number;
  /** Seconds or an HTTP date. */
  retryAfter?: string;
  /** How many writes get it (default 1). */
  times?: number;
  /** Let this many writes of `op` through first. */
  skip?: number;
}

/** What the writes keep of an instance beyond what a seeded one has (§3.3 Instance shape). */
export interface ActedState {
  org: string;
  process: ProcessState;
  status: {
    readStatus: 'Unread' | 'Read';
    substatus?: { label: string; description?: string | null };
    archived?: string;
    softDeleted?: string;
    hardDeleted?: string;
  };
  presentationTexts: Record<string, string>;
  dataValues: Record<string, string>;
  visibleAfter: string;
  dueBefore?: string | null;
  createdBy: string;
  lastChangedBy: string;
}

export interface TaskInfo {
  flow: number;
  started: string;
  elementId: string;
  name: string | null;
  altinnTaskType: string | null;
  ended: string | null;
  validated: null;
  flowType: string;
}

export interface ProcessState {
  started: string;
  startEvent: string;
  currentTask: TaskInfo | null;
  ended: string | null;
  endEvent: string | null;
}

/** ASP.NET's `[ApiController]` ProblemDetails types (RFC 9110 sections). */
const FORBIDDEN_TYPE = 'https://tools.ietf.org/html/rfc9110#section-15.5.4';
const MAX_BODY = 64 * 1024 * 1024;

export class FakeAppWrites {
  private readonly apps = new Map<string, FakeAppDefinition>();
  readonly parties: FakeParty[] = [];
  /** Register refuses the app's lookups with 401 (the app answers 403). */
  registerUnauthorized = false;
  /**
   * The next request of this kind is carried out, and then its connection is closed without an answer — a
   * lost answer: the write happened, the caller cannot know.
   */
  dropAnswerOf?: WriteOp;
  /** Faults of the writes (addFault): the bulk send's tests (issue 22). */
  private readonly faults: (WriteFault & { left: number; skip: number })[] = [];

  constructor(readonly storage: FakeAltinnStorage) {}

  /** Define (or replace) an app: its data types, party types, process and what its policy gives the owner. */
  defineApp(app: FakeAppDefinition): FakeAppDefinition {
    this.apps.set(app.id, app);
    return app;
  }

  /** The app's definition; an app nobody defined is Altinn's template app. */
  app(appId: string): FakeAppDefinition {
    return this.apps.get(appId) ?? templateApp(appId);
  }

  /** A party Register knows (for the instance owner lookups of instantiation). */
  addParty(party: FakeParty): FakeParty {
    this.parties.push(party);
    return party;
  }

  /** Which of the routes below a request is, or undefined (the Storage fake's own routes then). */
  match(method: string, path: string): WriteRoute | undefined {
    return matchWriteRoute(method, path);
  }

  /**
   * A fault on the next `times` writes of `op` (after `skip` of them): `reset-before` closes the connection
   * before the app acts (nothing happens); `drop-answer` acts and then closes it (a lost answer); `status` answers
   * 500 (or `status`) with ProblemDetails and does nothing; `retry-after` answers 429 with `Retry-After`.
   */
  addFault(fault: WriteFault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1, skip: fault.skip ?? 0 });
  }

  private takeFault(op: WriteOp): WriteFault | undefined {
    const rule = this.faults.find((f) => f.op === op && f.left > 0);
    if (!rule) return undefined;
    if (rule.skip > 0) {
      rule.skip--;
      return undefined;
    }
    rule.left--;
    return rule;
  }

  async handle(route: WriteRoute, req: IncomingMessage, res: ServerResponse, url: URL, log: FakeRequest) {
    Object.assign(log, { kind: 'other', via: route.via, instanceId: route.instanceId, op: route.op });
    const fault = route.op === 'metadata' ? undefined : this.takeFault(route.op);
    if (fault?.type === 'reset-before') {
      log.fault = 'reset-before';
      req.resume();
      res.socket?.destroy();
      return;
    }
    const drop = this.dropAnswerOf === route.op || fault?.type === 'drop-answer';
    if (drop) {
      if (this.dropAnswerOf === route.op) this.dropAnswerOf = undefined;
      log.fault = 'drop-answer';
    }
    const answer = new Answer(this.storage, res, log, drop);
    // Anonymous, with a 60 s response cache (app-lib Altinn.App.Api/Controllers/ApplicationMetadataController.cs:12,41-59).
    if (route.op === 'metadata') {
      res.setHeader('Cache-Control', 'public,max-age=60');
      return answer.json(200, applicationMetadataJson(this.app(route.appId as string)));
    }
    const body = await readBody(req);
    const who = await this.storage.authenticate(req, log);
    if (!who) return answer.empty(401);
    if (fault?.type === 'status') {
      log.fault = 'status';
      return answer.json(fault.status ?? 500, {
        type: 'https://tools.ietf.org/html/rfc9110#section-15.6.1',
        title: 'An error occurred while processing your request.',
        status: fault.status ?? 500,
        traceId: traceId(),
      });
    }
    if (fault?.type === 'retry-after') {
      log.fault = 'retry-after';
      answer.header('Retry-After', fault.retryAfter ?? '1');
      return answer.json(429, { title: 'Too Many Requests', status: 429 });
    }
    const ctx: Ctx = { route, req, url, body, who, answer, now: this.storage.now().toISOString() };
    switch (route.op) {
      case 'instantiate':
        return instantiate(this, ctx);
      case 'instantiate-create':
        return instantiateCreate(this, ctx);
      case 'data-create':
        return dataCreate(this, ctx, false);
      case 'data-create-obsolete':
        return dataCreate(this, ctx, true);
      case 'data-put':
        return dataPut(this, ctx);
      case 'data-delete':
        return dataDelete(this, ctx);
      case 'process-get':
        return processGet(this, ctx);
      case 'process-next':
        return processNext(this, ctx);
      case 'process-complete':
        return processComplete(this, ctx);
      case 'substatus':
        return substatus(this, ctx);
      case 'presentationtexts':
      case 'datavalues':
        return instanceMaps(this, ctx, route.op);
      case 'delete':
        return deleteInstance(this, ctx);
    }
  }

  /** The app's XACML policy for its owner: the org of the app, and an action the policy gives it. */
  allows(who: FakeTokenInfo, app: FakeAppDefinition, action: string): boolean {
    const [org] = app.id.split('/');
    return who.org === org && (app.ownerActions ?? TEMPLATE_OWNER_ACTIONS).includes(action);
  }

  /** The instance an app route names; one of another app counts as not found. */
  appInstance(ctx: Ctx): FakeInstance | undefined {
    const instance = this.storage.instances.get(ctx.route.instanceId as string);
    return instance && instance.spec.appId === ctx.route.appId ? instance : undefined;
  }

  /** Storage's instance-metadata routes look the instance up by its guid only; the partyId is not compared. */
  byGuid(guid: string): FakeInstance | undefined {
    for (const instance of this.storage.instances.values()) if (instance.guid === guid) return instance;
    return undefined;
  }

  /** The writes' state of an instance; a seeded instance gets one from its spec the first time. */
  /** The instance as the route's own service writes it: the app (nulls, numbers) or Storage (no nulls, names). */
  instanceJson(instance: FakeInstance, ctx: Ctx): Record<string, unknown> {
    return ctx.route.via === 'app' ? this.storage.appInstanceJson(instance) : this.storage.instanceJson(instance);
  }

  actedState(instance: FakeInstance): ActedState {
    if (instance.acted) return instance.acted;
    const spec = instance.spec;
    const app = this.app(spec.appId);
    const ended = spec.isComplete ? instance.lastChanged : null;
    const def = app.process.find((t) => t.id === (spec.currentTask ?? 'Task_1'));
    const task: FakeTask = def ?? { id: spec.currentTask ?? 'Task_1', type: 'data', name: 'Utfylling' };
    instance.acted = {
      org: spec.appId.split('/')[0] as string,
      process: {
        started: instance.created,
        startEvent: 'StartEvent_1',
        currentTask: ended ? null : taskInfo(task, 2, instance.created, 'CompleteCurrentMoveToNext'),
        ended,
        endEvent: ended ? 'EndEvent_1' : null,
      },
      status: {
        readStatus: 'Read',
        ...(spec.isArchived ? { archived: instance.lastChanged } : {}),
        ...(spec.isSoftDeleted ? { softDeleted: instance.lastChanged } : {}),
        ...(spec.isHardDeleted ? { hardDeleted: instance.lastChanged } : {}),
      },
      presentationTexts: {},
      dataValues: {},
      visibleAfter: instance.created,
      dueBefore: null,
      createdBy: '12345',
      lastChangedBy: '12345',
    };
    return instance.acted;
  }

  /** A Storage instance event; `user` is the caller: `{orgId, authenticationLevel}` (InstanceEventService.cs:33-56). */
  storageEvent(instance: FakeInstance, ctx: Ctx, eventType: FakeInstanceEventType, dataId?: string) {
    this.storage.events.addInstanceEvent({
      instanceId: instance.id,
      ...(dataId ? { dataId } : {}),
      created: ctx.now,
      eventType,
      instanceOwnerPartyId: instance.partyId,
      user: userOf(ctx.who),
      processInfo: stripNulls(clone(this.actedState(instance).process)) as Record<string, unknown>,
    });
  }

  /**
   * A process event the app stores with the process change (ProcessEngine.cs:630-760). At instantiation the two
   * events pass through `CopyValues` (ProcessEngine.cs:125-127; InstanceEventExtensions.cs:15-59): started,
   * startEvent and the task's flow, type, id, name, started, ended; flowType, ended and endEvent dropped;
   * validated {canCompleteTask: false}. A process `next` stores `instance.Process` itself (ProcessEngine.cs:
   * 704-760: `ProcessInfo = instance.Process`), so its end event carries `ended` and `endEvent`; Storage strips
   * the nulls (insertinstanceevent.sql:6, jsonb_strip_nulls).
   */
  appEvent(
    instance: FakeInstance,
    ctx: Ctx,
    eventType: FakeInstanceEventType,
    process: ProcessState,
    copyValues = false,
  ) {
    const task = process.currentTask;
    this.storage.events.addInstanceEvent({
      instanceId: instance.id,
      created: ctx.now,
      eventType,
      instanceOwnerPartyId: instance.partyId,
      user: userOf(ctx.who),
      processInfo: copyValues
        ? {
            started: process.started,
            startEvent: process.startEvent,
            currentTask: {
              ...(task?.flow != null ? { flow: task.flow } : {}),
              ...(task?.altinnTaskType ? { altinnTaskType: task.altinnTaskType } : {}),
              ...(task?.elementId ? { elementId: task.elementId } : {}),
              ...(task?.name ? { name: task.name } : {}),
              ...(task?.started ? { started: task.started } : {}),
              ...(task?.ended ? { ended: task.ended } : {}),
              validated: { canCompleteTask: false },
            },
          }
        : (stripNulls(clone(process)) as Record<string, unknown>),
    });
  }

  /** An app CloudEvent, when the app registers events (EventsClient.cs:68-95; AppCloudEventExtensions.cs:22-44). */
  cloudEvent(instance: FakeInstance, app: FakeAppDefinition, type: string) {
    if (app.registerEvents === false) return;
    const owner = instance.spec.owner;
    const alternative = owner?.organisationNumber
      ? `/org/${owner.organisationNumber}`
      : owner?.personNumber
        ? `/person/${owner.personNumber}`
        : undefined;
    this.storage.events.addCloudEvent({
      time: this.storage.now().toISOString(),
      source: `${this.storage.url}/${app.id}/instances/${instance.id}`,
      subject: `/party/${instance.partyId}`,
      type,
      ...(alternative ? { alternativesubject: alternative } : {}),
      resource: `urn:altinn:resource:app_${app.id.replace('/', '_')}`,
      resourceinstance: instance.id,
    });
  }
}

/** The members an acted instance shows over a seeded one's (merged into FakeAltinnStorage.instanceJson). */
export function actedFields(instance: FakeInstance, acted: ActedState): Record<string, unknown> {
  return {
    process: clone(acted.process),
    status: {
      isArchived: Boolean(acted.status.archived),
      archived: acted.status.archived ?? null,
      isSoftDeleted: Boolean(acted.status.softDeleted),
      softDeleted: acted.status.softDeleted ?? null,
      isHardDeleted: Boolean(acted.status.hardDeleted),
      hardDeleted: acted.status.hardDeleted ?? null,
      readStatus: acted.status.readStatus,
      substatus: acted.status.substatus ?? null,
    },
    visibleAfter: acted.visibleAfter,
    dueBefore: acted.dueBefore ?? null,
    presentationTexts: Object.keys(acted.presentationTexts).length ? { ...acted.presentationTexts } : null,
    dataValues: Object.keys(acted.dataValues).length ? { ...acted.dataValues } : null,
    createdBy: acted.createdBy,
    lastChangedBy: acted.lastChangedBy,
    org: instance.spec.appId.split('/')[0],
  };
}

export interface Ctx {
  route: WriteRoute;
  req: IncomingMessage;
  url: URL;
  body: Buffer;
  who: FakeTokenInfo;
  answer: Answer;
  now: string;
}

/** One answer of a write route: JSON (a JSON string too), plain text or nothing. */
export class Answer {
  constructor(
    private readonly storage: FakeAltinnStorage,
    private readonly res: ServerResponse,
    private readonly log: FakeRequest,
    private readonly drop: boolean,
  ) {}

  header(name: string, value: string) {
    this.res.setHeader(name, value);
  }

  /** The answer is lost on the way: the connection closes before a byte of it is sent. */
  private dropped(): boolean {
    if (this.drop) this.res.socket?.destroy();
    return this.drop;
  }

  json(status: number, body: unknown) {
    if (this.dropped()) return;
    this.storage.send(this.res, this.log, status, body);
  }

  text(status: number, text: string) {
    if (this.dropped()) return;
    this.log.status = status;
    this.res.statusCode = status;
    this.res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    this.res.setHeader('Content-Length', String(Buffer.byteLength(text)));
    this.res.end(text);
  }

  empty(status: number) {
    if (this.dropped()) return;
    this.storage.send(this.res, this.log, status, undefined);
  }
}

export function taskInfo(task: FakeTask, flow: number, now: string, flowType: string): TaskInfo {
  return {
    flow,
    started: now,
    elementId: task.id,
    name: task.name ?? null,
    altinnTaskType: task.type,
    ended: null,
    validated: null,
    flowType,
  };
}

/** `Forbidden(enforcementResult)` without obligations: a bare 403 that [ApiController] makes ProblemDetails. */
export function forbiddenProblem(): Problem & { traceId: string } {
  return { type: FORBIDDEN_TYPE, title: 'Forbidden', status: 403, traceId: traceId() };
}

export function traceId(): string {
  const hex = (n: number) => [...Array(n)].map(() => Math.floor(Math.random() * 16).toString(16)).join('');
  return `00-${hex(32)}-${hex(16)}-00`;
}

export function userOf(who: FakeTokenInfo): FakePlatformUser {
  // An app owner acting through Maskinporten: org code and level 3 (exchange: AuthenticationLevel=3).
  return { orgId: who.org, authenticationLevel: 3 };
}

export function orgNumberOf(who: FakeTokenInfo): string {
  return who.orgNumber ?? '405003309';
}

export function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

export function isStringMap(value: unknown): value is Record<string, string> {
  return (
    Boolean(value) &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value as object).every((v) => typeof v === 'string')
  );
}

/** jsonb_strip_nulls: object members that are null are left out, at every depth. */
export function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, member]) => member !== null)
      .map(([key, member]) => [key, stripNulls(member)]),
  );
}

export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

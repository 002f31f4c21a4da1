import type { FakeInstance } from './altinn-storage';
import {
  type Ctx,
  type FakeAppWrites,
  forbiddenProblem,
  isStringMap,
  orgNumberOf,
  type ProcessState,
  stringOrNull,
  taskInfo,
} from './app-writes';
import { type FakeAppDefinition, type FakeDataType, type FakeParty, partyAllowed } from './fake-apps';
import { formXml, storageFileName, validateParts } from './fake-upload-rules';
import { asFileName, boundaryOf, type RequestPart, readMultipart } from './multipart-body';

/**
 * Instantiation as the app does it (app-lib Altinn.App.Api/Controllers/InstancesController.cs:219-465, 498-784;
 * shared/reference/maskinporten-altinn.md §3.7 "Instantiate"): the body part by part, the template, the owner,
 * the data parts, the party, the policy, partyTypesAllowed, then the process, the instance, its parts and
 * the first task's auto-created forms.
 */

export async function instantiate(w: FakeAppWrites, ctx: Ctx) {
  const { answer, url } = ctx;
  const app = w.app(ctx.route.appId as string);
  // 1. The body, part by part (MultipartRequestReader.cs:32-138).
  const contentType = ctx.req.headers['content-type'];
  let parts: RequestPart[] = [];
  if (contentType?.toLowerCase().startsWith('multipart/')) {
    const boundary = boundaryOf(contentType);
    const read = boundary ? readMultipart(ctx.body, boundary) : { parts: [], errors: ['No boundary'] };
    if (read.errors.length > 0) {
      return answer.json(400, {
        title: 'Error reading request',
        detail: read.errors.join(', '),
        status: 400,
      });
    }
    parts = read.parts.map((p) => ({ ...p, fileName: p.fileName === null ? null : asFileName(p.fileName) }));
  } else if (contentType) {
    parts = [{ name: null, fileName: null, contentType, bytes: ctx.body }];
  }
  // 2. The template: the part named `instance`, or a single unnamed part (InstancesController.cs:1602-1627).
  let instancePart = parts.find((p) => p.name === 'instance');
  if (!instancePart && parts.length === 1 && parts[0]?.name === null) instancePart = parts[0];
  let template: Record<string, unknown> | undefined;
  if (instancePart) {
    parts = parts.filter((p) => p !== instancePart);
    if (instancePart.bytes.length > 0 && instancePart.contentType?.includes('application/json')) {
      template = parseTemplate(instancePart.bytes);
    }
  }
  parts = parts.filter((p) => p.name !== 'notification');
  // 3. The owner (:258-290), each a 400 JSON string ([Produces("application/json")]).
  const queryParty = url.searchParams.get('instanceOwnerPartyId');
  const owner = ownerOf(template);
  if (queryParty === null && !template) {
    return answer.json(
      400,
      'Cannot create an instance without an instanceOwner.partyId. Either provide instanceOwner party Id as a query parameter or an instanceTemplate object in the body.',
    );
  }
  if (queryParty !== null && owner?.partyId != null) {
    return answer.json(
      400,
      'You cannot provide an instanceOwnerPartyId as a query param as well as an instance template in the body. Choose one or the other.',
    );
  }
  if (template && !hasOwner(owner)) return answer.json(400, MISSING_OWNER);
  // 4. The data parts against the metadata (RequestPartValidator.cs:26-106).
  const partError = validateParts(app, parts);
  if (partError) return answer.json(400, `Error when comparing content to application metadata: ${partError}`);
  // 5–7. The party, the policy, partyTypesAllowed.
  const lookup = lookupParty(w, queryParty !== null ? { partyId: queryParty } : (owner ?? {}));
  if ('status' in lookup) return lookup.status === 403 ? answer.empty(403) : answer.json(404, lookup.message);
  const party = lookup.party;
  if (!w.allows(ctx.who, app, 'instantiate')) return answer.json(403, forbiddenProblem());
  if (!partyAllowed(party, app.partyTypesAllowed)) {
    return answer.json(403, `Party ${party.partyId} is not allowed to instantiate this application ${app.id}`);
  }
  // 8–9. Process start, the instance, its parts, the task's auto-created forms.
  const instance = create(w, ctx, app, party, {
    visibleAfter: stringOrNull(template?.visibleAfter),
    dueBefore: stringOrNull(template?.dueBefore),
    parts,
  });
  return created(w, ctx, app, instance, party);
}

export async function instantiateCreate(w: FakeAppWrites, ctx: Ctx) {
  const { answer } = ctx;
  const app = w.app(ctx.route.appId as string);
  // [FromBody] InstansiationInstance: a JSON body (Altinn.App.Api/Models/InstansiationInstance.cs:16-41).
  const contentType = ctx.req.headers['content-type'] ?? '';
  if (!/application\/(.+\+)?json/i.test(contentType)) {
    return answer.json(415, { title: 'Unsupported Media Type', status: 415 });
  }
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(ctx.body.toString('utf8')) as Record<string, unknown>;
    if (!input || typeof input !== 'object') throw new Error('not an object');
  } catch {
    return answer.json(400, {
      title: 'One or more validation errors occurred.',
      status: 400,
      errors: { instansiationInstance: ['The instansiationInstance field is required.'] },
    });
  }
  if (typeof input.sourceInstanceId === 'string' && input.sourceInstanceId) {
    return answer.json(400, 'Creating instance based on a copy from an archived instance is not enabled for this app.');
  }
  const owner = ownerOf(input);
  if (!hasOwner(owner)) return answer.json(400, MISSING_OWNER);
  const lookup = lookupParty(w, owner ?? {});
  if ('status' in lookup) return lookup.status === 403 ? answer.empty(403) : answer.json(404, lookup.message);
  const party = lookup.party;
  if (!w.allows(ctx.who, app, 'instantiate')) return answer.json(403, forbiddenProblem());
  if (!partyAllowed(party, app.partyTypesAllowed)) {
    return answer.json(403, `Party ${party.partyId} is not allowed to instantiate this application ${app.id}`);
  }
  const prefill = isStringMap(input.prefill) ? input.prefill : undefined;
  const instance = create(w, ctx, app, party, {
    visibleAfter: stringOrNull(input.visibleAfter),
    dueBefore: stringOrNull(input.dueBefore),
    parts: [],
    prefill,
  });
  return created(w, ctx, app, instance, party);
}

export function created(w: FakeAppWrites, ctx: Ctx, app: FakeAppDefinition, instance: FakeInstance, party: FakeParty) {
  const json = w.instanceJson(instance, ctx) as Record<string, unknown>;
  const owner = json.instanceOwner as Record<string, unknown>;
  ctx.answer.header('Location', `${w.storage.url}/${app.id}/instances/${instance.id}`);
  // InstanceResponse: the instance plus instanceOwner.party (app-lib Altinn.App.Api/Models/InstanceResponse.cs:105-135).
  return ctx.answer.json(201, {
    ...json,
    instanceOwner: {
      ...owner,
      party: {
        partyId: party.partyId,
        partyUuid: null,
        partyTypeName: party.partyTypeName,
        ssn: party.ssn ?? null,
        orgNumber: party.orgNumber ?? null,
        unitType: party.unitType ?? null,
        name: party.name,
        isDeleted: Boolean(party.isDeleted),
      },
    },
  });
}

/**
 * The order is partyId, then personNumber, then organisationNumber (InstancesController.cs:1393-1483); a
 * Register 401 is answered 403; anything not found 404 "Cannot lookup party: …".
 */
export function lookupParty(
  w: FakeAppWrites,
  owner: OwnerFields,
): { party: FakeParty } | { status: 403 } | { status: 404; message: string } {
  if (w.registerUnauthorized) return { status: 403 };
  if (owner.partyId != null) {
    const party = w.parties.find((p) => String(p.partyId) === String(owner.partyId));
    return party ? { party } : { status: 404, message: 'Cannot lookup party: Unknown party' };
  }
  const [field, value, key] = owner.personNumber
    ? (['personNumber', owner.personNumber, 'ssn'] as const)
    : (['organisationNumber', owner.organisationNumber, 'orgNumber'] as const);
  const party = value ? w.parties.find((p) => p[key] === value) : undefined;
  if (party) return { party };
  return {
    status: 404,
    message: `Cannot lookup party: Failed to lookup party by ${field}: ${value}. The exception was: 404 - Not Found - `,
  };
}

export function create(
  w: FakeAppWrites,
  ctx: Ctx,
  app: FakeAppDefinition,
  party: FakeParty,
  input: {
    visibleAfter: string | null;
    dueBefore: string | null;
    parts: RequestPart[];
    prefill?: Record<string, string>;
  },
): FakeInstance {
  const now = ctx.now;
  const first = app.process[0];
  const [instance] = w.storage.add([
    {
      appId: app.id,
      partyId: String(party.partyId),
      elements: [],
      owner: { organisationNumber: party.orgNumber, personNumber: party.ssn },
      created: now,
      lastChanged: now,
      currentTask: first?.id,
      isComplete: !first,
    },
  ]) as [FakeInstance];
  const by = orgNumberOf(ctx.who);
  // The process is started and moved to the first task before Storage creates the instance
  // (ProcessEngine.cs:84-140); Storage sets created/lastChanged, createdBy/lastChangedBy, visibleAfter
  // (the template's or now) and dueBefore (storage InstancesController.cs:997-1021).
  instance.acted = {
    org: app.id.split('/')[0] as string,
    process: {
      started: now,
      startEvent: 'StartEvent_1',
      currentTask: first ? taskInfo(first, 2, now, 'CompleteCurrentMoveToNext') : null,
      ended: first ? null : now,
      endEvent: first ? null : 'EndEvent_1',
    },
    // readStatus stays Unread when an org instantiates (InstancesController.cs:1208-1220).
    status: { readStatus: 'Unread' },
    presentationTexts: {},
    dataValues: {},
    visibleAfter: input.visibleAfter ?? now,
    dueBefore: input.dueBefore,
    createdBy: by,
    lastChangedBy: by,
  };
  // Stored after the instance and the task-start handlers, but created before: in `created` order an
  // instantiation reads process_StartEvent, process_StartTask, Created, Created+dataId (§3.9).
  const startState: ProcessState = {
    started: now,
    startEvent: 'StartEvent_1',
    currentTask: { ...taskInfo({ id: 'StartEvent_1', type: 'data' }, 1, now, ''), name: null, altinnTaskType: null },
    ended: null,
    endEvent: null,
  };
  w.appEvent(instance, ctx, 'process_StartEvent', startState, true);
  if (first) w.appEvent(instance, ctx, 'process_StartTask', instance.acted.process, true);
  w.storageEvent(instance, ctx, 'Created');
  for (const part of input.parts) {
    const type = app.dataTypes.find((d) => d.id === part.name) as FakeDataType;
    const element = w.storage.stampElement(instance, {
      dataType: type.id,
      filename: storageFileName(part.fileName),
      contentType: part.contentType as string,
      bytes: part.bytes,
      at: now,
      by,
      fileScan: Boolean(type.enableFileScan),
    });
    w.storageEvent(instance, ctx, 'Created', element.id);
  }
  // The first task's start auto-creates every dataType with appLogic.autoCreate and taskId = that task,
  // unless an element of the type exists (ProcessTaskInitializer.cs:57-100), prefilled by path.
  for (const type of app.dataTypes) {
    if (!first || !type.appLogic?.autoCreate || type.taskId !== first.id) continue;
    if (instance.elements.some((e) => e.spec.dataType === type.id)) continue;
    const element = w.storage.stampElement(instance, {
      dataType: type.id,
      filename: null,
      contentType: 'application/xml',
      bytes: Buffer.from(formXml(input.prefill ?? {})),
      at: now,
      by,
      fileScan: false,
    });
    w.storageEvent(instance, ctx, 'Created', element.id);
  }
  w.cloudEvent(instance, app, 'app.instance.created');
  return instance;
}

const MISSING_OWNER =
  'Error: instanceOwnerPartyId query parameter is empty and InstanceOwner is missing from instance template. You must populate instanceOwnerPartyId or InstanceOwner';

interface OwnerFields {
  partyId?: string | null;
  personNumber?: string | null;
  organisationNumber?: string | null;
  externalIdentifier?: string | null;
  username?: string | null;
}

/** The template's instanceOwner, its members matched case-insensitively (Newtonsoft). */
function ownerOf(template: Record<string, unknown> | undefined): OwnerFields | undefined {
  const raw = template ? member(template, 'instanceOwner') : undefined;
  if (!raw || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  const str = (name: string) => {
    const v = member(o, name);
    return v == null ? null : String(v);
  };
  return {
    partyId: str('partyId'),
    personNumber: str('personNumber'),
    organisationNumber: str('organisationNumber'),
    externalIdentifier: str('externalIdentifier'),
    username: str('username'),
  };
}

function hasOwner(owner: OwnerFields | undefined): boolean {
  return Boolean(
    owner &&
      (owner.partyId != null ||
        owner.personNumber != null ||
        owner.organisationNumber != null ||
        owner.externalIdentifier != null ||
        owner.username != null),
  );
}

function member(object: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}

function parseTemplate(bytes: Buffer): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as unknown;
    if (!parsed || typeof parsed !== 'object') return undefined;
    const t = parsed as Record<string, unknown>;
    return { ...t, visibleAfter: member(t, 'visibleAfter'), dueBefore: member(t, 'dueBefore') };
  } catch {
    return undefined;
  }
}

import type { ActInstanceView, PartyView, ProcessView, TaskView } from '../../common/contract/instance-acts';
import { AppError } from '../../common/errors/app-error';
import { StorageErrors } from '../../common/errors/storage-errors';
import { type Instance, instanceSchema } from '../../common/schemas/instance-types';
import { isInstance } from '../storage/instance-check';
import { instanceDetail } from '../storage/instance-summary';

/**
 * An instance from the app API or Storage, checked against Storage's shape (instance-types.ts): by the listing's
 * fast in-place check (instance-check.ts, held to the schema's verdicts by its tests), the schema only to word a
 * refusal — zod's copy of every instance was a quarter of a bulk send's allocations per row (bench/bulk-send.ts).
 */
export function parseInstance(json: unknown, where: string): Instance {
  if (isInstance(json)) return json as Instance;
  const parsed = instanceSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      StorageErrors.BAD_RESPONSE,
      `Unexpected instance from ${where}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
      { details: { outcome: 'unknown' } },
    );
  }
  return parsed.data;
}

function textMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The details view plus what the user and the owner see: substatus, presentation texts, data values. */
export function actInstanceView(instance: Instance): ActInstanceView {
  const raw = instance as Record<string, unknown>;
  const status = (raw.status ?? {}) as Record<string, unknown>;
  const sub = status.substatus as { label?: unknown; description?: unknown } | null | undefined;
  return {
    ...instanceDetail(instance),
    org: instance.org ?? null,
    taskType: instance.process?.currentTask?.altinnTaskType ?? null,
    substatus: sub && typeof sub.label === 'string' ? { label: sub.label, description: str(sub.description) } : null,
    presentationTexts: textMap(raw.presentationTexts),
    dataValues: textMap(raw.dataValues),
    visibleAfter: str(raw.visibleAfter),
    dueBefore: str(raw.dueBefore),
  };
}

/** InstanceResponse's `instanceOwner.party`: `partyTypeName` 1 person, 2 organisation, 3 self-identified. */
export function partyView(json: unknown): PartyView | null {
  const party = ((json as { instanceOwner?: { party?: unknown } })?.instanceOwner?.party ?? null) as Record<
    string,
    unknown
  > | null;
  if (!party || (typeof party.partyId !== 'number' && typeof party.partyId !== 'string')) return null;
  const type = party.partyTypeName;
  const kind =
    type === 1 || type === 'Person'
      ? 'person'
      : type === 2 || type === 'Organisation'
        ? 'organisation'
        : type === 3 || type === 'SelfIdentified'
          ? 'self-identified'
          : 'unknown';
  return {
    partyId: String(party.partyId),
    name: str(party.name),
    kind,
    orgNumber: str(party.orgNumber),
    unitType: str(party.unitType),
  };
}

/** AppProcessState (ProcessController.cs:501-538) as the window and `mpd process show` read it. */
export function processView(json: unknown): ProcessView {
  const state = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const task = state.currentTask as Record<string, unknown> | null | undefined;
  const actions: Record<string, boolean> = {};
  if (task?.actions && typeof task.actions === 'object') {
    for (const [k, v] of Object.entries(task.actions as Record<string, unknown>)) actions[k] = v === true;
  }
  const currentTask: TaskView | null =
    task && typeof task.elementId === 'string'
      ? {
          elementId: task.elementId,
          name: str(task.name),
          altinnTaskType: str(task.altinnTaskType),
          flow: typeof task.flow === 'number' ? task.flow : null,
          started: str(task.started),
          actions,
        }
      : null;
  const tasks = Array.isArray(state.processTasks)
    ? (state.processTasks as Record<string, unknown>[])
        .filter((t) => typeof t?.elementId === 'string')
        .map((t) => ({ elementId: t.elementId as string, altinnTaskType: str(t.altinnTaskType) }))
    : [];
  return {
    started: str(state.started),
    ended: str(state.ended),
    endEvent: str(state.endEvent),
    currentTask,
    tasks,
    state,
  };
}

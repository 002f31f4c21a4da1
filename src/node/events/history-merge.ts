import type {
  HistoryActor,
  HistoryEntry,
  HistoryKind,
  HistoryTask,
  InstanceHistory,
} from '../../common/contract/events';
import type { Instance } from '../../common/schemas/instance-types';

/**
 * One instance's history from Storage's two views of its log (shared/reference/maskinporten-altinn.md §3.9):
 * the instance events (everything, by `created`) and the process history (the `process*` events mapped to one
 * item per start/end event and task). The timeline is the instance events, each in plain terms; a process-history
 * item that no instance event gives (the events were filtered, or Storage's two answers come from different
 * moments) is added from the process history. In time order; equal times keep Storage's order.
 *
 * Task times come from the instance events: the process history's `started` of a task entered by `next` is the
 * process's start, not the task's (altinn-storage@d9364e4 src/Storage/Helpers/ProcessHelper.cs:61-74).
 */

/** An instance event as Storage writes it (Storage.Interface/Models/InstanceEvent.cs:12-99), nulls left out. */
export interface StoredInstanceEvent {
  id?: string;
  eventType: string;
  created: string;
  dataId?: string;
  user?: {
    userId?: number;
    orgId?: string;
    nationalIdentityNumber?: string;
    systemUserId?: string;
    systemUserOwnerOrgNo?: string;
    systemUserName?: string;
  };
  processInfo?: {
    started?: string;
    ended?: string;
    startEvent?: string;
    endEvent?: string;
    currentTask?: { elementId?: string; name?: string; altinnTaskType?: string };
  };
}

/** ProcessHistoryItem (Storage.Interface/Models/ProcessHistoryItem.cs:13-45). */
export interface ProcessHistoryItem {
  eventType?: string;
  elementId?: string;
  occured?: string;
  started?: string;
  ended?: string;
  performedBy?: string;
}

const KIND: Record<string, HistoryKind> = {
  process_StartEvent: 'process-started',
  process_StartTask: 'task-started',
  process_EndTask: 'task-ended',
  process_AbandonTask: 'task-abandoned',
  process_EndEvent: 'process-ended',
  // "Submited": the spelling of InstanceEventType (Storage.Interface/Enums/InstanceEventType.cs).
  Submited: 'submitted',
  SubstatusUpdated: 'substatus',
  ConfirmedComplete: 'confirmed',
  Undeleted: 'undeleted',
};

export function mergeHistory(
  instance: Instance,
  events: StoredInstanceEvent[],
  items: ProcessHistoryItem[],
): InstanceHistory {
  const elements = new Map((instance.data ?? []).map((d) => [d.id, d]));
  const deleted = new Set(events.filter((e) => e.eventType === 'Deleted' && e.dataId).map((e) => e.dataId as string));
  // Storage writes only the user id for a person; the app's process events of the same user carry the number.
  const numbers = new Map<number, string>();
  for (const e of events) {
    if (e.user?.userId !== undefined && e.user.nationalIdentityNumber)
      numbers.set(e.user.userId, e.user.nationalIdentityNumber);
  }
  const substatus = substatusOf(instance);
  const lastSubstatus = events.map((e) => e.eventType).lastIndexOf('SubstatusUpdated');

  const entries: HistoryEntry[] = events.map((e, index) => {
    const kind = kindOf(e);
    const entry: HistoryEntry = {
      at: e.created,
      kind,
      eventType: e.eventType,
      by: actorOf(e.user, numbers),
      source: 'instance-events',
      ...(e.id ? { eventId: e.id } : {}),
    };
    if (kind.startsWith('task-')) {
      const task = e.processInfo?.currentTask;
      if (task?.elementId) {
        entry.task = { id: task.elementId, name: task.name ?? null, type: task.altinnTaskType ?? null };
      }
    }
    if (e.dataId) {
      const element = elements.get(e.dataId);
      entry.data = {
        id: e.dataId,
        dataType: element?.dataType ?? null,
        filename: element?.filename ?? null,
        deletedLater: kind !== 'data-deleted' && (deleted.has(e.dataId) || !element),
      };
    }
    if (kind === 'substatus' && index === lastSubstatus && substatus) entry.substatus = substatus;
    return entry;
  });

  for (const missing of processOnly(events, items)) entries.push(missing);
  const ordered = entries
    .map((entry, order) => ({ entry, order, at: Date.parse(entry.at) }))
    .sort((a, b) => a.at - b.at || a.order - b.order)
    .map((x) => x.entry);

  return {
    instanceId: instance.id,
    appId: instance.appId,
    entries: ordered,
    tasks: tasksOf(events, items),
  };
}

function kindOf(e: StoredInstanceEvent): HistoryKind {
  switch (e.eventType) {
    case 'Created':
      return e.dataId ? 'data-added' : 'created';
    case 'Saved':
      return e.dataId ? 'data-replaced' : 'other';
    case 'Deleted':
      return e.dataId ? 'data-deleted' : 'deleted';
    default:
      return KIND[e.eventType] ?? 'other';
  }
}

function actorOf(user: StoredInstanceEvent['user'], numbers: Map<number, string>): HistoryActor {
  if (!user) return { kind: 'unknown' };
  const nin = user.nationalIdentityNumber ?? (user.userId !== undefined ? numbers.get(user.userId) : undefined);
  if (nin)
    return {
      kind: 'person',
      nationalIdentityNumber: nin,
      ...(user.userId !== undefined ? { userId: user.userId } : {}),
    };
  if (user.orgId) return { kind: 'org', org: user.orgId };
  if (user.systemUserId || user.systemUserOwnerOrgNo) {
    return {
      kind: 'system-user',
      ...(user.systemUserOwnerOrgNo ? { systemUserOwnerOrgNo: user.systemUserOwnerOrgNo } : {}),
      ...(user.systemUserName ? { systemUserName: user.systemUserName } : {}),
    };
  }
  if (user.userId !== undefined) return { kind: 'user', userId: user.userId };
  return { kind: 'unknown' };
}

/**
 * `performedBy` (ProcessHelper.cs:108-124): a national identity number, else the org code, else the system user's
 * owner's organisation number, else "".
 */
function performer(performedBy: string | undefined): HistoryActor {
  if (!performedBy) return { kind: 'unknown' };
  if (/^\d{11}$/.test(performedBy)) return { kind: 'person', nationalIdentityNumber: performedBy };
  if (/^\d{9}$/.test(performedBy)) return { kind: 'system-user', systemUserOwnerOrgNo: performedBy };
  return { kind: 'org', org: performedBy };
}

/** Process-history items (or their start or end) that no instance event gives. */
function processOnly(events: StoredInstanceEvent[], items: ProcessHistoryItem[]): HistoryEntry[] {
  const has = (type: string, taskId?: string) =>
    events.some(
      (e) => e.eventType === type && (taskId === undefined || e.processInfo?.currentTask?.elementId === taskId),
    );
  const out: HistoryEntry[] = [];
  const add = (at: string | undefined, kind: HistoryKind, item: ProcessHistoryItem, withTask: boolean) => {
    if (!at) return;
    out.push({
      at,
      kind,
      eventType: item.eventType ?? '',
      by: performer(item.performedBy),
      source: 'process-history',
      ...(withTask && item.elementId ? { task: { id: item.elementId, name: null, type: null } } : {}),
    });
  };
  for (const item of items) {
    if (item.eventType === 'process_StartEvent') {
      if (!has('process_StartEvent')) add(item.occured, 'process-started', item, false);
    } else if (item.eventType === 'process_EndEvent') {
      if (!has('process_EndEvent')) add(item.occured, 'process-ended', item, false);
    } else if (item.elementId) {
      if (item.started && !has('process_StartTask', item.elementId)) add(item.started, 'task-started', item, true);
      const ended = has('process_EndTask', item.elementId) || has('process_AbandonTask', item.elementId);
      if (item.ended && !ended) add(item.ended, 'task-ended', item, true);
    }
  }
  return out;
}

/** Each stay in a task: entered (process_StartTask) and left (process_EndTask or AbandonTask). */
function tasksOf(events: StoredInstanceEvent[], items: ProcessHistoryItem[]): HistoryTask[] {
  const tasks: HistoryTask[] = [];
  for (const e of events) {
    const task = e.processInfo?.currentTask;
    if (!task?.elementId) continue;
    if (e.eventType === 'process_StartTask') {
      tasks.push({ id: task.elementId, name: task.name ?? null, started: e.created, ended: null });
    } else if (e.eventType === 'process_EndTask' || e.eventType === 'process_AbandonTask') {
      const open = tasks.findLast((t) => t.id === task.elementId && t.ended === null);
      if (open) open.ended = e.created;
      else tasks.push({ id: task.elementId, name: task.name ?? null, started: null, ended: e.created });
    }
  }
  if (tasks.length > 0) return tasks;
  return items
    .filter((i) => i.elementId && i.eventType !== 'process_StartEvent' && i.eventType !== 'process_EndEvent')
    .map((i) => ({ id: i.elementId as string, name: null, started: i.started ?? null, ended: i.ended ?? null }));
}

function substatusOf(instance: Instance): { label: string; description: string | null } | undefined {
  const sub = (instance.status as { substatus?: { label?: unknown; description?: unknown } | null } | null | undefined)
    ?.substatus;
  if (!sub || typeof sub.label !== 'string' || sub.label === '') return undefined;
  return { label: sub.label, description: typeof sub.description === 'string' ? sub.description : null };
}

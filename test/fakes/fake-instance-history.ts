import type { ServerResponse } from 'node:http';
import type { FakeAltinnStorage, FakeInstance, FakeRequest, FakeTokenInfo } from './altinn-storage';
import { clone, stripNulls, userOf } from './app-writes';
import { parseDotnetDateTime } from './fake-dotnet-date';
import type { FakeInstanceEvent } from './fake-event-log';

/**
 * One instance's own log, served from the fake's event log (fake-event-log.ts) as Storage and the app answer it
 * (shared/reference/maskinporten-altinn.md §3.9; altinn-storage@d9364e4 src/Storage/Controllers/
 * InstanceEventsController.cs:19,98-187, ProcessController.cs:243-269, Helpers/ProcessHelper.cs:20-124;
 * app-lib-dotnet@1363997 Altinn.App.Api/Controllers/ProcessController.cs:465-499,684-702):
 *
 * - `GET {storage}/instances/{p}/{g}/events[?eventTypes=…&from=…&to=…]` → `{"instanceEvents": [...]}` by `created`
 * - `GET {storage}/instances/{p}/{g}/events/{eventGuid}` → the event, or 404
 * - `GET {storage}/instances/{p}/{g}/process/history` → `{"processHistory": [...]}`, nulls left out
 * - `GET {app}/instances/{p}/{g}/process/history` → the same list forwarded, nulls written
 *
 * Policy `InstanceRead` (the app's policy, action `read`): an instance Storage does not know is evaluated without
 * it and denied, so 403 with an empty body, not 404 (StorageAccessHandler.cs:79-143). Like the fake's other
 * Storage reads, a token without an `altinn:serviceowner` scope is denied too.
 */

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const STORAGE_EVENTS = new RegExp(`^/storage/api/v1/instances/(\\d+)/(${GUID})/events(?:/(${GUID}))?$`);
const STORAGE_HISTORY = new RegExp(`^/storage/api/v1/instances/(\\d+)/(${GUID})/process/history$`);
const APP_HISTORY = new RegExp(`^/([a-z0-9-]+)/([a-z0-9-]+)/instances/(\\d+)/(${GUID})/process/history$`);
const READ_SCOPE = /^altinn:serviceowner/;

export type InstanceHistoryRoute =
  | { kind: 'events'; instanceId: string; guid: string; eventId?: string }
  | { kind: 'history'; via: 'storage' | 'app'; instanceId: string; guid: string; appId?: string };

export function matchInstanceHistory(method: string, path: string): InstanceHistoryRoute | undefined {
  if (method !== 'GET') return undefined;
  const events = STORAGE_EVENTS.exec(path);
  if (events) {
    const [, party, guid, eventId] = events as unknown as [string, string, string, string | undefined];
    return { kind: 'events', instanceId: `${party}/${guid}`, guid, ...(eventId ? { eventId } : {}) };
  }
  const history = STORAGE_HISTORY.exec(path);
  if (history)
    return { kind: 'history', via: 'storage', instanceId: `${history[1]}/${history[2]}`, guid: history[2] as string };
  const app = APP_HISTORY.exec(path);
  if (app) {
    return {
      kind: 'history',
      via: 'app',
      appId: `${app[1]}/${app[2]}`,
      instanceId: `${app[3]}/${app[4]}`,
      guid: app[4] as string,
    };
  }
  return undefined;
}

export function serveInstanceHistory(
  storage: FakeAltinnStorage,
  route: InstanceHistoryRoute,
  res: ServerResponse,
  url: URL,
  log: FakeRequest,
  who: FakeTokenInfo | null,
) {
  Object.assign(log, { kind: 'other', instanceId: route.instanceId, via: 'via' in route ? route.via : 'storage' });
  if (!who) return storage.send(res, log, 401, undefined);
  const instance = storage.writes.byGuid(route.guid);
  const mayRead = (i: FakeInstance | undefined) =>
    Boolean(i) &&
    who.scopes.some((s) => READ_SCOPE.test(s)) &&
    storage.writes.allows(who, storage.writes.app((i as FakeInstance).spec.appId), 'read');

  if (route.kind === 'history' && route.via === 'app') {
    // The app's own PEP first (the app's policy, `read`), then Storage with the caller's token; a Storage 403,
    // 404 or 409 comes back bare: Forbid() (403, no body), NotFound() or Conflict() (ProblemDetails).
    const app = storage.writes.app(route.appId as string);
    if (!storage.writes.allows(who, app, 'read')) return storage.send(res, log, 403, undefined);
    if (!mayRead(instance)) return storage.send(res, log, 403, undefined);
    // System.Text.Json, camelCase, no ignore condition: every member written, null when absent.
    const items = processHistory(storage.events.instanceEvents((instance as FakeInstance).id)).map((item) => ({
      eventType: item.eventType ?? null,
      elementId: item.elementId ?? null,
      occured: item.occured ?? null,
      started: item.started ?? null,
      ended: item.ended ?? null,
      performedBy: item.performedBy ?? null,
    }));
    return storage.send(res, log, 200, { processHistory: items });
  }

  if (!mayRead(instance)) return storage.send(res, log, 403, undefined);
  const own = instance as FakeInstance;

  if (route.kind === 'history') {
    return storage.send(res, log, 200, { processHistory: processHistory(storage.events.instanceEvents(own.id)) });
  }

  if (route.eventId) {
    // readinstanceevent.sql:8 selects by the event's id alone.
    const found = storage.events.allInstanceEvents().find((e) => e.id === route.eventId);
    return found ? storage.send(res, log, 200, storageJson(found)) : storage.send(res, log, 404, undefined);
  }

  const q = url.searchParams;
  // [FromQuery] string[] eventTypes: repeated, matched exactly (filterinstanceevent.sql:8-14: eventtype = ANY).
  const types = q.getAll('eventTypes').filter((t) => t !== '');
  const fromRaw = q.get('from');
  const toRaw = q.get('to');
  let range: { from: number; to: number } | undefined;
  // Only when both are given (InstanceEventsController.cs:159-172); inclusive on created.
  if (fromRaw && toRaw) {
    const from = parseDotnetDateTime(fromRaw);
    const to = parseDotnetDateTime(toRaw);
    if (!from || !to) {
      return storage.send(
        res,
        log,
        400,
        'Unable to perform query. Invalid format for time span. Use string format of UTC.',
      );
    }
    range = { from: from.ms, to: to.ms };
  }
  const events = storage.events.instanceEvents(own.id).filter((e) => {
    if (types.length > 0 && !types.includes(e.eventType)) return false;
    if (range) {
      const at = Date.parse(e.created);
      if (at < range.from || at > range.to) return false;
    }
    return true;
  });
  return storage.send(res, log, 200, { instanceEvents: events.map(storageJson) });
}

/**
 * POST …/complete when the org's confirmation is new: Storage's `ConfirmedComplete` instance event, the caller
 * as `user`, the instance's process as `processInfo` (InstancesController.cs:663-668,701-704; InstanceEventService.cs:33-56).
 * A repeat returns before it, so no event.
 */
export function recordConfirmedComplete(
  storage: FakeAltinnStorage,
  instance: FakeInstance,
  who: FakeTokenInfo,
  at: string,
): void {
  const process = instance.acted?.process ?? (storage.instanceJson(instance).process as Record<string, unknown>);
  storage.events.addInstanceEvent({
    instanceId: instance.id,
    created: at,
    eventType: 'ConfirmedComplete',
    instanceOwnerPartyId: instance.partyId,
    user: userOf(who),
    processInfo: stripNulls(clone(process)) as Record<string, unknown>,
  });
}

/** InstanceEvent as Storage writes it (Newtonsoft, nulls left out), in the model's member order. */
function storageJson(e: FakeInstanceEvent): Record<string, unknown> {
  return stripNulls({
    id: e.id,
    instanceId: e.instanceId,
    dataId: e.dataId ?? null,
    created: e.created,
    eventType: e.eventType,
    instanceOwnerPartyId: e.instanceOwnerPartyId,
    user: e.user,
    processInfo: e.processInfo ?? null,
  }) as Record<string, unknown>;
}

interface HistoryItem {
  eventType?: string;
  elementId?: string;
  occured?: string;
  started?: string;
  ended?: string;
  performedBy?: string;
}

/**
 * ProcessHelper.MapInstanceEventsToProcessHistory (:20-106) over the instance's `process*` events in `created`
 * order: StartEvent adds {elementId: startEvent, occured: processInfo.started ?? created}; StartTask sets `started`
 * = created on the first item with its task id, else adds one whose started and occured are processInfo.started
 * (the process's start) ?? created; EndTask sets `ended` = created on that item, else adds one with
 * processInfo.ended ?? created; EndEvent adds {elementId: endEvent, occured: processInfo.ended}; AbandonTask is
 * not mapped. `performedBy` (:108-124): nationalIdentityNumber, else orgId, else systemUserOwnerOrgNo, else "".
 */
function processHistory(events: FakeInstanceEvent[]): HistoryItem[] {
  const history: HistoryItem[] = [];
  for (const e of events) {
    const info = (e.processInfo ?? {}) as {
      started?: string;
      ended?: string;
      startEvent?: string;
      endEvent?: string;
      currentTask?: { elementId?: string };
    };
    const by = e.user.nationalIdentityNumber || e.user.orgId || e.user.systemUserOwnerOrgNo || '';
    const taskId = info.currentTask?.elementId;
    const item = () => history.find((i) => i.elementId !== undefined && i.elementId === taskId);
    switch (e.eventType) {
      case 'process_StartEvent':
        history.push({
          eventType: e.eventType,
          elementId: info.startEvent,
          occured: info.started ?? e.created,
          performedBy: by,
        });
        break;
      case 'process_EndEvent':
        history.push({ eventType: e.eventType, elementId: info.endEvent, occured: info.ended, performedBy: by });
        break;
      case 'process_StartTask': {
        const found = item();
        if (found) found.started = e.created;
        else {
          const at = info.started ?? e.created;
          history.push({ eventType: e.eventType, elementId: taskId, started: at, occured: at, performedBy: by });
        }
        break;
      }
      case 'process_EndTask': {
        const found = item();
        if (found) found.ended = e.created;
        else {
          const at = info.ended ?? e.created;
          history.push({ eventType: e.eventType, elementId: taskId, ended: at, occured: at, performedBy: by });
        }
        break;
      }
    }
  }
  return history.map((i) => stripNulls(i) as HistoryItem);
}

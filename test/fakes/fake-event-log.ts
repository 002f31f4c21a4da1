import { randomUUID } from 'node:crypto';

/**
 * What the fake Storage and app API record when they change an instance: Storage's instance events (the
 * per-instance activity log, shared/reference/maskinporten-altinn.md §3.9 "Who writes which event") and the
 * app's CloudEvents (§3.8 "Which events an app emits"). Every write of test/fakes/app-writes.ts appends
 * here; the events routes (issue 20) serve from it.
 */

/** `PlatformUser` (storage Storage.Interface/Models/PlatformUser.cs:12-61); null members are left out. */
export interface FakePlatformUser {
  userId?: number;
  orgId?: string;
  /** A non-nullable int in Storage: always present. */
  authenticationLevel: number;
  nationalIdentityNumber?: string;
  systemUserId?: string;
  systemUserOwnerOrgNo?: string;
}

export type FakeInstanceEventType =
  | 'Created'
  | 'Saved'
  | 'Submited'
  | 'Deleted'
  | 'ConfirmedComplete'
  | 'SubstatusUpdated'
  | 'process_StartEvent'
  | 'process_EndEvent'
  | 'process_StartTask'
  | 'process_EndTask'
  | 'process_AbandonTask';

/** `InstanceEvent` (storage Storage.Interface/Models/InstanceEvent.cs:12-99), nulls left out. */
export interface FakeInstanceEvent {
  id: string;
  /** `{partyId}/{guid}` */
  instanceId: string;
  dataId?: string;
  created: string;
  eventType: FakeInstanceEventType;
  instanceOwnerPartyId: string;
  user: FakePlatformUser;
  /** The instance's ProcessState when the event was made. */
  processInfo?: Record<string, unknown>;
}

/** A CloudEvent 1.0 as Altinn Events stores an app's event (§3.8 "Event shape"); there is no `data`. */
export interface FakeCloudEvent {
  specversion: '1.0';
  id: string;
  /** Events' clock at registration. */
  time: string;
  /** `{appBase}/instances/{partyId}/{guid}` */
  source: string;
  /** `/party/{partyId}` */
  subject: string;
  type: string;
  /** `/org/{orgno}` or `/person/{ssn}`; absent when the owner has neither. */
  alternativesubject?: string;
  resource: string;
  resourceinstance: string;
}

export interface FakeEventLog {
  /**
   * Events shows an event only once it was registered at least this long ago (default 30 s, as Altinn:
   * getappevents.sql:29, §3.8 "Selection"). Tests set it; the events route (fake-events-api.ts) reads it.
   */
  visibilityDelayMs: number;
  /** Storage's instance event, appended in the order the fake's writes make them. */
  addInstanceEvent(event: Omit<FakeInstanceEvent, 'id'> & { id?: string }): FakeInstanceEvent;
  /** An app CloudEvent (the app registers it with Events). */
  addCloudEvent(event: Omit<FakeCloudEvent, 'specversion' | 'id'> & { id?: string }): FakeCloudEvent;
  /** One instance's events, ordered by `created` (then by the order they were written), as Storage lists them. */
  instanceEvents(instanceId: string): FakeInstanceEvent[];
  /** Every CloudEvent in registration order (Events' `sequenceno`), of one app when `appId` is given. */
  cloudEvents(appId?: string): FakeCloudEvent[];
  /** Every instance event of every instance, in the order written. */
  allInstanceEvents(): FakeInstanceEvent[];
}

export function createFakeEventLog(): FakeEventLog {
  const instanceEvents: FakeInstanceEvent[] = [];
  const cloudEvents: FakeCloudEvent[] = [];
  return {
    visibilityDelayMs: 30_000,
    addInstanceEvent(event) {
      const stored: FakeInstanceEvent = { ...event, id: event.id ?? randomUUID() };
      instanceEvents.push(stored);
      return stored;
    },
    addCloudEvent(event) {
      const stored: FakeCloudEvent = { specversion: '1.0', ...event, id: event.id ?? randomUUID() };
      cloudEvents.push(stored);
      return stored;
    },
    instanceEvents(instanceId) {
      // filterinstanceevent.sql:14 orders by created; a stable sort keeps the written order within a tie.
      return instanceEvents
        .filter((e) => e.instanceId === instanceId)
        .sort((a, b) => Date.parse(a.created) - Date.parse(b.created));
    },
    cloudEvents(appId) {
      if (!appId) return [...cloudEvents];
      const resource = `urn:altinn:resource:app_${appId.replace('/', '_')}`;
      return cloudEvents.filter((e) => e.resource === resource);
    },
    allInstanceEvents() {
      return [...instanceEvents];
    },
  };
}

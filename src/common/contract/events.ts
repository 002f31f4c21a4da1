import { z } from 'zod';
import type { AppErrorJson } from '../errors/app-error';
import { instanceIdSchema } from '../schemas/instance-types';
import { appIdSchema } from '../schemas/profile';
import { channel } from './define';

/**
 * What happened in an app, and to one instance (issue 20; shared/reference/maskinporten-altinn.md §3.8, §3.9):
 * the app's CloudEvents from Altinn Events, read page by page or followed as they come, and one instance's
 * history from Storage's instance events and process history. Main reads; the window shows.
 */

/**
 * One CloudEvent as Altinn Events gave it (structured JSON, no `data`). The members the app reads are named;
 * anything else Altinn adds passes through untouched (`mpd events --json` prints what Altinn sent).
 */
export interface AppEvent {
  specversion: string;
  id: string;
  /** Events' clock when the event was registered (not the app's). */
  time: string;
  type: string;
  /** `{appBase}/instances/{partyId}/{guid}` */
  source: string;
  /** `/party/{partyId}` */
  subject?: string;
  /** `/org/{orgno}` or `/person/{ssn}`; absent when the owner has neither. */
  alternativesubject?: string;
  /** `urn:altinn:resource:app_{org}_{app}` */
  resource?: string;
  /** `{partyId}/{guid}` */
  resourceinstance?: string;
  [member: string]: unknown;
}

/** A time with its zone, as Events wants `from` and `to` (AppController.cs:221-229 refuses one without). */
const zonedTime = z
  .string()
  .max(40)
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/,
    'a time with its zone, e.g. 2026-05-01T08:00:00Z',
  )
  .refine((v) => Number.isFinite(Date.parse(v)), 'not a valid time');

/**
 * The Events API's filters. `from` or `after` is required. `types` are matched case-insensitively with `%` (any
 * run) and `_` (one character) as wildcards. `party` is Altinn's party id; `unit` (organisation number) and
 * `person` (national identity number, sent as a header) are looked up in Register — only one of party, unit and
 * person.
 */
export const eventsQuerySchema = z
  .strictObject({
    from: zonedTime.optional(),
    after: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9._~-]+$/, 'an event id (a GUID)')
      .optional(),
    to: zonedTime.optional(),
    types: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
    party: z.number().int().min(1).max(2_147_483_647).optional(),
    unit: z
      .string()
      .regex(/^\d{9}$/, 'an organisation number is 9 digits')
      .optional(),
    person: z
      .string()
      .regex(/^\d{11}$/, 'a national identity number is 11 digits')
      .optional(),
  })
  .refine((q) => q.from !== undefined || q.after !== undefined, { message: 'give from or after', path: ['from'] })
  .refine((q) => [q.party, q.unit, q.person].filter((v) => v !== undefined).length <= 1, {
    message: 'only one of party, unit and person',
    path: ['party'],
  });
export type EventsQuery = z.output<typeof eventsQuerySchema>;

export interface EventsPage {
  /** In Altinn's order (registration order). */
  events: AppEvent[];
  /** The id of the last event read: the next read starts `after` it. Absent when nothing has come yet. */
  after?: string;
  /**
   * Altinn answered an empty page: there is nothing more now. (Events sends a `next` link on every non-empty
   * page, so the end is only known from an empty one; new events may still come.)
   */
  end: boolean;
  /** Requests made for this read. */
  requests: number;
}

/** What a follow in main reports to the window, each time it polls. */
export interface EventsFollowUpdate {
  followId: string;
  /** New events since the last update, in Altinn's order. */
  events: AppEvent[];
  state: 'reading' | 'waiting' | 'stopped' | 'failed';
  /** While waiting: when it polls again (ISO). */
  nextPollAt?: string;
  /** The last id seen. */
  after?: string;
  /** A poll that failed; a retryable failure keeps the follow going (state waiting), any other stops it. */
  error?: AppErrorJson;
}

/** Who did something to an instance, from the instance event's `user` (PlatformUser). */
export interface HistoryActor {
  kind: 'org' | 'person' | 'user' | 'system-user' | 'unknown';
  /** The service owner's code, e.g. `ttd`. */
  org?: string;
  nationalIdentityNumber?: string;
  userId?: number;
  systemUserOwnerOrgNo?: string;
  systemUserName?: string;
}

export type HistoryKind =
  | 'created'
  | 'data-added'
  | 'data-replaced'
  | 'data-deleted'
  | 'process-started'
  | 'task-started'
  | 'task-ended'
  | 'task-abandoned'
  | 'process-ended'
  | 'submitted'
  | 'substatus'
  | 'confirmed'
  | 'deleted'
  | 'undeleted'
  | 'other';

/** One thing that happened to an instance. */
export interface HistoryEntry {
  /** ISO time. */
  at: string;
  kind: HistoryKind;
  /** Storage's name of the event (`Created`, `process_StartTask`, … — `Submited` as Altinn spells it). */
  eventType: string;
  by: HistoryActor;
  task?: { id: string; name: string | null; type: string | null };
  data?: { id: string; dataType: string | null; filename: string | null; deletedLater: boolean };
  /** For the last substatus change only: the substatus the instance has now. */
  substatus?: { label: string; description: string | null };
  /** Where the entry comes from: an instance event, or a process-history item no instance event gave. */
  source: 'instance-events' | 'process-history';
  eventId?: string;
}

/** One task of the process: when it was entered and left (from the instance events). */
export interface HistoryTask {
  id: string;
  name: string | null;
  started: string | null;
  ended: string | null;
}

export interface InstanceHistory {
  instanceId: string;
  appId: string;
  /** Oldest first. */
  entries: HistoryEntry[];
  tasks: HistoryTask[];
}

const profileId = z.string().min(1).max(64);

export const eventsChannels = {
  /** Read the app's events following Altinn's pages until `limit` events or an empty page. */
  'events:list': channel<EventsPage>()(
    z.strictObject({
      profileId,
      appId: appIdSchema,
      query: eventsQuerySchema,
      limit: z.number().int().min(1).max(1000).optional(),
    }),
  ),
  /** Follow the app's new events in main (polling `after` the last one); updates come as `events:followed`. */
  'events:follow': channel<{ followId: string }>()(
    z.strictObject({ profileId, appId: appIdSchema, query: eventsQuerySchema }),
  ),
  'events:unfollow': channel<{ stopped: boolean }>()(z.strictObject({ followId: z.string().min(1).max(64) })),
  /** One instance's history: its instance events and process history, merged in time order. */
  'events:instance-history': channel<InstanceHistory>()(
    z.strictObject({
      profileId,
      instanceId: instanceIdSchema,
      appId: appIdSchema.optional(),
      /** The lastChanged of the details the window shows (recent-instances.ts: that read is not repeated). */
      lastChanged: z.string().max(40).optional(),
    }),
  ),
};

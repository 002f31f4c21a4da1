import { randomUUID } from 'node:crypto';
import type {
  AppEvent,
  EventsFollowUpdate,
  EventsPage,
  EventsQuery,
  InstanceHistory,
} from '../../common/contract/events';
import { AppError, SeamErrors } from '../../common/errors/app-error';
import { EventsErrors } from '../../common/errors/events-errors';
import type { EventBus } from '../platform/event-bus';
import type { Logger } from '../platform/log';
import type { RetryPolicy } from '../platform/retry';
import type { StorageContext } from '../storage/storage-context';
import { DEFAULT_FOLLOW_BACKOFF, followEvents } from './events-follow';
import { checkEventsQuery } from './events-query';
import { readEvents } from './events-reader';
import { readInstanceHistory } from './instance-history';

export interface EventsServiceDeps {
  storageFor(profileId: string): Promise<StorageContext>;
  bus: EventBus;
  now(): Date;
  log?: Logger;
  /** Waits of a follow while nothing comes (tests shorten them). */
  followBackoff?: { firstMs: number; maxMs: number };
  retry?: RetryPolicy;
}

export interface ReadInput {
  profileId: string;
  appId: string;
  query: EventsQuery;
  /** Stop after this many events (default: every page to the end). */
  limit?: number;
  /** Events per request (default Altinn's 50). */
  size?: number;
  signal?: AbortSignal;
  onPage?(events: AppEvent[]): void | Promise<void>;
}

/** The GUI's reads: at most this many events per call, then "Last flere" continues `after` the last. */
const WINDOW_LIMIT = 100;

/**
 * An app's events and an instance's history for the window and `mpd` (issue 20): reads page by page, follows
 * (the CLI's `--follow` in its own process; the window's in main, reported as `events:followed` push events —
 * one at a time, a new one stops the one before), and reads an instance's history. Every request uses the
 * profile's Altinn token, sent only to the environment's own Storage and Events hosts.
 */
/** A follow waits for events still to come: a `to` would end it before they do (the CLI refuses --follow --to too). */
function followable(query: EventsQuery): EventsQuery {
  const checked = checkEventsQuery(query);
  if (checked.to) {
    throw new AppError(EventsErrors.QUERY_INVALID, 'A follow waits for new events; leave out "to"', {
      details: { outcome: 'not-sent' },
    });
  }
  return checked;
}

export function createEventsService(deps: EventsServiceDeps) {
  const follows = new Map<string, AbortController>();

  async function client(profileId: string) {
    return (await deps.storageFor(profileId)).client;
  }

  function stop(followId: string): boolean {
    const controller = follows.get(followId);
    if (!controller) return false;
    follows.delete(followId);
    controller.abort();
    return true;
  }

  /** Every page from the query's start until an empty page, or `limit` events. */
  async function read(input: ReadInput): Promise<EventsPage> {
    const query = checkEventsQuery(input.query);
    return readEvents(await client(input.profileId), input.appId, query, {
      limit: input.limit,
      size: input.size,
      signal: input.signal,
      retry: deps.retry,
      onPage: input.onPage,
    });
  }

  return {
    read,

    /** The window's page: up to 100 events (Altinn's pages of 50 followed). */
    list(input: { profileId: string; appId: string; query: EventsQuery; limit?: number }): Promise<EventsPage> {
      return read({ ...input, limit: input.limit ?? WINDOW_LIMIT });
    },

    /** Follow in this process until the signal ends it (`mpd events --follow`). */
    async follow(
      input: { profileId: string; appId: string; query: EventsQuery; size?: number },
      handlers: Omit<Parameters<typeof followEvents>[3], 'backoff'> & { backoff?: { firstMs: number; maxMs: number } },
    ): Promise<void> {
      const query = followable(input.query);
      await followEvents(await client(input.profileId), input.appId, query, {
        backoff: deps.followBackoff ?? DEFAULT_FOLLOW_BACKOFF,
        size: input.size,
        retry: deps.retry,
        ...handlers,
      });
    },

    /** Start a follow in main for the window; its news come as `events:followed`. Stops any follow before it. */
    async startFollow(input: { profileId: string; appId: string; query: EventsQuery }): Promise<{ followId: string }> {
      const query = followable(input.query);
      const api = await client(input.profileId);
      for (const id of [...follows.keys()]) stop(id);
      const followId = randomUUID();
      const controller = new AbortController();
      follows.set(followId, controller);
      const emit = (update: Omit<EventsFollowUpdate, 'followId' | 'events'> & { events?: AppEvent[] }) =>
        deps.bus.emit('events:followed', { followId, events: [], ...update });
      let after = query.after;
      followEvents(api, input.appId, query, {
        signal: controller.signal,
        backoff: deps.followBackoff ?? DEFAULT_FOLLOW_BACKOFF,
        retry: deps.retry,
        onRead: () => emit({ state: 'reading', ...(after ? { after } : {}) }),
        onEvents: (events, last) => {
          after = last;
          emit({ events, state: 'reading', after });
        },
        onWait: (ms, error) =>
          emit({
            state: 'waiting',
            nextPollAt: new Date(deps.now().getTime() + ms).toISOString(),
            ...(after ? { after } : {}),
            ...(error ? { error: error.toJSON() } : {}),
          }),
      })
        .then(() => emit({ state: 'stopped', ...(after ? { after } : {}) }))
        .catch((error: unknown) => {
          const failure =
            error instanceof AppError
              ? error
              : new AppError(SeamErrors.INTERNAL, `Following stopped: ${String(error)}`);
          deps.log?.warn('events follow stopped', { code: failure.code, message: failure.message });
          emit({ state: 'failed', error: failure.toJSON(), ...(after ? { after } : {}) });
        })
        .finally(() => follows.delete(followId));
      return { followId };
    },

    stopFollow(followId: string): { stopped: boolean } {
      if (!stop(followId)) {
        throw new AppError(EventsErrors.FOLLOW_NOT_FOUND, `No follow ${followId.slice(0, 64)} is running`);
      }
      return { stopped: true };
    },

    /** Stop every follow (the window closed). */
    stopAll(): void {
      for (const id of [...follows.keys()]) stop(id);
    },

    /** `appId`: the app the caller means; an instance of another app is refused as not found. */
    async instanceHistory(input: {
      profileId: string;
      instanceId: string;
      appId?: string;
      /** The lastChanged of the instance the caller shows: a read of it moments ago is used, not repeated. */
      lastChanged?: string;
      signal?: AbortSignal;
    }): Promise<InstanceHistory> {
      return readInstanceHistory(await client(input.profileId), input.instanceId, {
        appId: input.appId,
        lastChanged: input.lastChanged,
        signal: input.signal,
        retry: deps.retry,
      });
    },
  };
}

export type EventsService = ReturnType<typeof createEventsService>;

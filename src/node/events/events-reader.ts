import { z } from 'zod';
import type { AppEvent, EventsPage, EventsQuery } from '../../common/contract/events';
import { AppError } from '../../common/errors/app-error';
import { EventsErrors } from '../../common/errors/events-errors';
import { StorageErrors } from '../../common/errors/storage-errors';
import { redact } from '../platform/log';
import { defaultRetryPolicy, parseRetryAfter, type RetryPolicy, withRetry } from '../platform/retry';
import { DEFAULT_PAGE_SIZE, eventsPageUrl } from './events-query';

/**
 * Reading an app's events from Altinn Events (shared/reference/maskinporten-altinn.md §3.8; altinn-events@d7232ac
 * src/Events/Controllers/AppController.cs, Migration/FunctionsAndProcedures/getappevents.sql).
 *
 * Paging: Events orders by registration and answers at most `size` events after `after`; it sends a `next` header
 * on every non-empty page and none on an empty one (AppController.cs:254-272), so the end is the first empty
 * page. The `next` link is not requested as it stands: Altinn writes the other query values into it decoded and
 * not encoded again (:263-268), so a `%` wildcard of `type` or a `+` of a time would change meaning. The same
 * query is sent again with `after` = the last event's id, which is the `after` of `next` (:263) — and the
 * token only ever goes to URLs built from the environment's Events base (StorageClient.eventsGet checks each).
 */

/** What the reads need of a profile's Altinn client (StorageClient implements it). */
export interface EventsApi {
  readonly eventsApiBase: string;
  eventsGet(url: string, init: { headers: Headers; signal?: AbortSignal }): Promise<Response>;
}

export interface PageOptions {
  /** Start after this event id (the cursor); default the query's own `after`. */
  after?: string;
  size?: number;
  signal?: AbortSignal;
  retry?: RetryPolicy;
  now?: () => number;
}

/** One CloudEvent: the members the app reads must be there; the rest passes through (§3.8 "Event shape"). */
const cloudEventSchema = z.looseObject({
  specversion: z.string(),
  id: z.string().min(1),
  time: z.string(),
  type: z.string(),
  source: z.string(),
  subject: z.string().optional(),
  alternativesubject: z.string().optional(),
  resource: z.string().optional(),
  resourceinstance: z.string().optional(),
});
const pageSchema = z.array(cloudEventSchema);

/** One page of events; throws an AppError that says what Altinn meant. */
export async function readEventsPage(
  api: EventsApi,
  appId: string,
  query: EventsQuery,
  options: PageOptions = {},
): Promise<{ events: AppEvent[]; next: boolean }> {
  const url = eventsPageUrl(
    api.eventsApiBase,
    appId,
    query,
    options.after ?? query.after,
    options.size ?? DEFAULT_PAGE_SIZE,
  );
  const headers = new Headers({ Accept: 'application/cloudevents+json, application/json' });
  // The person filter is a header, not in the query (AppController.cs:126), so it is never in a `next` link.
  if (query.person) headers.set('person', query.person);
  return withRetry(
    async () => {
      const response = await api.eventsGet(url, { headers, signal: options.signal });
      const text = await response.text().catch(() => '');
      if (response.status !== 200) {
        throw refusal(response.status, text, query, response.headers.get('retry-after'), options.now ?? Date.now);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new AppError(
          StorageErrors.BAD_RESPONSE,
          `Altinn Events answered ${pathOf(url)} with something that is not JSON`,
        );
      }
      const parsed = pageSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError(
          StorageErrors.BAD_RESPONSE,
          `Unexpected answer from Altinn Events: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
        );
      }
      return { events: parsed.data as AppEvent[], next: response.headers.has('next') };
    },
    { policy: options.retry ?? defaultRetryPolicy, signal: options.signal },
  );
}

export interface ReadOptions extends Omit<PageOptions, 'after'> {
  /** Stop once this many events are read (the last page may bring a few more than needed: they are kept out). */
  limit?: number;
  /** Start after this id instead of the query's `after`/`from` start. */
  after?: string;
  /** Each non-empty page as it comes (`mpd events` prints as it reads). */
  onPage?(events: AppEvent[]): void | Promise<void>;
}

/** Every page from the start (or `after`) until an empty page or `limit` events. */
export async function readEvents(
  api: EventsApi,
  appId: string,
  query: EventsQuery,
  options: ReadOptions = {},
): Promise<EventsPage> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const size = options.size ?? DEFAULT_PAGE_SIZE;
  const events: AppEvent[] = [];
  let after = options.after ?? query.after;
  let requests = 0;
  let end = false;
  while (events.length < limit) {
    const page = await readEventsPage(api, appId, query, {
      ...options,
      after,
      size: Math.min(size, limit - events.length),
    });
    requests++;
    if (page.events.length === 0) {
      end = true;
      break;
    }
    const taken = page.events.slice(0, limit - events.length);
    events.push(...taken);
    after = (taken.at(-1) as AppEvent).id;
    await options.onPage?.(taken);
  }
  return { events, ...(after ? { after } : {}), end, requests };
}

/** Altinn's answer turned into what it means for the person (§3.8 "Checks, in order"). */
function refusal(
  status: number,
  text: string,
  query: EventsQuery,
  retryAfter: string | null,
  now: () => number,
): AppError {
  const body = parseBody(text);
  const detail = redact(problemText(body) ?? text.replace(/\s+/g, ' ').trim()).slice(0, 300);
  const details = { status, ...(detail ? { body: detail } : {}) };
  if (status === 401) {
    // AppController.cs:130-134: a token without an org claim gets 401 with this JSON string.
    if (typeof body === 'string' && /only orgs/i.test(body)) {
      return new AppError(EventsErrors.NOT_AN_ORG, `Altinn Events: "${body}" — the token has no service-owner org`, {
        details,
      });
    }
    return new AppError(
      EventsErrors.UNAUTHORIZED,
      'Altinn Events refused the token even after a fresh one was fetched (401)',
      { details },
    );
  }
  if (status === 403) return new AppError(EventsErrors.FORBIDDEN, 'Altinn Events refused access (403)', { details });
  if (status === 404 && (query.unit || query.person)) {
    return new AppError(
      EventsErrors.PARTY_UNKNOWN,
      `Altinn does not know the ${query.unit ? 'organisation number' : 'national identity number'} given (404)`,
      { details },
    );
  }
  if (status === 429 || status === 408 || status >= 500) {
    return new AppError(StorageErrors.UNAVAILABLE, `Altinn Events answered ${status}`, {
      details: { ...details, retryable: true, retryAfterMs: parseRetryAfter(retryAfter, now()) },
    });
  }
  if (status === 404)
    return new AppError(StorageErrors.NOT_FOUND, 'Altinn Events has no such route (404)', { details });
  return new AppError(
    EventsErrors.QUERY_REFUSED,
    `Altinn Events refused the query (${status})${detail ? `: ${detail}` : ''}`,
    {
      details,
    },
  );
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** ProblemDetails' `detail`, a validation problem's `errors`, or a JSON string. */
function problemText(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (!body || typeof body !== 'object') return undefined;
  const problem = body as { detail?: unknown; title?: unknown; errors?: unknown };
  if (typeof problem.detail === 'string') return problem.detail;
  if (problem.errors && typeof problem.errors === 'object') {
    return Object.entries(problem.errors as Record<string, unknown>)
      .map(([field, messages]) => `${field}: ${Array.isArray(messages) ? messages.join(' ') : String(messages)}`)
      .join('; ');
  }
  return typeof problem.title === 'string' ? problem.title : undefined;
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

import { type EventsQuery, eventsQuerySchema } from '../../common/contract/events';
import { AppError } from '../../common/errors/app-error';
import { EventsErrors } from '../../common/errors/events-errors';
import { describeZodError } from '../../common/errors/zod-issues';

/**
 * The query of Altinn Events' app route, `GET {events}/app/{org}/{app}` (shared/reference/maskinporten-altinn.md
 * §3.8; altinn-events@d7232ac src/Events/Controllers/AppController.cs:111-128): `after` (an event id, exclusive),
 * `from`/`to` (inclusive, with a zone), `party`, `unit`, `type` repeated, `size` (default 50); `person` is a header.
 */

/** Altinn's default page size (AppController.cs:128). */
export const DEFAULT_PAGE_SIZE = 50;

/**
 * The query checked before anything is sent (the window's input is checked by the contract already; `mpd` and
 * other callers come through here too), with `from` and `to` in UTC: Events compares them with the event's `time`
 * as text (getappevents.sql:36-37), and UTC with `Z` keeps a `+` out of the query.
 */
export function checkEventsQuery(query: EventsQuery): EventsQuery {
  const parsed = eventsQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw new AppError(
      EventsErrors.QUERY_INVALID,
      `The events query cannot be sent: ${describeZodError(parsed.error)}`,
      {
        details: { outcome: 'not-sent' },
      },
    );
  }
  const q = parsed.data;
  return {
    ...q,
    ...(q.from ? { from: new Date(q.from).toISOString() } : {}),
    ...(q.to ? { to: new Date(q.to).toISOString() } : {}),
  };
}

/** The URL of one page: the query with `after` (the cursor, when there is one) and `size`. */
export function eventsPageUrl(
  base: string,
  appId: string,
  query: EventsQuery,
  after: string | undefined,
  size: number,
): string {
  const [org, app] = appId.split('/') as [string, string];
  const params = new URLSearchParams();
  if (after) params.set('after', after);
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.party !== undefined) params.set('party', String(query.party));
  if (query.unit) params.set('unit', query.unit);
  for (const type of query.types ?? []) params.append('type', type);
  params.set('size', String(size));
  return `${base}/app/${encodeURIComponent(org)}/${encodeURIComponent(app)}?${params}`;
}

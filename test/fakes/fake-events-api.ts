import type { ServerResponse } from 'node:http';
import type { FakeAltinnStorage, FakeRequest, FakeTokenInfo } from './altinn-storage';
import { traceId } from './app-writes';
import { parseDotnetDateTime } from './fake-dotnet-date';
import type { FakeCloudEvent } from './fake-event-log';

/**
 * Altinn Events' query of an app's CloudEvents, `GET {platform}/events/api/v1/app/{org}/{app}`, served from the
 * fake's event log (fake-event-log.ts) as Altinn answers it (shared/reference/maskinporten-altinn.md §3.8;
 * altinn-events@d7232ac src/Events/Controllers/AppController.cs:111-156,214-272, Services/EventsService.cs:108-128,
 * Migration/FunctionsAndProcedures/getappevents.sql, Formatters/CloudEventJsonOutputFormatter.cs:31-56).
 *
 * Order of the answers: no token 401 → a value ASP.NET cannot bind (int, DateTime) 400 validation problem → no
 * org claim 401 "Only orgs can call this api" → the controller's checks (400 ProblemDetails) → a unit or person
 * Register does not know 404 → 200 with the page.
 */

const BAD_REQUEST_TYPE = 'https://tools.ietf.org/html/rfc9110#section-15.5.1';
const NOT_FOUND_TYPE = 'https://tools.ietf.org/html/rfc9110#section-15.5.5';
const PATH = /^\/events\/api\/v1\/app\/([^/]+)\/([^/]+)$/;

export function matchEventsApi(method: string, path: string): { org: string; app: string } | undefined {
  const m = PATH.exec(path);
  return m && method === 'GET'
    ? { org: decodeURIComponent(m[1] as string), app: decodeURIComponent(m[2] as string) }
    : undefined;
}

export async function serveEventsApi(
  storage: FakeAltinnStorage,
  route: { org: string; app: string },
  headers: Record<string, string | string[] | undefined>,
  res: ServerResponse,
  url: URL,
  log: FakeRequest,
  who: FakeTokenInfo | null,
): Promise<void> {
  log.kind = 'other';
  if (!who) return storage.send(res, log, 401, undefined);
  const q = url.searchParams;
  // [FromQuery] names bind case-insensitively; the first value wins for a scalar.
  const one = (name: string) => [...q.entries()].find(([k]) => k.toLowerCase() === name)?.[1];
  const all = (name: string) => [...q.entries()].filter(([k]) => k.toLowerCase() === name).map(([, v]) => v);

  // Model binding before the action: an int or DateTime that does not parse is [ApiController]'s 400.
  const errors: Record<string, string[]> = {};
  const int = (name: string): number | undefined => {
    const raw = one(name);
    if (raw === undefined || raw === '') return undefined;
    if (!/^[+-]?\d{1,10}$/.test(raw.trim()) || Math.abs(Number(raw)) > 2_147_483_647) {
      errors[name] = [`The value '${raw}' is not valid.`];
      return undefined;
    }
    return Number(raw);
  };
  const date = (name: string): { ms: number; zoned: boolean } | undefined => {
    const raw = one(name);
    if (raw === undefined || raw === '') return undefined;
    const parsed = parseDotnetDateTime(raw);
    if (!parsed) errors[name] = [`The value '${raw}' is not valid for ${name}.`];
    return parsed;
  };
  const party = int('party') ?? 0;
  const size = int('size') ?? 50;
  const from = date('from');
  const to = date('to');
  if (Object.keys(errors).length > 0) {
    return storage.send(res, log, 400, {
      type: BAD_REQUEST_TYPE,
      title: 'One or more validation errors occurred.',
      status: 400,
      errors,
      traceId: traceId(),
    });
  }

  // AppController.cs:130-134: `StatusCode(401, "Only orgs can call this api")`, a JSON string.
  if (!who.org) return storage.send(res, log, 401, 'Only orgs can call this api');

  const after = one('after');
  const unit = one('unit');
  const personHeader = headers.person;
  const person = Array.isArray(personHeader) ? personHeader[0] : personHeader;
  const problem = checkQuery({ after, from, to, size, person, unit, party });
  if (problem) {
    return storage.send(res, log, 400, {
      type: BAD_REQUEST_TYPE,
      title: 'Bad Request',
      status: 400,
      detail: problem,
      traceId: traceId(),
    });
  }

  // EventsService.cs:110-115: unit or person are looked up in Register (a 404 there is a bare NotFound()).
  let partyId = party;
  if ((person || unit) && party <= 0) {
    const found = storage.writes.parties.find((p) => (unit ? p.orgNumber === unit : p.ssn === person));
    if (!found) {
      return storage.send(res, log, 404, { type: NOT_FOUND_TYPE, title: 'Not Found', status: 404, traceId: traceId() });
    }
    partyId = found.partyId;
  }
  const subject = partyId === 0 ? undefined : `/party/${partyId}`;
  const types = all('type');

  const page = selectEvents(storage, {
    resource: `urn:altinn:resource:app_${route.org}_${route.app}`,
    subject,
    after,
    from: from?.ms,
    to: to?.ms,
    types,
    size,
  });
  // AuthorizationService.cs:59-66: the page is filtered through the app's policy (`read`); another org's app
  // gives [] (and so no `next`).
  const appId = `${route.org}/${route.app}`;
  const allowed = storage.writes.allows(who, storage.writes.app(appId), 'read') ? page : [];

  if (allowed.length > 0) res.setHeader('next', nextLink(storage.url, url, (allowed.at(-1) as FakeCloudEvent).id));
  const body = `[${allowed.map(serialize).join(', ')}]`;
  log.status = 200;
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/cloudevents+json; charset=utf-8');
  res.setHeader('Content-Length', String(Buffer.byteLength(body)));
  res.end(body);
}

/** AppController.ValidateQueryParams (:214-252), in its order; the first failure's message, or undefined. */
function checkQuery(p: {
  after?: string;
  from?: { zoned: boolean };
  to?: { zoned: boolean };
  size: number;
  person?: string;
  unit?: string;
  party: number;
}): string | undefined {
  if (!p.after && !p.from) return "The 'From' or 'After' parameter must be defined.";
  if (p.from && !p.from.zoned)
    return "The 'From' parameter must specify timezone. E.g. 2022-07-07T11:00:53.3917Z for UTC";
  if (p.to && !p.to.zoned) return "The 'To' parameter must specify timezone. E.g. 2022-07-07T11:00:53.3917Z for UTC";
  if (p.size < 1) return "The 'Size' parameter must be a number larger that 0.";
  if (p.person && p.party > 0) return "Only one of 'Party' or 'Person' can be defined.";
  if (p.unit && p.party > 0) return "Only one of 'Party' or 'Unit' can be defined.";
  if (p.unit && !/^\d{9}$/.test(p.unit)) return "Value of 'Unit' needs to be exactly 9 digits.";
  return undefined;
}

/**
 * getappevents.sql: the app's resource, then subject, time and type; after the first event with the `after` id
 * (an unknown id counts as 0: everything); only up to the last event registered at least the delay ago —
 * `MAX(sequenceno) WHERE registeredtime <= now() - 30 s`, which is NULL (no limit at all) while no event is
 * that old; ordered by sequenceno, LIMIT size.
 */
function selectEvents(
  storage: FakeAltinnStorage,
  q: { resource: string; subject?: string; after?: string; from?: number; to?: number; types: string[]; size: number },
): FakeCloudEvent[] {
  const all = storage.events.cloudEvents();
  const first = q.after ? all.findIndex((e) => e.id === q.after) : -1;
  const cutoff = storage.now().getTime() - storage.events.visibilityDelayMs;
  let last = -1;
  all.forEach((e, i) => {
    if (Date.parse(e.time) <= cutoff) last = i;
  });
  const noLimit = last === -1;
  const patterns = q.types.map(likePattern);
  const out: FakeCloudEvent[] = [];
  for (let i = first + 1; i < all.length && out.length < q.size; i++) {
    const e = all[i] as FakeCloudEvent;
    if (!noLimit && i > last) break;
    if (e.resource !== q.resource) continue;
    if (q.subject && e.subject !== q.subject) continue;
    // `cloudevent->>'time' >= to_json(_from)::text`: text against Postgres's rendering of the bound (in UTC:
    // …+00:00). The fake compares without to_json's quotes.
    if (q.from !== undefined && !(e.time >= postgresText(q.from))) continue;
    if (q.to !== undefined && !(e.time <= postgresText(q.to))) continue;
    if (patterns.length > 0 && !patterns.some((p) => p.test(e.type))) continue;
    out.push(e);
  }
  return out;
}

/** `ILIKE`: case-insensitive, `%` any run, `_` one character, `\` escapes. */
function likePattern(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i] as string);
    else if (c === '%') source += '.*';
    else if (c === '_') source += '.';
    else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`, 'is');
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `to_json(timestamptz)` in a UTC session: `2026-01-01T10:00:00.5+00:00` (fraction without trailing zeros). */
function postgresText(ms: number): string {
  const iso = new Date(ms).toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}+00:00`;
}

/**
 * AppController.SetNextLink (:254-272): `{BaseUri}{path}?after={last id}`, then every other query pair as
 * `&{key}={value}` — the value decoded and not encoded again, the keys grouped, only `after` (case-sensitive)
 * left out. Only for a non-empty page.
 */
function nextLink(base: string, url: URL, lastId: string): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of url.searchParams.entries()) {
    const existing = [...grouped.keys()].find((k) => k.toLowerCase() === key.toLowerCase());
    const list = grouped.get(existing ?? key) ?? [];
    list.push(value);
    grouped.set(existing ?? key, list);
  }
  let link = `${base}${url.pathname}?after=${lastId}`;
  for (const [key, values] of grouped) {
    if (key === 'after') continue;
    for (const value of values) link += `&${key}=${value}`;
  }
  return link;
}

/** A CloudEvent in structured JSON, the attributes in the order of the docs' example (§3.8 "Event shape"). */
function serialize(e: FakeCloudEvent): string {
  return JSON.stringify({
    specversion: e.specversion,
    id: e.id,
    time: e.time,
    source: e.source,
    subject: e.subject,
    type: e.type,
    ...(e.alternativesubject ? { alternativesubject: e.alternativesubject } : {}),
    resource: e.resource,
    resourceinstance: e.resourceinstance,
  });
}

/**
 * Reading an app's events (issue 20; shared/reference/maskinporten-altinn.md §3.8) through the real StorageClient
 * against the Storage fake's Events API: paging without gaps or repeats, every filter, the visibility delay, and
 * Altinn's refusals explained.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../src/common/contract/events';
import { createInstance } from '../../../src/node/acts/create-instance';
import { setSubstatus } from '../../../src/node/acts/instance-metadata-writes';
import { processNext } from '../../../src/node/acts/process-writes';
import { readEventsPage } from '../../../src/node/events/events-reader';
import { type FakeTokenInfo, simpleTokenCheck } from '../../fakes/altinn-storage';
import { ORG, PERSON } from '../acts/acts-harness';
import { eventsHarness } from './events-harness';

let e: Awaited<ReturnType<typeof eventsHarness>>;
afterEach(async () => e?.cleanup());

const FROM = '2026-05-01T00:00:00Z';
const read = (query: Record<string, unknown>, extra: { limit?: number; size?: number } = {}) =>
  e.service.read({ profileId: 'p1', appId: 'ttd/soknad', query: { from: FROM, ...query }, ...extra });
const eventRequests = () => e.fake.requests.filter((r) => r.path.startsWith('/events/api/v1/app/'));

describe("reading an app's events page by page", () => {
  it('follows the pages to the end without gaps or repeats, in registration order, and ends on the empty page', async () => {
    e = await eventsHarness();
    const planted = Array.from({ length: 11 }, (_, i) => {
      e.advance(1_000);
      return e.plant({ party: 50001 + (i % 3) });
    });
    e.plant({ appId: 'ttd/other' });
    const pages: number[] = [];
    const result = await e.service.read({
      profileId: 'p1',
      appId: 'ttd/soknad',
      query: { from: FROM },
      size: 4,
      onPage: (events) => {
        pages.push(events.length);
      },
    });
    expect(result.events.map((x) => x.id)).toEqual(planted.map((x) => x.id));
    expect(pages).toEqual([4, 4, 3]);
    expect(result).toMatchObject({ end: true, after: planted.at(-1)?.id, requests: 4 });
    const sent = eventRequests().map((r) => new URLSearchParams(r.query));
    expect(sent.map((q) => q.get('after'))).toEqual([null, planted[3]?.id, planted[7]?.id, planted[10]?.id]);
    // Every page asks the same question again (the `from` filter kept), only `after` moves.
    expect(sent.every((q) => q.get('from') === '2026-05-01T00:00:00.000Z' && q.get('size') === '4')).toBe(true);
  });

  it('stops at the limit; the next read continues after the last id it returned', async () => {
    e = await eventsHarness();
    const planted = Array.from({ length: 7 }, () => e.plant());
    const first = await read({}, { limit: 5, size: 3 });
    expect(first.events.map((x) => x.id)).toEqual(planted.slice(0, 5).map((x) => x.id));
    expect(first).toMatchObject({ end: false, after: planted[4]?.id, requests: 2 });
    // The second request asked for only the 2 still wanted.
    expect(new URLSearchParams(eventRequests()[1]?.query).get('size')).toBe('2');
    const rest = await read({ after: first.after }, { size: 3 });
    expect(rest.events.map((x) => x.id)).toEqual(planted.slice(5).map((x) => x.id));
    expect(rest.end).toBe(true);
  });

  it('a type with % wildcards keeps its meaning on every page (the `next` link is not sent back as Altinn wrote it)', async () => {
    e = await eventsHarness();
    const moved = Array.from({ length: 5 }, (_, i) => {
      e.plant({ type: 'app.instance.created' });
      return e.plant({ type: `app.instance.process.movedTo.Task_${i + 2}` });
    });
    const result = await read({ types: ['app.instance.process.movedTo.%'] }, { size: 2 });
    expect(result.events.map((x) => x.id)).toEqual(moved.map((x) => x.id));
    // Altinn's `next` carries `type=app.instance.process.movedTo.%` unencoded; we send `%25` each time.
    expect(eventRequests().every((r) => r.query.includes('type=app.instance.process.movedTo.%25'))).toBe(true);
  });
});

describe('each filter', () => {
  async function world() {
    e = await eventsHarness();
    const at = (minutes: number) => {
      e.advance(minutes * 60_000);
      return new Date(e.now()).toISOString();
    };
    at(0);
    const a = e.plant({
      party: ORG.partyId,
      type: 'app.instance.created',
      alternativesubject: `/org/${ORG.orgNumber}`,
    });
    const t1 = at(10);
    const b = e.plant({
      party: PERSON.partyId,
      type: 'app.instance.created',
      alternativesubject: `/person/${PERSON.ssn}`,
    });
    at(10);
    const c = e.plant({ party: ORG.partyId, type: 'app.instance.process.movedTo.Task_2' });
    const t2 = at(10);
    const d = e.plant({ party: ORG.partyId, type: 'app.instance.substatus.changed' });
    return { a, b, c, d, t1, t2 };
  }
  const ids = (events: AppEvent[]) => events.map((x) => x.id);

  it('from and to (inclusive, in UTC whatever zone they were given in)', async () => {
    const { b, c, t1, t2 } = await world();
    const oslo = new Date(Date.parse(t1) + 2 * 3600_000).toISOString().replace('Z', '+02:00');
    expect(ids((await read({ from: oslo, to: t2.replace(/\.\d+Z$/, 'Z') })).events)).toEqual([b.id, c.id]);
    expect(new URLSearchParams(eventRequests()[0]?.query).get('from')).toBe(t1);
  });

  it('party, unit (organisation number) and person (a header, never in the query)', async () => {
    const { a, b, c, d } = await world();
    expect(ids((await read({ party: ORG.partyId })).events)).toEqual([a.id, c.id, d.id]);
    expect(ids((await read({ unit: ORG.orgNumber })).events)).toEqual([a.id, c.id, d.id]);
    expect(ids((await read({ person: PERSON.ssn })).events)).toEqual([b.id]);
    expect(eventRequests().some((r) => r.query.includes(PERSON.ssn))).toBe(false);
  });

  it('type: exact, several, and with wildcards, case-insensitively', async () => {
    const { a, b, c, d } = await world();
    expect(ids((await read({ types: ['app.instance.created'] })).events)).toEqual([a.id, b.id]);
    expect(ids((await read({ types: ['APP.INSTANCE.SUBSTATUS.CHANGED', 'app.instance.process.%'] })).events)).toEqual([
      c.id,
      d.id,
    ]);
  });

  it('after: exclusive; an id Altinn does not know reads from the start (no error)', async () => {
    const { a, b, c, d } = await world();
    expect(
      ids((await e.service.read({ profileId: 'p1', appId: 'ttd/soknad', query: { after: b.id } })).events),
    ).toEqual([c.id, d.id]);
    const unknown = await e.service.read({
      profileId: 'p1',
      appId: 'ttd/soknad',
      query: { after: '0f0f0f0f-0000-4000-8000-000000000000' },
    });
    expect(ids(unknown.events)).toEqual([a.id, b.id, c.id, d.id]);
  });

  it('refuses before sending: neither from nor after, a time without its zone, two subjects', async () => {
    e = await eventsHarness();
    for (const query of [{}, { from: '2026-05-01T08:00' }, { from: FROM, party: 5, unit: ORG.orgNumber }]) {
      const error = await e.service
        .read({ profileId: 'p1', appId: 'ttd/soknad', query: query as never })
        .catch((x) => x);
      expect(error).toMatchObject({ code: 'EVENTS_QUERY_INVALID', details: { outcome: 'not-sent' } });
    }
    expect(eventRequests()).toHaveLength(0);
  });
});

describe('the delay before a new event is visible', () => {
  it('an event from the acts appears only once it is 30 s old', async () => {
    e = await eventsHarness();
    e.fake.events.visibilityDelayMs = 30_000;
    // Altinn always has older events; without one, the query's limit is NULL and shows everything.
    e.plant({ appId: 'ttd/other' });
    e.advance(60_000);
    const { instance } = await createInstance(e.h.world, {
      appId: 'ttd/soknad',
      owner: { kind: 'org', value: ORG.orgNumber },
    });
    expect((await read({})).events).toEqual([]);
    e.advance(29_999);
    expect((await read({})).events).toEqual([]);
    e.advance(1);
    const shown = await read({});
    expect(shown.events.map((x) => [x.type, x.resourceinstance])).toEqual([['app.instance.created', instance.id]]);
  });
});

describe("Altinn's refusals, explained", () => {
  const tokens = (t: string): FakeTokenInfo | null =>
    t.startsWith('noorg-') ? { org: '', scopes: ['altinn:serviceowner/instances.read'] } : simpleTokenCheck(t);

  it('401 "Only orgs can call this api" → EVENTS_NOT_AN_ORG (after one fresh token)', async () => {
    e = await eventsHarness({ validateToken: tokens });
    const stub = e.h.client as unknown as { options: { tokens: { getAltinnToken(): Promise<string> } } };
    stub.options.tokens.getAltinnToken = async () => 'noorg-1';
    const error = await read({}).catch((x) => x);
    expect(error.code).toBe('EVENTS_NOT_AN_ORG');
    expect(error.message).toContain('Only orgs can call this api');
    expect(eventRequests()).toHaveLength(2);
  });

  it('401 for a token Altinn does not accept → EVENTS_UNAUTHORIZED', async () => {
    e = await eventsHarness({ validateToken: () => null });
    const error = await read({}).catch((x) => x);
    expect(error.code).toBe('EVENTS_UNAUTHORIZED');
  });

  it("403 → EVENTS_FORBIDDEN, 400 → EVENTS_QUERY_REFUSED with Altinn's detail, unknown unit → EVENTS_PARTY_UNKNOWN", async () => {
    e = await eventsHarness();
    const api = {
      eventsApiBase: e.client.eventsApiBase,
      eventsGet: async (url: string, init: { headers: Headers; signal?: AbortSignal }) =>
        url.includes('forbid') ? new Response('', { status: 403 }) : e.client.eventsGet(url, init),
    };
    const forbidden = await readEventsPage(api, 'ttd/soknad', { from: FROM, types: ['forbid'] }).catch((x) => x);
    expect(forbidden.code).toBe('EVENTS_FORBIDDEN');
    const refused = await readEventsPage(e.client, 'ttd/soknad', { from: '2026-05-01T00:00:00' }).catch((x) => x);
    expect(refused.code).toBe('EVENTS_QUERY_REFUSED');
    expect(refused.message).toContain("The 'From' parameter must specify timezone");
    const unknown = await read({ unit: '999999999' }).catch((x) => x);
    expect(unknown.code).toBe('EVENTS_PARTY_UNKNOWN');
  });

  it('5xx is retried, then reported as STORAGE_UNAVAILABLE', async () => {
    e = await eventsHarness();
    let calls = 0;
    const api = {
      eventsApiBase: e.client.eventsApiBase,
      eventsGet: async (url: string, init: { headers: Headers; signal?: AbortSignal }) =>
        ++calls < 3 ? new Response('oops', { status: 503 }) : e.client.eventsGet(url, init),
    };
    e.plant();
    const ok = await readEventsPage(
      api,
      'ttd/soknad',
      { from: FROM },
      { retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 10 } },
    );
    expect(ok.events).toHaveLength(1);
    calls = -10;
    const failed = await readEventsPage(
      api,
      'ttd/soknad',
      { from: FROM },
      { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 10 } },
    ).catch((x) => x);
    expect(failed.code).toBe('STORAGE_UNAVAILABLE');
  });
});

describe("the token goes only to the environment's own Events host", () => {
  it('derives the Events base beside Storage (platform.{env}) and refuses any other URL', async () => {
    e = await eventsHarness();
    expect(e.client.eventsApiBase).toBe(`${e.fake.url}/events/api/v1`);
    const refused = await e.client
      .eventsGet('https://evil.example/events/api/v1/app/ttd/soknad?after=x', { headers: new Headers() })
      .catch((x) => x);
    expect(refused.code).toBe('STORAGE_UNTRUSTED_URL');
    const storage = await e.client
      .eventsGet(`${e.fake.url}/storage/api/v1/instances`, { headers: new Headers() })
      .catch((x) => x);
    expect(storage.code).toBe('STORAGE_UNTRUSTED_URL');
    expect(e.fake.requests).toHaveLength(0);
  });

  it('reads what the acts make the app send: created, substatus changed, moved to Task_2', async () => {
    e = await eventsHarness();
    const { instance } = await createInstance(e.h.world, {
      appId: 'ttd/bekreft',
      owner: { kind: 'org', value: ORG.orgNumber },
    });
    await setSubstatus(e.h.world, { appId: 'ttd/bekreft', instanceId: instance.id, label: 'Mottatt' });
    e.fake.writes.defineApp({
      ...e.fake.writes.app('ttd/bekreft'),
      ownerActions: ['read', 'write', 'instantiate', 'confirm'],
    });
    await processNext(e.h.world, { appId: 'ttd/bekreft', instanceId: instance.id });
    const result = await e.service.read({ profileId: 'p1', appId: 'ttd/bekreft', query: { from: FROM } });
    expect(result.events.map((x) => x.type)).toEqual([
      'app.instance.created',
      'app.instance.substatus.changed',
      'app.instance.process.movedTo.Task_2',
    ]);
  });
});

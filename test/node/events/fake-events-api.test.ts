/**
 * The fake's Events API and instance-history routes answer as shared/reference/maskinporten-altinn.md §3.8 and §3.9
 * say Altinn does: raw HTTP, so the client under test cannot hide a wrong shape.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createInstance } from '../../../src/node/acts/create-instance';
import { processNext } from '../../../src/node/acts/process-writes';
import { type FakeTokenInfo, simpleTokenCheck } from '../../fakes/altinn-storage';
import { ORG, PERSON } from '../acts/acts-harness';
import { eventsHarness } from './events-harness';

let e: Awaited<ReturnType<typeof eventsHarness>>;
afterEach(async () => e?.cleanup());

async function get(path: string, token = 'tok-1', headers: Record<string, string> = {}) {
  const response = await fetch(`${e.fake.url}${path}`, {
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: response.status, headers: response.headers, text, json };
}

const APP = '/events/api/v1/app/ttd/soknad';

describe('fake Events API: checks in AppController order (§3.8)', () => {
  it('no token 401 → a value ASP.NET cannot bind 400 → no org claim 401 → the controller checks → unknown unit 404', async () => {
    const noOrg = (t: string): FakeTokenInfo | null =>
      t.startsWith('noorg-') ? { org: '', scopes: ['altinn:serviceowner/instances.read'] } : simpleTokenCheck(t);
    e = await eventsHarness({ validateToken: noOrg });
    expect((await get(`${APP}?from=2026-01-01T00:00:00Z`, '')).status).toBe(401);
    const binding = await get(`${APP}?party=abc&from=2026-01-01T00:00:00Z`, 'noorg-1');
    expect(binding.status).toBe(400);
    expect(binding.json).toMatchObject({
      title: 'One or more validation errors occurred.',
      status: 400,
      errors: { party: ["The value 'abc' is not valid."] },
    });
    const orgless = await get(`${APP}?from=2026-01-01T00:00:00Z`, 'noorg-1');
    expect(orgless).toMatchObject({ status: 401, json: 'Only orgs can call this api' });

    const detail = async (query: string, headers: Record<string, string> = {}) => {
      const answer = await get(`${APP}?${query}`, 'tok-1', headers);
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
        title: 'Bad Request',
        status: 400,
      });
      return (answer.json as { detail: string }).detail;
    };
    expect(await detail('size=10')).toBe("The 'From' or 'After' parameter must be defined.");
    expect(await detail('from=2026-01-01T00:00:00')).toBe(
      "The 'From' parameter must specify timezone. E.g. 2022-07-07T11:00:53.3917Z for UTC",
    );
    expect(await detail('after=x&to=2026-01-01')).toBe(
      "The 'To' parameter must specify timezone. E.g. 2022-07-07T11:00:53.3917Z for UTC",
    );
    expect(await detail('after=x&size=0')).toBe("The 'Size' parameter must be a number larger that 0.");
    expect(await detail('after=x&party=5', { person: PERSON.ssn })).toBe(
      "Only one of 'Party' or 'Person' can be defined.",
    );
    expect(await detail('after=x&party=5&unit=910753614')).toBe("Only one of 'Party' or 'Unit' can be defined.");
    expect(await detail('after=x&unit=12345')).toBe("Value of 'Unit' needs to be exactly 9 digits.");
    const unknown = await get(`${APP}?after=x&unit=999999999`);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ title: 'Not Found', status: 404 });
  });

  it('answers application/cloudevents+json joined by ", ", with `next` only on a non-empty page, its values decoded', async () => {
    e = await eventsHarness();
    const [first, second] = [e.plant(), e.plant({ type: 'app.instance.process.movedTo.Task_2' })];
    const page = await get(`${APP}?from=2026-01-01T00:00:00%2B00:00&type=app.instance.%25&size=5`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('application/cloudevents+json; charset=utf-8');
    expect(page.text.startsWith('[{"specversion":"1.0","id":')).toBe(true);
    expect(page.text).toContain('}, {');
    expect((page.json as { id: string }[]).map((x) => x.id)).toEqual([first.id, second.id]);
    // AppController.cs:263-268: decoded values, not encoded again; `after` first.
    expect(page.headers.get('next')).toBe(
      `${e.fake.url}${APP}?after=${second.id}&from=2026-01-01T00:00:00+00:00&type=app.instance.%&size=5`,
    );
    const empty = await get(`${APP}?after=${second.id}`);
    expect(empty.text).toBe('[]');
    expect(empty.headers.has('next')).toBe(false);
  });

  it('an unknown `after` counts as 0: everything from the start, no error', async () => {
    e = await eventsHarness();
    e.plant();
    e.plant();
    const page = await get(`${APP}?after=00000000-0000-0000-0000-000000000000`);
    expect((page.json as unknown[]).length).toBe(2);
  });

  it('shows an event only once it is older than the delay — and everything while no event is that old (getappevents.sql)', async () => {
    e = await eventsHarness();
    e.fake.events.visibilityDelayMs = 30_000;
    const fresh = e.plant();
    // MAX(sequenceno WHERE registeredtime <= now() - 30 s) is NULL: no limit at all.
    expect((await get(`${APP}?after=x`)).json).toHaveLength(1);
    e.advance(31_000);
    const next = e.plant({ type: 'app.instance.substatus.changed' });
    const ids = (await get(`${APP}?after=x`)).json as { id: string }[];
    expect(ids.map((x) => x.id)).toEqual([fresh.id]);
    e.advance(29_000);
    expect((await get(`${APP}?after=x`)).json).toHaveLength(1);
    e.advance(1_000);
    expect(((await get(`${APP}?after=x`)).json as { id: string }[]).map((x) => x.id)).toEqual([fresh.id, next.id]);
  });

  it('filters: subject, type ILIKE with % and _, from/to as text, another app and another org', async () => {
    e = await eventsHarness();
    const a = e.plant({ party: 50001, type: 'app.instance.created' });
    e.advance(60_000);
    const b = e.plant({ party: 50002, type: 'App.Instance.Process.MovedTo.Task_2' });
    e.advance(60_000);
    const c = e.plant({ party: 50001, type: 'app.instance.process.completed' });
    e.plant({ appId: 'ttd/other', party: 50001 });
    const ids = async (query: string, token = 'tok-1') =>
      (((await get(`${APP}?${query}`, token)).json as { id: string }[]) ?? []).map((x) => x.id);
    expect(await ids('after=x&party=50001')).toEqual([a.id, c.id]);
    expect(await ids('after=x&type=app.instance.process.%25')).toEqual([b.id, c.id]);
    expect(await ids('after=x&type=app.instance.process.movedto.task_%')).toEqual([b.id]);
    expect(await ids('after=x&type=app.instance.created&type=app.instance.process.completed')).toEqual([a.id, c.id]);
    expect(await ids(`from=${encodeURIComponent(b.time)}`)).toEqual([b.id, c.id]);
    expect(await ids('from=2026-05-04T08:00:00Z&to=2026-05-04T08:01:30Z')).toEqual([a.id, b.id]);
    expect(await ids(`after=x&unit=${ORG.orgNumber}`)).toEqual([a.id, c.id]);
    // Another org's token: the app's policy gives it nothing; [] and no next.
    e.plant({ appId: 'skd/soknad' });
    expect(e.fake.events.cloudEvents('skd/soknad')).toHaveLength(1);
    const foreign = await get('/events/api/v1/app/skd/soknad?after=x');
    expect(foreign.text).toBe('[]');
  });
});

describe("fake Storage: an instance's events and process history (§3.9)", () => {
  it('lists the events by created with eventTypes and from/to (both or neither); an unknown guid is 403 with no body', async () => {
    e = await eventsHarness();
    const { instance } = await createInstance(e.h.world, {
      appId: 'ttd/soknad',
      owner: { kind: 'org', value: ORG.orgNumber },
    });
    const base = `/storage/api/v1/instances/${instance.id}`;
    const all = await get(`${base}/events`);
    expect(all.status).toBe(200);
    const listed = (all.json as { instanceEvents: Record<string, unknown>[] }).instanceEvents;
    expect(listed.map((x) => x.eventType)).toEqual(['process_StartEvent', 'process_StartTask', 'Created', 'Created']);
    expect(Object.keys(listed[2] as object)).toEqual([
      'id',
      'instanceId',
      'created',
      'eventType',
      'instanceOwnerPartyId',
      'user',
      'processInfo',
    ]);
    expect(JSON.stringify(listed)).not.toContain('null');
    const onlyCreated = await get(`${base}/events?eventTypes=Created&eventTypes=Deleted`);
    expect((onlyCreated.json as { instanceEvents: unknown[] }).instanceEvents).toHaveLength(2);
    // One value "Created,Deleted" matches nothing: ASP.NET does not split on commas.
    const comma = await get(`${base}/events?eventTypes=Created,Deleted`);
    expect((comma.json as { instanceEvents: unknown[] }).instanceEvents).toHaveLength(0);
    // `from` alone does not filter.
    const fromOnly = await get(`${base}/events?from=2099-01-01`);
    expect((fromOnly.json as { instanceEvents: unknown[] }).instanceEvents).toHaveLength(4);
    const range = await get(`${base}/events?from=2099-01-01&to=2099-02-01`);
    expect((range.json as { instanceEvents: unknown[] }).instanceEvents).toHaveLength(0);
    const bad = await get(`${base}/events?from=yesterday&to=today`);
    expect(bad).toMatchObject({
      status: 400,
      json: 'Unable to perform query. Invalid format for time span. Use string format of UTC.',
    });
    const unknown = await get(`/storage/api/v1/instances/${ORG.partyId}/11111111-1111-4111-8111-111111111111/events`);
    expect(unknown).toMatchObject({ status: 403, text: '' });
    // The partyId in the path is not compared.
    const guid = instance.id.split('/')[1];
    expect((await get(`/storage/api/v1/instances/1/${guid}/events`)).status).toBe(200);
  });

  it("maps the process history as ProcessHelper does (task started = the process's start), Storage without nulls, the app with them", async () => {
    e = await eventsHarness();
    const { instance } = await createInstance(e.h.world, {
      appId: 'ttd/bekreft',
      owner: { kind: 'org', value: ORG.orgNumber },
    });
    const started = new Date(e.now()).toISOString();
    e.advance(60_000);
    e.fake.writes.defineApp({
      ...e.fake.writes.app('ttd/bekreft'),
      ownerActions: ['read', 'write', 'instantiate', 'complete', 'confirm'],
    });
    await processNext(e.h.world, { appId: 'ttd/bekreft', instanceId: instance.id });
    const moved = new Date(e.now()).toISOString();
    e.advance(60_000);
    await processNext(e.h.world, { appId: 'ttd/bekreft', instanceId: instance.id });
    const ended = new Date(e.now()).toISOString();
    const storage = await get(`/storage/api/v1/instances/${instance.id}/process/history`);
    expect(storage.json).toEqual({
      processHistory: [
        { eventType: 'process_StartEvent', elementId: 'StartEvent_1', occured: started, performedBy: 'ttd' },
        {
          eventType: 'process_StartTask',
          elementId: 'Task_1',
          started,
          occured: started,
          ended: moved,
          performedBy: 'ttd',
        },
        // Entered by `next`: `started` is processInfo.started, the process's start (ProcessHelper.cs:63-74).
        {
          eventType: 'process_StartTask',
          elementId: 'Task_2',
          started,
          occured: started,
          ended,
          performedBy: 'ttd',
        },
        { eventType: 'process_EndEvent', elementId: 'EndEvent_1', occured: ended, performedBy: 'ttd' },
      ],
    });
    const app = await get(`/ttd/bekreft/instances/${instance.id}/process/history`);
    expect((app.json as { processHistory: unknown[] }).processHistory[0]).toEqual({
      eventType: 'process_StartEvent',
      elementId: 'StartEvent_1',
      occured: started,
      started: null,
      ended: null,
      performedBy: 'ttd',
    });
    expect(
      (await get(`/ttd/bekreft/instances/${ORG.partyId}/11111111-1111-4111-8111-111111111111/process/history`)).status,
    ).toBe(403);
  });

  it('records ConfirmedComplete on a new confirmation only; a repeat adds nothing', async () => {
    e = await eventsHarness();
    const { instance } = await createInstance(e.h.world, {
      appId: 'ttd/soknad',
      owner: { kind: 'org', value: ORG.orgNumber },
    });
    const confirmed = () =>
      e.fake.events.instanceEvents(instance.id).filter((x) => x.eventType === 'ConfirmedComplete');
    await e.client.complete(instance);
    await e.client.complete(instance);
    expect(confirmed()).toHaveLength(1);
    expect(confirmed()[0]).toMatchObject({ user: { orgId: 'ttd', authenticationLevel: 3 } });
    e.fake.confirmAs(instance.id, 'skd');
    e.fake.confirmAs(instance.id, 'skd');
    expect(confirmed().map((x) => x.user.orgId)).toEqual(['ttd', 'skd']);
  });
});

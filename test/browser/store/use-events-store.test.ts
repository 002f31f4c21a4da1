import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultDraft, draftToQuery } from '../../../src/browser/features/events/events-filters';
import { useEventsStore } from '../../../src/browser/store/use-events-store';
import type { AppEvent, EventsFollowUpdate } from '../../../src/common/contract/events';
import { pendingApi, settle } from './pending-api';

const event = (id: string, type = 'app.instance.created'): AppEvent => ({
  specversion: '1.0',
  id,
  time: '2026-05-04T08:00:00Z',
  type,
  source: 'https://ttd.apps.tt02.altinn.no/ttd/soknad/instances/50001/11111111-1111-4111-8111-111111111111',
  subject: '/party/50001',
  resourceinstance: '50001/11111111-1111-4111-8111-111111111111',
});
const profile = { id: 'p1', name: 'Mottak', apps: ['ttd/soknad'] };

describe('draftToQuery (the Hendelser filters)', () => {
  it('sends the local times in UTC, the chosen types as Events patterns, the party as a number', () => {
    const result = draftToQuery({ types: ['moved', 'created'], party: ' 50001 ', from: '2026-05-04T10:00', to: '' });
    expect(result).toEqual({
      ok: true,
      query: {
        from: new Date('2026-05-04T10:00').toISOString(),
        types: ['app.instance.created', 'app.instance.process.movedTo.%'],
        party: 50001,
      },
    });
  });

  it('says what is wrong: no from, to before from, a party that is not a number', () => {
    expect(draftToQuery({ types: [], party: 'abc', from: '', to: '2026-05-04T10:00' })).toEqual({
      ok: false,
      errors: { from: 'events.fromRequired', party: 'events.partyInvalid' },
    });
    expect(draftToQuery({ types: [], party: '', from: '2026-05-04T10:00', to: '2026-05-04T09:00' })).toEqual({
      ok: false,
      errors: { to: 'events.toBeforeFrom' },
    });
  });

  it('starts a week back at midnight', () => {
    expect(defaultDraft(new Date(2026, 4, 11, 15, 30)).from).toBe('2026-05-04T00:00');
  });
});

describe('useEventsStore', () => {
  const bridge = pendingApi();
  let listener: ((payload: EventsFollowUpdate) => void) | undefined;
  const initial = useEventsStore.getState();
  const push = (update: Partial<EventsFollowUpdate> & { followId: string }) =>
    listener?.({ events: [], state: 'waiting', ...update });

  beforeEach(() => {
    bridge.reset();
    const api = new Proxy(
      {},
      {
        get: (_target, key) =>
          key === 'on'
            ? (_event: string, l: (payload: EventsFollowUpdate) => void) => {
                listener = l;
                return () => {};
              }
            : (bridge.api as Record<string | symbol, unknown>)[key],
      },
    );
    vi.stubGlobal('window', { api });
    useEventsStore.setState({ ...initial, profiles: { status: 'ready', value: [profile as never] } }, true);
  });
  afterEach(() => vi.unstubAllGlobals());

  async function shown(events: AppEvent[]) {
    useEventsStore.getState().selectProfile('p1');
    await settle();
    await bridge.ok('events.list', { events, after: events.at(-1)?.id, end: false, requests: 1 });
  }

  it('reads the applied query, then "Last flere" continues after the last id and adds to the table', async () => {
    await shown([event('e1'), event('e2')]);
    const s = useEventsStore.getState();
    expect(s.rows.value.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(s.applied).toMatchObject({ profileId: 'p1', appId: 'ttd/soknad' });
    void s.loadMore();
    await settle();
    const input = (await bridge.ok('events.list', { events: [event('e3')], after: 'e3', end: true, requests: 2 })) as {
      query: { after?: string; from?: string };
    };
    expect(input.query.after).toBe('e2');
    expect(input.query.from).toBe(s.applied?.query.from);
    expect(useEventsStore.getState()).toMatchObject({ after: 'e3', end: true });
    expect(useEventsStore.getState().rows.value.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
  });

  it('follows after the last event shown; new events come in once; a stopped follow’s last words are ignored', async () => {
    await shown([event('e1')]);
    void useEventsStore.getState().setLive(true);
    await settle();
    // The follow's first update may come before the channel's answer.
    push({ followId: 'f1', state: 'reading' });
    const input = (await bridge.ok('events.follow', { followId: 'f1' })) as { query: { after?: string } };
    expect(input.query.after).toBe('e1');
    push({ followId: 'f1', events: [event('e1'), event('e2', 'app.instance.substatus.changed')], after: 'e2' });
    expect(useEventsStore.getState().rows.value.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(useEventsStore.getState().live).toMatchObject({ on: true, followId: 'f1', arrived: { count: 1 } });
    expect(useEventsStore.getState().after).toBe('e2');

    void useEventsStore.getState().setLive(false);
    await settle();
    await bridge.ok('events.unfollow', { stopped: true });
    void useEventsStore.getState().setLive(true);
    await settle();
    // The old follow's `stopped` arrives late: it must not turn the new one off.
    push({ followId: 'f1', state: 'stopped' });
    await bridge.ok('events.follow', { followId: 'f2' });
    expect(useEventsStore.getState().live).toMatchObject({ on: true, followId: 'f2' });
  });

  it('a follow that fails for good turns the switch off and keeps the error to show', async () => {
    await shown([]);
    void useEventsStore.getState().setLive(true);
    await settle();
    await bridge.ok('events.follow', { followId: 'f9' });
    push({
      followId: 'f9',
      state: 'failed',
      error: { code: 'EVENTS_FORBIDDEN', message: 'Altinn Events refused access (403)' },
    });
    expect(useEventsStore.getState().live).toMatchObject({ on: false, state: 'failed' });
    expect(useEventsStore.getState().live.error?.code).toBe('EVENTS_FORBIDDEN');
  });

  it('drops the answer of a query the person has already replaced', async () => {
    useEventsStore.getState().selectProfile('p1');
    await settle();
    useEventsStore.getState().setDraft({ party: '50002' });
    void useEventsStore.getState().search();
    await settle();
    await bridge.ok('events.list', { events: [event('new')], after: 'new', end: true, requests: 1 }, 'newest');
    await bridge.ok('events.list', { events: [event('old')], after: 'old', end: true, requests: 1 });
    expect(useEventsStore.getState().rows.value.map((e) => e.id)).toEqual(['new']);
    expect(useEventsStore.getState().applied?.query.party).toBe(50002);
  });
});

/**
 * Following an app's events (issue 20): the first read to the end, then polls `after` the last id with a wait that
 * doubles while nothing comes, picking up a live event once Altinn shows it; the window's follow in main reports
 * through `events:followed`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent, EventsFollowUpdate } from '../../../src/common/contract/events';
import { createInstance } from '../../../src/node/acts/create-instance';
import { followEvents } from '../../../src/node/events/events-follow';
import { ORG } from '../acts/acts-harness';
import { eventsHarness } from './events-harness';

let e: Awaited<ReturnType<typeof eventsHarness>>;
afterEach(async () => {
  e?.service.stopAll();
  await e?.cleanup();
});

const FROM = '2026-05-01T00:00:00Z';

/** Resolves once `check` is true (polled), or fails after `ms`. */
async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('follow mode', () => {
  it('reads what is there, then picks up a live event from the acts once Altinn shows it (30 s later)', async () => {
    e = await eventsHarness();
    e.fake.events.visibilityDelayMs = 30_000;
    const old = e.plant();
    e.advance(60_000);
    const seen: AppEvent[] = [];
    const waits: number[] = [];
    const controller = new AbortController();
    const following = e.service.follow(
      { profileId: 'p1', appId: 'ttd/soknad', query: { from: FROM } },
      {
        signal: controller.signal,
        onEvents: (events) => {
          seen.push(...events);
        },
        onWait: (ms) => {
          waits.push(ms);
        },
      },
    );
    await until(() => seen.length === 1 && waits.length >= 1);
    expect(seen[0]?.id).toBe(old.id);
    const { instance } = await createInstance(e.h.world, {
      appId: 'ttd/soknad',
      owner: { kind: 'org', value: ORG.orgNumber },
    });
    // Registered, but not shown yet: polls find nothing.
    const before = waits.length;
    await until(() => waits.length >= before + 2);
    expect(seen).toHaveLength(1);
    e.advance(30_000);
    await until(() => seen.length === 2);
    expect(seen[1]).toMatchObject({ type: 'app.instance.created', resourceinstance: instance.id });
    // Every poll after the first read asked `after` the last id it had.
    const afters = e.fake.requests
      .filter((r) => r.path.startsWith('/events/'))
      .map((r) => new URLSearchParams(r.query).get('after'));
    expect(afters[0]).toBeNull();
    expect(afters.slice(1).every((a) => a === old.id || a === seen[1]?.id)).toBe(true);
    controller.abort();
    await expect(following).resolves.toBeUndefined();
  });

  it('waits longer while nothing comes (doubling up to the maximum) and starts over when an event comes', async () => {
    e = await eventsHarness();
    const waits: number[] = [];
    const controller = new AbortController();
    const following = e.service.follow(
      { profileId: 'p1', appId: 'ttd/soknad', query: { from: FROM } },
      { signal: controller.signal, onEvents: () => {}, onWait: (ms) => waits.push(ms) },
    );
    await until(() => waits.length >= 5);
    expect(waits.slice(0, 5)).toEqual([20, 40, 80, 80, 80]);
    e.plant();
    const at = waits.length;
    await until(() => waits.length >= at + 2);
    expect(waits.slice(at)).toContain(20);
    controller.abort();
    await following;
  });

  it('keeps following through a failure Altinn may recover from, and stops with one it will not', async () => {
    e = await eventsHarness();
    let answer: number | undefined = 503;
    const api = {
      eventsApiBase: e.client.eventsApiBase,
      eventsGet: async (url: string, init: { headers: Headers; signal?: AbortSignal }) =>
        answer ? new Response('', { status: answer }) : e.client.eventsGet(url, init),
    };
    const errors: string[] = [];
    const seen: AppEvent[] = [];
    const controller = new AbortController();
    const following = followEvents(
      api,
      'ttd/soknad',
      { from: FROM },
      {
        signal: controller.signal,
        backoff: { firstMs: 5, maxMs: 10 },
        retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 10 },
        onEvents: (events) => {
          seen.push(...events);
        },
        onWait: (_ms, error) => {
          // Altinn recovers after the first failure.
          if (error) {
            errors.push(error.code);
            answer = undefined;
          }
        },
      },
    );
    e.plant();
    await until(() => seen.length === 1);
    expect(errors[0]).toBe('STORAGE_UNAVAILABLE');
    answer = 403;
    await expect(following).rejects.toMatchObject({ code: 'EVENTS_FORBIDDEN' });
  });
});

describe("the window's follow in main", () => {
  it('reports reading, waiting (with the next poll) and new events as events:followed; stop ends it', async () => {
    e = await eventsHarness();
    const updates: EventsFollowUpdate[] = [];
    e.bus.on('events:followed', (u) => updates.push(u));
    const first = e.plant();
    const { followId } = await e.service.startFollow({
      profileId: 'p1',
      appId: 'ttd/soknad',
      query: { from: FROM, after: first.id },
    });
    await until(() => updates.some((u) => u.state === 'waiting'));
    const waiting = updates.find((u) => u.state === 'waiting') as EventsFollowUpdate;
    expect(Date.parse(waiting.nextPollAt as string)).toBe(e.now().getTime() + 20);
    expect(updates.flatMap((u) => u.events)).toHaveLength(0);
    const live = e.plant({ type: 'app.instance.substatus.changed' });
    await until(() => updates.some((u) => u.events.length > 0));
    const news = updates.find((u) => u.events.length > 0) as EventsFollowUpdate;
    expect(news).toMatchObject({ followId, after: live.id });
    expect(news.events.map((x) => x.id)).toEqual([live.id]);
    expect(e.service.stopFollow(followId)).toEqual({ stopped: true });
    await until(() => updates.at(-1)?.state === 'stopped');
    expect(() => e.service.stopFollow(followId)).toThrow(expect.objectContaining({ code: 'EVENTS_FOLLOW_NOT_FOUND' }));
  });

  it('a new follow stops the one before (one at a time), and a failure that will not pass ends as failed', async () => {
    e = await eventsHarness();
    const updates: EventsFollowUpdate[] = [];
    e.bus.on('events:followed', (u) => updates.push(u));
    const a = await e.service.startFollow({ profileId: 'p1', appId: 'ttd/soknad', query: { from: FROM } });
    const b = await e.service.startFollow({
      profileId: 'p1',
      appId: 'ttd/soknad',
      query: { from: FROM, unit: '999999999' },
    });
    await until(() => updates.some((u) => u.followId === a.followId && u.state === 'stopped'));
    await until(() => updates.some((u) => u.followId === b.followId && u.state === 'failed'));
    const failed = updates.find((u) => u.followId === b.followId && u.state === 'failed') as EventsFollowUpdate;
    expect(failed.error?.code).toBe('EVENTS_PARTY_UNKNOWN');
  });

  it('refuses to follow a query with `to` (nothing after it would ever come), before anything is sent', async () => {
    e = await eventsHarness();
    const error = await e.service
      .startFollow({ profileId: 'p1', appId: 'ttd/soknad', query: { from: FROM, to: '2026-06-01T00:00:00Z' } })
      .catch((x) => x);
    expect(error).toMatchObject({ code: 'EVENTS_QUERY_INVALID', details: { outcome: 'not-sent' } });
    expect(e.fake.requests).toHaveLength(0);
  });
});

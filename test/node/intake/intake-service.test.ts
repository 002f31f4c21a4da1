import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WatchView } from '../../../src/common/contract/intake';
import type { DoctorReport } from '../../../src/common/contract/token-status';
import type { Profile } from '../../../src/common/schemas/profile';
import type { Environment } from '../../../src/node/environments/environments';
import { createIntakeService } from '../../../src/node/intake/intake-service';
import { scriptedDesktop } from '../../../src/node/platform/desktop';
import { createEventBus } from '../../../src/node/platform/event-bus';
import { StorageClient } from '../../../src/node/storage/storage-client';
import type { FakeAltinnStorage } from '../../fakes/altinn-storage';
import { fastRetry, harness, tokenStub } from '../downloads/harness';
import { APP, doctorRows, watchSpec } from './harness';

/** Timers the test fires by hand: what is planned, and for when. */
function manualTimers() {
  let next = 0;
  const pending = new Map<number, { fn: () => void; ms: number }>();
  return {
    pending,
    setTimeout(fn: () => void, ms: number) {
      pending.set(++next, { fn, ms });
      return next;
    },
    clearTimeout(handle: unknown) {
      pending.delete(handle as number);
    },
    /** The delays of what is planned now. */
    delays: () => [...pending.values()].map((p) => p.ms),
    fireAll() {
      const all = [...pending.values()];
      pending.clear();
      for (const p of all) p.fn();
    },
  };
}

const MINUTE = 60_000;

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function world(options: { tokenPrefix?: string } = {}) {
  const h = await harness({}, { tokenPrefix: options.tokenPrefix });
  const home = await mkdtemp(join(tmpdir(), 'mpd-intake-svc-'));
  const prodTarget = await mkdtemp(join(tmpdir(), 'mpd-intake-prod-'));
  cleanups.push(async () => {
    await service.scheduler.stop();
    await h.cleanup();
    await rm(home, { recursive: true, force: true });
    await rm(prodTarget, { recursive: true, force: true });
  });
  let clock = Date.parse('2025-05-01T08:00:00Z');
  const timers = manualTimers();
  const desktop = scriptedDesktop();
  const events = createEventBus();
  const changes: WatchView[] = [];
  events.on('intake:changed', (v) => changes.push(v));
  const profile = (id: string, environmentId: string) =>
    ({
      id,
      name: id === 'p1' ? 'Mottak' : 'Mottak prod',
      environmentId,
      org: 'ttd',
      apps: [APP],
    }) as unknown as Profile;
  const environments: Record<string, Environment> = {
    fake: h.environment,
    prod: { ...h.environment, id: 'prod', production: true },
  };
  const prodClient = new StorageClient({
    fetch,
    tokens: tokenStub(),
    profileId: 'p2',
    environment: environments.prod as Environment,
    retry: fastRetry,
  });
  const service = createIntakeService({
    home,
    storageFor: async (id) =>
      id === 'p2'
        ? { client: prodClient, environment: environments.prod as Environment }
        : { client: h.client, environment: h.environment },
    profiles: { get: async (id) => profile(id, id === 'p2' ? 'prod' : 'fake') },
    environments: { get: async (id) => environments[id] as Environment },
    doctor: async (profileId) =>
      ({ profileId, environmentId: 'fake', checkedAt: '', rows: doctorRows, overall: 'fail' }) as DoctorReport,
    desktop,
    events,
    language: async () => 'nb',
    now: () => new Date(clock),
    downloads: { retry: fastRetry, idleTimeoutMs: 2_000, progressIntervalMs: 20 },
    timers,
  });
  const spec = watchSpec(h.target);
  return {
    ...h,
    fake: h.fake as FakeAltinnStorage,
    home,
    prodTarget,
    service,
    timers,
    desktop,
    changes,
    spec,
    tick(ms: number) {
      clock += ms;
    },
    now: () => clock,
    /** Fire what is planned and wait until every pass it started has ended. */
    async fire() {
      timers.fireAll();
      await settle(service);
    },
  };
}

async function settle(service: ReturnType<typeof createIntakeService>) {
  for (let i = 0; i < 200; i++) {
    const views = await service.list();
    if (views.every((v) => v.status.state !== 'running')) return views;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('a pass did not end');
}

const notices = (desktop: ReturnType<typeof scriptedDesktop>) =>
  desktop.calls.filter((c) => c.kind === 'notify').map((c) => c.value);

describe('the intake service and its scheduler', () => {
  it('runs a new watch at once, notifies about new submissions, and plans the next pass one interval later', async () => {
    const w = await world();
    w.fake.add([
      { appId: APP, isComplete: true, elements: [{ size: 1_000 }] },
      { appId: APP, isComplete: true, elements: [{ size: 2_000 }] },
      { appId: APP, isComplete: true, elements: [{ size: 3_000 }] },
    ]);
    await w.service.scheduler.start();
    const created = await w.service.create(w.spec);
    expect(created.status).toMatchObject({ state: 'idle', nextPassAt: new Date(w.now()).toISOString() });
    expect(created).toMatchObject({ profileName: 'Mottak', production: false, paused: false });
    expect(w.timers.delays()).toEqual([0]);

    await w.fire();
    const [view] = await w.service.list();
    expect(view?.status.lastPass).toMatchObject({ outcome: 'completed', downloaded: 3, by: 'app' });
    expect(view?.status.state).toBe('idle');
    expect(view?.status.nextPassAt).toBe(new Date(w.now() + 10 * MINUTE).toISOString());
    expect(w.timers.delays()).toEqual([10 * MINUTE]);
    expect(notices(w.desktop)).toEqual([
      `3 nye innsendinger i ${APP}: Lagret og kontrollert i ${w.target}; 3 bekreftet mottatt.`,
    ]);
    // The window followed the pass: running, then idle with the result.
    expect(w.changes.some((c) => c.status.state === 'running' && c.status.running?.phase === 'downloading')).toBe(true);
    // The views go out in order, so the last one the window gets is the finished pass (never "running").
    await vi.waitFor(() => expect(w.changes.at(-1)?.status.lastPass?.outcome).toBe('completed'));
    expect(w.changes.at(-1)?.status.state).toBe('idle');

    // A quiet pass notifies nothing.
    w.tick(10 * MINUTE);
    await w.fire();
    expect(notices(w.desktop)).toHaveLength(1);
    expect((await w.service.history(created.id)).map((r) => r.outcome)).toEqual(['nothing-new', 'completed']);
  });

  it('plans from the last pass after a restart, and backs off after failures in a row', async () => {
    const w = await world();
    const watch = await w.service.create(w.spec, { paused: false });
    await w.service.scheduler.start();
    w.fake.addFault({ kind: 'query', type: 'status', status: 503, times: 1_000 });
    await w.fire();
    let [view] = await w.service.list();
    expect(view?.status).toMatchObject({ state: 'backoff', consecutiveFailures: 1 });
    expect(w.timers.delays()).toEqual([10 * MINUTE]);
    await w.fire();
    await w.fire();
    [view] = await w.service.list();
    expect(view?.status.consecutiveFailures).toBe(3);
    expect(w.timers.delays()).toEqual([40 * MINUTE]);
    expect(view?.status.lastPass?.error?.code).toBe('STORAGE_UNAVAILABLE');

    // A restart: the next pass is due 40 minutes after the last one, not at once.
    await w.service.scheduler.stop();
    w.tick(15 * MINUTE);
    await w.service.scheduler.start();
    expect(w.timers.delays()).toEqual([25 * MINUTE]);

    w.fake.clearFaults();
    await w.fire();
    [view] = await w.service.list();
    expect(view?.status).toMatchObject({ state: 'idle', consecutiveFailures: 0 });
    expect(w.timers.delays()).toEqual([10 * MINUTE]);
    expect(watch.id).toBe(view?.id);
  });

  it('stops a watch that Altinn refuses, says why, and runs it again at once when resumed', async () => {
    const w = await world({ tokenPrefix: 'refused' });
    await w.service.scheduler.start();
    const watch = await w.service.create(w.spec);
    await w.fire();
    const [stopped] = await w.service.list();
    expect(stopped?.status.state).toBe('stopped');
    expect(stopped?.status.stop?.error.code).toBe('STORAGE_UNAUTHORIZED');
    expect(stopped?.status.stop?.doctor).toEqual(doctorRows);
    expect(w.timers.delays()).toEqual([]);
    expect(notices(w.desktop)).toEqual([`Mottaket ${APP} stoppet: Altinn godtar ikke tokenet`]);
    expect(await w.service.activeCount()).toBe(0);

    // Resuming lifts the stop and tries at once (the same refusal stops it again: one request, not many).
    w.tick(MINUTE);
    w.fake.requests.length = 0;
    await w.service.resume(watch.id);
    await settle(w.service);
    expect(w.fake.count('query')).toBe(2);
    const [again] = await w.service.list();
    expect(again?.status.state).toBe('stopped');
    expect(w.timers.delays()).toEqual([]);
  });

  it('pauses, edits and removes watches; a paused watch plans nothing', async () => {
    const w = await world();
    await w.service.scheduler.start();
    const watch = await w.service.create(w.spec);
    const paused = await w.service.pause(watch.id);
    expect(paused.status.state).toBe('paused');
    expect(w.timers.delays()).toEqual([]);
    expect(await w.service.activeCount()).toBe(0);
    const edited = await w.service.update(watch.id, { intervalMinutes: 30 });
    expect(edited).toMatchObject({ intervalMinutes: 30, paused: true });
    const resumed = await w.service.resume(watch.id);
    expect(resumed.status.state).toBe('idle');
    expect(w.timers.delays()).toEqual([0]);
    await expect(w.service.create(w.spec)).rejects.toMatchObject({ code: 'INTAKE_WATCH_EXISTS' });
    await w.service.remove(watch.id);
    expect(w.timers.delays()).toEqual([]);
    expect(await w.service.list()).toEqual([]);
    await expect(w.service.runNow(watch.id)).rejects.toMatchObject({ code: 'INTAKE_WATCH_NOT_FOUND' });
  });

  it('needs an explicit yes for a production watch that confirms, and keeps it while the profile stays', async () => {
    const w = await world();
    const prod = { ...w.spec, profileId: 'p2', target: w.prodTarget };
    await expect(w.service.create(prod)).rejects.toMatchObject({ code: 'DOWNLOAD_PRODUCTION_CONFIRM_REQUIRED' });
    const noConfirm = await w.service.create({ ...prod, confirm: false });
    expect(noConfirm).toMatchObject({ production: true, confirm: false });
    expect(noConfirm.productionConfirmedAt).toBeUndefined();
    await expect(w.service.update(noConfirm.id, { confirm: true })).rejects.toMatchObject({
      code: 'DOWNLOAD_PRODUCTION_CONFIRM_REQUIRED',
    });
    // The window's yes is not enough: main asks in its own dialog, and a no changes nothing (issue 17, finding 4).
    await expect(w.service.update(noConfirm.id, { confirm: true }, true)).rejects.toMatchObject({
      code: 'CHANGE_NOT_CONFIRMED',
    });
    expect((await w.service.get(noConfirm.id)).confirm).toBe(false);
    expect(w.desktop.confirmations).toHaveLength(1);
    expect(w.desktop.confirmations[0]).toMatchObject({
      message: `La mottaket for ${APP} bekrefte mottak i ${w.environment.name} (PRODUKSJON)?`,
      production: true,
    });
    expect(w.desktop.confirmations[0]?.detail).toEqual(
      expect.arrayContaining([`Mappe: ${w.prodTarget}`, 'Bekreftede instanser kan bli slettet i Altinn.']),
    );
    w.desktop.answers.confirm = true;
    const yes = await w.service.update(noConfirm.id, { confirm: true }, true);
    expect(yes.productionConfirmedAt).toBeDefined();
    // Another change keeps the yes (main does not ask again); the pass confirms with it.
    const longer = await w.service.update(noConfirm.id, { intervalMinutes: 60 });
    expect(longer.productionConfirmedAt).toBe(yes.productionConfirmedAt);
    expect(w.desktop.confirmations).toHaveLength(2);
    const [one] = w.fake.add([{ appId: APP, isComplete: true, elements: [{ size: 10 }] }]);
    await w.service.runNow(noConfirm.id);
    await settle(w.service);
    expect(w.fake.confirmations(one?.id as string).map((c) => c.stakeholderId)).toEqual(['ttd']);
  });

  it('lets two watches into one folder take turns in this process', async () => {
    const w = await world();
    w.fake.add([
      { appId: APP, isComplete: true, elements: [{ size: 50_000 }] },
      { appId: 'ttd/annen', isComplete: true, elements: [{ size: 50_000 }] },
    ]);
    w.fake.addFault({ kind: 'data', type: 'slow', delayMs: 300, times: 1 });
    const first = await w.service.create(w.spec);
    const second = await w.service.create({ ...w.spec, appId: 'ttd/annen' });
    await Promise.all([w.service.runNow(first.id), w.service.runNow(second.id)]);
    await settle(w.service);
    expect(w.changes.some((c) => c.id === second.id && c.status.running?.phase === 'waiting')).toBe(true);
    const views = await w.service.list();
    expect(views.map((v) => v.status.lastPass?.outcome)).toEqual(['completed', 'completed']);
  });

  it('remembers what to do when the window closes', async () => {
    const w = await world();
    expect(await w.service.settings()).toEqual({ whenWindowCloses: 'ask' });
    expect(await w.service.updateSettings('background')).toEqual({ whenWindowCloses: 'background' });
    expect(await w.service.settings()).toEqual({ whenWindowCloses: 'background' });
  });
});

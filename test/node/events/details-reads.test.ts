/**
 * Opening an instance's details (issue 19 review): the details read the instance once — the acts panel shows that
 * read (instances:get answers what the owner and user see) and the history borrows it at the same lastChanged —
 * while the reads for other data (the process, the instance events, the process history) stay. A change, a
 * refresh, or an instance changed since, is read afresh.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createInstancesService } from '../../../src/node/storage/instances-service';
import { ORG } from '../acts/acts-harness';
import { eventsHarness } from './events-harness';

let e: Awaited<ReturnType<typeof eventsHarness>>;
afterEach(async () => e?.cleanup());

const APP = 'ttd/soknad';
/** GET of one instance, from the app API or from Storage (not its events, process or data). */
const INSTANCE_READ = /\/instances\/\d+\/[0-9a-f-]{36}$/;

async function world() {
  e = await eventsHarness();
  const instances = createInstancesService(async () => ({ client: e.client, environment: e.h.environment }));
  const created = await e.h.service.create({
    profileId: 'p1',
    appId: APP,
    owner: { kind: 'org', value: ORG.orgNumber },
  });
  const id = created.instance.id;
  /** The requests from here on. */
  const since = () => {
    const from = e.fake.requests.length;
    return () => e.fake.requests.slice(from);
  };
  /** What the window does when the details open: the details, then at once the process and the history. */
  const open = async () => {
    const detail = await instances.get('p1', id, APP);
    const [, history] = await Promise.all([
      e.h.service.process({ profileId: 'p1', appId: APP, instanceId: id }),
      e.service.instanceHistory({ profileId: 'p1', instanceId: id, appId: APP, lastChanged: detail.lastChanged ?? '' }),
    ]);
    return { detail, history };
  };
  return { id, instances, since, open };
}

const instanceReads = (requests: { method: string; path: string }[]) =>
  requests.filter((r) => r.method === 'GET' && INSTANCE_READ.test(r.path));

describe('opening the details', () => {
  it('reads the instance once: the details answer the acts panel, and the history borrows the read', async () => {
    const w = await world();
    const requests = w.since();
    const { detail, history } = await w.open();
    expect(instanceReads(requests())).toHaveLength(1);
    // The reads for other data stay: the process (app), the instance events and the process history (Storage).
    expect(requests().map((r) => r.path.replace(/[0-9a-f-]{36}/, 'G').replace(/\/\d+\//, '/P/'))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/instances\/P\/G$/),
        expect.stringMatching(/\/instances\/P\/G\/process$/),
        expect.stringMatching(/\/instances\/P\/G\/events$/),
        expect.stringMatching(/\/instances\/P\/G\/process\/history$/),
      ]),
    );
    expect(requests()).toHaveLength(4);
    // The details carry what the acts panel shows (what act:instance would have read).
    expect(detail).toMatchObject({ id: w.id, substatus: null, presentationTexts: {}, taskType: 'data' });
    expect(history.entries.map((x) => x.kind)).toContain('created');
  });

  it('reads afresh after a change, on a refresh (no lastChanged), and when the instance changed since', async () => {
    const w = await world();
    const { detail } = await w.open();
    // An act: its answer is what the window shows next; the history of the new lastChanged is read.
    e.advance(60_000);
    const changed = await e.h.service.updateStatus({
      profileId: 'p1',
      appId: APP,
      instanceId: w.id,
      substatus: { label: 'Under behandling' },
    });
    expect(changed.lastChanged).not.toBe(detail.lastChanged);
    let requests = w.since();
    const after = await e.service.instanceHistory({
      profileId: 'p1',
      instanceId: w.id,
      appId: APP,
      lastChanged: changed.lastChanged ?? '',
    });
    expect(instanceReads(requests())).toHaveLength(1);
    expect(after.entries.map((x) => x.kind)).toContain('substatus');
    // The refresh button: no lastChanged, read afresh.
    requests = w.since();
    await e.service.instanceHistory({ profileId: 'p1', instanceId: w.id, appId: APP });
    expect(instanceReads(requests())).toHaveLength(1);
    // The window shows an older lastChanged than the instance read last: not lent, read.
    requests = w.since();
    await e.service.instanceHistory({
      profileId: 'p1',
      instanceId: w.id,
      appId: APP,
      lastChanged: detail.lastChanged ?? '',
    });
    expect(instanceReads(requests())).toHaveLength(1);
  });
});

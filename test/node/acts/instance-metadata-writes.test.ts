import { afterEach, describe, expect, it } from 'vitest';
import { createInstance } from '../../../src/node/acts/create-instance';
import { deleteInstance, setInstanceTexts, setSubstatus } from '../../../src/node/acts/instance-metadata-writes';
import { actsHarness, ORG } from './acts-harness';

let h: Awaited<ReturnType<typeof actsHarness>>;
afterEach(async () => h?.cleanup());

async function newInstance() {
  return (await createInstance(h.world, { appId: 'ttd/soknad', owner: { kind: 'org', value: ORG.orgNumber } }))
    .instance;
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('substatus, presentation texts, data values (§3.7 Storage instance metadata)', () => {
  it('sets the substatus through the app: lastChanged moves, SubstatusUpdated, and app.instance.substatus.changed', async () => {
    h = await actsHarness();
    const instance = await newInstance();
    await tick();
    const updated = await setSubstatus(h.world, {
      appId: 'ttd/soknad',
      instanceId: instance.id,
      label: 'Under behandling',
      description: 'Vi svarer innen 14 dager.',
    });
    expect((updated.status as Record<string, unknown>).substatus).toEqual({
      label: 'Under behandling',
      description: 'Vi svarer innen 14 dager.',
    });
    expect(updated.lastChanged).not.toBe(instance.lastChanged);
    expect(h.fake.events.instanceEvents(instance.id).at(-1)?.eventType).toBe('SubstatusUpdated');
    expect(h.fake.events.cloudEvents('ttd/soknad').at(-1)?.type).toBe('app.instance.substatus.changed');
    expect(h.fake.requests.find((r) => r.op === 'substatus')?.path).toBe(
      `/ttd/soknad/instances/${instance.id}/substatus`,
    );
  });

  it("a missing label is a 400 JSON string; another org's token gets Forbid() → ACT_NOT_APP_OWNER", async () => {
    h = await actsHarness();
    const instance = await newInstance();
    const answer = await fetch(`${h.fake.url}/ttd/soknad/instances/${instance.id}/substatus`, {
      method: 'PUT',
      headers: { Authorization: 'Bearer tok-1', 'Content-Type': 'application/json' },
      body: JSON.stringify({ description: 'x' }),
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toBe(
      'Invalid sub status: {"label":null,"description":"x"}. Substatus must be defined and include a label.',
    );
    h.fake.instances.get(instance.id)!.acted!.org = 'skd';
    const error = await setSubstatus(h.world, { appId: 'ttd/soknad', instanceId: instance.id, label: 'x' }).catch(
      (e) => e,
    );
    expect(error.code).toBe('ACT_NOT_APP_OWNER');
  });

  it('presentation texts and data values merge in Storage: an empty value keeps the old one; no lastChanged, no event', async () => {
    h = await actsHarness();
    const instance = await newInstance();
    const events = h.fake.events.instanceEvents(instance.id).length;
    await tick();
    await setInstanceTexts(h.world, {
      appId: 'ttd/soknad',
      instanceId: instance.id,
      kind: 'presentationTexts',
      map: { Saksnummer: '2026/42', Belop: '125 000' },
    });
    const after = await setInstanceTexts(h.world, {
      appId: 'ttd/soknad',
      instanceId: instance.id,
      kind: 'presentationTexts',
      map: { Belop: '', Kommune: 'Bergen' },
    });
    expect((after as Record<string, unknown>).presentationTexts).toEqual({
      Saksnummer: '2026/42',
      Belop: '125 000',
      Kommune: 'Bergen',
    });
    const values = await setInstanceTexts(h.world, {
      appId: 'ttd/soknad',
      instanceId: instance.id,
      kind: 'dataValues',
      map: { fagsystemId: 'A-17' },
    });
    expect((values as Record<string, unknown>).dataValues).toEqual({ fagsystemId: 'A-17' });
    expect(values.lastChanged).toBe(instance.lastChanged);
    expect(h.fake.events.instanceEvents(instance.id)).toHaveLength(events);
    expect(h.fake.requests.filter((r) => r.op === 'datavalues').map((r) => r.path)).toEqual([
      `/storage/api/v1/instances/${instance.id}/datavalues`,
    ]);
  });
});

describe('delete (policy `delete`, which the template does not give the app owner)', () => {
  it('the template policy refuses: 403 with no body → ACT_POLICY_REFUSED naming delete; nothing changes', async () => {
    h = await actsHarness();
    const instance = await newInstance();
    const error = await deleteInstance(h.world, { appId: 'ttd/soknad', instanceId: instance.id, hard: false }).catch(
      (e) => e,
    );
    expect(error.code).toBe('ACT_POLICY_REFUSED');
    expect(error.details).toMatchObject({ status: 403, action: 'delete', outcome: 'refused' });
    expect((await h.client.getInstance(instance.id)).status?.isSoftDeleted).toBe(false);
  });

  it('an app that grants delete: soft sets isSoftDeleted, hard also isHardDeleted; event Deleted; still listed for the owner', async () => {
    h = await actsHarness();
    h.fake.writes.defineApp({
      ...h.fake.writes.app('ttd/soknad'),
      ownerActions: ['read', 'write', 'instantiate', 'complete', 'delete'],
    });
    const instance = await newInstance();
    const soft = await deleteInstance(h.world, { appId: 'ttd/soknad', instanceId: instance.id, hard: false });
    expect(soft.status).toMatchObject({ isSoftDeleted: true, isHardDeleted: false });
    const hard = await deleteInstance(h.world, { appId: 'ttd/soknad', instanceId: instance.id, hard: true });
    expect(hard.status).toMatchObject({ isSoftDeleted: true, isHardDeleted: true });
    expect(h.fake.events.instanceEvents(instance.id).at(-1)?.eventType).toBe('Deleted');
    expect(h.fake.requests.filter((r) => r.op === 'delete').map((r) => r.query)).toEqual(['?hard=false', '?hard=true']);
  });

  it('the service asks for a separate yes before a hard delete (nothing sent without it)', async () => {
    h = await actsHarness();
    const instance = await newInstance();
    const before = h.fake.requests.length;
    const error = await h.service
      .delete({ profileId: 'p1', appId: 'ttd/soknad', instanceId: instance.id, hard: true })
      .catch((e) => e);
    expect(error.code).toBe('ACT_HARD_DELETE_NOT_CONFIRMED');
    expect(h.fake.requests).toHaveLength(before);
  });
});

import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActWorld } from '../../../src/node/acts/act-world';
import { createAppMetadataSource } from '../../../src/node/acts/app-metadata';
import { createInstance } from '../../../src/node/acts/create-instance';
import { StorageClient } from '../../../src/node/storage/storage-client';
import { type FakeAltinnStorage, simpleTokenCheck, startFakeAltinnStorage } from '../../fakes/altinn-storage';
import { ORG, ORG2, SOKNAD } from '../acts/acts-harness';
import { fastRetry, tokenStub } from '../downloads/harness';

let fake: FakeAltinnStorage;
afterEach(async () => fake?.close());

async function world() {
  fake = await startFakeAltinnStorage({ validateToken: simpleTokenCheck });
  fake.writes.defineApp(SOKNAD);
  for (const o of [ORG, ORG2]) fake.writes.addParty({ ...o, partyTypeName: 2, unitType: 'AS' });
  const refused: typeof fetch = async () => {
    throw new Error('the writes must not go through fetch');
  };
  const client = new StorageClient({
    fetch: refused,
    tokens: tokenStub(),
    profileId: 'p1',
    environment: fake.environment(),
    retry: fastRetry,
  });
  const w: ActWorld = {
    api: client,
    metadata: createAppMetadataSource({ fetch, now: Date.now }),
    now: () => new Date(),
  };
  return w;
}

describe('authorized requests (write-request.ts)', () => {
  // fetch registers every Response in a FinalizationRegistry; V8's young-generation collections keep what
  // such a registry points at, so each write's state was promoted and kept until a full collection: a send
  // of 10,000 rows peaked at 318–331 MiB (bench/bulk-send.ts). The writes go over node:http instead.
  it('go over node:http with keep-alive, never through fetch', async () => {
    const w = await world();
    const before = fake.connections;
    for (let i = 0; i < 6; i++) {
      const owner = { kind: 'org' as const, value: (i % 2 ? ORG2 : ORG).orgNumber };
      const created = await createInstance(w, { appId: SOKNAD.id, owner, prefill: { 'Soknad.Formaal': `Rad ${i}` } });
      expect(created.instance.instanceOwner?.organisationNumber).toBe(owner.value);
    }
    expect(fake.instances.size).toBe(6);
    // One after another over one kept-alive connection.
    expect(fake.connections - before).toBeLessThanOrEqual(2);
  });

  it('leave nothing on a long-lived signal, and stop at once when it aborts', async () => {
    const w = await world();
    const controller = new AbortController();
    const send = (i: number) =>
      createInstance(
        { ...w, signal: controller.signal },
        { appId: SOKNAD.id, owner: { kind: 'org', value: ORG.orgNumber }, prefill: { 'Soknad.Formaal': `${i}` } },
      );
    for (let i = 0; i < 5; i++) await send(i);
    // One signal for a whole send: a request's listener goes with its answer, not at the next full GC.
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    fake.latencyMs = 2_000;
    const started = Date.now();
    const pending = send(5).catch((e) => e);
    await new Promise((r) => setTimeout(r, 100));
    controller.abort(new Error('stopped'));
    const error = await pending;
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(String(error?.message ?? error)).toMatch(/stopped|aborted/);
  });

  it("give a 401 one fresh token and send again; read Altinn's refusal as a refusal", async () => {
    const w = await world();
    fake.expireToken('tok-1');
    const created = await createInstance(w, {
      appId: SOKNAD.id,
      owner: { kind: 'org', value: ORG.orgNumber },
      prefill: { 'Soknad.Formaal': 'x' },
    });
    expect(fake.instances.has(created.instance.id)).toBe(true);
    expect(fake.requests.filter((r) => r.op === 'instantiate-create').map((r) => [r.token, r.status])).toEqual([
      ['tok-1', 401],
      ['tok-2', 201],
    ]);
    const refusal = await createInstance(w, {
      appId: SOKNAD.id,
      owner: { kind: 'org', value: '974760673' },
      prefill: { 'Soknad.Formaal': 'x' },
    }).catch((e) => e);
    expect(refusal.details?.outcome).toBe('refused');
    expect(fake.instances.size).toBe(1);
  });
});

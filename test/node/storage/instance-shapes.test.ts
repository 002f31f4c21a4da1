import { afterEach, describe, expect, it } from 'vitest';
import { instanceSchema } from '../../../src/common/schemas/instance-types';
import { instanceDetail } from '../../../src/node/storage/instance-summary';
import { createInstancesService } from '../../../src/node/storage/instances-service';
import { type FakeStorageOptions, simpleTokenCheck } from '../../fakes/altinn-storage';
import { harness } from '../downloads/harness';

/**
 * What Storage and the app API really write (issue 18 point 5; reference §3.3, §3.4, §3.7 "Response"): Storage
 * (Newtonsoft) leaves null members out and writes `readStatus` as its name; the app (System.Text.Json) writes nulls
 * and numbers, and its `GET instance` is an InstanceResponse whose owner carries `party` with the name. Storage
 * finds an instance by its guid alone, so a wrong partyId still answers 200.
 */

let h: Awaited<ReturnType<typeof harness>>;
afterEach(async () => h?.cleanup());

const OWNER = { organisationNumber: '897069650', name: 'DDG Fitness AS' };

async function world(options: Partial<FakeStorageOptions> = {}) {
  h = await harness({ validateToken: simpleTokenCheck, ...options });
  const [instance] = h.fake.add([
    {
      appId: 'ttd/mottak',
      isComplete: true,
      owner: OWNER,
      readStatus: 'UpdatedSinceLastReview',
      elements: [{ size: 10 }],
    },
  ]);
  const instances = createInstancesService(async () => ({ client: h.client, environment: h.environment }));
  return { fake: h.fake, instance: instance as NonNullable<typeof instance>, instances };
}

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { headers: { authorization: 'Bearer tok-1' } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the fake answers as Storage and the app API do', () => {
  it('Storage: no null members, readStatus as a string; the app: nulls, a number, and the owner’s party', async () => {
    const { fake, instance } = await world();
    const storage = await getJson(`${fake.storageBase}/instances/${instance.id}`);
    expect(storage.body.status).toEqual({
      isArchived: false,
      isSoftDeleted: false,
      isHardDeleted: false,
      readStatus: 'UpdatedSinceLastReview',
    });
    expect(storage.body.instanceOwner).toEqual({
      partyId: instance.partyId,
      organisationNumber: OWNER.organisationNumber,
    });
    expect(JSON.stringify(storage.body)).not.toContain('null');

    const app = await getJson(`${fake.url}/ttd/mottak/instances/${instance.id}`);
    expect((app.body.status as Record<string, unknown>).readStatus).toBe(2);
    expect((app.body.process as Record<string, unknown>).currentTask).toBeNull();
    expect(app.body.instanceOwner).toEqual({
      partyId: instance.partyId,
      organisationNumber: OWNER.organisationNumber,
      personNumber: null,
      username: null,
      externalIdentifier: null,
      party: {
        partyId: Number(instance.partyId),
        partyUuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
        partyTypeName: 2,
        ssn: null,
        orgNumber: OWNER.organisationNumber,
        unitType: 'AS',
        name: OWNER.name,
        isDeleted: false,
      },
    });
  });

  it('Storage finds the instance by its guid: a wrong partyId answers 200 with the instance under its own id', async () => {
    const { fake, instance } = await world();
    const wrong = `${fake.storageBase}/instances/99999/${instance.guid}`;
    const answer = await getJson(wrong);
    expect(answer.status).toBe(200);
    expect(answer.body.id).toBe(instance.id);
  });
});

describe('the app reads both shapes and trusts no partyId it did not get back', () => {
  it('accepts readStatus as a string (Storage) and as a number (the app), and nulls', () => {
    const base = { id: '50001/0a6b9f52-4b7c-4f0e-9c55-3a1d8d1f2e01', appId: 'ttd/mottak' };
    for (const readStatus of ['Read', 'Unread', 'UpdatedSinceLastReview', 0, 1, 2, null, undefined]) {
      expect(instanceSchema.safeParse({ ...base, status: { readStatus } }).success).toBe(true);
    }
    expect(instanceSchema.safeParse({ ...base, status: { readStatus: true } }).success).toBe(false);
    const detail = (readStatus: unknown) =>
      instanceDetail(instanceSchema.parse({ ...base, status: { readStatus } })).readStatus;
    expect([detail('Read'), detail(1), detail('unread'), detail(0), detail(2), detail(null), detail(7)]).toEqual([
      'Read',
      'Read',
      'Unread',
      'Unread',
      'UpdatedSinceLastReview',
      null,
      null,
    ]);
  });

  it('shows the owner’s name from the app’s InstanceResponse, and its read status', async () => {
    const { instance, instances } = await world();
    const detail = await instances.get('p1', instance.id, 'ttd/mottak');
    expect(detail.instanceOwner).toEqual({
      partyId: instance.partyId,
      organisationNumber: OWNER.organisationNumber,
      personNumber: null,
      name: OWNER.name,
    });
    expect(detail.readStatus).toBe('UpdatedSinceLastReview');
    expect(h.fake.requests.filter((r) => r.kind === 'instance').map((r) => r.via)).toEqual(['app']);
  });

  it('falls back to Storage when the app does not answer (no name then), reading its string readStatus', async () => {
    const { instance, instances } = await world({ appApi: false });
    const detail = await instances.get('p1', instance.id, 'ttd/mottak');
    expect(detail.instanceOwner.name ?? null).toBeNull();
    expect(detail.readStatus).toBe('UpdatedSinceLastReview');
    expect(h.fake.requests.filter((r) => r.kind === 'instance').map((r) => [r.via, r.status])).toEqual([
      ['storage', 200],
    ]);
  });

  it('takes a party’s name only for the instance’s own party (the app looks the party up by the path’s partyId)', () => {
    const response = {
      id: '50001/0a6b9f52-4b7c-4f0e-9c55-3a1d8d1f2e01',
      appId: 'ttd/mottak',
      instanceOwner: { partyId: '50001', party: { partyId: 99999, name: 'Someone Else AS', partyTypeName: 2 } },
    };
    expect(instanceDetail(instanceSchema.parse(response)).instanceOwner.name).toBeUndefined();
    const own = { ...response, instanceOwner: { partyId: '50001', party: { partyId: 50001, name: 'DDG Fitness AS' } } };
    expect(instanceDetail(instanceSchema.parse(own)).instanceOwner.name).toBe('DDG Fitness AS');
  });

  it('refuses an instance Storage found under another party, and confirms nothing for it', async () => {
    const { fake, instance } = await world();
    const wrong = `99999/${instance.guid}`;
    await expect(h.client.getInstance(wrong)).rejects.toMatchObject({
      code: 'STORAGE_NOT_FOUND',
      message: expect.stringContaining(`under party ${instance.partyId}, not 99999`),
    });
    const job = await h.manager.start({
      profileId: 'p1',
      source: { kind: 'instances', instanceIds: [instance.id] },
      target: h.target,
    });
    expect((await h.manager.wait(job.jobId)).state).toBe('completed');
    const result = await h.manager.confirmAfterwards({ profileId: 'p1', instanceIds: [wrong], target: h.target });
    expect(result.results).toEqual([
      { instanceId: wrong, confirmed: false, error: expect.objectContaining({ code: 'STORAGE_NOT_FOUND' }) },
    ]);
    expect(fake.count('complete')).toBe(0);
  });
});

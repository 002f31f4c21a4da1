import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryResponseSchema } from '../../../src/common/schemas/instance-types';
import { isQueryResponse } from '../../../src/node/storage/instance-check';
import { leadingMembers } from '../../../src/node/storage/leading-members';
import { type FakeAltinnStorage, simpleTokenCheck, startFakeAltinnStorage } from '../../fakes/altinn-storage';

// biome-ignore lint/suspicious/noExplicitAny: the mutations reach into arbitrary JSON on purpose
type Loose = Record<string, any>;

/** The fast page check must give zod's verdict; the early `next` scan must never invent a link. */
describe('fast page check and leading members', () => {
  let fake: FakeAltinnStorage;
  let page: Record<string, unknown>;

  beforeAll(async () => {
    fake = await startFakeAltinnStorage({ validateToken: simpleTokenCheck });
    const instances = fake.add([
      { appId: 'ttd/app', isComplete: true, elements: [{ size: 10, filename: 'a.xml' }], confirmedBy: ['ttd'] },
      { appId: 'ttd/app', currentTask: 'Task_2', elements: [{ size: 3 }, { size: 0 }] },
      { appId: 'ttd/app', isArchived: true, elements: [] },
    ]);
    page = {
      count: instances.length,
      self: `${fake.storageBase}/instances?appId=ttd%2Fapp`,
      next: `${fake.storageBase}/instances?appId=ttd%2Fapp&continuationToken=abc`,
      instances: instances.map((i) => fake.instanceJson(i)),
    };
  });
  afterAll(async () => fake.close());

  const clone = () => JSON.parse(JSON.stringify(page)) as Loose;
  const mutations: [string, (p: Loose) => void][] = [
    ['unchanged', () => {}],
    ['no next', (p) => delete p.next],
    ['null next', (p) => (p.next = null)],
    ['numeric next', (p) => (p.next = 5)],
    ['negative count', (p) => (p.count = -1)],
    ['fractional count', (p) => (p.count = 1.5)],
    ['instances not an array', (p) => (p.instances = {})],
    ['instance is null', (p) => (p.instances[0] = null)],
    ['instance is an array', (p) => (p.instances[0] = [])],
    ['bad instance id', (p) => (p.instances[0].id = 'nope')],
    ['empty appId', (p) => (p.instances[0].appId = '')],
    ['unknown fields pass', (p) => (p.instances[0].somethingNew = { deep: [1] })],
    ['owner number is a number', (p) => (p.instances[0].instanceOwner.partyId = 5)],
    ['owner null', (p) => (p.instances[0].instanceOwner = null)],
    ['selfLinks apps number', (p) => (p.instances[0].selfLinks.apps = 1)],
    ['process.ended number', (p) => (p.instances[0].process.ended = 1)],
    ['currentTask string', (p) => (p.instances[1].process.currentTask = 'Task_1')],
    ['status flag as string', (p) => (p.instances[0].status.isArchived = 'true')],
    // Storage writes readStatus as its name, the app as a number (issue 18); anything else is refused.
    ['readStatus as a number', (p) => (p.instances[0].status.readStatus = 1)],
    ['readStatus null', (p) => (p.instances[0].status.readStatus = null)],
    ['readStatus as a boolean', (p) => (p.instances[0].status.readStatus = true)],
    ['owner party of an InstanceResponse', (p) => (p.instances[0].instanceOwner.party = { partyId: 5, name: 'A AS' })],
    ['owner party name a number', (p) => (p.instances[0].instanceOwner.party = { name: 5 })],
    ['owner party an array', (p) => (p.instances[0].instanceOwner.party = [])],
    ['confirmation without stakeholder', (p) => (p.instances[0].completeConfirmations = [{ confirmedOn: 'x' }])],
    ['data not an array', (p) => (p.instances[0].data = {})],
    ['element without id', (p) => delete p.instances[0].data[0].id],
    ['element empty id', (p) => (p.instances[0].data[0].id = '')],
    ['negative size', (p) => (p.instances[0].data[0].size = -1)],
    ['fractional size', (p) => (p.instances[0].data[0].size = 1.5)],
    ['size as string', (p) => (p.instances[0].data[0].size = '10')],
    ['contentHash number', (p) => (p.instances[0].data[0].contentHash = 1)],
    ['locked as string', (p) => (p.instances[0].data[0].locked = 'yes')],
    ['element selfLinks array', (p) => (p.instances[0].data[0].selfLinks = [])],
    ['created number', (p) => (p.instances[0].created = 0)],
  ];

  it.each(mutations)('%s: same verdict as the zod schema', (_name, mutate) => {
    const p = clone();
    mutate(p);
    expect(isQueryResponse(p)).toBe(queryResponseSchema.safeParse(p).success);
  });

  it('accepts a real page, and rejects the broken ones', () => {
    expect(isQueryResponse(clone())).toBe(true);
    const broken = clone();
    broken.instances[1].data[0].size = -5;
    expect(isQueryResponse(broken)).toBe(false);
  });

  it('finds `next` in the first bytes of a page, however they are cut', () => {
    const text = JSON.stringify({
      count: 3,
      self: 'https://x/s?a=1',
      next: 'https://x/n?a=1&b=\u00e6',
      instances: [1],
    });
    let found: unknown;
    for (let cut = 0; cut <= text.length; cut++) {
      const scan = leadingMembers(text.slice(0, cut));
      expect(scan).toBeDefined();
      // Never a partial link: either not yet, or exactly the right one.
      if (scan?.members.next !== undefined) {
        expect(scan.members.next).toBe('https://x/n?a=1&b=\u00e6');
        found ??= cut;
      }
    }
    expect(found).toBeLessThan(text.indexOf('instances'));
    // .NET escapes & as \u0026: decoded like JSON.parse does.
    expect(leadingMembers('{"next":"https://x/n?a=1\\u0026b=2","instances":[')?.members.next).toBe(
      'https://x/n?a=1&b=2',
    );
    expect(leadingMembers('{"instances":[],"next":"https://x/late"}')).toEqual({ members: {}, done: true });
    expect(leadingMembers('[1,2]')).toBeUndefined();
    expect(leadingMembers('{"count":12')).toEqual({ members: {}, done: false });
  });
});

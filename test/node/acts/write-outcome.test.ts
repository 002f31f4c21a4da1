import { afterEach, describe, expect, it } from 'vitest';
import { createInstance } from '../../../src/node/acts/create-instance';
import { setSubstatus } from '../../../src/node/acts/instance-metadata-writes';
import { outcomeOf } from '../../../src/node/acts/write-outcome';
import { actsHarness, ORG } from './acts-harness';

let h: Awaited<ReturnType<typeof actsHarness>>;
afterEach(async () => h?.cleanup());

describe('a lost answer is told from a refusal (for the bulk send, issue 22)', () => {
  it('the connection drops after the instance was created: ACT_ANSWER_LOST, outcome unknown — and the instance exists', async () => {
    h = await actsHarness();
    h.fake.writes.dropAnswerOf = 'instantiate';
    const error = await createInstance(h.world, {
      appId: 'ttd/soknad',
      owner: { kind: 'org', value: ORG.orgNumber },
    }).catch((e) => e);
    expect(error.code).toBe('ACT_ANSWER_LOST');
    expect(outcomeOf(error)).toBe('unknown');
    expect(error.message).toMatch(/Altinn may have done it/);
    expect(h.fake.instances.size).toBe(1);
  });

  it('nobody listens: ACT_NOT_SENT, outcome not-sent (nothing was created)', async () => {
    h = await actsHarness();
    await h.fake.close();
    const error = await createInstance(h.world, {
      appId: 'ttd/soknad',
      owner: { kind: 'org', value: ORG.orgNumber },
    }).catch((e) => e);
    expect(error.code).toBe('ACT_NOT_SENT');
    expect(outcomeOf(error)).toBe('not-sent');
  });

  it('a refusal is outcome refused; a 5xx is unknown (it may have happened)', async () => {
    h = await actsHarness();
    const refused = await createInstance(h.world, {
      appId: 'ttd/soknad',
      owner: { kind: 'party', value: '999' },
    }).catch((e) => e);
    expect(outcomeOf(refused)).toBe('refused');
    const { instance } = await createInstance(h.world, {
      appId: 'ttd/soknad',
      owner: { kind: 'org', value: ORG.orgNumber },
    });
    // The app's substatus reads the instance outside its try: an unknown one is a 500.
    const failed = await setSubstatus(h.world, {
      appId: 'ttd/soknad',
      instanceId: instance.id.replace(/^\d+\/[0-9a-f]/, '1/0'),
      label: 'x',
    }).catch((e) => e);
    expect(failed.code).toBe('ACT_SERVER_ERROR');
    expect(outcomeOf(failed)).toBe('unknown');
  });
});

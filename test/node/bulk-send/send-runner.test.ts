import { afterEach, describe, expect, it } from 'vitest';
import { SendJournal } from '../../../src/node/bulk-send/send-journal';
import { PERSON } from '../acts/acts-harness';
import { sendHarness } from './send-harness';

let h: Awaited<ReturnType<typeof sendHarness>>;
afterEach(async () => h?.cleanup());

function csv(rows: string[], header = 'orgno;prefill.Navn;attachment.vedlegg') {
  return `${header}\n${rows.join('\n')}\n`;
}

describe('the send', () => {
  it('creates one instance per row with prefill and attachment, journals it done, and a rerun sends nothing', async () => {
    h = await sendHarness(6);
    const plan = await h.plan(csv(h.orgs.map((o, i) => `${o.orgNumber};Navn ${i};${i % 2 ? 'brev.pdf' : ''}`)));
    expect(plan.problems).toEqual([]);
    const first = await h.send(plan.planned);
    expect(first.outcomes.map((o) => o.status)).toEqual(Array(6).fill('sent'));
    const byOwner = h.instancesByOwner();
    expect([...byOwner.keys()].sort()).toEqual(h.orgs.map((o) => o.orgNumber).sort());
    for (const ids of byOwner.values()) expect(ids).toHaveLength(1);
    // Each outcome names the fake's instance of its owner; the attachment is on the odd rows.
    for (const [i, o] of first.outcomes.entries()) {
      const id = byOwner.get(h.orgs[i]?.orgNumber as string)?.[0];
      expect(o.instanceId).toBe(id);
      const files = h.fake.instances.get(id as string)?.elements.filter((e) => e.spec.dataType === 'vedlegg') ?? [];
      expect(files).toHaveLength(i % 2);
    }
    const writes = h.writes().length;
    const again = await h.send(plan.planned);
    expect(again.outcomes.map((o) => o.status)).toEqual(Array(6).fill('already-sent'));
    expect(h.writes().length).toBe(writes);
    const journal = await SendJournal.peek(first.journal.folder);
    expect([...journal.rows.values()].map((r) => r.state)).toEqual(Array(6).fill('done'));
  });

  it('with a lost answer, a reset before and after Altinn acted, a 500 and a 429 with Retry-After: exactly one instance per row', async () => {
    h = await sendHarness(12);
    const plan = await h.plan(csv(h.orgs.map((o, i) => `${o.orgNumber};Navn ${i};${i % 3 === 0 ? 'brev.pdf' : ''}`)));
    const w = h.fake.writes;
    w.addFault({ op: 'instantiate-create', type: 'drop-answer', skip: 1, times: 2 });
    w.addFault({ op: 'instantiate-create', type: 'reset-before', skip: 1 });
    w.addFault({ op: 'instantiate-create', type: 'status', status: 500 });
    w.addFault({ op: 'instantiate-create', type: 'retry-after', retryAfter: '1' });
    w.addFault({ op: 'data-create', type: 'drop-answer' });
    w.addFault({ op: 'data-create', type: 'status', status: 503, skip: 1 });
    const started = Date.now();
    const { outcomes } = await h.send(plan.planned);
    expect(outcomes.map((o) => o.status)).toEqual(Array(12).fill('sent'));
    const byOwner = h.instancesByOwner();
    expect(byOwner.size).toBe(12);
    for (const ids of byOwner.values()) expect(ids).toHaveLength(1);
    for (const [i, o] of outcomes.entries()) {
      const files = h.fake.instances.get(o.instanceId as string)?.elements.filter((e) => e.spec.dataType === 'vedlegg');
      expect(files?.length, `row ${o.row}`).toBe(i % 3 === 0 ? 1 : 0);
    }
    // Every fault was met, and the 429's Retry-After of 1 s was honoured.
    const faults = h.fake.requests.filter((r) => r.fault).map((r) => r.fault);
    expect(faults.sort()).toEqual([
      'drop-answer',
      'drop-answer',
      'drop-answer',
      'reset-before',
      'retry-after',
      'status',
      'status',
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    // The rows whose answers were lost were looked up in Storage by owner and creation time.
    const lookups = h.fake.requests.filter((r) => r.path.endsWith('/storage/api/v1/instances') && r.owner);
    expect(lookups.length).toBeGreaterThanOrEqual(2);
    expect(lookups.every((r) => /created=gte%3A/.test(r.query))).toBe(true);
  });

  it('a row left pending (no answer, no more tries) is looked up on the next run and not sent again', async () => {
    h = await sendHarness(3);
    const plan = await h.plan(csv(h.orgs.map((o) => `${o.orgNumber};x;`)));
    h.fake.writes.addFault({ op: 'instantiate-create', type: 'drop-answer', skip: 1 });
    const first = await h.send(plan.planned, { maxAttempts: 1 });
    expect(first.outcomes.map((o) => o.status)).toEqual(['sent', 'failed', 'sent']);
    expect(first.outcomes[1]?.error?.code).toBe('SEND_OUTCOME_UNKNOWN');
    expect([...(await SendJournal.peek(first.journal.folder)).rows.values()].map((r) => r.state).sort()).toEqual([
      'done',
      'done',
      'pending',
    ]);
    expect(h.fake.instances.size).toBe(3); // the lost answer's instance exists
    const creates = h.writes().filter((r) => r.op === 'instantiate-create').length;
    const second = await h.send(plan.planned);
    expect(second.outcomes.map((o) => o.status)).toEqual(['already-sent', 'sent', 'already-sent']);
    expect(h.writes().filter((r) => r.op === 'instantiate-create').length).toBe(creates);
    expect(h.fake.instances.size).toBe(3);
    expect(second.outcomes[1]?.instanceId).toBe(h.instancesByOwner().get(h.orgs[1]?.orgNumber as string)?.[0]);
  });

  it('looks a lost row up by national identity number (the owner header) and by party id alike', async () => {
    h = await sendHarness(1);
    const plan = await h.plan(csv([`${PERSON.ssn};;a`, `;${h.orgs[0]?.partyId};b`], 'fnr;partyId;prefill.Navn'));
    expect(plan.problems).toEqual([]);
    h.fake.writes.addFault({ op: 'instantiate-create', type: 'drop-answer', times: 2 });
    const { outcomes } = await h.send(plan.planned);
    expect(outcomes.map((o) => o.status)).toEqual(['sent', 'sent']);
    expect(h.fake.instances.size).toBe(2);
    const lookups = h.fake.requests.filter((r) => r.path.endsWith('/storage/api/v1/instances'));
    expect(lookups.some((r) => r.owner === `Person:${PERSON.ssn}` && !r.query.includes(PERSON.ssn))).toBe(true);
    expect(lookups.some((r) => r.query.includes(`instanceOwner.partyId=${h.orgs[0]?.partyId}`) && !r.owner)).toBe(true);
  });

  it('a reset before Altinn acted, left pending: the lookup finds nothing and the row is sent once', async () => {
    h = await sendHarness(2);
    const plan = await h.plan(csv(h.orgs.map((o) => `${o.orgNumber};x;`)));
    h.fake.writes.addFault({ op: 'instantiate-create', type: 'reset-before' });
    const first = await h.send(plan.planned, { maxAttempts: 1 });
    expect(first.outcomes.filter((o) => o.status === 'failed')).toHaveLength(1);
    expect(h.fake.instances.size).toBe(1);
    const second = await h.send(plan.planned);
    expect(second.outcomes.map((o) => o.status).sort()).toEqual(['already-sent', 'sent']);
    for (const ids of h.instancesByOwner().values()) expect(ids).toHaveLength(1);
    expect(h.fake.instances.size).toBe(2);
  });

  it("Altinn's refusal fails the row with the reason; fixing nothing, a rerun tries it again", async () => {
    h = await sendHarness(1);
    // 974760673 is a valid number Register does not know.
    const plan = await h.plan(csv([`${h.orgs[0]?.orgNumber};x;`, '974760673;y;']));
    const { outcomes } = await h.send(plan.planned);
    expect(outcomes[1]).toMatchObject({ row: 3, status: 'failed', error: { code: 'ACT_PARTY_NOT_FOUND' } });
    expect(h.fake.instances.size).toBe(1);
  });

  it('journals a row in two flushes at most: pending before its request, created and done together after it', async () => {
    h = await sendHarness(10);
    const plan = await h.plan(csv(h.orgs.map((o, i) => `${o.orgNumber};Navn ${i};`)));
    const one = await h.send(plan.planned, { concurrency: 1 });
    expect(one.outcomes.map((o) => o.status)).toEqual(Array(10).fill('sent'));
    // The open line, then pending, created and done of each row.
    expect(one.journal.durable.lines).toBe(1 + 3 * 10);
    expect(one.journal.durable.flushes).toBeLessThanOrEqual(1 + 2 * 10);
  });

  it('rows in flight share their flushes (group commit)', async () => {
    h = await sendHarness(32);
    const plan = await h.plan(csv(h.orgs.map((o, i) => `${o.orgNumber};Navn ${i};`)));
    h.fake.latencyMs = 30;
    const { outcomes, journal } = await h.send(plan.planned, { concurrency: 8 });
    expect(outcomes.map((o) => o.status)).toEqual(Array(32).fill('sent'));
    expect(journal.durable.lines).toBe(1 + 3 * 32);
    // Eight rows answered together write their lines together: far fewer flushes than rows.
    expect(journal.durable.flushes).toBeLessThan(32);
  });

  it('a new batch name starts afresh: the same rows are sent again', async () => {
    h = await sendHarness(2);
    const plan = await h.plan(csv(h.orgs.map((o) => `${o.orgNumber};x;`)));
    await h.send(plan.planned, { source: 'batch:2026' });
    const next = await h.send(plan.planned, { source: 'batch:2027' });
    expect(next.outcomes.map((o) => o.status)).toEqual(['sent', 'sent']);
    expect(h.fake.instances.size).toBe(4);
  });
});

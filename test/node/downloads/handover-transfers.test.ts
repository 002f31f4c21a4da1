import { describe, expect, it } from 'vitest';
import type {
  AttemptHooks,
  AttemptResult,
  ElementTransfers,
  TransferOrder,
} from '../../../src/node/downloads/element-transfers';
import { HandoverTransfers } from '../../../src/node/downloads/handover-transfers';
import { TransferSlots } from '../../../src/node/downloads/transfer-slots';

/** A stand-in carrier: records who got which attempt, answers when told. */
function carrier(name: string, log: string[]) {
  const pending: (() => void)[] = [];
  const result: AttemptResult = { size: 1, md5: 'x', check: 'size', resumedFrom: 0 };
  const transfers: ElementTransfers & { isReady: boolean; finishAll(): void } = {
    threads: 2,
    isReady: false,
    ready() {
      return this.isReady;
    },
    attempt(order: TransferOrder) {
      log.push(`${name}:${order.finalPath}`);
      return new Promise<AttemptResult>((resolve) => pending.push(() => resolve(result)));
    },
    flush: async () => {},
    close: () => {},
    finishAll() {
      for (const done of pending.splice(0)) done();
    },
  };
  return transfers;
}

const order = (name: string) => ({ finalPath: name }) as TransferOrder;
const hooks = (slots: TransferSlots) => ({ slots, signal: new AbortController().signal }) as unknown as AttemptHooks;
const nextTurn = () => new Promise((r) => setImmediate(r));

describe('the first transfers in this thread, then the workers (issue 21, handover-transfers.ts)', () => {
  it('starts in this thread, starts the workers only after the first attempt, and hands over once they are up', async () => {
    const log: string[] = [];
    const local = carrier('here', log);
    const workers = carrier('workers', log);
    const slots = new TransferSlots(8);
    let opened = 0;
    const t = new HandoverTransfers(
      local,
      2,
      () => {
        opened++;
        return workers;
      },
      slots,
    );
    const first = t.attempt(order('a'), hooks(slots));
    // Not in the first attempt's turn: its request goes out before the workers' start takes the thread.
    expect(opened).toBe(0);
    await nextTurn();
    expect(opened).toBe(1);
    const second = t.attempt(order('b'), hooks(slots));
    workers.isReady = true;
    const third = t.attempt(order('c'), hooks(slots));
    const fourth = t.attempt(order('d'), hooks(slots));
    expect(log).toEqual(['here:a', 'here:b', 'workers:c', 'workers:d']);
    local.finishAll();
    workers.finishAll();
    await Promise.all([first, second, third, fourth]);
    expect(opened).toBe(1);
  });

  it("keeps the job's one bound: the workers get only the slots no attempt here may hold, and all of them after", async () => {
    const log: string[] = [];
    const local = carrier('here', log);
    const workers = carrier('workers', log);
    const slots = new TransferSlots(4);
    let share: TransferSlots | undefined;
    const t = new HandoverTransfers(
      local,
      2,
      (s) => {
        share = s;
        return workers;
      },
      slots,
    );
    const here = [t.attempt(order('a'), hooks(slots)), t.attempt(order('b'), hooks(slots))];
    await nextTurn();
    expect(share?.size).toBe(2);
    // The job grows (adaptive-concurrency.ts): the workers' part grows with it.
    slots.resize(8);
    expect(share?.size).toBe(6);
    workers.isReady = true;
    const there = t.attempt(order('c'), hooks(slots));
    expect(share?.size).toBe(6);
    local.finishAll();
    await Promise.all(here);
    expect(share?.size).toBe(8);
    slots.resize(4);
    expect(share?.size).toBe(4);
    workers.finishAll();
    await there;
    t.close();
  });

  it("runs no more here than the job's slots: the next attempt waits for a slot here or for the workers", async () => {
    const log: string[] = [];
    const local = carrier('here', log);
    const workers = carrier('workers', log);
    const slots = new TransferSlots(2);
    const t = new HandoverTransfers(local, 2, () => workers, slots);
    const here = [t.attempt(order('a'), hooks(slots)), t.attempt(order('b'), hooks(slots))];
    const third = t.attempt(order('c'), hooks(slots));
    await new Promise((r) => setTimeout(r, 30));
    expect(log).toEqual(['here:a', 'here:b']);
    workers.isReady = true;
    await new Promise((r) => setTimeout(r, 30));
    expect(log).toEqual(['here:a', 'here:b', 'workers:c']);
    // While moving, and for a short while after, adaptive growth judges no window.
    expect(t.handingOver()).toBe(true);
    await new Promise((r) => setTimeout(r, 250));
    expect(t.handingOver()).toBe(false);
    local.finishAll();
    workers.finishAll();
    await Promise.all([...here, third]);
    t.close();
  });

  it('a job that ends before the workers would start does not start them', async () => {
    const local = carrier('here', []);
    let opened = 0;
    const slots = new TransferSlots(4);
    const t = new HandoverTransfers(
      local,
      2,
      () => {
        opened++;
        return carrier('workers', []);
      },
      slots,
    );
    const a = t.attempt(order('a'), hooks(slots));
    local.finishAll();
    await a;
    t.close();
    await nextTurn();
    expect(opened).toBe(0);
  });
});

/**
 * A worker thread for scavenge-pacer.test.ts: takes V8's scavenge as a transfer worker does at start — many
 * times, released at the same moment as its siblings (a barrier on shared memory), so their starts overlap.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { youngCollection } from '../../src/node/platform/scavenge-pacer';

const { barrier, threads } = workerData as { barrier: SharedArrayBuffer; threads: number };
const cell = new Int32Array(barrier);
Atomics.add(cell, 0, 1);
while (Atomics.load(cell, 0) < threads) Atomics.wait(cell, 0, Atomics.load(cell, 0), 5);

let failures = 0;
let collect = () => {};
for (let i = 0; i < 300; i++) {
  try {
    collect = youngCollection();
  } catch {
    failures++;
  }
}
const used = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_used_size ?? 0;
let junk: object[] | undefined = [];
for (let i = 0; i < 2e4; i++) junk.push({ i });
junk = undefined;
const before = used();
collect();
parentPort?.postMessage({ failures, before, after: used(), kept: junk });

/**
 * At most two fsyncs at a time: each holds a libuv pool thread (4 by default) until the disk answers,
 * and the writes of the transfers still running need the others.
 */
const FSYNC_SLOTS = 2;
let fsyncBusy = 0;
const fsyncQueue: (() => void)[] = [];
export async function withFsyncSlot<T>(run: () => Promise<T>): Promise<T> {
  if (fsyncBusy >= FSYNC_SLOTS) await new Promise<void>((resolve) => fsyncQueue.push(resolve));
  fsyncBusy++;
  try {
    return await run();
  } finally {
    fsyncBusy--;
    fsyncQueue.shift()?.();
  }
}

import type { FileHandle } from 'node:fs/promises';
import { type BodyReadOptions, readBody } from './body-reader';
import type { Md5Stream } from './md5-pool';

/**
 * The byte path of a download: response body → file, hashed on the way, memory bounded.
 *
 * Chunks from the socket (≤ 64 KiB each) are copied into 512 KiB slabs of shared memory; a full slab is
 * written with one positional write (libuv thread pool) and hashed by an MD5 worker (md5-pool.ts) at the
 * same time, on other threads than the one reading the socket. At most MAX_IN_FLIGHT slabs per transfer
 * are being written or hashed; beyond that the body is paused (TCP backpressure), so memory stays at a
 * few MiB per transfer whatever the file size. Measured in bench/: the old path (for-await over the
 * body, a WriteStream per chunk, MD5 on the main thread) used twice the main-thread CPU per byte.
 *
 * On a read error everything received so far is still written before this returns, so the temp file
 * holds a clean prefix that a retry can continue with `Range`.
 */
export const SLAB_BYTES = 512 * 1024;
const MAX_IN_FLIGHT = 4;
/** Slabs kept for reuse per thread (each transfer worker has its own pool): 4 MiB. */
const POOL_LIMIT = 8;
const pool: SharedArrayBuffer[] = [];

function takeSlab(): SharedArrayBuffer {
  return pool.pop() ?? new SharedArrayBuffer(SLAB_BYTES);
}

function giveSlab(slab: SharedArrayBuffer): void {
  if (pool.length < POOL_LIMIT) pool.push(slab);
}

export interface PumpOptions extends BodyReadOptions {
  file: FileHandle;
  /** Where the first byte goes (the length of a kept prefix when resuming). */
  position: number;
  md5: Md5Stream;
  onBytes?: (n: number) => void;
}

export interface PumpResult {
  /** Bytes received and written (all of them, also when `readError` is set). */
  bytes: number;
  /** The body failed or was cut off; what arrived is on disk. */
  readError?: unknown;
}

/** Throws only for write errors or a HashFailure; the file may then have holes: do not resume from it. */
export async function pumpToFile(o: PumpOptions): Promise<PumpResult> {
  const { file, md5 } = o;
  let position = o.position;
  let slab: SharedArrayBuffer | undefined;
  let view: Buffer | undefined;
  let used = 0;
  let bytes = 0;
  let writeError: unknown;
  let paused = false;
  let reading = true;
  const inFlight = new Set<Promise<void>>();

  const dispatch = () => {
    if (!slab || used === 0) return;
    const buf = slab;
    const length = used;
    const at = position;
    position += length;
    slab = undefined;
    view = undefined;
    used = 0;
    const hashed = md5.update(buf, 0, length).catch((error) => Promise.reject(new HashFailure(error)));
    const job: Promise<void> = Promise.all([writeAll(file, Buffer.from(buf, 0, length), at), hashed])
      .then(
        () => giveSlab(buf),
        (error) => {
          writeError ??= error;
          o.body.destroy();
        },
      )
      .finally(() => {
        inFlight.delete(job);
        if (paused && reading && inFlight.size < MAX_IN_FLIGHT && !writeError) {
          paused = false;
          reader.resume();
        }
      });
    inFlight.add(job);
    if (inFlight.size >= MAX_IN_FLIGHT && !paused) {
      paused = true;
      reader.pause();
    }
  };

  const reader = readBody(o, (chunk) => {
    const n = chunk.length;
    bytes += n;
    o.onBytes?.(n);
    let off = 0;
    while (off < n) {
      if (!slab) {
        slab = takeSlab();
        view = Buffer.from(slab);
      }
      const take = Math.min(n - off, SLAB_BYTES - used);
      chunk.copy(view as Buffer, used, off, off + take);
      used += take;
      off += take;
      if (used === SLAB_BYTES) dispatch();
    }
  });
  const { readError } = await reader.done;
  reading = false;
  if (!writeError) dispatch();
  await Promise.all(inFlight);
  if (writeError) throw writeError;
  return { bytes, ...(readError !== undefined ? { readError } : {}) };
}

/** Hash `length` bytes of a file from offset 0 (a kept prefix, or a whole file) without the main thread. */
export async function hashFileInto(file: FileHandle, length: number, md5: Md5Stream): Promise<number> {
  let done = 0;
  const pending = new Set<Promise<void>>();
  while (done < length) {
    const slab = takeSlab();
    const { bytesRead } = await file.read(Buffer.from(slab), 0, Math.min(SLAB_BYTES, length - done), done);
    if (bytesRead === 0) {
      giveSlab(slab);
      break;
    }
    done += bytesRead;
    const p: Promise<void> = md5.update(slab, 0, bytesRead).then(() => {
      pending.delete(p);
      giveSlab(slab);
    });
    pending.add(p);
    if (pending.size >= MAX_IN_FLIGHT) await Promise.race(pending);
  }
  await Promise.all(pending);
  return done;
}

async function writeAll(file: FileHandle, data: Buffer, position: number): Promise<void> {
  let off = 0;
  while (off < data.length) {
    const { bytesWritten } = await file.write(data, off, data.length - off, position + off);
    if (bytesWritten <= 0) throw Object.assign(new Error('The write made no progress'), { code: 'EIO' });
    off += bytesWritten;
  }
}

/** The MD5 worker failed (not the disk): the transfer can be retried. */
export class HashFailure extends Error {
  constructor(cause: unknown) {
    super(`Hashing failed: ${(cause as Error)?.message ?? cause}`, { cause });
  }
}

/**
 * A transfer worker thread (transfer-threads.ts starts them): data elements from the network to their final
 * names, as the main thread's download job orders them, with this thread's own keep-alive connections,
 * temp files, MD5, renames and batched flushes (transfer-element.ts, flush-batch.ts) — every check and
 * guarantee of a transfer in the main thread, on another core. It holds no token of its own (each order
 * brings one, used for that request only) and writes no manifest: it answers with the verified record,
 * and later with whether the file reached the disk, and the main thread records it.
 */
import { parentPort } from 'node:worker_threads';
import type { MarkedFile } from '../platform/origin-mark';
import { ScavengePacer } from '../platform/scavenge-pacer';
import { openDataUrl, REFUSED_TOKEN } from '../storage/data-get';
import { routedOpen } from '../storage/element-opener';
import { nodeStreamGet } from '../storage/stream-get';
import { FlushBatch } from './flush-batch';
import { Md5Pool } from './md5-pool';
import { MessageOutbox } from './message-outbox';
import { SmallFileWriter } from './small-file';
import { transferElement } from './transfer-element';
import { TransferSlots } from './transfer-slots';
import { type FromWorker, type ToWorker, toWire } from './transfer-wire';

const port = parentPort;
if (!port) throw new Error('transfer-worker.ts runs as a worker thread');

interface Job {
  bytes: BigInt64Array;
  /** The job's Altinn token as the main thread last sent it (see ToWorker 'transfer'). */
  token: string;
  flusher: FlushBatch;
  smallFiles: SmallFileWriter;
  /** This worker's share of the job's slots (ToWorker 'lease'): none until the main thread gives one. */
  slots: TransferSlots;
}

const jobs = new Map<number, Job>();
const attempts = new Map<number, AbortController>();
/** Orders waiting for a slot of their job's share, by id: aborting one takes it out of the line. */
const waiting = new Map<number, AbortController>();
const orderJob = new Map<number, number>();
const marks = new Map<number, () => void>();
let markSeq = 0;
// This thread's keep-alive pool; MD5 on this thread (a worker of its own would only be a hand-off more).
const streamGet = nodeStreamGet();
const md5Pool = new Md5Pool(0);
// The socket buffers of bodies received here go back to the system every 4 MiB, not when V8 gets round to
// it (scavenge-pacer.ts).
const scavenges = new ScavengePacer(4 * 1024 * 1024);

const outbox = new MessageOutbox<FromWorker>((messages) => port.postMessage(messages));
const post = (message: FromWorker) => outbox.post(message);

/** A token Altinn refused: the main thread gets a fresh one and orders the attempt again. */
class RefusedToken extends Error {}
/** Why an order waiting for a slot did not start (ToWorker 'lease', 'unstart'). */
const MOVED = 'moved';
const DRAINED = 'drained';

port.on('message', (messages: ToWorker[]) => {
  for (const m of messages) receive(m);
});

function receive(m: ToWorker): void {
  switch (m.op) {
    case 'job': {
      const bytes = new BigInt64Array(m.bytes);
      const mark = m.mark
        ? (files: MarkedFile[]) =>
            new Promise<void>((resolve) => {
              const seq = ++markSeq;
              marks.set(seq, resolve);
              post({ op: 'mark', seq, job: m.job, files });
            })
        : undefined;
      jobs.set(m.job, {
        bytes,
        token: '',
        flusher: new FlushBatch({ ...m.flush, ...(mark ? { mark } : {}) }),
        smallFiles: new SmallFileWriter(m.blockingCallLimitMs),
        slots: new TransferSlots(0, 0),
      });
      return;
    }
    case 'lease': {
      const job = jobs.get(m.job);
      if (!job) return;
      const shrinks = m.slots < job.slots.size;
      job.slots.resize(m.slots);
      // Fewer slots here: what waits goes back to be ordered where there is room (orders are per job's
      // worker, and this worker's transfers in flight finish first).
      if (shrinks) for (const [id, wait] of waiting) if (orderJob.get(id) === m.job) wait.abort(MOVED);
      return;
    }
    case 'transfer':
      void transfer(m);
      return;
    case 'abort':
      waiting.get(m.id)?.abort();
      attempts.get(m.id)?.abort();
      return;
    case 'unstart':
      waiting.get(m.id)?.abort(DRAINED);
      return;
    case 'flush':
      jobs
        .get(m.job)
        ?.flusher.flush()
        .catch(() => {});
      return;
    case 'end': {
      const job = jobs.get(m.job);
      jobs.delete(m.job);
      job?.flusher.flush().catch(() => {});
      return;
    }
    case 'marked':
      marks.get(m.seq)?.();
      marks.delete(m.seq);
      return;
  }
}

async function transfer(m: Extract<ToWorker, { op: 'transfer' }>): Promise<void> {
  const { id, order, route } = m;
  const job = jobs.get(m.job);
  if (job && m.token !== undefined) job.token = m.token;
  // A slot of this worker's share first: the order starts the moment one is free here.
  if (job) {
    const wait = new AbortController();
    waiting.set(id, wait);
    orderJob.set(id, m.job);
    try {
      await job.slots.acquire(wait.signal);
    } catch {
      const why = wait.signal.reason;
      post({
        op: 'failed',
        id,
        route,
        ...(why === MOVED ? { moved: true } : why === DRAINED ? { drained: true } : {}),
        error: { name: 'AbortError', message: 'The transfer did not start' },
      });
      return;
    } finally {
      waiting.delete(id);
      orderJob.delete(id);
    }
    post({ op: 'started', id });
  }
  const controller = new AbortController();
  attempts.set(id, controller);
  let released = false;
  const release = () => {
    if (released || !job) return;
    released = true;
    job.slots.release();
    post({ op: 'released', id });
  };
  try {
    if (!job) throw new Error('The download job is over');
    const token = job.token;
    const result = await transferElement({
      open: (rangeStart, signal) =>
        routedOpen(route, order.urls, async (url) => {
          const response = await openDataUrl(streamGet, url, token, { rangeStart, signal });
          if (response === REFUSED_TOKEN) throw new RefusedToken();
          return response;
        }),
      originUrl: () => route.source ?? order.markUrl,
      tempPath: order.tempPath,
      finalPath: order.finalPath,
      expectedSize: order.expectedSize,
      expectedMd5: order.expectedMd5,
      smallFiles: job.smallFiles,
      md5Pool,
      noPart: order.noPart,
      untrustedPart: order.untrustedPart,
      // The slot of this worker's share is held (above); the main thread is told when it is free again.
      slots: { acquire: async () => {}, release },
      flush: job.flusher,
      dirs: order.dirs,
      signal: controller.signal,
      onBytes: (delta) => {
        scavenges.received(delta);
        Atomics.add(job.bytes, 0, BigInt(delta));
      },
      idleTimeoutMs: order.idleTimeoutMs,
    });
    // A disk that falls behind holds the next transfer back (flush-batch.ts MAX_UNFLUSHED).
    await job.flusher.ready();
    const { durable, ...record } = result;
    post({ op: 'done', id, result: record, route, flushing: durable !== undefined });
    durable?.then(
      () => post({ op: 'durable', id }),
      (error: unknown) => post({ op: 'durable', id, error: toWire(error) }),
    );
  } catch (error) {
    release();
    if (error instanceof RefusedToken) {
      post({
        op: 'failed',
        id,
        route,
        refused: true,
        error: { name: 'Error', message: 'Altinn refused the token (401)' },
      });
    } else {
      post({ op: 'failed', id, route, error: toWire(error) });
    }
  } finally {
    attempts.delete(id);
  }
}

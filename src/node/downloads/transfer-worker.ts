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
import { openDataUrl, REFUSED_TOKEN } from '../storage/data-get';
import { routedOpen } from '../storage/element-opener';
import { nodeStreamGet } from '../storage/stream-get';
import { FlushBatch } from './flush-batch';
import { Md5Pool } from './md5-pool';
import { MessageOutbox } from './message-outbox';
import { SmallFileWriter } from './small-file';
import { transferElement } from './transfer-element';
import { type FromWorker, type ToWorker, toWire } from './transfer-wire';

const port = parentPort;
if (!port) throw new Error('transfer-worker.ts runs as a worker thread');

interface Job {
  bytes: BigInt64Array;
  /** The job's Altinn token as the main thread last sent it (see ToWorker 'transfer'). */
  token: string;
  flusher: FlushBatch;
  smallFiles: SmallFileWriter;
}

const jobs = new Map<number, Job>();
const attempts = new Map<number, AbortController>();
const marks = new Map<number, () => void>();
let markSeq = 0;
// This thread's keep-alive pool; MD5 on this thread (a worker of its own would only be a hand-off more).
const streamGet = nodeStreamGet();
const md5Pool = new Md5Pool(0);

const outbox = new MessageOutbox<FromWorker>((messages) => port.postMessage(messages));
const post = (message: FromWorker) => outbox.post(message);

/** A token Altinn refused: the main thread gets a fresh one and orders the attempt again. */
class RefusedToken extends Error {}

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
      });
      return;
    }
    case 'transfer':
      void transfer(m);
      return;
    case 'abort':
      attempts.get(m.id)?.abort();
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
  const controller = new AbortController();
  attempts.set(id, controller);
  let released = false;
  const release = () => {
    if (!released) post({ op: 'released', id });
    released = true;
  };
  try {
    if (!job) throw new Error('The download job is over');
    if (m.token !== undefined) job.token = m.token;
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
      // The main thread holds the job's slot for this attempt; it is told when the network part is done.
      slots: { acquire: async () => {}, release },
      flush: job.flusher,
      dirs: order.dirs,
      signal: controller.signal,
      onBytes: (delta) => {
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

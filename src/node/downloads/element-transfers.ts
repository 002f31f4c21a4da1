import type { VerifiedBy } from '../../common/schemas/content-hash';
import { type DataRoute, routedOpen } from '../storage/element-opener';
import type { StorageClient } from '../storage/storage-client';
import type { FlushBatch } from './flush-batch';
import type { SmallFileWriter } from './small-file';
import { transferElement } from './transfer-element';
import type { TransferSlots } from './transfer-slots';

/**
 * One attempt at a data element, from its request to its final name (transfer-element.ts), and who
 * carries it: this thread (LocalTransfers, below) or a transfer worker thread (transfer-threads.ts). The
 * order is plain data, so it crosses to a worker as it is; the bytes never cross back — only the verified
 * record does (size, MD5, the check), and later whether the file was flushed.
 */
export interface TransferOrder {
  /** The element at the app API and in Storage (StorageClient.dataUrls: the token may go to both). */
  urls: { app: string; storage: string };
  appId: string;
  tempPath: string;
  finalPath: string;
  expectedSize?: number;
  /** Base64 MD5 where Storage's hash still describes the bytes (content-hash.ts). */
  expectedMd5?: string;
  /** No `.part` can be there yet (a folder this run made). */
  noPart: boolean;
  /** A `.part` there may be an earlier run's, and there is no MD5 to catch damage: start over. */
  untrustedPart: boolean;
  /** The folders to flush with the file (its own; a parent when its folder is new). */
  dirs: string[];
  idleTimeoutMs: number;
  /** The element's own link, for the mark of a file no request was made for (a complete kept `.part`). */
  markUrl: string;
}

export interface AttemptHooks {
  /** The job's: aborts the attempt. */
  signal: AbortSignal;
  /** Aborts only while waiting for a connection slot (a drained job starts nothing new). */
  startSignal?: AbortSignal;
  /** The job's connection slots: one is held from the request until the bytes are verified. */
  slots: TransferSlots;
  /** Where to ask: updated by the attempt, kept by the caller for the next one. */
  route: DataRoute;
  /** Bytes as they arrive (negative when an attempt's bytes are thrown away). */
  onBytes: (delta: number) => void;
}

export interface AttemptResult {
  size: number;
  md5: string;
  check: VerifiedBy;
  resumedFrom: number;
  /** Resolves once the file and its folders are flushed; rejects if that failed (flush-batch.ts). */
  durable?: Promise<void>;
}

export interface ElementTransfers {
  /** Worker threads that carry the transfers; 0: this thread. */
  readonly threads: number;
  /**
   * How busy the worker threads' event loops were since the last call, 0–1 (the mean over the workers that
   * ran; adaptive-concurrency.ts counts it as room for more transfers). Undefined while none has run yet,
   * and for transfers in this thread, whose loop the caller measures itself.
   */
  utilization?(): number | undefined;
  /** The worker threads can take orders now (each has started its event loop); absent: always. */
  ready?(): boolean;
  /** New attempts still run in this thread until the workers are up (handover-transfers.ts). */
  handingOver?(): boolean;
  /**
   * One attempt (the caller retries). Resolves once the file is verified and under its final name, and
   * — a disk that falls behind holds the next transfer back — once fewer than MAX_UNFLUSHED files wait
   * for their flush.
   */
  attempt(order: TransferOrder, hooks: AttemptHooks): Promise<AttemptResult>;
  /** Flush every renamed file now instead of with its batch's timer (the end of a run). */
  flush(): Promise<void>;
  /** The run is over: let go of what it held. */
  close(): void;
}

/**
 * Transfers in this thread — a machine with one core, or a job whose outside world (how files are opened,
 * how the disk flushes) was given as functions, which cannot cross to a worker (tests of a full disk or a
 * crash before the flush).
 */
export class LocalTransfers implements ElementTransfers {
  readonly threads = 0;

  constructor(
    private readonly job: { context: { client: StorageClient }; flusher: FlushBatch; smallFiles: SmallFileWriter },
  ) {}

  async attempt(order: TransferOrder, hooks: AttemptHooks): Promise<AttemptResult> {
    const { client } = this.job.context;
    const { route } = hooks;
    const result = await transferElement({
      open: (rangeStart, signal) =>
        routedOpen(route, order.urls, (url) => client.openData(url, { rangeStart, signal, appId: order.appId })),
      originUrl: () => route.source ?? order.markUrl,
      tempPath: order.tempPath,
      finalPath: order.finalPath,
      expectedSize: order.expectedSize,
      expectedMd5: order.expectedMd5,
      smallFiles: this.job.smallFiles,
      noPart: order.noPart,
      untrustedPart: order.untrustedPart,
      slots: hooks.slots,
      startSignal: hooks.startSignal,
      flush: this.job.flusher,
      dirs: order.dirs,
      signal: hooks.signal,
      onBytes: hooks.onBytes,
      idleTimeoutMs: order.idleTimeoutMs,
    });
    await this.job.flusher.ready();
    return result;
  }

  flush(): Promise<void> {
    return this.job.flusher.flush();
  }

  close(): void {}
}

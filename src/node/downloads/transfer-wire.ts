import { AppError } from '../../common/errors/app-error';
import type { VerifiedBy } from '../../common/schemas/content-hash';
import type { MarkedFile } from '../platform/origin-mark';
import type { DataRoute } from '../storage/element-opener';
import type { TransferOrder } from './element-transfers';

/**
 * The messages between the download job (main thread, transfer-threads.ts) and its transfer workers
 * (transfer-worker.ts). All small: which element and where it goes, then its verified record; the bytes
 * stay in the worker that received them. The bearer token goes with an order when it changed (see 'transfer').
 */
export type ToWorker =
  | {
      op: 'job';
      job: number;
      /** The job's byte counter, shared (Atomics.add here, read by the job's progress and adaptive growth). */
      bytes: SharedArrayBuffer;
      /** Ask the main thread to mark each flush batch as come from the internet (origin-mark.ts). */
      mark: boolean;
      blockingCallLimitMs?: number;
      flush?: { maxFiles?: number; maxDelayMs?: number; lanes?: number };
    }
  /**
   * One attempt. `token`, when the job's token has changed since the last order to this worker (the first
   * order, a refresh): the Altinn bearer token for the job's data URLs (the only hosts it may go to, checked
   * by the Storage client that made them). The worker keeps the job's current one in memory while the job
   * runs, puts it only into a request's Authorization header, and never logs or stores it.
   */
  | { op: 'transfer'; id: number; job: number; order: TransferOrder; route: DataRoute; token?: string }
  /**
   * How many of the job's transfers this worker may have on the network at once: its share of the job's
   * slots (the shares add up to the job's concurrency). An order beyond it waits in the worker and starts
   * the moment one of its transfers is done with the network, without a message to and from the main
   * thread in between. When the share shrinks, the orders waiting come back ('failed', moved).
   */
  | { op: 'lease'; job: number; slots: number }
  | { op: 'abort'; id: number }
  /** The job is draining: if the order still waits for a slot, it does not start ('failed', drained). */
  | { op: 'unstart'; id: number }
  /** Flush the job's renamed files now. */
  | { op: 'flush'; job: number }
  /** The run is over: flush and forget the job. */
  | { op: 'end'; job: number }
  | { op: 'marked'; seq: number };

export type FromWorker =
  /** The order has a slot of the worker's share and its request goes out now. */
  | { op: 'started'; id: number }
  /** The network part is done (or failed): the job's connection slot is free again. */
  | { op: 'released'; id: number }
  | {
      op: 'done';
      id: number;
      result: { size: number; md5: string; check: VerifiedBy; resumedFrom: number };
      route: DataRoute;
      /** A `durable` message follows once the file and its folders are flushed. */
      flushing: boolean;
    }
  | {
      op: 'failed';
      id: number;
      error: WireError;
      route: DataRoute;
      /** Altinn answered 401 before any byte: the main thread refreshes the token and asks again. */
      refused?: boolean;
      /** It never started: the worker's share shrank (the main thread orders it elsewhere) … */
      moved?: boolean;
      /** … or the job is draining (it is not ordered again). */
      drained?: boolean;
    }
  | { op: 'durable'; id: number; error?: WireError }
  | { op: 'mark'; seq: number; job: number; files: MarkedFile[] };

/** An error as it crosses a thread: AppErrors keep their code and details (retryable, status …). */
export interface WireError {
  name: string;
  message: string;
  /** An AppError's code, or an errno code (ECONNRESET, ENOSPC …). */
  code?: string;
  appError?: boolean;
  details?: Record<string, unknown>;
}

export function toWire(error: unknown): WireError {
  const e = error as { name?: unknown; message?: unknown; code?: unknown } | undefined;
  const wire: WireError = {
    name: typeof e?.name === 'string' ? e.name : 'Error',
    message: typeof e?.message === 'string' ? e.message : String(error),
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
  };
  if (error instanceof AppError) {
    wire.appError = true;
    // Plain values only (retryable, status, path …): what crosses must survive the structured clone.
    if (error.details) wire.details = JSON.parse(JSON.stringify(error.details)) as Record<string, unknown>;
  }
  return wire;
}

export function fromWire(wire: WireError): Error {
  if (wire.appError && wire.code) return new AppError(wire.code, wire.message, { details: wire.details });
  const error = new Error(wire.message) as Error & { code?: string };
  error.name = wire.name;
  if (wire.code) error.code = wire.code;
  return error;
}

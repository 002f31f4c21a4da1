import { createHash } from 'node:crypto';
import { type FileHandle, open, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../common/errors/app-error';
import { DownloadErrors } from '../../common/errors/download-errors';
import type { VerifiedBy } from '../../common/schemas/content-hash';
import { renameRetrying } from '../platform/rename-retrying';
import { isAbort } from '../platform/retry';
import type { StreamResponse } from '../storage/stream-get';
import type { FlushBatch, FlushEntry } from './flush-batch';
import { withFsyncSlot } from './fsync-slots';
import { type Md5Pool, type Md5Stream, sharedMd5Pool } from './md5-pool';
import { asLinkRefused, OPEN_EXISTING, OPEN_READ } from './no-follow';
import { receiveSmallBody, SMALL_BODY_BYTES } from './small-body';
import { SmallFileWriter } from './small-file';
import { HashFailure, hashFileInto, type PumpResult, pumpToFile } from './stream-to-file';
import type { TransferSlots } from './transfer-slots';

/**
 * One data element from the network to its final name, never leaving a half file there:
 * into `<folder>/.<id>.part` — a body of at most 512 KiB received whole and written in one go
 * (commitSmallBody), a larger one streamed with memory flat whatever the size (stream-to-file.ts) and
 * hashed on the way (md5-pool.ts) — then verify size and MD5, fsync, rename. A partial `.part` from an earlier
 * attempt is continued with `Range: bytes=N-` when the server answers 206 (RFC 9110 §14.2, §15.3.7);
 * any other answer restarts the element from byte 0.
 */
export interface ElementTransfer {
  /** Open the body, from `rangeStart` when given. The signal aborts this attempt only. */
  open(rangeStart: number | undefined, signal: AbortSignal): Promise<StreamResponse>;
  tempPath: string;
  finalPath: string;
  expectedSize?: number;
  /** Base64 MD5 (Storage's `contentHash`), when known. */
  expectedMd5?: string;
  signal: AbortSignal;
  /**
   * Aborts only the start: while it waits for a connection slot, nothing has been asked of the server yet,
   * so a drained job (job-registry.ts) drops it; once the request is out, only `signal` stops it.
   */
  startSignal?: AbortSignal;
  /** Byte deltas as they arrive; negative when bytes are thrown away (a restart). */
  onBytes?: (delta: number) => void;
  /** Abort the attempt when no byte arrived for this long. */
  idleTimeoutMs?: number;
  /** Where MD5 is computed (default: the shared worker pool). */
  md5Pool?: Md5Pool;
  /** Writes bodies of at most SMALL_BODY_BYTES (the job's, which knows whether its disk is slow). */
  smallFiles?: SmallFileWriter;
  /** The caller knows there is no `.part` yet (a folder it just created): skip looking for one. */
  noPart?: boolean;
  /**
   * A `.part` at tempPath may be an earlier run's, which a power cut could have left damaged, and there is
   * no MD5 to catch that: start over rather than continue it. (A part this run's own failed attempt left
   * is continued with Range.)
   */
  untrustedPart?: boolean;
  /**
   * Held from the request until the bytes are verified, released before fsync and rename (see
   * transfer-slots.ts): the job's concurrency bounds connections, not files waiting on the disk.
   */
  slots?: Pick<TransferSlots, 'acquire' | 'release'>;
  /**
   * Flush in batches (flush-batch.ts): the verified file is renamed at once and flushed later with
   * others; `durable` in the result says when. Without it, each file is fsynced before its rename.
   */
  flush?: FlushBatch;
  /** The folders to flush with the file (its own, and its parent when its folder is new). */
  dirs?: string[];
  /** The URL the bytes came from, for the "from the internet" mark the flush writes (origin-mark.ts). */
  originUrl?: () => string | undefined;
}

export interface TransferResult {
  size: number;
  /** Base64 MD5 of the bytes written, computed here whatever was checked. */
  md5: string;
  check: VerifiedBy;
  resumedFrom: number;
  /** With `flush`: resolves once the file and its folders are on the disk; rejects if that failed. */
  durable?: Promise<void>;
}

export async function transferElement(t: ElementTransfer): Promise<TransferResult> {
  const md5Pool = t.md5Pool ?? sharedMd5Pool();
  const files = t.smallFiles ?? defaultSmallFiles;
  // A .part an earlier attempt left, opened only if it is a regular file: a link (or anything else) at
  // its name is removed unread, never followed (no-follow.ts, issue 17 finding 6).
  let kept = t.noPart ? undefined : await files.openKept(t.tempPath);
  const dropKept = async () => {
    await kept?.file.close().catch(() => {});
    kept = undefined;
    await rm(t.tempPath, { force: true });
  };
  let existing = kept?.size ?? 0;
  if (kept && (existing === 0 || t.untrustedPart || (t.expectedSize !== undefined && existing > t.expectedSize))) {
    // Empty, too long, or from an earlier run with no MD5 to catch a prefix a power cut damaged: start over.
    await dropKept();
    existing = 0;
  }
  if (kept && existing === t.expectedSize) {
    // A complete .part from an interrupted run: verify it instead of fetching it again.
    const file = kept.file;
    kept = undefined;
    let md5: string;
    try {
      md5 = await hashOpenFile(file, existing, md5Pool);
    } catch (error) {
      await file.close().catch(() => {});
      throw error;
    }
    if (!t.expectedMd5 || md5 === t.expectedMd5) {
      t.onBytes?.(existing);
      const check = t.expectedMd5 ? 'md5' : 'size';
      if (t.flush) {
        await finish(t.tempPath, t.finalPath);
        return { size: existing, md5, check, resumedFrom: existing, durable: flushLater(t, file) };
      }
      try {
        await withFsyncSlot(() => file.sync());
      } finally {
        await file.close();
      }
      await finish(t.tempPath, t.finalPath);
      return { size: existing, md5, check, resumedFrom: existing };
    }
    await file.close().catch(() => {});
    await rm(t.tempPath, { force: true });
    existing = 0;
  }

  // A connection slot (transfer-slots.ts) before anything is opened; an abort while waiting holds none.
  try {
    await t.slots?.acquire(t.startSignal ?? t.signal);
  } catch (error) {
    await kept?.file.close().catch(() => {});
    throw error;
  }
  let holding = t.slots !== undefined;
  const releaseSlot = () => {
    if (holding) t.slots?.release();
    holding = false;
  };
  const attempt = new AbortController();
  const onOuterAbort = () => attempt.abort(t.signal.reason);
  t.signal.addEventListener('abort', onOuterAbort, { once: true });
  let stalled = false;
  let counted = 0;
  let file: FileHandle | undefined;
  /** The streamed path's hash (a small body is hashed in one call instead). */
  let md5: Md5Stream | undefined;
  let digested = false;
  try {
    const response = await t.open(existing > 0 ? existing : undefined, attempt.signal);
    const resumed = existing > 0 && response.status === 206 && rangeStartOf(response) === existing;
    if (!resumed && response.status !== 200) {
      response.discard();
      // A 206 for another range than ours: start this element over.
      await dropKept();
      throw new AppError(DownloadErrors.FAILED, `Unexpected ${response.status} for a download`, {
        details: { status: response.status, retryable: true },
      });
    }
    if (!resumed) {
      // Written anew from byte 0: the kept file is replaced (createTemp, small-file.ts).
      await kept?.file.close().catch(() => {});
      kept = undefined;
    }
    const startAt = resumed ? existing : 0;
    // Storage's size, else what the answer says the whole is (Content-Length of a 200, the total of a
    // 206's Content-Range). With neither and no MD5 there is nothing to check the bytes against.
    const expectedSize = t.expectedSize ?? wholeSizeOf(response);
    if (expectedSize === undefined && !t.expectedMd5) {
      response.discard();
      throw new AppError(DownloadErrors.SIZE_MISMATCH, 'Neither Storage nor the answer says how large the file is', {
        details: { retryable: false },
      });
    }
    const sent = bodyLength(response);
    if (!resumed && expectedSize !== undefined && expectedSize <= SMALL_BODY_BYTES) {
      return await commitSmallBody(t, expectedSize, response, attempt, {
        count: (n) => {
          counted += n;
          t.onBytes?.(n);
        },
        stalled: () => {
          stalled = true;
        },
        releaseSlot,
        sent,
      });
    }
    md5 = md5Pool.open(expectedSize);
    let opened: FileHandle;
    try {
      if (resumed && kept) {
        opened = kept.file;
        kept = undefined;
      } else {
        await dropKept();
        opened = await files.createTemp(t.tempPath);
      }
    } catch (error) {
      response.discard();
      throw error;
    }
    file = opened;
    if (resumed) {
      const hashed = await hashFileInto(opened, existing, md5);
      if (hashed !== existing)
        throw new AppError(DownloadErrors.FAILED, 'The kept partial file changed while reading it');
      t.onBytes?.(existing);
      counted += existing;
    }

    let pumped: PumpResult;
    try {
      pumped = await pumpToFile({
        body: response.body,
        file: opened,
        position: startAt,
        md5,
        signal: attempt.signal,
        onBytes: (n) => {
          counted += n;
          t.onBytes?.(n);
        },
        idleTimeoutMs: t.idleTimeoutMs,
        onIdle: () => {
          stalled = true;
          attempt.abort();
        },
      });
    } catch (error) {
      // A failed write may leave holes: this temp file is no prefix to continue from.
      await opened.close().catch(() => {});
      file = undefined;
      await rm(t.tempPath, { force: true });
      if (error instanceof HashFailure) {
        throw new AppError(DownloadErrors.FAILED, error.message, { details: { retryable: true }, cause: error });
      }
      throw error;
    }
    if (pumped.readError !== undefined) throw pumped.readError;
    if (attempt.signal.aborted) throw attempt.signal.reason;

    const size = startAt + pumped.bytes;
    digested = true;
    const digest = await md5.digest();
    // This answer's own length (Content-Length), then the whole file's (Storage's size).
    const short = (sent !== undefined && pumped.bytes < sent) || (expectedSize !== undefined && size < expectedSize);
    const long = (sent !== undefined && pumped.bytes > sent) || (expectedSize !== undefined && size > expectedSize);
    if (short || long) {
      // Too short: keep the prefix and continue it with Range next time. Too long: it is wrong; drop it.
      if (long) await rm(t.tempPath, { force: true });
      throw new AppError(
        DownloadErrors.SIZE_MISMATCH,
        `Got ${size} bytes, expected ${expectedSize ?? '?'} (this answer: ${pumped.bytes} of ${sent ?? '?'})`,
        { details: { retryable: true, discard: long } },
      );
    }
    if (t.expectedMd5 && digest !== t.expectedMd5) {
      await rm(t.tempPath, { force: true });
      throw new AppError(DownloadErrors.HASH_MISMATCH, 'The MD5 of the downloaded bytes does not match contentHash', {
        details: { retryable: true, discard: true },
      });
    }
    const check: VerifiedBy = t.expectedMd5 ? 'md5' : 'size';
    // The network part is done: let the next element start while this one waits on the disk.
    releaseSlot();
    if (t.flush) {
      // Verified: its final name now, the flush with the next batch (flush-batch.ts).
      await finish(t.tempPath, t.finalPath);
      file = undefined;
      return { size, md5: digest, check, resumedFrom: resumed ? existing : 0, durable: flushLater(t, opened) };
    }
    // Durable before it gets its final name: fsync, then rename (the folder is fsynced before a confirm).
    await withFsyncSlot(() => opened.sync());
    await opened.close();
    file = undefined;
    await finish(t.tempPath, t.finalPath);
    return { size, md5: digest, check, resumedFrom: resumed ? existing : 0 };
  } catch (error) {
    if (!digested) md5?.drop();
    await file?.close().catch(() => {});
    await kept?.file.close().catch(() => {});
    // Bytes of a failed attempt no longer count; a kept prefix is counted again when it is continued.
    if (counted) t.onBytes?.(-counted);
    if (t.signal.aborted) throw t.signal.reason ?? error;
    if (stalled) {
      throw new AppError(DownloadErrors.STALLED, `No data arrived for ${t.idleTimeoutMs} ms`, {
        details: { retryable: true },
      });
    }
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      await rm(t.tempPath, { force: true });
      throw new AppError(DownloadErrors.DISK_FULL, 'The disk is full', { details: { path: t.tempPath }, cause: error });
    }
    if (code && /^E[A-Z]+$/.test(code) && !isAbort(error) && !isNetworkCode(code)) {
      throw new AppError(DownloadErrors.WRITE_FAILED, `Could not write ${t.tempPath}: ${code}`, { cause: error });
    }
    throw error;
  } finally {
    releaseSlot();
    t.signal.removeEventListener('abort', onOuterAbort);
  }
}

/**
 * The common case, a body of at most SMALL_BODY_BYTES whose size Storage gave: received into memory,
 * hashed in one call, then written, fsynced and renamed by small-file.ts — the same checks in the same
 * order as the streamed path, with one hand-off to another thread (the fsync) instead of about five. A body
 * cut short still leaves its prefix in the `.part` (unsynced, as the streamed path does) so the retry
 * continues it with Range.
 */
async function commitSmallBody(
  t: ElementTransfer,
  expectedSize: number,
  response: StreamResponse,
  attempt: AbortController,
  hooks: { count: (n: number) => void; stalled: () => void; releaseSlot: () => void; sent?: number },
): Promise<TransferResult> {
  const files = t.smallFiles ?? defaultSmallFiles;
  const got = await receiveSmallBody({
    body: response.body,
    limit: expectedSize,
    signal: attempt.signal,
    onBytes: hooks.count,
    idleTimeoutMs: t.idleTimeoutMs,
    onIdle: () => {
      hooks.stalled();
      attempt.abort();
    },
  });
  if (got.tooLong) {
    if (!t.noPart) await rm(t.tempPath, { force: true });
    throw new AppError(DownloadErrors.SIZE_MISMATCH, `Got more than the ${expectedSize} bytes expected`, {
      details: { retryable: true, discard: true },
    });
  }
  if (got.readError !== undefined || attempt.signal.aborted) {
    if (got.size > 0 && !attempt.signal.aborted) await files.write({ path: t.tempPath, data: got.chunks });
    throw got.readError ?? attempt.signal.reason;
  }
  const size = got.size;
  if (size !== expectedSize || (hooks.sent !== undefined && size !== hooks.sent)) {
    // Too short (the server ended early and called it complete): keep the prefix to continue with Range.
    if (size > 0) await files.write({ path: t.tempPath, data: got.chunks });
    throw new AppError(DownloadErrors.SIZE_MISMATCH, `Got ${size} bytes, expected ${expectedSize}`, {
      details: { retryable: true, discard: false },
    });
  }
  const hash = createHash('md5');
  for (const chunk of got.chunks) hash.update(chunk);
  const digest = hash.digest('base64');
  if (t.expectedMd5 && digest !== t.expectedMd5) {
    if (!t.noPart) await rm(t.tempPath, { force: true });
    throw new AppError(DownloadErrors.HASH_MISMATCH, 'The MD5 of the downloaded bytes does not match contentHash', {
      details: { retryable: true, discard: true },
    });
  }
  const check: VerifiedBy = t.expectedMd5 ? 'md5' : 'size';
  // The network part is done: let the next element start while this one waits on the disk.
  hooks.releaseSlot();
  if (t.flush) {
    const open = await files.write({ path: t.tempPath, data: got.chunks, keepOpen: true, renameTo: t.finalPath });
    return { size, md5: digest, check, resumedFrom: 0, durable: flushLater(t, open ?? t.finalPath) };
  }
  await files.write({ path: t.tempPath, data: got.chunks, sync: true, renameTo: t.finalPath });
  return { size, md5: digest, check, resumedFrom: 0 };
}

/** Hand a renamed, verified file to the batch; a failed flush takes it away from its final name. */
function flushLater(t: ElementTransfer, file: FlushEntry['file']): Promise<void> {
  const url = t.originUrl?.();
  const durable = (t.flush as FlushBatch).add({
    file,
    dirs: t.dirs ?? [dirname(t.finalPath)],
    ...(url ? { origin: { path: t.finalPath, url } } : {}),
  });
  return durable.catch(async (error) => {
    // The disk did not take it: what the name holds may not be what was verified.
    await rm(t.finalPath, { force: true }).catch(() => {});
    throw new AppError(DownloadErrors.WRITE_FAILED, `Could not flush ${t.finalPath} to the disk`, { cause: error });
  });
}

/** fsync done by the caller; the rename makes the verified bytes appear under the final name at once. */
async function finish(tempPath: string, finalPath: string): Promise<void> {
  await renameRetrying(tempPath, finalPath);
}

/**
 * Temp + rename without fsync, for metadata we can write again (instance.json): the data path fsyncs
 * every element, and confirm.ts fsyncs the instance folder before anything is confirmed.
 */
export async function writeSmallFile(path: string, text: string, files = defaultSmallFiles): Promise<void> {
  await files.write({ path: `${path}.${process.pid}.tmp`, data: Buffer.from(text), renameTo: path });
}

/** For callers without a job of their own (a job passes its own writer). */
const defaultSmallFiles = new SmallFileWriter();

/** fsync a file we wrote (instance.json before a confirm); a link at its name is not followed. */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, OPEN_EXISTING).catch((error) => {
    throw asLinkRefused(error, path);
  });
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The MD5 of a file on disk; a link at its name is refused, not followed (O_NOFOLLOW; ELOOP). */
export async function hashFile(path: string, md5Pool: Md5Pool = sharedMd5Pool()): Promise<string> {
  const file = await open(path, OPEN_READ).catch((error) => {
    throw asLinkRefused(error, path);
  });
  try {
    return await hashOpenFile(file, (await file.stat()).size, md5Pool);
  } finally {
    await file.close();
  }
}

/** The MD5 of the first `length` bytes of an open file, without the main thread. */
async function hashOpenFile(file: FileHandle, length: number, md5Pool: Md5Pool): Promise<string> {
  const md5 = md5Pool.open();
  try {
    await hashFileInto(file, length, md5);
    return await md5.digest();
  } catch (error) {
    md5.drop();
    throw error;
  }
}

/** The size of the whole file by the answer: a 200's Content-Length, or the total in a 206's Content-Range. */
function wholeSizeOf(response: StreamResponse): number | undefined {
  if (response.status === 206) {
    const total = /\/(\d+)$/.exec(response.header('content-range') ?? '')?.[1];
    return total === undefined ? undefined : Number(total);
  }
  return bodyLength(response);
}

/** This answer's Content-Length (RFC 9110 §8.6), when it has one (a chunked answer has none). */
function bodyLength(response: StreamResponse): number | undefined {
  const value = response.header('content-length');
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}

function rangeStartOf(response: StreamResponse): number | undefined {
  // Content-Range: bytes 100-999/1000
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.header('content-range') ?? '');
  return match ? Number(match[1]) : undefined;
}

function isNetworkCode(code: string): boolean {
  return ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED'].includes(code);
}

import type { Readable } from 'node:stream';

/**
 * A body known to be small (Storage's `size` ≤ SMALL_BODY_BYTES), received whole into memory so it can
 * be hashed in one call and written in one go (small-file.ts). Memory stays bounded: a body that runs
 * past `limit` is cut off (it is wrong anyway). Larger bodies stream to disk (stream-to-file.ts).
 */
export const SMALL_BODY_BYTES = 512 * 1024;

export interface SmallBodyOptions {
  body: Readable;
  /** Stop and report `tooLong` beyond this many bytes. */
  limit: number;
  signal: AbortSignal;
  onBytes?: (n: number) => void;
  idleTimeoutMs?: number;
  onIdle?: () => void;
}

export interface SmallBody {
  /** Everything received (a clean prefix when `readError` is set). */
  data: Buffer;
  tooLong: boolean;
  readError?: unknown;
}

export function receiveSmallBody(o: SmallBodyOptions): Promise<SmallBody> {
  const { body } = o;
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const armIdle = () => {
      if (!o.idleTimeoutMs || !o.onIdle) return;
      if (timer) timer.refresh();
      else timer = setTimeout(o.onIdle, o.idleTimeoutMs);
    };
    const onAbort = () => body.destroy(o.signal.reason instanceof Error ? o.signal.reason : new Error('aborted'));
    let settled = false;
    const settle = (readError?: unknown) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      body.off('close', onClose);
      o.signal.removeEventListener('abort', onAbort);
      const data = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
      resolve({ data, tooLong, ...(readError !== undefined ? { readError } : {}) });
    };
    const onData = (chunk: Buffer) => {
      armIdle();
      o.onBytes?.(chunk.length);
      if (size + chunk.length > o.limit) {
        tooLong = true;
        body.destroy();
        return settle();
      }
      chunks.push(chunk);
      size += chunk.length;
    };
    const onEnd = () => settle();
    const onError = (error: unknown) => settle(error ?? new Error('The response body failed'));
    const onClose = () =>
      settle(
        body.readableEnded
          ? undefined
          : Object.assign(new Error('The connection closed before the body ended'), {
              code: 'ERR_STREAM_PREMATURE_CLOSE',
            }),
      );
    if (o.signal.aborted) return settle(o.signal.reason ?? new Error('aborted'));
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', onError);
    body.once('close', onClose);
    o.signal.addEventListener('abort', onAbort, { once: true });
    armIdle();
  });
}

import type { Readable } from 'node:stream';

/**
 * Reading one response body to its end, shared by both byte paths (small-body.ts: whole in memory;
 * stream-to-file.ts: slabs to disk). Plain 'data' events rather than for-await (a promise per chunk
 * shows in bench/). Resolves — never rejects — once the body ended, failed, was cut off, was aborted
 * through `signal`, or the caller stopped it; the result says which.
 */
export interface BodyReadOptions {
  body: Readable;
  signal: AbortSignal;
  /** Called when no byte arrived for this long while we were ready to take more. */
  idleTimeoutMs?: number;
  onIdle?: () => void;
}

export interface BodyReader {
  /** `readError` is set when the body did not end normally (failure, cut off, abort). */
  done: Promise<{ readError?: unknown }>;
  /** Backpressure: stop taking data (the idle timer does not run meanwhile). */
  pause(): void;
  resume(): void;
  /** Stop reading: `done` resolves without an error (the caller decides what it means). */
  stop(): void;
}

export function readBody(o: BodyReadOptions, onChunk: (chunk: Buffer) => void): BodyReader {
  const { body } = o;
  let timer: NodeJS.Timeout | undefined;
  let reading = true;
  const armIdle = () => {
    if (!reading || !o.idleTimeoutMs || !o.onIdle) return;
    if (timer) timer.refresh();
    else timer = setTimeout(o.onIdle, o.idleTimeoutMs);
  };
  const disarmIdle = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  let settle: (readError?: unknown) => void = () => {};
  const done = new Promise<{ readError?: unknown }>((resolve) => {
    const onData = (chunk: Buffer) => {
      armIdle();
      onChunk(chunk);
    };
    const onEnd = () => settle();
    const onError = (error: unknown) => settle(error ?? new Error('The response body failed'));
    const onClose = () => settle(body.readableEnded ? undefined : prematureClose());
    const onAbort = () => body.destroy(o.signal.reason instanceof Error ? o.signal.reason : new Error('aborted'));
    settle = (readError?: unknown) => {
      if (!reading) return;
      reading = false;
      disarmIdle();
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      body.off('close', onClose);
      o.signal.removeEventListener('abort', onAbort);
      resolve(readError !== undefined ? { readError } : {});
    };
    if (o.signal.aborted) return settle(o.signal.reason ?? new Error('aborted'));
    if (body.destroyed) return settle(body.readableEnded ? undefined : prematureClose());
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', onError);
    body.once('close', onClose);
    o.signal.addEventListener('abort', onAbort, { once: true });
    armIdle();
  });
  return {
    done,
    pause: () => {
      disarmIdle();
      body.pause();
    },
    resume: () => {
      if (!reading) return;
      armIdle();
      body.resume();
    },
    stop: () => {
      settle();
      body.destroy();
    },
  };
}

function prematureClose(): Error {
  return Object.assign(new Error('The connection closed before the body ended'), {
    code: 'ERR_STREAM_PREMATURE_CLOSE',
  });
}

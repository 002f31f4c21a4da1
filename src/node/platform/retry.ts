import { AppError } from '../../common/errors/app-error';

/**
 * Retries with exponential backoff and full jitter for what is worth retrying: network errors, 5xx,
 * 408 and 429. Storage documents no rate limit (shared/reference/maskinporten-altinn.md §3.6), but a
 * proxy or the app in front of it may answer 429/503 with `Retry-After` (RFC 9110 §10.2.3: seconds or
 * an HTTP date), which wins over our own backoff. Attempts are bounded.
 */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the attempt fails instead. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 120_000,
};

export interface RetryVerdict {
  retryable: boolean;
  retryAfterMs?: number;
}

/** `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT` → milliseconds from now. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** Whether an error from fetch, a body stream or our own client deserves another attempt. */
export function classifyError(error: unknown): RetryVerdict {
  if (error instanceof AppError) {
    return {
      retryable: error.details?.retryable === true,
      retryAfterMs: typeof error.details?.retryAfterMs === 'number' ? error.details.retryAfterMs : undefined,
    };
  }
  if (isAbort(error)) return { retryable: false };
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: string; message?: string; cause?: unknown };
    if (e.code && NETWORK_CODES.has(e.code)) return { retryable: true };
    if (e.message === 'fetch failed' || e.message === 'terminated' || e.message === 'other side closed') {
      return { retryable: true };
    }
    current = e.cause;
  }
  return { retryable: false };
}

export function isAbort(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | undefined;
  return e?.name === 'AbortError' || e?.code === 'ABORT_ERR';
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function abortError(): Error {
  const error = new Error('The operation was aborted');
  error.name = 'AbortError';
  return error;
}

export interface RetryOptions {
  policy: RetryPolicy;
  signal?: AbortSignal;
  random?: () => number;
  /** Called before each wait, e.g. to log or to count retries. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/** Run `attempt` until it succeeds, fails for good, or the attempts run out; the last error is thrown. */
export async function withRetry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { policy, signal } = options;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (signal?.aborted) throw signal.reason ?? error;
      const verdict = classifyError(error);
      if (!verdict.retryable || n >= policy.maxAttempts) throw error;
      if (verdict.retryAfterMs !== undefined && verdict.retryAfterMs > policy.maxRetryAfterMs) throw error;
      const delayMs = verdict.retryAfterMs ?? backoffDelay(n, policy, options.random);
      options.onRetry?.({ attempt: n, delayMs, error });
      await sleep(delayMs, signal);
    }
  }
}

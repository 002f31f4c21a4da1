import { AppError } from '../../common/errors/app-error';
import { StorageErrors } from '../../common/errors/storage-errors';
import { redact } from '../platform/log';
import { parseRetryAfter } from '../platform/retry';

/**
 * Altinn's answers and failed connections as AppErrors, shared by the Storage client and the download
 * workers (data-get.ts), which make the same requests on other threads. A message names the URL's origin
 * and path, never its query, and a body only redacted and cut short.
 */
export function statusError(
  status: number,
  url: string,
  text: string,
  retryAfter: string | null | undefined,
  nowMs: number,
): AppError {
  const detail = redact(text.replace(/\s+/g, ' ').trim()).slice(0, 300);
  const where = pathOf(url);
  const base = { status, ...(detail ? { body: detail } : {}) };
  if (status === 429 || status === 408 || status >= 500) {
    return new AppError(StorageErrors.UNAVAILABLE, `Altinn answered ${status} for ${where}`, {
      details: { ...base, retryable: true, retryAfterMs: parseRetryAfter(retryAfter, nowMs) },
    });
  }
  if (status === 403) {
    return new AppError(StorageErrors.FORBIDDEN, `Altinn refused ${where} (403)`, { details: base });
  }
  if (status === 404) return new AppError(StorageErrors.NOT_FOUND, `Not found: ${where} (404)`, { details: base });
  return new AppError(
    StorageErrors.BAD_REQUEST,
    `Altinn answered ${status} for ${where}${detail ? `: ${detail}` : ''}`,
    {
      details: base,
    },
  );
}

export function unauthorized(url: string): AppError {
  return new AppError(
    StorageErrors.UNAUTHORIZED,
    `Altinn refused the token for ${pathOf(url)} even after a fresh one was fetched (401)`,
    { details: { status: 401 } },
  );
}

export function networkError(error: unknown, url: string): AppError {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
  return new AppError(StorageErrors.NETWORK, `Could not reach ${safeOrigin(url)}: ${reason}`, {
    details: { retryable: true },
    cause: error,
  });
}

export function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

export function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}

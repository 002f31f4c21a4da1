import { AppError } from '../../common/errors/app-error';
import { DownloadErrors } from '../../common/errors/download-errors';
import { StorageErrors } from '../../common/errors/storage-errors';
import { classifyError } from '../platform/retry';

/** Errors after which no other element can succeed either: stop the job. */
const FATAL = new Set<string>([
  DownloadErrors.DISK_FULL,
  DownloadErrors.WRITE_FAILED,
  StorageErrors.UNAUTHORIZED,
  StorageErrors.TOKENS_UNAVAILABLE,
]);

export function isFatal(error: AppError): boolean {
  return FATAL.has(error.code);
}

export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

export function diskFull(error: unknown): AppError {
  return new AppError(DownloadErrors.DISK_FULL, 'The disk is full', { cause: error });
}

/** Any failure of a download as an AppError with a stable code: a full disk, the network, or DOWNLOAD_FAILED. */
export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDiskFull(error)) return diskFull(error);
  const message = error instanceof Error ? error.message : String(error);
  if (classifyError(error).retryable) {
    return new AppError(StorageErrors.NETWORK, `The connection failed during the download: ${message}`, {
      cause: error,
    });
  }
  return new AppError(DownloadErrors.FAILED, message, { cause: error });
}

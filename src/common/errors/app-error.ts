/**
 * The one error type of the app. `code` is stable (the UI, the CLI and the tests key on it);
 * `message` is English and specific to this occurrence; the localized title and hint for a code
 * live in src/common/i18n/errors/ so the GUI and the CLI say the same thing.
 */
export interface AppErrorJson {
  code: string;
  message: string;
  hint?: string;
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: string;
  readonly details?: Record<string, unknown>;

  constructor(code: string, message: string, options?: { details?: Record<string, unknown>; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
  }

  toJSON(): AppErrorJson {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Codes used by the seam itself; each area defines its own beside its service. */
export const SeamErrors = {
  INVALID_INPUT: 'INVALID_INPUT',
  UNKNOWN_CHANNEL: 'UNKNOWN_CHANNEL',
  INTERNAL: 'INTERNAL',
  /** IPC from anything but our window's top frame on app:// (Electron security checklist #17). */
  UNTRUSTED_SENDER: 'UNTRUSTED_SENDER',
} as const;

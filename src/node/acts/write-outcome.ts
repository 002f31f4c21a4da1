import { ActErrors, type WriteOutcome } from '../../common/errors/act-errors';
import { AppError } from '../../common/errors/app-error';
import { StorageErrors } from '../../common/errors/storage-errors';

export type { WriteOutcome };

/**
 * Connection errors that mean the request never reached the server: the name did not resolve, nobody
 * listened, the route or the TLS handshake failed. Anything else after the request started (a reset, a
 * closed socket, a timeout while waiting) may have come after Altinn got it: the write may have happened.
 */
const NOT_SENT_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The first `code` along an error's cause chain (fetch wraps the socket's error in `cause`). */
function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && !code.startsWith('STORAGE_') && !code.startsWith('ACT_')) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** What happened to a write that threw: an ACT error says it; a connection error is judged by its code. */
export function outcomeOf(error: unknown): WriteOutcome {
  if (error instanceof AppError) {
    const said = error.details?.outcome;
    if (said === 'not-sent' || said === 'refused' || said === 'unknown') return said;
    if (error.code !== StorageErrors.NETWORK) return 'not-sent';
  }
  const code = causeCode(error);
  return code && NOT_SENT_CODES.has(code) ? 'not-sent' : 'unknown';
}

/**
 * A write that got no answer, as the error the caller sees: NOT_SENT when the request never left (nothing
 * happened), ANSWER_LOST when it may have reached Altinn. Token and URL errors (nothing sent) pass through
 * with `outcome: not-sent` added.
 */
export function noAnswerError(error: unknown, what: string): AppError {
  if (error instanceof AppError && error.code !== StorageErrors.NETWORK) {
    if (error.details?.outcome) return error;
    return new AppError(error.code, error.message, {
      details: { ...error.details, outcome: 'not-sent' },
      cause: error.cause,
    });
  }
  const outcome = outcomeOf(error);
  const reason = causeCode(error) ?? (error as Error)?.message ?? String(error);
  return outcome === 'not-sent'
    ? new AppError(ActErrors.NOT_SENT, `${what}: the request did not reach Altinn (${reason}); nothing was changed`, {
        details: { outcome },
        cause: error,
      })
    : new AppError(
        ActErrors.ANSWER_LOST,
        `${what}: the request was sent but no answer came (${reason}); Altinn may have done it`,
        { details: { outcome }, cause: error },
      );
}

import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { TokenClaims } from '../../common/contract/token-status';
import { AppError } from '../../common/errors/app-error';
import { AuthErrors } from './diagnostics';

export type { TokenClaims };

/**
 * Read a token's claims without verifying it. We only show and reason about claims of tokens that the
 * issuer just handed us over TLS; the services that consume them verify them.
 */
export function decodeTokenClaims(token: string, what: string): TokenClaims {
  try {
    return decodeJwt(token) as TokenClaims;
  } catch (error) {
    // The message names what was unreadable, never the token text.
    throw new AppError(AuthErrors.TOKEN_UNREADABLE, `The ${what} is not a readable JWT`, { cause: error });
  }
}

export function decodeTokenHeader(token: string): Record<string, unknown> | undefined {
  try {
    return decodeProtectedHeader(token) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** `exp` in ms since the epoch, when the token has one. */
export function expiryMs(claims: TokenClaims): number | undefined {
  return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
}

/** The `ID` (Digdir) or `id` (Altinn docs) of an iso6523 org claim such as `consumer`, without the `0192:` prefix. */
export function orgNumberOf(claim: unknown): string | undefined {
  if (!claim || typeof claim !== 'object') return undefined;
  const id = (claim as { ID?: unknown; id?: unknown }).ID ?? (claim as { id?: unknown }).id;
  if (typeof id !== 'string') return undefined;
  return id.includes(':') ? id.slice(id.indexOf(':') + 1) : id;
}

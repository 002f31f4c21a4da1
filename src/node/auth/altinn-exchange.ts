import { AppError } from '../../common/errors/app-error';
import { type HttpClient, type HttpResponse, NetworkFailure } from '../platform/http';
import type { Logger } from '../platform/log';
import type { ClockOffsets } from './clock-offset';
import { AuthErrors, explainExchangeUnauthorized } from './diagnostics';
import { decodeTokenClaims, expiryMs, type TokenClaims } from './jwt-decode';

/**
 * Maskinporten token → Altinn token: `GET {platform}/authentication/api/v1/exchange/maskinporten` with
 * `Authorization: Bearer <Maskinporten token>` (reference §2; AuthenticationController.cs L418-520).
 */

/** The org claim Altinn adds for service owners (AltinnCoreClaimTypes.Org). */
export const ALTINN_ORG_CLAIM = 'urn:altinn:org';

export interface ExchangeWarning {
  code: string;
  message: string;
}

export interface ExchangeRequest {
  exchangeUrl: string;
  maskinportenToken: string;
  /** `?test=true`: a Digdir-owned client acts as Altinn's test service owner `ttd` (TT02 only). */
  testOrg: boolean;
  /** The profile's service-owner org code, when it is a service owner's profile. */
  expectedOrg?: string;
  /** For explaining a 401: the issuer this environment expects. */
  environmentIssuer: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface AltinnToken {
  token: string;
  claims: TokenClaims;
  /** Local clock ms at which the token expires (its own `exp`, moved to our clock). */
  expiresAt: number;
  warnings: ExchangeWarning[];
}

export interface ExchangeDeps {
  http: HttpClient;
  clock: ClockOffsets;
  now: () => Date;
  logger: Logger;
}

export function exchangeRequestUrl(exchangeUrl: string, testOrg: boolean): string {
  const url = new URL(exchangeUrl);
  if (testOrg) url.searchParams.set('test', 'true');
  return url.toString();
}

export async function exchangeForAltinnToken(deps: ExchangeDeps, request: ExchangeRequest): Promise<AltinnToken> {
  const url = exchangeRequestUrl(request.exchangeUrl, request.testOrg);
  let response: HttpResponse;
  try {
    response = await deps.http.request(url, {
      method: 'GET',
      // Altinn's own client sends Accept: application/json and reads a JSON string (reference §0).
      headers: { authorization: `Bearer ${request.maskinportenToken}`, accept: 'application/json' },
      timeoutMs: request.timeoutMs,
      signal: request.signal,
    });
  } catch (error) {
    if (error instanceof NetworkFailure) {
      throw new AppError(
        error.kind === 'timeout' ? AuthErrors.EXCHANGE_TIMEOUT : AuthErrors.EXCHANGE_UNREACHABLE,
        `${error.message} (Altinn token exchange)`,
        { details: { url: error.url, kind: error.kind }, cause: error },
      );
    }
    throw error;
  }
  const offset = deps.clock.for(url);
  offset.observe(response);
  if (response.status !== 200) throw exchangeFailure(response, request, offset.serverNow(deps.now().getTime()));

  const token = unquote(response.text);
  if (!token) {
    throw new AppError(AuthErrors.EXCHANGE_BAD_RESPONSE, 'The Altinn token exchange answered 200 with an empty body');
  }
  const claims = decodeTokenClaims(token, 'Altinn token');
  const exp = expiryMs(claims);
  if (exp === undefined) {
    throw new AppError(AuthErrors.EXCHANGE_BAD_RESPONSE, 'The Altinn token has no exp claim');
  }
  return { token, claims, expiresAt: exp - offset.ms, warnings: orgWarnings(claims, request.expectedOrg) };
}

/** A raw JWT (text/plain) or a JSON-quoted string (`Ok(string)` under Accept: application/json), reference §0. */
export function unquote(body: string): string {
  const text = body.trim();
  if (text.startsWith('"')) {
    try {
      const value = JSON.parse(text);
      return typeof value === 'string' ? value.trim() : '';
    } catch {
      return '';
    }
  }
  return text;
}

/**
 * `urn:altinn:org` is added only when the scope contains `altinn:serviceowner` and the org number
 * belongs to a service owner (reference §2); without it Storage refuses `org=` queries (§6 pain point 6).
 */
export function orgWarnings(claims: TokenClaims, expectedOrg: string | undefined): ExchangeWarning[] {
  if (!expectedOrg) return [];
  const org = claims[ALTINN_ORG_CLAIM];
  if (org === undefined) {
    return [
      {
        code: AuthErrors.ORG_CLAIM_MISSING,
        message: `The Altinn token has no ${ALTINN_ORG_CLAIM} claim, although the profile is service owner ${expectedOrg}'s`,
      },
    ];
  }
  if (org !== expectedOrg) {
    return [
      {
        code: AuthErrors.ORG_CLAIM_MISMATCH,
        message: `The Altinn token acts as org "${String(org)}", the profile says "${expectedOrg}"`,
      },
    ];
  }
  return [];
}

function exchangeFailure(response: HttpResponse, request: ExchangeRequest, serverNowMs: number): AppError {
  const details = { status: response.status, testOrg: request.testOrg };
  if (response.status === 401) {
    let reasons: string[];
    try {
      reasons = explainExchangeUnauthorized({
        mpClaims: decodeTokenClaims(request.maskinportenToken, 'Maskinporten token'),
        serverNowSeconds: Math.floor(serverNowMs / 1000),
        environmentIssuer: request.environmentIssuer,
      });
    } catch {
      reasons = ['the Maskinporten token is not a JWT'];
    }
    return new AppError(
      AuthErrors.EXCHANGE_UNAUTHORIZED,
      `Altinn refused the Maskinporten token (401, no explanation given). Likely: ${reasons.join('; ')}`,
      { details: { ...details, reasons } },
    );
  }
  if (response.status === 400) {
    return new AppError(
      AuthErrors.EXCHANGE_BAD_REQUEST,
      'Altinn does not know this token provider: check the exchange URL (…/exchange/maskinporten)',
      { details },
    );
  }
  if (response.status === 410) {
    return new AppError(AuthErrors.EXCHANGE_GONE, 'Altinn answered 410 Gone for this exchange', { details });
  }
  if (response.status >= 500) {
    return new AppError(
      AuthErrors.EXCHANGE_SERVER_ERROR,
      `The Altinn token exchange failed (HTTP ${response.status})`,
      {
        details,
      },
    );
  }
  return new AppError(AuthErrors.EXCHANGE_REJECTED, `The Altinn token exchange answered HTTP ${response.status}`, {
    details,
  });
}

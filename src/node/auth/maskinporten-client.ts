import { z } from 'zod';
import { AppError } from '../../common/errors/app-error';
import { type HttpClient, type HttpResponse, NetworkFailure } from '../platform/http';
import { type Logger, redact } from '../platform/log';
import type { ClockOffsets } from './clock-offset';
import { AuthErrors, CLOCK_RETRY_CODES, classifyMaskinportenError } from './diagnostics';
import { type BuiltGrant, buildGrant, type GrantInput } from './jwt-grant';

/**
 * The Maskinporten token request: `POST /token` with a form body
 * `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT>` and no other client
 * authentication (maskinporten_protocol_token.md, reference §1.2–1.4).
 */
export const JWT_BEARER_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

const successSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
  scope: z.string().optional(),
});

const errorSchema = z.object({
  error: z.string().optional(),
  error_description: z.string().optional(),
  error_uri: z.string().optional(),
});

export interface MaskinportenToken {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  /** The scopes granted, as the server says (may be fewer than asked for). */
  scope: string;
  /** Local clock when the answer arrived (ms); with `expiresIn` it gives the local expiry. */
  receivedAt: number;
}

export interface MaskinportenRequest {
  tokenEndpoint: string;
  /** Everything of the grant except the clock and the jti, which are set per attempt. */
  grant: Omit<GrantInput, 'now' | 'jti'>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface MaskinportenClientDeps {
  http: HttpClient;
  clock: ClockOffsets;
  now: () => Date;
  logger: Logger;
}

export interface MaskinportenResult {
  token: MaskinportenToken;
  /** 1, or 2 after a clock-skew retry. */
  attempts: number;
  grantHeader: BuiltGrant['header'];
}

export async function requestMaskinportenToken(
  deps: MaskinportenClientDeps,
  request: MaskinportenRequest,
): Promise<MaskinportenResult> {
  const offset = deps.clock.for(request.tokenEndpoint);
  for (let attempt = 1; ; attempt++) {
    // A new grant per attempt: a fresh jti (grants are single-use, MP-012) and iat on the server's clock.
    const grant = await buildGrant({ ...request.grant, now: new Date(offset.serverNow(deps.now().getTime())) });
    const response = await post(deps, request, grant.assertion);
    const learned = offset.observe(response);
    if (response.status === 200) {
      return { token: parseSuccess(response), attempts: attempt, grantHeader: grant.header };
    }
    const failure = toAppError(response, grant, learned);
    if (attempt === 1 && CLOCK_RETRY_CODES.has(failure.code)) {
      // Reference §6 pain point 1: learn the offset from `Date` and try once more with a corrected iat.
      deps.logger.warn('maskinporten rejected the grant time; retrying once with the server clock', {
        code: failure.code,
        clockOffsetSeconds: learned === undefined ? undefined : Math.round(learned / 1000),
      });
      continue;
    }
    deps.logger.warn('maskinporten refused the token request', { code: failure.code, ...failure.details });
    throw failure;
  }
}

async function post(
  deps: MaskinportenClientDeps,
  request: MaskinportenRequest,
  assertion: string,
): Promise<HttpResponse> {
  const body = new URLSearchParams({ grant_type: JWT_BEARER_GRANT_TYPE, assertion }).toString();
  try {
    return await deps.http.request(request.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      timeoutMs: request.timeoutMs,
      signal: request.signal,
    });
  } catch (error) {
    if (error instanceof NetworkFailure) {
      throw new AppError(
        error.kind === 'timeout' ? AuthErrors.TIMEOUT : AuthErrors.UNREACHABLE,
        `${error.message} (Maskinporten token endpoint)`,
        { details: { url: error.url, kind: error.kind }, cause: error },
      );
    }
    throw error;
  }
}

function parseSuccess(response: HttpResponse): MaskinportenToken {
  const parsed = successSchema.safeParse(parseJson(response.text));
  if (!parsed.success) {
    throw new AppError(AuthErrors.BAD_RESPONSE, 'Maskinporten answered 200 without a usable access_token', {
      details: { status: response.status, contentType: response.headers.get('content-type') ?? undefined },
    });
  }
  return {
    accessToken: parsed.data.access_token,
    tokenType: parsed.data.token_type ?? 'Bearer',
    expiresIn: parsed.data.expires_in,
    scope: parsed.data.scope ?? '',
    receivedAt: response.receivedAt,
  };
}

function toAppError(response: HttpResponse, grant: BuiltGrant, learnedOffsetMs: number | undefined): AppError {
  const parsed = errorSchema.safeParse(parseJson(response.text));
  const body = parsed.success ? parsed.data : undefined;
  const classified = classifyMaskinportenError(response.status, body);
  // The description is the server's; run it through the redactor anyway, and never echo the assertion.
  const description = body?.error_description ? redact(body.error_description).slice(0, 500) : undefined;
  const message = description
    ? `Maskinporten: ${body?.error ?? `HTTP ${response.status}`}: ${description}`
    : `Maskinporten answered HTTP ${response.status}${body?.error ? ` (${body.error})` : ''}`;
  return new AppError(classified.code, message, {
    details: {
      status: response.status,
      ...(body?.error ? { error: body.error } : {}),
      ...(classified.mpCode ? { mpCode: classified.mpCode } : {}),
      ...(classified.traceId ? { traceId: classified.traceId } : {}),
      ...(learnedOffsetMs !== undefined ? { clockOffsetSeconds: Math.round(learnedOffsetMs / 1000) } : {}),
      aud: grant.claims.aud,
      iss: grant.claims.iss,
      scope: grant.claims.scope,
      ...(grant.header.kid ? { kid: grant.header.kid } : { x5c: true }),
    },
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

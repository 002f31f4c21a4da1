import type { DoctorCheckId, DoctorReport, DoctorRow, DoctorStatus } from '../../common/contract/token-status';
import { AppError } from '../../common/errors/app-error';
import type { Profile } from '../../common/schemas/profile';
import type { Environment } from '../environments/environments';
import type { SigningKeySource, SigningMaterial } from '../keys/signing-key';
import { type HttpClient, NetworkFailure } from '../platform/http';
import { ALTINN_ORG_CLAIM, type ExchangeWarning } from './altinn-exchange';
import type { ClockOffsets } from './clock-offset';
import { AuthErrors } from './diagnostics';
import type { TokenClaims } from './jwt-decode';
import { chooseGrantAuth, type GrantAuth } from './jwt-grant';

/**
 * The doctor: one row per thing that commonly breaks (reference §6), each pass/warn/fail with the
 * catalogue code that explains it. It makes real requests (well-known, token, exchange); the tokens it
 * gets refill the service's memory cache and are never shown.
 */

/** Maskinporten accepts iat within ±10 s (reference §1.2); warn well before that. */
export const CLOCK_WARN_SECONDS = 5;
export const CLOCK_FAIL_SECONDS = 10;
/** Keys expire a year after they were posted (MP-121); warn a month ahead. */
export const KEY_EXPIRY_WARN_DAYS = 30;

export interface DoctorDeps {
  profile: Profile & { auth?: GrantAuth };
  env: Environment;
  http: HttpClient;
  clock: ClockOffsets;
  now: () => Date;
  keys: SigningKeySource;
  /** A fresh Maskinporten token for the profile (bypassing the cache). */
  maskinporten: () => Promise<{ claims: TokenClaims; scope: string; auth: GrantAuth }>;
  /** A fresh exchange for the profile. */
  altinn: () => Promise<{ claims: TokenClaims; warnings: ExchangeWarning[] }>;
}

/** RFC 8414 §3: the well-known path goes between the host and the issuer's path. */
export function wellKnownUrl(issuer: string): string {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}/.well-known/oauth-authorization-server${path}`;
}

export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const rows: DoctorRow[] = [];
  const add = (id: DoctorCheckId, status: DoctorStatus, detail: string, hintCode?: string) =>
    rows.push({ id, status, label: `doctor.${id}`, detail, ...(hintCode ? { hintCode } : {}) });
  const { profile, env } = deps;

  // 1. Well-known metadata (Digdir "strongly recommends" reading it, maskinporten_func_wellknown).
  const metadataUrl = env.maskinporten.wellKnown ?? wellKnownUrl(env.maskinporten.issuer);
  let serverOffsetMs: number | undefined;
  try {
    const response = await deps.http.request(metadataUrl, { headers: { accept: 'application/json' } });
    serverOffsetMs = deps.clock.for(env.maskinporten.tokenEndpoint).observe(response);
    const metadata = parseObject(response.text);
    if (response.status !== 200 || !metadata) {
      add('wellKnown', 'fail', `${metadataUrl} answered HTTP ${response.status}`, AuthErrors.BAD_RESPONSE);
    } else if (metadata.issuer !== env.maskinporten.issuer) {
      // The grant's aud must be the issuer verbatim (reference §6 pain point 2).
      add(
        'wellKnown',
        'warn',
        `The server's issuer is ${String(metadata.issuer)}, the environment says ${env.maskinporten.issuer}`,
        AuthErrors.ISSUER_MISMATCH,
      );
    } else if (metadata.token_endpoint !== undefined && metadata.token_endpoint !== env.maskinporten.tokenEndpoint) {
      add(
        'wellKnown',
        'warn',
        `The server's token endpoint is ${String(metadata.token_endpoint)}, the environment says ${env.maskinporten.tokenEndpoint}`,
        AuthErrors.ISSUER_MISMATCH,
      );
    } else {
      add('wellKnown', 'pass', `${metadataUrl}: issuer ${env.maskinporten.issuer}`);
    }
  } catch (error) {
    if (!(error instanceof NetworkFailure)) throw error;
    add('wellKnown', 'fail', error.message, error.kind === 'timeout' ? AuthErrors.TIMEOUT : AuthErrors.UNREACHABLE);
  }

  // 2. Clock offset, from the Date header of that answer.
  if (serverOffsetMs === undefined) {
    add('clock', 'skip', 'No Date header from Maskinporten to compare with');
  } else {
    const seconds = Math.round(serverOffsetMs / 1000);
    const abs = Math.abs(serverOffsetMs) / 1000;
    // offset = server − local: positive means our clock is behind.
    const detail =
      seconds === 0
        ? "This computer's clock agrees with Maskinporten's (within a second)"
        : `This computer's clock is ${Math.abs(seconds)} s ${seconds > 0 ? 'behind' : 'ahead of'} Maskinporten's`;
    if (abs > CLOCK_FAIL_SECONDS)
      add('clock', 'fail', `${detail}; grants are corrected, but fix the clock`, AuthErrors.CLOCK_SKEW);
    else if (abs > CLOCK_WARN_SECONDS) add('clock', 'warn', detail, AuthErrors.CLOCK_SKEW);
    else add('clock', 'pass', detail);
  }

  // 3. Key present and not expired.
  let signing: SigningMaterial | undefined;
  try {
    signing = await deps.keys.getSigningMaterial(profile.keyId);
    const now = deps.now().getTime();
    const registered = signing.registeredExpiresAt ? Date.parse(signing.registeredExpiresAt) : undefined;
    const certificate = signing.certificateNotAfter ? Date.parse(signing.certificateNotAfter) : undefined;
    if (certificate !== undefined && certificate <= now) {
      add(
        'key',
        'fail',
        `The certificate of key ${profile.keyId} expired ${signing.certificateNotAfter}`,
        AuthErrors.CERTIFICATE_EXPIRED,
      );
    } else if (registered !== undefined && registered <= now) {
      add(
        'key',
        'fail',
        `Key ${signing.kid} expired at Maskinporten ${signing.registeredExpiresAt}`,
        AuthErrors.EXPIRED_KEY,
      );
    } else if (registered !== undefined && registered - now < KEY_EXPIRY_WARN_DAYS * 86_400_000) {
      add(
        'key',
        'warn',
        `Key ${signing.kid} expires at Maskinporten ${signing.registeredExpiresAt}`,
        AuthErrors.KEY_EXPIRES_SOON,
      );
    } else {
      add(
        'key',
        'pass',
        `Key ${profile.keyId} (kid ${signing.kid})${registered ? `, valid until ${signing.registeredExpiresAt}` : ''}`,
      );
    }
  } catch (error) {
    add('key', 'fail', errorText(error), codeOf(error));
  }

  // 4. kid or x5c.
  if (!signing) {
    add('auth', 'skip', 'No key');
  } else {
    const auth = chooseGrantAuth(profile, signing);
    if (auth === 'x5c' && !signing.x5c?.length) {
      add(
        'auth',
        'fail',
        `The profile asks for certificate authentication, but key ${profile.keyId} has no certificate`,
        AuthErrors.NO_CERTIFICATE,
      );
    } else if (auth === 'x5c') {
      add('auth', 'pass', `x5c: the certificate chain (${signing.x5c?.length} certificate(s)) in the header`);
    } else {
      add('auth', 'pass', `kid: ${signing.kid} (the key must be registered on client ${profile.clientId})`);
    }
  }

  // 5. Token, 6. scopes.
  let mp: Awaited<ReturnType<DoctorDeps['maskinporten']>> | undefined;
  if (!signing) {
    add('token', 'skip', 'No key');
  } else {
    try {
      mp = await deps.maskinporten();
      add('token', 'pass', `Maskinporten issued a token to ${profile.clientId} (${mp.auth})`);
    } catch (error) {
      add('token', 'fail', errorText(error), codeOf(error));
    }
  }
  if (!mp) {
    add('scopes', 'skip', 'No token');
  } else {
    const granted = new Set(mp.scope.split(' ').filter(Boolean));
    const missing = profile.scopes.filter((s) => !granted.has(s));
    if (missing.length > 0) add('scopes', 'fail', `Not granted: ${missing.join(' ')}`, AuthErrors.SCOPE_NOT_ALLOWED);
    else add('scopes', 'pass', `Granted: ${mp.scope}`);
  }

  // 7. Exchange, 8. org claim.
  let altinn: Awaited<ReturnType<DoctorDeps['altinn']>> | undefined;
  if (!mp) {
    add('exchange', 'skip', 'No Maskinporten token');
  } else if (profile.admin) {
    add('exchange', 'skip', 'An admin profile uses the Maskinporten token directly');
  } else {
    try {
      altinn = await deps.altinn();
      add('exchange', 'pass', `${env.altinn.exchangeUrl} gave an Altinn token`);
    } catch (error) {
      add('exchange', 'fail', errorText(error), codeOf(error));
    }
  }
  if (!profile.org) {
    add('orgClaim', 'skip', 'The profile names no service-owner org');
  } else if (!altinn) {
    add('orgClaim', 'skip', 'No Altinn token');
  } else if (altinn.warnings.length > 0) {
    add('orgClaim', 'warn', altinn.warnings.map((w) => w.message).join('; '), altinn.warnings[0].code);
  } else {
    add('orgClaim', 'pass', `${ALTINN_ORG_CLAIM} = ${String(altinn.claims[ALTINN_ORG_CLAIM])}`);
  }

  return {
    profileId: profile.id,
    environmentId: env.id,
    checkedAt: deps.now().toISOString(),
    rows,
    overall: worst(rows.map((r) => r.status)),
  };
}

const RANK: Record<DoctorStatus, number> = { skip: 0, pass: 1, warn: 2, fail: 3 };

function worst(statuses: DoctorStatus[]): DoctorStatus {
  return statuses.reduce<DoctorStatus>((a, b) => (RANK[b] > RANK[a] ? b : a), 'skip');
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function codeOf(error: unknown): string {
  return error instanceof AppError ? error.code : 'INTERNAL';
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

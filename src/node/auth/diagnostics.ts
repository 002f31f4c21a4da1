/**
 * From a Maskinporten or Altinn failure to one stable AppError code. The codes are explained (nb and en,
 * with the fix) in src/common/i18n/errors/auth.ts, shared by the GUI, the CLI and the doctor.
 *
 * Sources: the MP-xxx catalogue in felleslosninger/docs _docs/Maskinporten/maskinporten_feilsoking.md,
 * the text forms quoted from the server in altinn-studio#19603 and fiks-maskinporten-client-dotnet PR #186
 * (reference §1.4, §6).
 */

export const AuthErrors = {
  CLIENT_NOT_FOUND: 'MASKINPORTEN_CLIENT_NOT_FOUND',
  WRONG_AUDIENCE: 'MASKINPORTEN_WRONG_AUDIENCE',
  CERT_INVALID: 'MASKINPORTEN_CERT_INVALID',
  EXPIRED_KEY: 'MASKINPORTEN_EXPIRED_KEY',
  CERT_ORG_MISMATCH: 'MASKINPORTEN_CERT_ORG_MISMATCH',
  INVALID_X5C: 'MASKINPORTEN_INVALID_X5C',
  INVALID_SIGNATURE: 'MASKINPORTEN_CERT_INVALID_SIGNATURE',
  GRANT_EXPIRED: 'MASKINPORTEN_GRANT_EXPIRED',
  INVALID_PARAMETER: 'MASKINPORTEN_INVALID_PARAMETER',
  JTI_REUSED: 'MASKINPORTEN_JTI_REUSED',
  SCOPE_NOT_ALLOWED: 'MASKINPORTEN_SCOPE_NOT_ALLOWED',
  SCOPE_WRONG_INTEGRATION: 'MASKINPORTEN_SCOPE_WRONG_INTEGRATION',
  FORBIDDEN_SCOPE: 'MASKINPORTEN_FORBIDDEN_SCOPE',
  NOT_DELEGATED: 'MASKINPORTEN_NOT_DELEGATED',
  RAR_UNKNOWN_TYPE: 'MASKINPORTEN_RAR_UNKNOWN_TYPE',
  RAR_UNKNOWN_FIELD: 'MASKINPORTEN_RAR_UNKNOWN_FIELD',
  RAR_INVALID: 'MASKINPORTEN_RAR_INVALID',
  UNKNOWN_KID: 'MASKINPORTEN_UNKNOWN_KID',
  CLOCK_SKEW: 'MASKINPORTEN_CLOCK_SKEW',
  LIFETIME_TOO_LONG: 'MASKINPORTEN_LIFETIME_TOO_LONG',
  CONSUMER_ORG_INVALID: 'MASKINPORTEN_CONSUMER_ORG_INVALID',
  INVALID_GRANT: 'MASKINPORTEN_INVALID_GRANT',
  INVALID_REQUEST: 'MASKINPORTEN_INVALID_REQUEST',
  REJECTED: 'MASKINPORTEN_REJECTED',
  SERVER_ERROR: 'MASKINPORTEN_SERVER_ERROR',
  UNREACHABLE: 'MASKINPORTEN_UNREACHABLE',
  TIMEOUT: 'MASKINPORTEN_TIMEOUT',
  BAD_RESPONSE: 'MASKINPORTEN_BAD_RESPONSE',
  EXCHANGE_UNAUTHORIZED: 'ALTINN_EXCHANGE_UNAUTHORIZED',
  EXCHANGE_BAD_REQUEST: 'ALTINN_EXCHANGE_BAD_REQUEST',
  EXCHANGE_GONE: 'ALTINN_EXCHANGE_GONE',
  EXCHANGE_REJECTED: 'ALTINN_EXCHANGE_REJECTED',
  EXCHANGE_SERVER_ERROR: 'ALTINN_EXCHANGE_SERVER_ERROR',
  EXCHANGE_UNREACHABLE: 'ALTINN_EXCHANGE_UNREACHABLE',
  EXCHANGE_TIMEOUT: 'ALTINN_EXCHANGE_TIMEOUT',
  EXCHANGE_BAD_RESPONSE: 'ALTINN_EXCHANGE_BAD_RESPONSE',
  ORG_CLAIM_MISSING: 'ALTINN_ORG_CLAIM_MISSING',
  ORG_CLAIM_MISMATCH: 'ALTINN_ORG_CLAIM_MISMATCH',
  GRANT_BUILD_INVALID: 'AUTH_GRANT_INVALID',
  NO_CERTIFICATE: 'AUTH_NO_CERTIFICATE',
  TOKEN_UNREADABLE: 'AUTH_TOKEN_UNREADABLE',
  ISSUER_MISMATCH: 'AUTH_ISSUER_MISMATCH',
  CERTIFICATE_EXPIRED: 'AUTH_CERTIFICATE_EXPIRED',
  KEY_EXPIRES_SOON: 'AUTH_KEY_EXPIRES_SOON',
} as const;

export type AuthErrorCode = (typeof AuthErrors)[keyof typeof AuthErrors];

/** Every MP code of maskinporten_feilsoking.md, with the code we report it as. */
export const MP_CODES: Readonly<Record<string, AuthErrorCode>> = {
  'MP-100': AuthErrors.CLIENT_NOT_FOUND,
  'MP-110': AuthErrors.WRONG_AUDIENCE,
  'MP-120': AuthErrors.CERT_INVALID,
  'MP-121': AuthErrors.EXPIRED_KEY,
  'MP-122': AuthErrors.CERT_ORG_MISMATCH,
  'MP-123': AuthErrors.INVALID_X5C,
  'MP-124': AuthErrors.INVALID_SIGNATURE,
  'MP-130': AuthErrors.GRANT_EXPIRED,
  'MP-011': AuthErrors.INVALID_PARAMETER,
  'MP-012': AuthErrors.JTI_REUSED,
  'MP-200': AuthErrors.SCOPE_NOT_ALLOWED,
  'MP-201': AuthErrors.SCOPE_WRONG_INTEGRATION,
  'MP-250': AuthErrors.FORBIDDEN_SCOPE,
  'MP-251': AuthErrors.NOT_DELEGATED,
  'MP-301': AuthErrors.RAR_UNKNOWN_TYPE,
  'MP-302': AuthErrors.RAR_UNKNOWN_FIELD,
  'MP-303': AuthErrors.RAR_INVALID,
};

/**
 * The server's wording when no MP code is given. Order matters: the first match wins, and the
 * specific texts come before the generic "Invalid assertion".
 */
const TEXT_FORMS: readonly [RegExp, AuthErrorCode][] = [
  [/unknown key identifier|\bkid\b.*(unknown|not found|not registered)/i, AuthErrors.UNKNOWN_KID],
  [/issue time is (in the future|after now)|iat.*future/i, AuthErrors.CLOCK_SKEW],
  [/too long lifetime/i, AuthErrors.LIFETIME_TOO_LONG],
  [/grant is used before|used before|jti.*(reuse|used)/i, AuthErrors.JTI_REUSED],
  [/jwt (has )?expired|token (has )?expired/i, AuthErrors.GRANT_EXPIRED],
  [/\bconsumer_org\b.*invalid/i, AuthErrors.CONSUMER_ORG_INVALID],
  [/invalid audience|\baud\b/i, AuthErrors.WRONG_AUDIENCE],
  [/x5c/i, AuthErrors.INVALID_X5C],
  [/expired key|key (has )?expired/i, AuthErrors.EXPIRED_KEY],
  [/client not found|unknown client|invalid client/i, AuthErrors.CLIENT_NOT_FOUND],
  [/not delegated|delegation/i, AuthErrors.NOT_DELEGATED],
  [/invalid signature|signature (is )?invalid/i, AuthErrors.INVALID_SIGNATURE],
];

/** Failures worth one retry with a fresh grant and a corrected `iat` (reference §6 pain point 1). */
export const CLOCK_RETRY_CODES: ReadonlySet<string> = new Set([AuthErrors.CLOCK_SKEW, AuthErrors.GRANT_EXPIRED]);

export interface ClassifiedMaskinportenError {
  code: AuthErrorCode;
  mpCode?: string;
  traceId?: string;
}

/** Classify a Maskinporten token-endpoint error body (`{ error, error_description }`) by status, MP code and text. */
export function classifyMaskinportenError(
  status: number,
  body: { error?: string; error_description?: string } | undefined,
): ClassifiedMaskinportenError {
  const description = body?.error_description ?? '';
  const mpCode = /\bMP-(\d{3})\b/.exec(description)?.[0];
  const traceId = /trace_id:\s*([A-Za-z0-9._-]+)/i.exec(description)?.[1];
  const base = { ...(mpCode ? { mpCode } : {}), ...(traceId ? { traceId } : {}) };
  if (mpCode && MP_CODES[mpCode]) return { code: MP_CODES[mpCode], ...base };
  for (const [pattern, code] of TEXT_FORMS) {
    if (pattern.test(description)) return { code, ...base };
  }
  if (status >= 500) return { code: AuthErrors.SERVER_ERROR, ...base };
  switch (body?.error) {
    case 'invalid_scope':
      return { code: AuthErrors.SCOPE_NOT_ALLOWED, ...base };
    case 'invalid_client':
      return { code: AuthErrors.CLIENT_NOT_FOUND, ...base };
    case 'invalid_grant':
      return { code: AuthErrors.INVALID_GRANT, ...base };
    case 'invalid_request':
    case 'unsupported_grant_type':
      return { code: AuthErrors.INVALID_REQUEST, ...base };
    case 'access_denied':
      return { code: AuthErrors.FORBIDDEN_SCOPE, ...base };
    default:
      return { code: AuthErrors.REJECTED, ...base };
  }
}

/**
 * Why the exchange said 401 with an empty body (it says nothing for every failure, reference §2 and §6
 * pain point 6): what we can tell from the Maskinporten token we sent.
 */
export function explainExchangeUnauthorized(input: {
  mpClaims: Record<string, unknown>;
  serverNowSeconds: number;
  environmentIssuer: string;
}): string[] {
  const reasons: string[] = [];
  const { mpClaims } = input;
  if (typeof mpClaims.iss === 'string' && mpClaims.iss !== input.environmentIssuer) {
    reasons.push(`the Maskinporten token was issued by ${mpClaims.iss}, not by ${input.environmentIssuer}`);
  }
  if (typeof mpClaims.exp === 'number' && mpClaims.exp + 10 < input.serverNowSeconds) {
    reasons.push('the Maskinporten token has expired');
  }
  if (mpClaims.consumer === undefined) reasons.push('the Maskinporten token has no consumer claim');
  if (reasons.length === 0) {
    reasons.push(
      'wrong environment (a production token sent to TT02 or the reverse), an expired token, or a scope Altinn does not accept',
    );
  }
  return reasons;
}

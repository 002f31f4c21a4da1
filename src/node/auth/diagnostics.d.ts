/**
 * From a Maskinporten or Altinn failure to one stable AppError code. The codes are explained (nb and en,
 * with the fix) in renderer/i18n/errors/auth.ts, shared by the GUI, the CLI and the doctor.
 *
 * Sources: the MP-xxx catalogue in felleslosninger/docs _docs/Maskinporten/maskinporten_feilsoking.md,
 * the text forms quoted from the server in altinn-studio#19603 and fiks-maskinporten-client-dotnet PR #186
 * (reference §1.4, §6).
 */
export declare const AuthErrors: {
  readonly CLIENT_NOT_FOUND: 'MASKINPORTEN_CLIENT_NOT_FOUND';
  readonly WRONG_AUDIENCE: 'MASKINPORTEN_WRONG_AUDIENCE';
  readonly CERT_INVALID: 'MASKINPORTEN_CERT_INVALID';
  readonly EXPIRED_KEY: 'MASKINPORTEN_EXPIRED_KEY';
  readonly CERT_ORG_MISMATCH: 'MASKINPORTEN_CERT_ORG_MISMATCH';
  readonly INVALID_X5C: 'MASKINPORTEN_INVALID_X5C';
  readonly INVALID_SIGNATURE: 'MASKINPORTEN_CERT_INVALID_SIGNATURE';
  readonly GRANT_EXPIRED: 'MASKINPORTEN_GRANT_EXPIRED';
  readonly INVALID_PARAMETER: 'MASKINPORTEN_INVALID_PARAMETER';
  readonly JTI_REUSED: 'MASKINPORTEN_JTI_REUSED';
  readonly SCOPE_NOT_ALLOWED: 'MASKINPORTEN_SCOPE_NOT_ALLOWED';
  readonly SCOPE_WRONG_INTEGRATION: 'MASKINPORTEN_SCOPE_WRONG_INTEGRATION';
  readonly FORBIDDEN_SCOPE: 'MASKINPORTEN_FORBIDDEN_SCOPE';
  readonly NOT_DELEGATED: 'MASKINPORTEN_NOT_DELEGATED';
  readonly RAR_UNKNOWN_TYPE: 'MASKINPORTEN_RAR_UNKNOWN_TYPE';
  readonly RAR_UNKNOWN_FIELD: 'MASKINPORTEN_RAR_UNKNOWN_FIELD';
  readonly RAR_INVALID: 'MASKINPORTEN_RAR_INVALID';
  readonly UNKNOWN_KID: 'MASKINPORTEN_UNKNOWN_KID';
  readonly CLOCK_SKEW: 'MASKINPORTEN_CLOCK_SKEW';
  readonly LIFETIME_TOO_LONG: 'MASKINPORTEN_LIFETIME_TOO_LONG';
  readonly CONSUMER_ORG_INVALID: 'MASKINPORTEN_CONSUMER_ORG_INVALID';
  readonly INVALID_GRANT: 'MASKINPORTEN_INVALID_GRANT';
  readonly INVALID_REQUEST: 'MASKINPORTEN_INVALID_REQUEST';
  readonly REJECTED: 'MASKINPORTEN_REJECTED';
  readonly SERVER_ERROR: 'MASKINPORTEN_SERVER_ERROR';
  readonly UNREACHABLE: 'MASKINPORTEN_UNREACHABLE';
  readonly TIMEOUT: 'MASKINPORTEN_TIMEOUT';
  readonly BAD_RESPONSE: 'MASKINPORTEN_BAD_RESPONSE';
  readonly EXCHANGE_UNAUTHORIZED: 'ALTINN_EXCHANGE_UNAUTHORIZED';
  readonly EXCHANGE_BAD_REQUEST: 'ALTINN_EXCHANGE_BAD_REQUEST';
  readonly EXCHANGE_GONE: 'ALTINN_EXCHANGE_GONE';
  readonly EXCHANGE_REJECTED: 'ALTINN_EXCHANGE_REJECTED';
  readonly EXCHANGE_SERVER_ERROR: 'ALTINN_EXCHANGE_SERVER_ERROR';
  readonly EXCHANGE_UNREACHABLE: 'ALTINN_EXCHANGE_UNREACHABLE';
  readonly EXCHANGE_TIMEOUT: 'ALTINN_EXCHANGE_TIMEOUT';
  readonly EXCHANGE_BAD_RESPONSE: 'ALTINN_EXCHANGE_BAD_RESPONSE';
  readonly ORG_CLAIM_MISSING: 'ALTINN_ORG_CLAIM_MISSING';
  readonly ORG_CLAIM_MISMATCH: 'ALTINN_ORG_CLAIM_MISMATCH';
  readonly GRANT_BUILD_INVALID: 'AUTH_GRANT_INVALID';
  readonly NO_CERTIFICATE: 'AUTH_NO_CERTIFICATE';
  readonly TOKEN_UNREADABLE: 'AUTH_TOKEN_UNREADABLE';
  readonly ISSUER_MISMATCH: 'AUTH_ISSUER_MISMATCH';
  readonly CERTIFICATE_EXPIRED: 'AUTH_CERTIFICATE_EXPIRED';
  readonly KEY_EXPIRES_SOON: 'AUTH_KEY_EXPIRES_SOON';
};
export type AuthErrorCode = (typeof AuthErrors)[keyof typeof AuthErrors];
/** Every MP code of maskinporten_feilsoking.md, with the code we report it as. */
export declare const MP_CODES: Readonly<Record<string, AuthErrorCode>>;
/** Failures worth one retry with a fresh grant and a corrected `iat` (reference §6 pain point 1). */
export declare const CLOCK_RETRY_CODES: ReadonlySet<string>;
export interface ClassifiedMaskinportenError {
  code: AuthErrorCode;
  mpCode?: string;
  traceId?: string;
}
/** Classify a Maskinporten token-endpoint error body (`{ error, error_description }`) by status, MP code and text. */
export declare function classifyMaskinportenError(
  status: number,
  body:
    | {
        error?: string;
        error_description?: string;
      }
    | undefined,
): ClassifiedMaskinportenError;
/**
 * Why the exchange said 401 with an empty body (it says nothing for every failure, reference §2 and §6
 * pain point 6): what we can tell from the Maskinporten token we sent.
 */
export declare function explainExchangeUnauthorized(input: {
  mpClaims: Record<string, unknown>;
  serverNowSeconds: number;
  environmentIssuer: string;
}): string[];

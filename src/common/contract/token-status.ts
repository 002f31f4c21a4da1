/**
 * What the renderer may see of tokens: decoded claims, expiry and status. Never the token text
 * (DESIGN.md "Rules that keep it safe").
 */
/** A token's decoded payload. */
export type TokenClaims = Record<string, unknown>;

/** `kid` for a key registered on the client; `x5c` for an enterprise certificate (virksomhetssertifikat). */
export type GrantAuth = 'kid' | 'x5c';

export type TokenKind = 'maskinporten' | 'altinn';

export type TokenStatus = 'fetching' | 'valid' | 'failed' | 'cleared';

/** Payload of the `token:changed` push event. */
export interface TokenChanged {
  profileId: string;
  status: TokenStatus;
  /** ISO time the token expires (for `valid`). */
  expiresAt?: string;
  which?: TokenKind;
  /** The AppError code (for `failed`). */
  code?: string;
}

export interface TokenWarning {
  code: string;
  message: string;
}

export interface MaskinportenTokenSummary {
  claims: TokenClaims;
  expiresAt: string;
  obtainedAt: string;
  /** The scopes Maskinporten granted. */
  scope: string;
  /** Requested scopes the server did not grant. */
  missingScopes: string[];
  auth: GrantAuth;
}

export interface AltinnTokenSummary {
  claims: TokenClaims;
  expiresAt: string;
  obtainedAt: string;
  warnings: TokenWarning[];
}

export interface TokenSummary {
  profileId: string;
  environmentId: string;
  maskinporten: MaskinportenTokenSummary;
  altinn?: AltinnTokenSummary;
}

export type DoctorStatus = 'pass' | 'warn' | 'fail' | 'skip';

export type DoctorCheckId = 'wellKnown' | 'clock' | 'key' | 'auth' | 'token' | 'scopes' | 'exchange' | 'orgClaim';

export interface DoctorRow {
  id: DoctorCheckId;
  status: DoctorStatus;
  /** i18n key of the check's name: `doctor.<id>` (src/common/i18n/errors/auth.ts, doctorLabels). */
  label: string;
  /** English, specific to this run (URLs, seconds, claim values). Never a token. */
  detail: string;
  /** An error code of the catalogue whose title and hint explain a warn or fail. */
  hintCode?: string;
}

export interface DoctorReport {
  profileId: string;
  environmentId: string;
  checkedAt: string;
  rows: DoctorRow[];
  /** The worst status of the rows. */
  overall: DoctorStatus;
}

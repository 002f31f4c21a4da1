/** Error codes of the self-service area; titles and hints in src/common/i18n/errors/selfservice.ts. */
export const SelfServiceErrors = {
  /** The API refused the admin token (401): expired, from another environment, or not a Maskinporten token. */
  UNAUTHORIZED: 'SELFSERVICE_UNAUTHORIZED',
  /** The admin profile (or its token) lacks the idporten:dcr.* scope the operation needs, or the API said 403. */
  FORBIDDEN_SCOPE: 'SELFSERVICE_FORBIDDEN_SCOPE',
  NOT_FOUND: 'SELFSERVICE_NOT_FOUND',
  /** A client holds at most 5 keys (oidc_api_admin.md). */
  KEY_LIMIT: 'SELFSERVICE_KEY_LIMIT',
  /** The kid is on the client with a different public key (kids must be unique, oidc_api_admin.md). */
  KID_CONFLICT: 'SELFSERVICE_KID_CONFLICT',
  KEY_NOT_ON_CLIENT: 'SELFSERVICE_KEY_NOT_ON_CLIENT',
  /** Removing the last key would leave the client unable to get tokens. */
  LAST_KEY: 'SELFSERVICE_LAST_KEY',
  /** A local profile of this client still signs with the key being removed. */
  KEY_IN_USE: 'SELFSERVICE_KEY_IN_USE',
  INVALID_REQUEST: 'SELFSERVICE_INVALID_REQUEST',
  SERVER_ERROR: 'SELFSERVICE_SERVER_ERROR',
  BAD_RESPONSE: 'SELFSERVICE_BAD_RESPONSE',
  UNREACHABLE: 'SELFSERVICE_UNREACHABLE',
  TIMEOUT: 'SELFSERVICE_TIMEOUT',
  NOT_ADMIN: 'SELFSERVICE_NOT_ADMIN',
  NOT_CONFIGURED: 'SELFSERVICE_NOT_CONFIGURED',
  PRODUCTION_CONFIRM_REQUIRED: 'SELFSERVICE_PRODUCTION_CONFIRM_REQUIRED',
} as const;

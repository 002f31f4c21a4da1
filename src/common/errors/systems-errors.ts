/** Error codes of the systems area (system register, system-user requests); texts in src/common/i18n/errors/systems.ts. */
export const SystemsErrors = {
  /** The profile has none of the system-user API's scopes, or is itself a system-user profile. */
  NOT_VENDOR: 'SYSTEMS_NOT_VENDOR',
  /** The profile or its token lacks the scope this operation needs, or Altinn said 403. */
  FORBIDDEN_SCOPE: 'SYSTEMS_FORBIDDEN_SCOPE',
  /** Altinn refused the token (401): expired, from another environment, or without a `consumer`. */
  UNAUTHORIZED: 'SYSTEMS_UNAUTHORIZED',
  /** No system with this id in the system register (404, AUTH-00011). */
  NOT_FOUND: 'SYSTEMS_NOT_FOUND',
  /** A system with this id exists already (400 AUTH.VLD-00002, or 409 from a race). */
  ALREADY_EXISTS: 'SYSTEMS_ALREADY_EXISTS',
  /** The id does not start with the vendor's own org number (checked here first; Altinn: AUTH.VLD-00001). */
  WRONG_VENDOR: 'SYSTEMS_WRONG_VENDOR',
  /** Altinn refused the system or request (400); its own words are in the message and `details.problems`. */
  INVALID: 'SYSTEMS_INVALID',
  /** The system id has spaces, or the body's id is not the route's (AUTH.VLD-00013, -00012). */
  ID_INVALID: 'SYSTEMS_ID_INVALID',
  /** A client id is on another system already, or listed twice (AUTH.VLD-00004, -00011). */
  CLIENT_ID_TAKEN: 'SYSTEMS_CLIENT_ID_TAKEN',
  /** A redirect URL is not https, or a request's is not on the system's list (AUTH.VLD-00005, AUTH-00021, -00026). */
  REDIRECT_URL_INVALID: 'SYSTEMS_REDIRECT_URL_INVALID',
  /** A resource (right) is unknown, badly formed, not delegable or listed twice (AUTH.VLD-00003, -06, -09, -17). */
  RESOURCE_INVALID: 'SYSTEMS_RESOURCE_INVALID',
  /** An access package is unknown, not delegable, listed twice, or for clients on a visible system (AUTH.VLD-00007, -08, -18). */
  ACCESS_PACKAGE_INVALID: 'SYSTEMS_ACCESS_PACKAGE_INVALID',
  /** No request with this id (404, AUTH-00010 / AUTH-00030). */
  REQUEST_NOT_FOUND: 'SYSTEMUSER_REQUEST_NOT_FOUND',
  /** A system user or an answered request exists for this system, customer and externalRef (AUTH-00004/6/8/9). */
  REQUEST_CONFLICT: 'SYSTEMUSER_REQUEST_CONFLICT',
  /** No system user with this id among the system's. */
  SYSTEM_USER_NOT_FOUND: 'SYSTEMUSER_NOT_FOUND',
  /** The client profile's client id is not one of the system's: its grants would fail with MP-303. */
  CLIENT_NOT_ON_SYSTEM: 'SYSTEMUSER_CLIENT_NOT_ON_SYSTEM',
  /** `mpd systemusers status --wait` gave up before the customer answered. */
  WAIT_TIMEOUT: 'SYSTEMUSER_WAIT_TIMEOUT',
  SERVER_ERROR: 'SYSTEMS_SERVER_ERROR',
  BAD_RESPONSE: 'SYSTEMS_BAD_RESPONSE',
  UNREACHABLE: 'SYSTEMS_UNREACHABLE',
  TIMEOUT: 'SYSTEMS_TIMEOUT',
  NOT_CONFIGURED: 'SYSTEMS_NOT_CONFIGURED',
  PRODUCTION_CONFIRM_REQUIRED: 'SYSTEMS_PRODUCTION_CONFIRM_REQUIRED',
} as const;

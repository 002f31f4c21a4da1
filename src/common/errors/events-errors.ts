/** Error codes of an app's events and an instance's history (issue 20); titles and hints in src/common/i18n/errors/events.ts. */
export const EventsErrors = {
  /** The query was not sent: neither `from` nor `after`, a time without a zone, party with unit or person … */
  QUERY_INVALID: 'EVENTS_QUERY_INVALID',
  /** Altinn Events answered 400 (its ProblemDetails `detail` says why). */
  QUERY_REFUSED: 'EVENTS_QUERY_REFUSED',
  /** Altinn Events answered 401 even with a fresh token. */
  UNAUTHORIZED: 'EVENTS_UNAUTHORIZED',
  /** 401 "Only orgs can call this api": the token carries no service-owner org (`urn:altinn:org`). */
  NOT_AN_ORG: 'EVENTS_NOT_AN_ORG',
  /** Altinn Events answered 403. */
  FORBIDDEN: 'EVENTS_FORBIDDEN',
  /** 404: Register does not know the organisation or person number given as the subject. */
  PARTY_UNKNOWN: 'EVENTS_PARTY_UNKNOWN',
  /** The environment names no Events API and its Storage address does not show where it is. */
  NOT_CONFIGURED: 'EVENTS_NOT_CONFIGURED',
  /** A follow the window asked to stop is not running (it ended, or the window was reloaded). */
  FOLLOW_NOT_FOUND: 'EVENTS_FOLLOW_NOT_FOUND',
  /** Storage answered 401 for an instance's events or process history even with a fresh token. */
  HISTORY_UNAUTHORIZED: 'HISTORY_UNAUTHORIZED',
  /** Storage answered 403 for an instance's events or process history. */
  HISTORY_FORBIDDEN: 'HISTORY_FORBIDDEN',
} as const;

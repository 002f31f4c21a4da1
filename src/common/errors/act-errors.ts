/**
 * Error codes of acting on instances (src/node/acts/); titles and hints in src/common/i18n/errors/acts.ts.
 * Every one carries `details.outcome` (acts/write-outcome.ts): `not-sent` (refused here, or the request never
 * left), `refused` (Altinn answered and did nothing) or `unknown` (sent, and the answer was lost or a server
 * error: it may have happened).
 */
export const ActErrors = {
  // Local checks: nothing is sent (the CLI exits 2).
  OWNER_INVALID: 'ACT_OWNER_INVALID',
  PREFILL_INVALID: 'ACT_PREFILL_INVALID',
  DATA_TYPE_UNKNOWN: 'ACT_DATA_TYPE_UNKNOWN',
  CONTENT_TYPE_NOT_ALLOWED: 'ACT_CONTENT_TYPE_NOT_ALLOWED',
  FILE_TOO_LARGE: 'ACT_FILE_TOO_LARGE',
  FILE_EMPTY: 'ACT_FILE_EMPTY',
  FILE_NAME_INVALID: 'ACT_FILE_NAME_INVALID',
  FILE_UNREADABLE: 'ACT_FILE_UNREADABLE',
  TOO_MANY_FILES: 'ACT_TOO_MANY_FILES',
  ELEMENT_READ_ONLY: 'ACT_ELEMENT_READ_ONLY',
  DATE_INVALID: 'ACT_DATE_INVALID',
  TEXTS_INVALID: 'ACT_TEXTS_INVALID',
  NOTHING_TO_CHANGE: 'ACT_NOTHING_TO_CHANGE',
  // Refused here for another reason: nothing is sent.
  WRITE_SCOPE_MISSING: 'ACT_WRITE_SCOPE_MISSING',
  PRODUCTION_CONFIRM_REQUIRED: 'ACT_PRODUCTION_CONFIRM_REQUIRED',
  HARD_DELETE_NOT_CONFIRMED: 'ACT_HARD_DELETE_NOT_CONFIRMED',
  APP_METADATA_UNAVAILABLE: 'ACT_APP_METADATA_UNAVAILABLE',
  APP_NOT_FOUND: 'ACT_APP_NOT_FOUND',
  // Altinn's refusals.
  PARTY_NOT_FOUND: 'ACT_PARTY_NOT_FOUND',
  PARTY_LOOKUP_REFUSED: 'ACT_PARTY_LOOKUP_REFUSED',
  PARTY_TYPE_NOT_ALLOWED: 'ACT_PARTY_TYPE_NOT_ALLOWED',
  POLICY_REFUSED: 'ACT_POLICY_REFUSED',
  NOT_APP_OWNER: 'ACT_NOT_APP_OWNER',
  INSTANCE_NOT_FOUND: 'ACT_INSTANCE_NOT_FOUND',
  ELEMENT_NOT_FOUND: 'ACT_ELEMENT_NOT_FOUND',
  INSTANCE_NOT_ACTIVE: 'ACT_INSTANCE_NOT_ACTIVE',
  DATA_TYPE_FULL: 'ACT_DATA_TYPE_FULL',
  NO_CURRENT_TASK: 'ACT_NO_CURRENT_TASK',
  FILE_REFUSED: 'ACT_FILE_REFUSED',
  FORM_DATA_REFUSED: 'ACT_FORM_DATA_REFUSED',
  MAIN_ELEMENT: 'ACT_MAIN_ELEMENT',
  ELEMENT_LOCKED: 'ACT_ELEMENT_LOCKED',
  PROCESS_ENDED: 'ACT_PROCESS_ENDED',
  PROCESS_NOT_STARTED: 'ACT_PROCESS_NOT_STARTED',
  VALIDATION_FAILED: 'ACT_VALIDATION_FAILED',
  SUBSTATUS_INVALID: 'ACT_SUBSTATUS_INVALID',
  DELETE_TOO_EARLY: 'ACT_DELETE_TOO_EARLY',
  REFUSED: 'ACT_REFUSED',
  // No clear answer.
  SERVER_ERROR: 'ACT_SERVER_ERROR',
  ANSWER_LOST: 'ACT_ANSWER_LOST',
  NOT_SENT: 'ACT_NOT_SENT',
} as const;

/** The codes of the local checks: a value that fails them is the caller's to fix (the CLI exits 2). */
export const LOCAL_CHECK_CODES: ReadonlySet<string> = new Set([
  ActErrors.OWNER_INVALID,
  ActErrors.PREFILL_INVALID,
  ActErrors.DATA_TYPE_UNKNOWN,
  ActErrors.CONTENT_TYPE_NOT_ALLOWED,
  ActErrors.FILE_TOO_LARGE,
  ActErrors.FILE_EMPTY,
  ActErrors.FILE_NAME_INVALID,
  ActErrors.FILE_UNREADABLE,
  ActErrors.TOO_MANY_FILES,
  ActErrors.ELEMENT_READ_ONLY,
  ActErrors.DATE_INVALID,
  ActErrors.TEXTS_INVALID,
  ActErrors.NOTHING_TO_CHANGE,
]);

/** What happened to a write that failed (see the module comment). */
export type WriteOutcome = 'not-sent' | 'refused' | 'unknown';

/** The write scope Altinn documents for instantiating, uploading and updating metadata and process (§2). */
export const WRITE_SCOPE = 'altinn:serviceowner/instances.write';

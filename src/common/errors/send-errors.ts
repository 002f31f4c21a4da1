/**
 * Error codes of the bulk send (issue 22, src/node/bulk-send/); titles and hints in src/common/i18n/errors/send.ts.
 * A file that cannot be used at all (`mpd instances send` exits 2) is SEND_FILE_*; a problem of one row is a
 * row problem (a `RowProblem` with one of these codes or an ACT_* code of the local checks), reported by its row number and never sent.
 */
export const SendErrors = {
  FILE_UNREADABLE: 'SEND_FILE_UNREADABLE',
  FILE_TYPE: 'SEND_FILE_TYPE',
  FILE_INVALID: 'SEND_FILE_INVALID',
  NO_OWNER_COLUMN: 'SEND_NO_OWNER_COLUMN',
  JOURNAL_CORRUPT: 'SEND_JOURNAL_CORRUPT',
  JOURNAL_BUSY: 'SEND_JOURNAL_BUSY',
  JOB_NOT_FOUND: 'SEND_JOB_NOT_FOUND',
  NOTHING_TO_SEND: 'SEND_NOTHING_TO_SEND',
  OUTCOME_UNKNOWN: 'SEND_OUTCOME_UNKNOWN',
  AMBIGUOUS: 'SEND_AMBIGUOUS',
  CANCELLED: 'SEND_CANCELLED',
  // Problems of one row (reported by row number, that row never sent) besides the ACT_* local checks.
  OWNER_MISSING: 'SEND_OWNER_MISSING',
  OWNER_SEVERAL: 'SEND_OWNER_SEVERAL',
  ATTACHMENT_OUTSIDE: 'SEND_ATTACHMENT_OUTSIDE',
  DUPLICATE_ROW: 'SEND_DUPLICATE_ROW',
  // Warnings: the row is sent.
  DUPLICATE_OWNER: 'SEND_DUPLICATE_OWNER',
  UNKNOWN_COLUMN: 'SEND_UNKNOWN_COLUMN',
} as const;

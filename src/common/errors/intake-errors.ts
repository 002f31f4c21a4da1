/** Error codes of the intake watches (issue 12); titles and hints in src/common/i18n/errors/intake.ts. */
export const IntakeErrors = {
  WATCH_NOT_FOUND: 'INTAKE_WATCH_NOT_FOUND',
  WATCH_EXISTS: 'INTAKE_WATCH_EXISTS',
  /** Another process (the app, or a scheduled `mpd sync`) is running a pass of the same watch. */
  PASS_BUSY: 'INTAKE_PASS_BUSY',
  STATE_CORRUPT: 'INTAKE_STATE_CORRUPT',
} as const;

/**
 * The shapes of the bulk send (issue 22) that cross to the window and the CLI's --json. No zod here: the
 * renderer imports these types, and the channels' input schemas are in bulk-send.ts.
 */
import type { AppErrorJson } from '../errors/app-error';

/** What a column of the spreadsheet is: an owner, a date, a prefill path, an attachment, or unknown (ignored). */
export type ColumnRole =
  | 'orgno'
  | 'fnr'
  | 'partyId'
  | 'visibleAfter'
  | 'dueBefore'
  | 'prefill'
  | 'attachment'
  | 'unknown';

export interface SendColumn {
  /** 0-based position; the spreadsheet's letter is shown from it. */
  index: number;
  header: string;
  role: ColumnRole;
  /** The prefill path or the attachment's data type. */
  target?: string;
}

export interface RowProblem {
  /** As the spreadsheet shows it (header = 1); 1 for a problem of the header. */
  row: number;
  column?: string;
  /** SEND_* or an ACT_* code of the local checks (src/common/i18n/errors/). */
  code: string;
  /** English, specific (the CLI and the report print it). */
  message: string;
  /**
   * The values the window puts in its nb/en sentence for the code (row-problem-words.ts): the cell's text
   * (`value`), the column's letter, the earlier row of a duplicate, the file's name and limits …
   */
  details?: ProblemDetails;
  /** A warning does not stop the row. */
  severity: 'error' | 'warning';
}

/** Only text and numbers: the window interpolates them as they are. */
export type ProblemDetails = Record<string, string | number>;

/** An owner cell as the spreadsheet gave it (trimmed), before or without the checks' blessing. */
export interface GivenOwner {
  kind: OwnerKind;
  /** The column's header as the file spells it. */
  column: string;
  value: string;
}

export type OwnerKind = 'org' | 'person' | 'party';

/**
 * Where a row stands: from the plan (`ready`, `invalid`: refused by the checks) or the journal; `failed` while
 * sending (Altinn refused it, or its outcome is in doubt and it is looked up on the next run); `not-sent`: a
 * stopped send never started it.
 */
export type SendRowStatus =
  | 'ready'
  | 'invalid'
  | 'pending'
  | 'created'
  | 'sent'
  | 'already-sent'
  | 'failed'
  | 'not-sent';

/** Why a row was not sent: refused by the checks (never sent), failed while sending, or never started (stopped). */
export type SendFailedStage = 'checks' | 'sending' | 'stopped';

/**
 * `failed` told apart (issue 22): `checks` — rows the checks refused, nothing was sent for them; `sending` —
 * rows sent and refused by Altinn, or left in doubt (looked up in Altinn on the next run); `stopped` — rows a
 * stopped send never started. The three add up to `failed`.
 */
export type SendFailedBy = Record<SendFailedStage, number>;

export interface SendRowView {
  row: number;
  owner: { kind: OwnerKind; value: string } | null;
  prefillCount: number;
  attachments: string[];
  status: SendRowStatus;
  instanceId?: string;
  /** `details`: as RowProblem's, for the window's sentence (the report leaves them out). */
  error?: { code: string; message: string; details?: ProblemDetails };
  /**
   * A row the checks refused has no `owner`: the owner cells the spreadsheet gave (none, one, or several when
   * that is the problem), so the window can show who the row was for and why it is not valid.
   */
  given?: GivenOwner[];
}

export interface SendPlanView {
  /** An opaque handle of the file main read (the window never holds a path of its own). */
  fileId: string;
  fileName: string;
  kind: 'csv' | 'xlsx';
  separator?: string;
  appId: string;
  environmentId: string;
  production: boolean;
  batch?: string;
  columns: SendColumn[];
  problems: RowProblem[];
  rows: SendRowView[];
  summary: SendSummary;
}

export interface SendSummary {
  rows: number;
  /** Valid rows the journal has not seen done: what a send would send now. */
  toSend: number;
  alreadySent: number;
  invalid: number;
  warnings: number;
  attachments: number;
}

export type SendJobState = 'running' | 'paused' | 'completed' | 'partial' | 'failed' | 'cancelled';

export interface SendProgress {
  jobId: string;
  state: SendJobState;
  /** Every row of the file: the valid rows and those the checks refused. */
  total: number;
  sent: number;
  alreadySent: number;
  failed: number;
  inFlight: number;
  /** Rows per second, smoothed. */
  rate: number;
  etaSeconds?: number;
  concurrencyNow: number;
}

export interface SendJobSummary extends SendProgress {
  /** `failed` counts every row of the file not sent now or before; this says why (the report counts the same). */
  failedBy: SendFailedBy;
  profileId: string;
  appId: string;
  environmentId: string;
  production: boolean;
  fileName: string;
  batch?: string;
  startedAt: string;
  endedAt?: string;
  error?: AppErrorJson;
}

export interface SendJobDetail extends SendJobSummary {
  rows: SendRowView[];
}

/**
 * `mpd instances send --json`, and the report's rows: `sent + alreadySent + failed` is every row of the file
 * (in a dry run, the rest are `would-send`); a failed row says why in `failedBy`.
 */
export interface SendReport {
  sent: number;
  alreadySent: number;
  failed: number;
  failedBy: SendFailedBy;
  rows: {
    row: number;
    status: string;
    failedBy?: SendFailedStage;
    instanceId?: string;
    error?: { code: string; message: string };
  }[];
}

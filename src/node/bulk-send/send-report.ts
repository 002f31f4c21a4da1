import type {
  RowProblem,
  SendFailedBy,
  SendFailedStage,
  SendReport,
  SendRowStatus,
  SendRowView,
} from '../../common/contract/bulk-send-types';
import { formatCsvRecord, neutralizeFormula, UTF8_BOM } from '../export/csv-format';

/**
 * The report of a send (issue 22, item 4): every row of the file with its owner, status, instance id and
 * error — rows the checks refused too — as `mpd instances send --json` prints it and as CSV ("Eksporter
 * rapport", `--report FILE`): RFC 4180, UTF-8 with a BOM, `;`, every cell defused as the instance export's.
 * `failed` counts every row not sent now or before, and `failedBy` says why, per row and in all: `checks` (refused
 * before anything was sent), `sending` (refused by Altinn, or left in doubt and looked up on the next run) or
 * `stopped` (a stopped send never started it) — the job's summary counts the same (bulk-send-service.ts). In a dry
 * run a row not sent yet (`ready`, or `pending`: looked up in Altinn first) is `would-send`.
 */
export function sendReport(rows: SendRowView[]): SendReport {
  let sent = 0;
  let alreadySent = 0;
  const failedBy: SendFailedBy = { checks: 0, sending: 0, stopped: 0 };
  const out: SendReport['rows'] = [];
  for (const r of rows) {
    if (r.status === 'sent') sent++;
    else if (r.status === 'already-sent') alreadySent++;
    const stage = failedStage(r.status);
    if (stage) failedBy[stage]++;
    out.push({
      row: r.row,
      status: stage ? 'failed' : r.status === 'ready' || r.status === 'pending' ? 'would-send' : r.status,
      ...(stage ? { failedBy: stage } : {}),
      ...(r.instanceId ? { instanceId: r.instanceId } : {}),
      // The report says the error as the CLI does: code and English message (details are the window's).
      ...(r.error ? { error: { code: r.error.code, message: r.error.message } } : {}),
    });
  }
  return { sent, alreadySent, failed: failedBy.checks + failedBy.sending + failedBy.stopped, failedBy, rows: out };
}

/** Why a row is not sent, or undefined when it is (or will be). */
export function failedStage(status: SendRowStatus): SendFailedStage | undefined {
  if (status === 'invalid') return 'checks';
  if (status === 'failed') return 'sending';
  if (status === 'not-sent') return 'stopped';
  return undefined;
}

export function sendReportCsv(rows: SendRowView[]): string {
  // failedBy last: the columns before it are those the report has always had.
  const lines = [formatCsvRecord(['row', 'owner', 'status', 'instanceId', 'error', 'failedBy'], ';')];
  const report = sendReport(rows);
  rows.forEach((r, i) => {
    const o = report.rows[i] as SendReport['rows'][number];
    const owner = r.owner
      ? `${r.owner.kind === 'org' ? 'orgno' : r.owner.kind === 'person' ? 'fnr' : 'partyId'}:${r.owner.value}`
      : '';
    const error = o.error ? `${o.error.code}: ${o.error.message}` : '';
    lines.push(
      formatCsvRecord(
        [String(r.row), owner, o.status, o.instanceId ?? '', error, o.failedBy ?? ''].map(neutralizeFormula),
        ';',
      ),
    );
  });
  return UTF8_BOM + lines.join('');
}

/** The first error of each invalid row, as its report line says it. */
export function rowError(problems: RowProblem[] | undefined): SendRowView['error'] {
  const first = problems?.find((p) => p.severity === 'error');
  if (!first) return undefined;
  // The window's sentence names the column (its letter is in the details) and the row.
  const details = { ...(first.details ?? {}), ...(first.column ? { column: first.column } : {}) };
  return { code: first.code, message: first.message, ...(Object.keys(details).length > 0 ? { details } : {}) };
}

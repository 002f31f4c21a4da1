import type { RowProblem, SendReport, SendRowView } from '../../common/contract/bulk-send-types';
import { formatCsvRecord, neutralizeFormula, UTF8_BOM } from '../export/csv-format';

/**
 * The report of a send (issue 22, item 4): every row of the file with its owner, status, instance id and
 * error — rows the checks refused too — as `mpd instances send --json` prints it and as CSV ("Eksporter
 * rapport", `--report FILE`): RFC 4180, UTF-8 with a BOM, `;`, every cell defused as the instance export's.
 * `failed` counts every row not sent now or before: refused by the checks or by Altinn, left in doubt, or
 * never started — the job's summary counts the same (bulk-send-service.ts). In a dry run a row not sent yet
 * (`ready`, or `pending`: looked up in Altinn first) is `would-send`.
 */
export function sendReport(rows: SendRowView[]): SendReport {
  let sent = 0;
  let alreadySent = 0;
  let failed = 0;
  const out: SendReport['rows'] = [];
  for (const r of rows) {
    if (r.status === 'sent') sent++;
    else if (r.status === 'already-sent') alreadySent++;
    else if (r.status === 'failed' || r.status === 'invalid') failed++;
    out.push({
      row: r.row,
      status:
        r.status === 'invalid' ? 'failed' : r.status === 'ready' || r.status === 'pending' ? 'would-send' : r.status,
      ...(r.instanceId ? { instanceId: r.instanceId } : {}),
      ...(r.error ? { error: r.error } : {}),
    });
  }
  return { sent, alreadySent, failed, rows: out };
}

export function sendReportCsv(rows: SendRowView[]): string {
  const lines = [formatCsvRecord(['row', 'owner', 'status', 'instanceId', 'error'], ';')];
  const report = sendReport(rows);
  rows.forEach((r, i) => {
    const o = report.rows[i] as SendReport['rows'][number];
    const owner = r.owner
      ? `${r.owner.kind === 'org' ? 'orgno' : r.owner.kind === 'person' ? 'fnr' : 'partyId'}:${r.owner.value}`
      : '';
    const error = o.error ? `${o.error.code}: ${o.error.message}` : '';
    lines.push(
      formatCsvRecord([String(r.row), owner, o.status, o.instanceId ?? '', error].map(neutralizeFormula), ';'),
    );
  });
  return UTF8_BOM + lines.join('');
}

/** The first error of each invalid row, as its report line says it. */
export function rowError(problems: RowProblem[] | undefined): { code: string; message: string } | undefined {
  const first = problems?.find((p) => p.severity === 'error');
  return first ? { code: first.code, message: first.message } : undefined;
}

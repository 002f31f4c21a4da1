import type { Language } from '../../common/contract/app';
import type { InstanceSummary } from '../../common/contract/instances';
import { groupNationalId, groupOrgNumber } from '../../common/format/owner-numbers';
import type { MessageKey } from '../../common/i18n/translate';
import { translate } from '../../common/i18n/translate';
import type { CsvSeparator } from '../../common/schemas/csv-separator';
import { formatCsvRecord, neutralizeFormula, UTF8_BOM } from './csv-format';

/**
 * The instance table as CSV: the table's columns in its order (owner, created, last changed, task, ended,
 * confirmed by, files, size) and status, then what the table keeps out of sight: the instance id, the
 * party id, the app and when each confirmation was made. Dates are the computer's local time as
 * `YYYY-MM-DD HH:MM:SS`, which Excel in any locale reads as a date; sizes are whole bytes, so they add up.
 */
const COLUMNS: { header: MessageKey; value(i: InstanceSummary, lang: Language): string }[] = [
  { header: 'preview.csvOwner', value: (i, lang) => owner(i, lang) },
  { header: 'preview.csvCreated', value: (i) => localTime(i.created) },
  { header: 'preview.csvChanged', value: (i) => localTime(i.lastChanged) },
  { header: 'preview.csvTask', value: (i) => i.currentTask ?? '' },
  {
    header: 'preview.csvEnded',
    value: (i, lang) => translate(lang, i.isComplete ? 'preview.csvYes' : 'preview.csvNo'),
  },
  {
    header: 'preview.csvConfirmedBy',
    value: (i) => i.confirmations.map((c) => c.stakeholderId).join(', '),
  },
  { header: 'preview.csvFiles', value: (i) => String(i.dataCount) },
  { header: 'preview.csvSize', value: (i) => String(i.totalSize) },
  { header: 'preview.csvStatus', value: (i, lang) => status(i, lang) },
  { header: 'preview.csvId', value: (i) => i.id },
  { header: 'preview.csvPartyId', value: (i) => i.instanceOwner?.partyId ?? i.id.split('/')[0] ?? '' },
  { header: 'preview.csvApp', value: (i) => i.appId },
  {
    header: 'preview.csvConfirmations',
    value: (i) => i.confirmations.map((c) => `${c.stakeholderId} ${localTime(c.confirmedOn)}`.trim()).join(', '),
  },
];

/** The header record, with the byte order mark in front. */
export function instancesCsvHeader(separator: CsvSeparator, lang: Language): string {
  return (
    UTF8_BOM +
    formatCsvRecord(
      COLUMNS.map((c) => translate(lang, c.header)),
      separator,
    )
  );
}

/**
 * One instance as a record. Every cell goes through neutralizeFormula: most hold strings Altinn sent (ids,
 * the app, the party, task and stakeholder ids), and our own (dates, numbers, words) never start like a
 * formula, so none is left out by mistake (issue 17, finding 12).
 */
export function instancesCsvRecord(instance: InstanceSummary, separator: CsvSeparator, lang: Language): string {
  return formatCsvRecord(
    COLUMNS.map((c) => neutralizeFormula(c.value(instance, lang))),
    separator,
  );
}

function owner(i: InstanceSummary, lang: Language): string {
  const o = i.instanceOwner;
  if (o?.organisationNumber)
    return translate(lang, 'preview.csvOwnerOrg', { number: groupOrgNumber(o.organisationNumber) });
  if (o?.personNumber) return translate(lang, 'preview.csvOwnerPerson', { number: groupNationalId(o.personNumber) });
  return o?.partyId ?? i.id.split('/')[0] ?? '';
}

function status(i: InstanceSummary, lang: Language): string {
  const key: MessageKey = i.isHardDeleted
    ? 'preview.csvStatusHardDeleted'
    : i.isSoftDeleted
      ? 'preview.csvStatusSoftDeleted'
      : i.isArchived
        ? 'preview.csvStatusArchived'
        : 'preview.csvStatusActive';
  return translate(lang, key);
}

/** `2025-03-01 14:05:09` in the computer's time zone; what Storage sent when it is not a date. */
export function localTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

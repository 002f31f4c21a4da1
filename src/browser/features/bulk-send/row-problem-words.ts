import type { Language } from '../../../common/contract/app';
import type { GivenOwner, OwnerKind, ProblemDetails, SendRowView } from '../../../common/contract/bulk-send-types';
import { formatBytes } from '../../../common/format/bytes';
import { groupNationalId, groupOrgNumber } from '../../../common/format/owner-numbers';
import { errorTexts } from '../../../common/i18n/errors';
import { type MessageKey, translate } from '../../../common/i18n/translate';
import { normalizePartyNumber } from '../../../common/schemas/party-numbers';

/** A row's problem (the dry run's list) or a row's error (the results): its code and the row's own values. */
export interface ProblemLike {
  row: number;
  code: string;
  column?: string;
  details?: ProblemDetails;
}

/**
 * A row's problem in the window's language (issue 22 review): the error catalogue's title, and a sentence from
 * the send messages with the row's values put in — the cell's text, the file's name, the earlier row — not the
 * service's English `message` (the CLI and the report keep that). A code without its own sentence gets the
 * catalogue's hint.
 */
export function problemWords(p: ProblemLike, lang: Language): { title: string; detail?: string } {
  const entry = errorTexts[p.code]?.[lang];
  const title = entry?.title ?? p.code;
  const own = sentence(p, lang);
  // An unknown column's sentence names it; the hint then lists the names the send knows.
  const detail = own && p.code === 'SEND_UNKNOWN_COLUMN' && entry?.hint ? `${own} ${entry.hint}` : (own ?? entry?.hint);
  return { title, ...(detail ? { detail } : {}) };
}

/** An owner number as the rest of the app shows it: org 3-3-3, a person's 6+5 (instance-owner.ts), party as is. */
export function ownerNumberText(kind: OwnerKind, value: string): string {
  const v = normalizePartyNumber(value);
  if (kind === 'org') return /^\d{9}$/.test(v) ? groupOrgNumber(v) : value;
  if (kind === 'person') return /^\d{11}$/.test(v) ? groupNationalId(v) : value;
  return value;
}

const OWNER_KEYS: Record<OwnerKind, MessageKey> = {
  org: 'send.ownerOrg',
  person: 'send.ownerPerson',
  party: 'send.ownerParty',
};

/**
 * Who a row is for, for the results table: the owner the checks accepted, or — a refused row — the owner cell(s)
 * the spreadsheet gave, with a few words on why they are not valid (`why`) when the owner is the problem.
 */
export function ownerCell(row: SendRowView, lang: Language): { numbers: string[]; why?: string } {
  if (row.owner) return { numbers: [ownerNumberText(row.owner.kind, row.owner.value)] };
  const given: GivenOwner[] = row.given ?? [];
  const why = ownerWhy(row, given, lang);
  const numbers = given.length === 0 ? ['–'] : given.map((g) => ownerNumberText(g.kind, g.value));
  return { numbers, ...(why ? { why } : {}) };
}

function ownerWhy(row: SendRowView, given: GivenOwner[], lang: Language): string | undefined {
  if (row.status !== 'invalid') return undefined;
  if (given.length === 0) return translate(lang, 'send.ownerNone');
  if (given.length > 1) return translate(lang, 'send.ownerBadSeveral');
  if (row.error?.code !== 'ACT_OWNER_INVALID') return undefined;
  switch (row.error.details?.problem) {
    case 'checksum':
      return translate(lang, 'send.ownerBadChecksum');
    case 'length':
      return translate(lang, 'send.ownerBadLength');
    case 'not-digits':
      return translate(lang, 'send.ownerBadDigits');
    default:
      return undefined;
  }
}

function str(details: ProblemDetails | undefined, key: string): string {
  const v = details?.[key];
  return v === undefined ? '' : String(v);
}

function num(details: ProblemDetails | undefined, key: string): number | undefined {
  const v = details?.[key];
  return typeof v === 'number' ? v : undefined;
}

function sentence(p: ProblemLike, lang: Language): string | undefined {
  const d = p.details;
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(lang, key, params);
  const name = str(d, 'filename') || str(d, 'name');
  const dataType = str(d, 'dataType');
  switch (p.code) {
    case 'ACT_OWNER_INVALID': {
      const kind = str(d, 'kind') as OwnerKind;
      if (!OWNER_KEYS[kind]) return undefined;
      const value = str(d, 'value');
      // No-break spaces: a grouped number is not split over two lines in the sentence.
      const owner = t(OWNER_KEYS[kind], { value: ownerNumberText(kind, value).replace(/ /g, '\u00a0') });
      switch (str(d, 'problem')) {
        case 'checksum':
          return t('send.whyOwnerChecksum', { owner });
        case 'not-digits':
          return t('send.whyOwnerNotDigits', { owner });
        case 'length':
          return kind === 'party'
            ? t('send.whyOwnerLengthParty', { owner })
            : t('send.whyOwnerLength', {
                owner,
                count: normalizePartyNumber(value).length,
                expected: kind === 'org' ? 9 : 11,
              });
        default:
          return undefined;
      }
    }
    case 'SEND_OWNER_SEVERAL':
      return t('send.whyOwnerSeveral', { columns: str(d, 'columns') || (p.column ?? '') });
    case 'ACT_DATE_INVALID':
      return d?.value !== undefined ? t('send.whyDate', { value: str(d, 'value') }) : undefined;
    case 'ACT_PREFILL_INVALID':
      return d?.path !== undefined ? t('send.whyPrefillPath', { path: str(d, 'path') }) : undefined;
    case 'SEND_ATTACHMENT_OUTSIDE':
      return t('send.whyFileOutside', { name });
    case 'ACT_FILE_UNREADABLE': {
      const reason = str(d, 'reason');
      if (!name) return undefined;
      if (reason === 'missing') return t('send.whyFileMissing', { name });
      if (reason === 'not-a-file') return t('send.whyFileNotAFile', { name });
      return t('send.whyFileUnreadable', { name });
    }
    case 'ACT_FILE_EMPTY':
      return name ? t('send.whyFileEmpty', { name }) : undefined;
    case 'ACT_FILE_NAME_INVALID':
      return name ? t('send.whyFileNoExtension', { name }) : undefined;
    case 'ACT_FILE_TOO_LARGE': {
      const size = num(d, 'size');
      const max = num(d, 'maxBytes');
      if (!name || size === undefined || max === undefined) return undefined;
      return t('send.whyFileTooLarge', { name, dataType, size: formatBytes(size, lang), max: formatBytes(max, lang) });
    }
    case 'ACT_CONTENT_TYPE_NOT_ALLOWED':
      return name && d?.allowed !== undefined
        ? t('send.whyFileType', { name, dataType, contentType: str(d, 'contentType'), allowed: str(d, 'allowed') })
        : undefined;
    case 'ACT_DATA_TYPE_UNKNOWN':
      return dataType ? t('send.whyDataType', { dataType, known: str(d, 'known') }) : undefined;
    case 'ACT_ELEMENT_READ_ONLY':
      return dataType ? t('send.whyReadOnly', { dataType }) : undefined;
    case 'ACT_TOO_MANY_FILES': {
      const maxCount = num(d, 'maxCount');
      if (!dataType || maxCount === undefined) return undefined;
      return t('send.whyTooMany', {
        dataType,
        maxCount,
        count: (num(d, 'existing') ?? 0) + (num(d, 'adding') ?? 0),
      });
    }
    case 'SEND_DUPLICATE_ROW':
      return d?.other !== undefined ? t('send.whyDuplicateRow', { row: p.row, other: str(d, 'other') }) : undefined;
    case 'SEND_DUPLICATE_OWNER':
      return d?.other !== undefined ? t('send.whyDuplicateOwner', { other: str(d, 'other') }) : undefined;
    case 'SEND_UNKNOWN_COLUMN':
      return t('send.whyUnknownColumn', { letter: str(d, 'letter'), column: p.column ?? '' });
    default:
      return undefined;
  }
}

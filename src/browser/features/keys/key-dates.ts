import type { Language } from '../../../common/contract/app';

const LOCALES: Record<Language, string> = { nb: 'nb-NO', en: 'en-GB' };

/**
 * "1. mars 2026" / "1 Mar 2026" for a calendar date (YYYY-MM-DD) or an ISO timestamp. Calendar dates are
 * read as UTC midnight and shown in UTC so a date never shifts a day in a western time zone.
 */
export function formatDate(value: string, lang: Language): string {
  const calendar = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(calendar ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(LOCALES[lang], {
    dateStyle: 'medium',
    ...(calendar ? { timeZone: 'UTC' } : {}),
  }).format(date);
}

/** Today in the person's own time zone, as YYYY-MM-DD (what an <input type="date"> holds). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The one-year expiry that follows a registration date, for the preview in the date dialog only (main
 * computes the stored expiry; same rule: Maskinporten keys live one year from posting, reference §4,
 * and 29 February plus a year is 28 February).
 */
export function oneYearAfter(registeredAt: string): string {
  const [y, m, d] = registeredAt.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return new Date(Date.UTC(y + 1, m - 1, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

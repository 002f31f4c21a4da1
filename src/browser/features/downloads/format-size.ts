import type { Language } from '../../../common/contract/app';

const locales: Record<Language, string> = { nb: 'nb-NO', en: 'en-GB' };
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** Bytes as a person reads them: decimal units (as file managers show), one decimal below 10. */
export function formatBytes(bytes: number, lang: Language): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(locales[lang], {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
  return `${number} ${UNITS[unit]}`;
}

export function formatCount(n: number, lang: Language): string {
  return new Intl.NumberFormat(locales[lang]).format(n);
}

/** Seconds left as "45 s", "3 min" or "1 h 5 min" (via the caller's messages). */
export function splitDuration(
  seconds: number,
): { unit: 's'; n: number } | { unit: 'min'; n: number } | { unit: 'h'; h: number; m: number } {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return { unit: 's', n: s };
  if (s < 3600) return { unit: 'min', n: Math.round(s / 60) };
  return { unit: 'h', h: Math.floor(s / 3600), m: Math.round((s % 3600) / 60) };
}

/** A date-time in the computer's time zone, to the minute: "01.02.2025 14:05" (no comma, it fits a column). */
export function formatDateTime(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${formatDate(date, lang)} ${formatTime(date, lang)}`;
}

export function formatDate(date: Date, lang: Language): string {
  return new Intl.DateTimeFormat(locales[lang], { day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

export function formatTime(date: Date, lang: Language): string {
  return new Intl.DateTimeFormat(locales[lang], { hour: '2-digit', minute: '2-digit' }).format(date);
}

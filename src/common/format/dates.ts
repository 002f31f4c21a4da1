import type { Language } from '../contract/app';
import { locales } from './locales';

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

/** To the second, for events that come seconds apart: "01.02.2025 14:05:09". */
export function formatDateTimeSeconds(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${formatDate(date, lang)} ${formatTimeSeconds(date, lang)}`;
}

export function formatTimeSeconds(date: Date, lang: Language): string {
  return new Intl.DateTimeFormat(locales[lang], { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(date);
}

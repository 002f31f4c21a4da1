import type { Language } from '../../../common/contract/app';

const locales: Record<Language, string> = { nb: 'nb-NO', en: 'en-GB' };

/**
 * A moment in the computer's own time zone, with seconds (token lifetimes are minutes long); the date
 * only when it is not today, which for a fresh token it almost always is.
 */
export function formatLocalTime(date: Date, lang: Language, now = new Date()): string {
  if (date.toDateString() === now.toDateString()) return formatClock(date, lang);
  return new Intl.DateTimeFormat(locales[lang], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(date);
}

/** Only the clock time, for moments that are today by construction (just fetched, about to expire). */
export function formatClock(date: Date, lang: Language): string {
  return new Intl.DateTimeFormat(locales[lang], { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(date);
}

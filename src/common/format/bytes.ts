import type { Language } from '../contract/app';
import { locales } from './locales';

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
  return `${numberFormat(lang, digits).format(value)} ${UNITS[unit]}`;
}

export function formatCount(n: number, lang: Language): string {
  return numberFormat(lang).format(n);
}

/**
 * One formatter per language and number of decimals, made once: making an Intl.NumberFormat costs far
 * more than using one (the first about 10 ms, seen in a profile of `mpd download`'s report).
 */
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Language, digits?: number): Intl.NumberFormat {
  const key = `${lang}:${digits ?? ''}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(
      locales[lang],
      digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits },
    );
    formats.set(key, format);
  }
  return format;
}

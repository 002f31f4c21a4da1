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
  const number = new Intl.NumberFormat(locales[lang], {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
  return `${number} ${UNITS[unit]}`;
}

export function formatCount(n: number, lang: Language): string {
  return new Intl.NumberFormat(locales[lang]).format(n);
}

import type { Language } from '../../../common/contract/app';
import { fillText, selfServiceTexts } from '../../../common/i18n/errors/selfservice';

/**
 * A text shared with the CLI (the manual guide's steps, the notes after a publish), in `lang` with its
 * `{name}` placeholders filled. They live in src/common/i18n/errors/selfservice.ts so `mpd clients` prints the same.
 */
export function selfServiceText(id: string, lang: Language, values: Record<string, string | number> = {}): string {
  const entry = selfServiceTexts[id];
  return entry ? fillText(entry[lang], values) : id;
}

/** YYYY-MM-DD or an ISO time, as a date a Norwegian or English reader expects. */
export function formatDate(iso: string, lang: Language): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(lang === 'nb' ? 'nb-NO' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}

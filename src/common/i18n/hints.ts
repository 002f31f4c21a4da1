import { errorTexts } from './errors';

/** The English hint for an error code, shared with the GUI's catalogue so both say the same thing. */
export function englishHint(code: string): string | undefined {
  return errorTexts[code]?.en.hint;
}

export function localizedError(code: string, lang: 'nb' | 'en'): { title: string; hint?: string } | undefined {
  return errorTexts[code]?.[lang];
}

import type { Language } from '../contract/app';

/** The locale each UI language formats numbers and dates in; the GUI and the CLI share it. */
export const locales: Record<Language, string> = { nb: 'nb-NO', en: 'en-GB' };

import { describe, expect, it } from 'vitest';
import { SeamErrors } from '../../../../src/common/errors/app-error';
import { errorTexts } from '../../../../src/common/i18n/errors';
import { englishHint, localizedError } from '../../../../src/common/i18n/hints';

describe('seam error catalogue', () => {
  it.each(Object.values(SeamErrors))('%s has a title and a hint in nb and en', (code) => {
    for (const lang of ['nb', 'en'] as const) {
      const entry = errorTexts[code]?.[lang];
      expect(entry?.title, `${code} ${lang}`).toBeTruthy();
      expect(entry?.hint, `${code} ${lang}`).toBeTruthy();
    }
  });

  it('gives the refused-sender error a hint the CLI and the GUI share', () => {
    expect(englishHint('UNTRUSTED_SENDER')).toMatch(/only answers its own window/);
    expect(localizedError('UNTRUSTED_SENDER', 'nb')?.title).toMatch(/appens vindu/);
  });
});

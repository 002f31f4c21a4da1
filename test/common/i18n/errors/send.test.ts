import { describe, expect, it } from 'vitest';
import { SendErrors } from '../../../../src/common/errors/send-errors';
import { errorTexts } from '../../../../src/common/i18n/errors';

describe('send error catalogue', () => {
  it.each(Object.values(SendErrors))('%s has a title and a hint in nb and en', (code) => {
    for (const lang of ['nb', 'en'] as const) {
      expect(errorTexts[code]?.[lang]?.title, `${code} ${lang}`).toBeTruthy();
      expect(errorTexts[code]?.[lang]?.hint, `${code} ${lang}`).toBeTruthy();
    }
  });
});

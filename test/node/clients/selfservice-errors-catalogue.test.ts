import { describe, expect, it } from 'vitest';
import { SelfServiceErrors } from '../../../src/common/errors/clients-errors';
import { errorTexts } from '../../../src/common/i18n/errors';
import { selfServiceTexts } from '../../../src/common/i18n/errors/selfservice';
import { manualGuide } from '../../../src/node/clients/manual-guide';
import { TT02 } from '../../../src/node/environments/environments';

describe('self-service texts', () => {
  it.each(Object.values(SelfServiceErrors))('%s has a title and a hint in nb and en', (code) => {
    const text = errorTexts[code];
    expect(text?.nb.title && text.nb.hint && text.en.title && text.en.hint).toBeTruthy();
    expect(text.nb.hint).not.toBe(text.en.hint);
  });

  it('every step of the manual guide has a text in both languages', () => {
    for (const step of manualGuide(TT02, null).steps) {
      expect(selfServiceTexts[`guide.${step}`]?.nb).toBeTruthy();
      expect(selfServiceTexts[`guide.${step}`]?.en).toBeTruthy();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { TT02 } from '../../../main/environments';
import { manualGuide } from '../../../main/selfservice/manual-guide';
import { SelfServiceErrors } from '../../../main/selfservice/selfservice-errors';
import { errorTexts } from '../../../renderer/i18n/errors';
import { selfServiceTexts } from '../../../renderer/i18n/errors/selfservice';

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

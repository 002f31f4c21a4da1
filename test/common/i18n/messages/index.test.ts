import { describe, expect, it } from 'vitest';
import { messages } from '../../../../src/common/i18n/messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n messages', () => {
  for (const [area, { nb, en }] of Object.entries(messages) as [string, { nb: object; en: object }][]) {
    describe(area, () => {
      const nbTexts = nb as Record<string, string>;
      const enTexts = en as Record<string, string>;

      it('has the same keys in nb and en', () => {
        expect(Object.keys(enTexts).sort()).toEqual(Object.keys(nbTexts).sort());
      });

      it('has no empty message and the same {placeholders} in both languages', () => {
        for (const key of Object.keys(nbTexts)) {
          expect(nbTexts[key].trim(), `${area}.${key} (nb)`).not.toBe('');
          expect(enTexts[key]?.trim(), `${area}.${key} (en)`).not.toBe('');
          expect(placeholders(enTexts[key] ?? ''), `${area}.${key}`).toEqual(placeholders(nbTexts[key]));
        }
      });
    });
  }

  it('keeps the word PRODUKSJON in the production band in every language', () => {
    expect(messages.environment.nb.productionBand).toBe('PRODUKSJON');
    expect(messages.environment.en.productionBand).toBe('PRODUKSJON');
  });
});

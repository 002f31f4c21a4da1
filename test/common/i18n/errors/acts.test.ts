import { describe, expect, it } from 'vitest';
import { ActErrors, LOCAL_CHECK_CODES } from '../../../../src/common/errors/act-errors';
import { errorTexts } from '../../../../src/common/i18n/errors';
import { messages } from '../../../../src/common/i18n/messages';

describe('act error catalogue', () => {
  it.each(Object.values(ActErrors))('%s has a title and a hint in nb and en', (code) => {
    for (const lang of ['nb', 'en'] as const) {
      expect(errorTexts[code]?.[lang]?.title, `${code} ${lang}`).toBeTruthy();
      expect(errorTexts[code]?.[lang]?.hint, `${code} ${lang}`).toBeTruthy();
    }
  });

  it('the local checks are act codes, and the scope error names the scope in both languages', () => {
    for (const code of LOCAL_CHECK_CODES) expect(Object.values(ActErrors)).toContain(code);
    expect(errorTexts.ACT_WRITE_SCOPE_MISSING?.nb.hint).toContain('altinn:serviceowner/instances.write');
    expect(errorTexts.ACT_WRITE_SCOPE_MISSING?.en.hint).toContain('altinn:serviceowner/instances.write');
  });

  it('has every acts message in both languages', () => {
    expect(Object.keys(messages.acts.en).sort()).toEqual(Object.keys(messages.acts.nb).sort());
  });
});

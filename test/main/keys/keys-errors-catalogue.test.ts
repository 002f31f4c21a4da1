import { describe, expect, it } from 'vitest';
import { englishHint } from '../../../main/hints';
import { KeyFormatErrors, KeyFormatWarnings } from '../../../main/keys/key-formats';
import { KeyStoreErrors } from '../../../main/keys/key-store';
import { KeychainErrors } from '../../../main/keys/keychain';
import { SealErrors } from '../../../main/keys/sealed-blob';
import { VaultErrors } from '../../../main/keys/vault';
import { errorTexts } from '../../../renderer/i18n/errors';

describe('every keys error code has a title and hint in nb and en', () => {
  const codes = [
    ...Object.values(KeyFormatErrors),
    ...Object.values(KeyFormatWarnings),
    ...Object.values(KeyStoreErrors),
    ...Object.values(KeychainErrors),
    ...Object.values(SealErrors),
    ...Object.values(VaultErrors),
    'KEY_INVALID_KID',
  ];
  it.each(codes)('%s', (code) => {
    const text = errorTexts[code];
    expect(text, code).toBeDefined();
    for (const lang of ['nb', 'en'] as const) {
      expect(text[lang].title.length).toBeGreaterThan(3);
      expect(text[lang].hint?.length ?? 0).toBeGreaterThan(10);
    }
    expect(englishHint(code)).toBe(text.en.hint);
  });
});

import { describe, expect, it } from 'vitest';
import { errorTexts } from '../../../src/common/i18n/errors';
import { englishHint } from '../../../src/common/i18n/hints';
import { KeyFormatErrors, KeyFormatWarnings } from '../../../src/node/keys/key-formats';
import { KeyStoreErrors } from '../../../src/node/keys/key-store';
import { KeychainErrors } from '../../../src/node/keys/keychain';
import { SealErrors } from '../../../src/node/keys/sealed-blob';
import { VaultErrors } from '../../../src/node/keys/vault';

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

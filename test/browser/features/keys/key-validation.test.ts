import { describe, expect, it } from 'vitest';
import { newPassphraseProblems } from '../../../../src/browser/features/keys/key-validation';

describe('newPassphraseProblems', () => {
  it('asks 8 characters of a vault passphrase and 15 of a backup passphrase (issue 17, finding 8)', () => {
    expect(newPassphraseProblems('8 chars!', '8 chars!')).toEqual({});
    expect(newPassphraseProblems('8 chars!', '8 chars!', 'backup')).toEqual({
      passphrase: 'keys.backupPassphraseTooShort',
    });
    expect(newPassphraseProblems('ærlig øl 😀😀😀😀', 'ærlig øl 😀😀😀😀', 'backup').passphrase).toBe(
      'keys.backupPassphraseTooShort',
    );
    expect(newPassphraseProblems('fire hester på en bro', 'fire hester på en bro', 'backup')).toEqual({});
    expect(newPassphraseProblems('fire hester på en bro', 'fire hester', 'backup')).toEqual({
      repeat: 'keys.passphraseMismatch',
    });
  });
});

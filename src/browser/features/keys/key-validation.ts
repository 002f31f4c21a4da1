import type { MessageKey } from '../../../common/i18n/translate';

// The same limits as the contract (src/common/contract/keys.ts): checked here only to say what is wrong while
// the person types; main validates again.
export const KID_CHARACTERS = /^[A-Za-z0-9._-]*$/;
export const MAX_KID = 100;
export const MAX_NAME = 80;
export const MIN_PASSPHRASE = 8;
/** src/node/keys/key-backup.ts MIN_BACKUP_PASSPHRASE: a backup file is guarded by its passphrase alone. */
export const MIN_BACKUP_PASSPHRASE = 15;

export function nameProblem(name: string): MessageKey | undefined {
  if (!name.trim()) return 'keys.nameRequired';
  if (name.trim().length > MAX_NAME) return 'keys.nameTooLong';
  return undefined;
}

/** An empty kid is fine: main then makes the default one. */
export function kidProblem(kid: string): MessageKey | undefined {
  if (!KID_CHARACTERS.test(kid)) return 'keys.kidInvalid';
  if (kid.length > MAX_KID) return 'keys.kidTooLong';
  return undefined;
}

/** A new passphrase for the vault, or (`backup`) for a key backup, which needs a longer one. */
export function newPassphraseProblems(
  passphrase: string,
  repeat: string,
  kind: 'vault' | 'backup' = 'vault',
): { passphrase?: MessageKey; repeat?: MessageKey } {
  if (kind === 'backup' && [...passphrase].length < MIN_BACKUP_PASSPHRASE) {
    return { passphrase: 'keys.backupPassphraseTooShort' };
  }
  if (passphrase.length < MIN_PASSPHRASE) return { passphrase: 'keys.passphraseTooShort' };
  if (passphrase !== repeat) return { repeat: 'keys.passphraseMismatch' };
  return {};
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../../common/errors/app-error';

/**
 * The sealed-blob format, version 1 (binary, every field fixed-size except the ciphertext):
 *
 *   "MPDSEAL" (7 bytes) | format version (1 byte = 1) | vault kind (1 byte: 1 keychain, 2 passphrase)
 *   | IV (12 bytes) | ciphertext | GCM tag (16 bytes)
 *
 * AES-256-GCM (NIST SP 800-38D) with a fresh 96-bit IV per seal. The associated data is the 9-byte header
 * followed by a context string (`key:<keyId>`), so a file copied or renamed onto another key id, or a
 * header edited to another version or kind, fails authentication instead of decrypting.
 */
export const SEAL_MAGIC = Buffer.from('MPDSEAL', 'ascii');
export const SEAL_VERSION = 1;
const HEADER_LENGTH = SEAL_MAGIC.length + 2;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const KEY_LENGTH = 32;

export type SealKind = 'keychain' | 'passphrase';
const KIND_BYTE: Record<SealKind, number> = { keychain: 1, passphrase: 2 };

export const SealErrors = {
  VAULT_CORRUPT: 'VAULT_CORRUPT',
  VAULT_FORMAT_UNSUPPORTED: 'VAULT_FORMAT_UNSUPPORTED',
  VAULT_KIND_MISMATCH: 'VAULT_KIND_MISMATCH',
} as const;

export function seal(key: Buffer, kind: SealKind, context: string, plaintext: Uint8Array): Buffer {
  assertKey(key);
  const header = Buffer.concat([SEAL_MAGIC, Buffer.from([SEAL_VERSION, KIND_BYTE[kind]])]);
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
  cipher.setAAD(Buffer.concat([header, Buffer.from(context, 'utf8')]));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, body, cipher.getAuthTag()]);
}

/** Open a sealed blob; every way it can be wrong ends in an AppError, never a crash. `label` names it in messages. */
export function unseal(key: Buffer, kind: SealKind, context: string, blob: Uint8Array, label: string): Buffer {
  assertKey(key);
  const data = Buffer.from(blob);
  if (data.length < HEADER_LENGTH || !data.subarray(0, SEAL_MAGIC.length).equals(SEAL_MAGIC)) {
    throw new AppError(SealErrors.VAULT_CORRUPT, `${label} is not a sealed key file (unknown format tag)`, {
      details: { label },
    });
  }
  const version = data[SEAL_MAGIC.length];
  if (version !== SEAL_VERSION) {
    throw new AppError(
      SealErrors.VAULT_FORMAT_UNSUPPORTED,
      `${label} uses sealed format version ${version}; this app reads version ${SEAL_VERSION}`,
      { details: { label, version } },
    );
  }
  const kindByte = data[SEAL_MAGIC.length + 1];
  if (kindByte !== KIND_BYTE[kind]) {
    const other = Object.entries(KIND_BYTE).find(([, b]) => b === kindByte)?.[0];
    if (!other) {
      throw new AppError(SealErrors.VAULT_CORRUPT, `${label} has an unknown vault kind byte ${kindByte}`, {
        details: { label },
      });
    }
    throw new AppError(
      SealErrors.VAULT_KIND_MISMATCH,
      `${label} was sealed by the ${other} vault, but the ${kind} vault is in use`,
      { details: { label, sealedWith: other, inUse: kind } },
    );
  }
  if (data.length < HEADER_LENGTH + IV_LENGTH + TAG_LENGTH + 1) {
    throw new AppError(SealErrors.VAULT_CORRUPT, `${label} is truncated (${data.length} bytes)`, {
      details: { label },
    });
  }
  const header = data.subarray(0, HEADER_LENGTH);
  const iv = data.subarray(HEADER_LENGTH, HEADER_LENGTH + IV_LENGTH);
  const tag = data.subarray(data.length - TAG_LENGTH);
  const body = data.subarray(HEADER_LENGTH + IV_LENGTH, data.length - TAG_LENGTH);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
    decipher.setAAD(Buffer.concat([header, Buffer.from(context, 'utf8')]));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch (error) {
    throw new AppError(
      SealErrors.VAULT_CORRUPT,
      `${label} failed authentication: it was changed, truncated, or belongs to another key or vault`,
      { cause: error, details: { label } },
    );
  }
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_LENGTH) throw new Error(`vault key must be ${KEY_LENGTH} bytes`);
}

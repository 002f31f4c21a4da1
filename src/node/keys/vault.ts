import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../common/errors/app-error';
import { writeFileAtomic } from '../platform/atomic-write';
import { JsonDocumentStore } from '../platform/json-document-store';
import { keychainError } from './keychain';
import { type SealKind, seal, unseal } from './sealed-blob';
import type { SecretStore } from './secret-store';

export type VaultKind = SealKind;

export const VaultErrors = {
  VAULT_LOCKED: 'VAULT_LOCKED',
  VAULT_WRONG_PASSPHRASE: 'VAULT_WRONG_PASSPHRASE',
  VAULT_PASSPHRASE_TOO_SHORT: 'VAULT_PASSPHRASE_TOO_SHORT',
  VAULT_KEY_MISSING: 'VAULT_KEY_MISSING',
  VAULT_NOT_EMPTY: 'VAULT_NOT_EMPTY',
  VAULT_NOT_PASSPHRASE: 'VAULT_NOT_PASSPHRASE',
  KEY_MATERIAL_MISSING: 'KEY_MATERIAL_MISSING',
  INVALID_KEY_ID: 'INVALID_KEY_ID',
} as const;

/** The keychain account that holds the base64 vault key (service "Maskinporten Desktop"). */
export const VAULT_KEY_ACCOUNT = 'vault-key';
export const MIN_VAULT_PASSPHRASE = 8;
const SEALED_SUFFIX = '.sealed';
const CHECK_CONTEXT = 'vault-check';
const CHECK_VALUE = Buffer.from('maskinporten-desktop vault check v1', 'utf8');
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** scrypt cost (RFC 7914). N=2^17, r=8, p=1 is OWASP's current minimum for scrypt; ~128 MiB, well under a second. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

const b64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
const vaultFileSchema = z.discriminatedUnion('kind', [
  z.object({ version: z.literal(1), kind: z.literal('keychain') }),
  z.object({
    version: z.literal(1),
    kind: z.literal('passphrase'),
    kdf: z.object({
      name: z.literal('scrypt'),
      salt: b64,
      N: z
        .number()
        .int()
        .min(2 ** 10)
        .max(2 ** 22),
      r: z.number().int().min(1).max(32),
      p: z.number().int().min(1).max(16),
    }),
    /** A known value sealed with the derived key: a wrong passphrase fails its GCM tag. */
    check: b64,
  }),
]);
type VaultFile = z.infer<typeof vaultFileSchema>;

export interface VaultStatus {
  kind: VaultKind;
  /** Keychain: the keychain answered; passphrase: unlocked in this process. */
  unlocked: boolean;
  detail?: string;
}

export interface VaultOptions {
  home: string;
  secrets: SecretStore;
  account?: string;
  scrypt?: ScryptParams;
  /**
   * Asked for the passphrase when a locked passphrase vault is needed (the CLI: MPD_VAULT_PASSPHRASE, else
   * the terminal prompt), so every command that signs works unattended; undefined keeps it locked.
   */
  passphraseSource?: () => Promise<string | undefined>;
}

/**
 * Envelope encryption (shared/DESIGN.md "Rules that keep it safe"): one random 256-bit vault key, kept in
 * the OS keychain (or derived from a passphrase the user chose explicitly), seals each private key into its
 * own file <home>/keys/<keyId>.sealed. The keychain holds 44 characters, well inside the Windows Credential
 * Manager limit of 2,560 bytes (reference §6.8), and is asked once per process.
 */
export class Vault {
  private readonly config: JsonDocumentStore<VaultFile>;
  private readonly keysDir: string;
  private readonly account: string;
  private readonly scryptParams: ScryptParams;
  private keychainKey?: Promise<Buffer>;
  private passphraseKey?: Buffer;
  private asking?: Promise<void>;

  constructor(private readonly options: VaultOptions) {
    this.config = new JsonDocumentStore(join(options.home, 'vault.json'), vaultFileSchema, () => ({
      version: 1 as const,
      kind: 'keychain' as const,
    }));
    this.keysDir = join(options.home, 'keys');
    this.account = options.account ?? VAULT_KEY_ACCOUNT;
    this.scryptParams = options.scrypt ?? DEFAULT_SCRYPT;
  }

  async kind(): Promise<VaultKind> {
    return (await this.config.read()).kind;
  }

  async status(): Promise<VaultStatus> {
    const config = await this.config.read();
    if (config.kind === 'passphrase') return { kind: 'passphrase', unlocked: this.passphraseKey !== undefined };
    const probe = await this.options.secrets
      .probe()
      .catch((error: unknown) => ({ available: false, detail: keychainError('read', error).message }));
    return { kind: 'keychain', unlocked: probe.available, detail: probe.detail };
  }

  async seal(keyId: string, plaintext: Uint8Array): Promise<void> {
    assertKeyId(keyId);
    const { kind, key } = await this.currentKey('seal');
    await writeFileAtomic(this.pathOf(keyId), seal(key, kind, context(keyId), plaintext), 0o600);
  }

  async open(keyId: string): Promise<Buffer> {
    assertKeyId(keyId);
    let blob: Buffer;
    try {
      blob = await readFile(this.pathOf(keyId));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new AppError(VaultErrors.KEY_MATERIAL_MISSING, `The sealed file for key ${keyId} is missing`, {
          details: { keyId, path: this.pathOf(keyId) },
        });
      }
      throw error;
    }
    const { kind, key } = await this.currentKey('open');
    return unseal(key, kind, context(keyId), blob, `Sealed key file ${keyId}${SEALED_SUFFIX}`);
  }

  async remove(keyId: string): Promise<void> {
    assertKeyId(keyId);
    await rm(this.pathOf(keyId), { force: true });
  }

  /** Ids of every sealed file on disk (used to refuse switching vaults while keys exist). */
  async sealedIds(): Promise<string[]> {
    try {
      const names = await readdir(this.keysDir);
      return names.filter((n) => n.endsWith(SEALED_SUFFIX)).map((n) => n.slice(0, -SEALED_SUFFIX.length));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** Unlock the passphrase vault for the life of this process; the derived key stays in memory only. */
  async unlock(passphrase: string): Promise<void> {
    const config = await this.config.read();
    if (config.kind !== 'passphrase') {
      throw new AppError(
        VaultErrors.VAULT_NOT_PASSPHRASE,
        'The vault uses the OS keychain; there is nothing to unlock',
      );
    }
    const key = await deriveKey(passphrase, Buffer.from(config.kdf.salt, 'base64'), config.kdf);
    let check: Buffer;
    try {
      check = unseal(key, 'passphrase', CHECK_CONTEXT, Buffer.from(config.check, 'base64'), 'vault.json check value');
    } catch {
      throw new AppError(VaultErrors.VAULT_WRONG_PASSPHRASE, 'The vault passphrase is wrong');
    }
    if (check.length !== CHECK_VALUE.length || !timingSafeEqual(check, CHECK_VALUE)) {
      throw new AppError(VaultErrors.VAULT_WRONG_PASSPHRASE, 'The vault passphrase is wrong');
    }
    this.passphraseKey = key;
  }

  /** One question at a time, however many keys are opened at once; a wrong answer fails them all. */
  private async unlockFromSource(): Promise<void> {
    const source = this.options.passphraseSource;
    if (!source) return;
    this.asking ??= (async () => {
      const passphrase = await source();
      if (passphrase !== undefined) await this.unlock(passphrase);
    })().finally(() => {
      this.asking = undefined;
    });
    await this.asking;
  }

  lock(): void {
    this.passphraseKey?.fill(0);
    this.passphraseKey = undefined;
    this.keychainKey = undefined;
  }

  /**
   * Switch to a passphrase vault. Allowed only while no sealed key exists: re-sealing keys across vault
   * kinds would put every key at risk at once, so the user exports backups, deletes, switches, imports.
   */
  async switchToPassphrase(passphrase: string): Promise<void> {
    if (passphrase.length < MIN_VAULT_PASSPHRASE) {
      throw new AppError(
        VaultErrors.VAULT_PASSPHRASE_TOO_SHORT,
        `The vault passphrase must be at least ${MIN_VAULT_PASSPHRASE} characters`,
      );
    }
    await this.assertEmpty('passphrase');
    const salt = randomBytes(16);
    const key = await deriveKey(passphrase, salt, this.scryptParams);
    await this.config.write({
      version: 1,
      kind: 'passphrase',
      kdf: { name: 'scrypt', salt: salt.toString('base64'), ...this.scryptParams },
      check: seal(key, 'passphrase', CHECK_CONTEXT, CHECK_VALUE).toString('base64'),
    });
    this.lock();
    this.passphraseKey = key;
  }

  /** Switch back to the OS keychain; same rule as switchToPassphrase. */
  async switchToKeychain(): Promise<void> {
    await this.assertEmpty('keychain');
    await this.config.write({ version: 1, kind: 'keychain' });
    this.lock();
  }

  private async assertEmpty(target: VaultKind): Promise<void> {
    const sealed = await this.sealedIds();
    if (sealed.length > 0) {
      throw new AppError(
        VaultErrors.VAULT_NOT_EMPTY,
        `Cannot switch to the ${target} vault while ${sealed.length} key(s) are stored; back them up and delete them first`,
        { details: { count: sealed.length } },
      );
    }
  }

  private pathOf(keyId: string): string {
    return join(this.keysDir, `${keyId}${SEALED_SUFFIX}`);
  }

  private async currentKey(purpose: 'seal' | 'open'): Promise<{ kind: VaultKind; key: Buffer }> {
    const config = await this.config.read();
    if (config.kind === 'passphrase') {
      if (!this.passphraseKey) await this.unlockFromSource();
      if (!this.passphraseKey) {
        throw new AppError(VaultErrors.VAULT_LOCKED, 'The passphrase vault is locked; unlock it with its passphrase');
      }
      return { kind: 'passphrase', key: this.passphraseKey };
    }
    // One keychain round trip per process, and one vault key even when two seals race.
    this.keychainKey ??= this.loadKeychainKey(purpose);
    try {
      return { kind: 'keychain', key: await this.keychainKey };
    } catch (error) {
      this.keychainKey = undefined;
      throw error;
    }
  }

  private async loadKeychainKey(purpose: 'seal' | 'open'): Promise<Buffer> {
    const secrets = this.options.secrets;
    let stored: string | null;
    try {
      stored = await secrets.get(this.account);
    } catch (error) {
      throw keychainError('read the vault key', error);
    }
    if (stored !== null && stored !== undefined) return decodeVaultKey(stored);
    // No vault key. Creating one is right only when nothing was sealed with an earlier one: otherwise the
    // key was deleted from the keychain (or the keychain is another one) and the user must be told.
    const sealed = await this.sealedIds();
    if (purpose === 'open' || sealed.length > 0) {
      throw new AppError(
        VaultErrors.VAULT_KEY_MISSING,
        'The vault key is not in the OS keychain, so the stored keys cannot be opened (was the keychain reset, locked, or is this another user account?)',
        { details: { sealed: sealed.length } },
      );
    }
    const key = randomBytes(32);
    try {
      await secrets.set(this.account, key.toString('base64'));
      // Read back: a keychain that drops writes silently must not leave us sealing with a key it forgot.
      const back = await secrets.get(this.account);
      if (back !== key.toString('base64')) throw new Error('the keychain did not keep the vault key');
    } catch (error) {
      throw keychainError('store the vault key', error);
    }
    return key;
  }
}

function context(keyId: string): string {
  return `key:${keyId}`;
}

function assertKeyId(keyId: string): void {
  if (!KEY_ID.test(keyId)) throw new AppError(VaultErrors.INVALID_KEY_ID, `"${keyId.slice(0, 80)}" is not a key id`);
}

function decodeVaultKey(stored: string): Buffer {
  const key = Buffer.from(stored, 'base64');
  if (key.length !== 32 || key.toString('base64') !== stored.trim()) {
    throw new AppError('VAULT_CORRUPT', 'The vault key in the OS keychain is not a 256-bit base64 value', {
      details: { label: 'keychain vault key' },
    });
  }
  return key;
}

function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const maxmem = 128 * params.N * params.r * params.p + 32 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject, randomUUID } from 'node:crypto';
import { basename, extname, join } from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import type {
  ExportFormat,
  ImportResult,
  KeySummary,
  PublicJwk,
  VaultKind,
  VaultStatusInfo,
} from '../../common/contract/keys';
import { AppError } from '../../common/errors/app-error';
import { writeFileAtomic } from '../platform/atomic-write';
import { JsonDocumentStore } from '../platform/json-document-store';
import type { Logger } from '../platform/log';
import { type BackupScrypt, encryptedPkcs8Pem, MIN_BACKUP_PASSPHRASE, passphraseLength } from './key-backup';
import { type ParsedKey, parsePrivateKeyFile, readKeyFile } from './key-formats';
import { expiryState, type KeyIndex, type KeyRecord, keyIndexSchema } from './key-metadata';
import { assertValidKid, defaultKid } from './kid';
import type { SecretStore } from './secret-store';
import type { SigningKeySource, SigningMaterial } from './signing-key';
import { type ScryptParams, Vault } from './vault';

export const KeyStoreErrors = {
  KEY_NOT_FOUND: 'KEY_NOT_FOUND',
  KEY_DUPLICATE: 'KEY_DUPLICATE',
  KEY_KID_IN_USE: 'KEY_KID_IN_USE',
  KEY_KID_LOCKED: 'KEY_KID_LOCKED',
  KEY_INVALID_BITS: 'KEY_INVALID_BITS',
  KEY_REGISTERED_DATE_INVALID: 'KEY_REGISTERED_DATE_INVALID',
  KEY_EXPORT_NOT_CONFIRMED: 'KEY_EXPORT_NOT_CONFIRMED',
  KEY_EXPORT_ONE_KEY: 'KEY_EXPORT_ONE_KEY',
  KEY_BACKUP_PASSPHRASE_REQUIRED: 'KEY_BACKUP_PASSPHRASE_REQUIRED',
  KEY_BACKUP_PASSPHRASE_TOO_SHORT: 'KEY_BACKUP_PASSPHRASE_TOO_SHORT',
} as const;

export const ALLOWED_BITS = [2048, 3072, 4096] as const;
const PRIVATE_FORMATS: ReadonlySet<ExportFormat> = new Set(['backup', 'private-pem', 'private-jwk-base64']);

export interface KeyStoreOptions {
  home: string;
  secrets: SecretStore;
  now: () => Date;
  logger?: Logger;
  /** Tests pass cheaper scrypt parameters; the app uses the vault's defaults. */
  scrypt?: ScryptParams;
  /** The backups' scrypt cost (key-backup.ts BACKUP_SCRYPT unless a test passes another). */
  backupScrypt?: BackupScrypt;
  /** The keychain account of the vault key (tests of the real keychain use their own). */
  vaultAccount?: string;
  /** Where a locked passphrase vault asks for its passphrase (vault.ts); the GUI unlocks by hand instead. */
  vaultPassphrase?: () => Promise<string | undefined>;
}

export interface ExportOptions {
  passphrase?: string;
  confirmUnencrypted?: boolean;
}

export interface ExportContent {
  content: string;
  defaultName: string;
  /** Private formats are written with mode 0600. */
  private: boolean;
}

/**
 * The keys of this user: metadata in <home>/keys/index.json, each private half sealed by the vault in
 * <home>/keys/<id>.sealed. Private key material leaves this class only as a KeyObject for signing, an
 * encrypted backup, or through the loudly named exportUnencryptedPrivateKey.
 */
export class KeyStore implements SigningKeySource {
  readonly vault: Vault;
  private readonly index: JsonDocumentStore<KeyIndex>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: KeyStoreOptions) {
    this.vault = new Vault({
      home: options.home,
      secrets: options.secrets,
      scrypt: options.scrypt,
      account: options.vaultAccount,
      passphraseSource: options.vaultPassphrase,
    });
    this.index = new JsonDocumentStore(join(options.home, 'keys', 'index.json'), keyIndexSchema, () => ({
      version: 1 as const,
      keys: [],
    }));
  }

  async list(): Promise<KeySummary[]> {
    const [index, kind] = await Promise.all([this.index.read(), this.vault.kind()]);
    return index.keys.map((r) => this.summary(r, kind));
  }

  async get(id: string): Promise<KeySummary> {
    const [record, kind] = await Promise.all([this.record(id), this.vault.kind()]);
    return this.summary(record, kind);
  }

  async generate(input: { name: string; bits?: number; kid?: string }): Promise<KeySummary> {
    const bits = input.bits ?? 2048;
    if (!(ALLOWED_BITS as readonly number[]).includes(bits)) {
      throw new AppError(
        KeyStoreErrors.KEY_INVALID_BITS,
        `Key size ${bits} is not offered; choose 2048 (recommended), 3072 or 4096`,
      );
    }
    const name = cleanName(input.name);
    if (input.kid !== undefined) assertValidKid(input.kid);
    const privateKey = await new Promise<KeyObject>((resolve, reject) =>
      generateKeyPair('rsa', { modulusLength: bits, publicExponent: 0x10001 }, (error, _pub, priv) =>
        error ? reject(error) : resolve(priv),
      ),
    );
    const record = await this.store(privateKey, {
      name,
      kid: input.kid,
      source: 'generated',
      bits,
    });
    this.options.logger?.info('key generated', { keyId: record.id, kid: record.kid, bits });
    return this.get(record.id);
  }

  async importFile(input: { path: string; name?: string; password?: string; kid?: string }): Promise<ImportResult> {
    const data = await readKeyFile(input.path);
    const fallbackName = basename(input.path, extname(input.path));
    return this.importData(data, { ...input, fallbackName });
  }

  async importData(
    data: Uint8Array,
    input: { name?: string; password?: string; kid?: string; fallbackName?: string },
  ): Promise<ImportResult> {
    if (input.kid !== undefined) assertValidKid(input.kid);
    const parsed = parsePrivateKeyFile(data, { password: input.password, now: this.options.now() });
    const name = cleanName(input.name ?? certificateName(parsed) ?? input.fallbackName ?? 'Imported key');
    const record = await this.store(parsed.privateKey, {
      name,
      kid: input.kid ?? parsed.suggestedKid,
      kidIsSuggestion: input.kid === undefined,
      source: 'imported',
      bits: parsed.bits,
      parsed,
    });
    this.options.logger?.info('key imported', { keyId: record.id, kid: record.kid, format: parsed.format });
    return { key: await this.get(record.id), warnings: parsed.warnings };
  }

  async rename(id: string, name: string): Promise<KeySummary> {
    const clean = cleanName(name);
    await this.mutate((index) => {
      findIn(index, id).name = clean;
    });
    return this.get(id);
  }

  /** The kid is what Maskinporten knows the key by: it can change only until the key is registered. */
  async setKid(id: string, kid: string): Promise<KeySummary> {
    assertValidKid(kid);
    await this.mutate((index) => {
      const record = findIn(index, id);
      if (record.registeredAt) {
        throw new AppError(
          KeyStoreErrors.KEY_KID_LOCKED,
          `The kid of "${record.name}" cannot change: the key was registered in Maskinporten on ${record.registeredAt}`,
        );
      }
      assertKidFree(index, kid, id);
      record.kid = kid;
    });
    return this.get(id);
  }

  async setRegisteredAt(id: string, registeredAt: string | null): Promise<KeySummary> {
    if (registeredAt !== null) {
      const when = Date.parse(`${registeredAt}T00:00:00Z`);
      const tomorrow = this.options.now().getTime() + 86_400_000;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(registeredAt) || Number.isNaN(when) || when > tomorrow) {
        throw new AppError(
          KeyStoreErrors.KEY_REGISTERED_DATE_INVALID,
          `"${registeredAt}" is not a valid registration date (YYYY-MM-DD, not in the future)`,
        );
      }
    }
    await this.mutate((index) => {
      findIn(index, id).registeredAt = registeredAt;
    });
    return this.get(id);
  }

  async delete(id: string): Promise<{ deleted: boolean }> {
    await this.mutate((index) => {
      findIn(index, id);
      index.keys = index.keys.filter((k) => k.id !== id);
    });
    // The index no longer names the key; now drop its ciphertext. A leftover file is unreadable junk.
    await this.vault.remove(id);
    this.options.logger?.info('key deleted', { keyId: id });
    return { deleted: true };
  }

  async publicJwk(id: string): Promise<PublicJwk> {
    return toPublicJwk(await this.record(id));
  }

  async jwks(ids: string[]): Promise<{ keys: PublicJwk[] }> {
    const index = await this.index.read();
    return { keys: ids.map((id) => toPublicJwk(findIn(index, id))) };
  }

  async publicPem(id: string): Promise<string> {
    const record = await this.record(id);
    const key = createPublicKey({ key: record.publicJwk, format: 'jwk' });
    return key.export({ type: 'spki', format: 'pem' }).toString();
  }

  /**
   * A passphrase-encrypted PKCS#8 PEM (PBES2: scrypt and AES-256-CBC, key-backup.ts), readable by openssl and
   * by this app's import. Backups made before issue 17 (PBKDF2, 2,048 iterations) still import.
   */
  async exportBackup(id: string, passphrase: string | undefined): Promise<string> {
    if (!passphrase) {
      throw new AppError(
        KeyStoreErrors.KEY_BACKUP_PASSPHRASE_REQUIRED,
        'A backup needs a passphrase to encrypt it with',
      );
    }
    if (passphraseLength(passphrase) < MIN_BACKUP_PASSPHRASE) {
      throw new AppError(
        KeyStoreErrors.KEY_BACKUP_PASSPHRASE_TOO_SHORT,
        `The backup passphrase must be at least ${MIN_BACKUP_PASSPHRASE} characters`,
      );
    }
    return encryptedPkcs8Pem(await this.privateKey(id), passphrase, this.options.backupScrypt);
  }

  /**
   * DANGER: the private key in clear, for a server's configuration file. Never call this for display,
   * logging, IPC results or the clipboard; only to write a file (mode 0600) or stdout the user asked for,
   * after the user confirmed they understand the file is the key itself.
   */
  async exportUnencryptedPrivateKey(
    id: string,
    format: 'pem' | 'jwk-base64',
    confirmation: { confirmed: true },
  ): Promise<string> {
    if (confirmation?.confirmed !== true) {
      throw new AppError(
        KeyStoreErrors.KEY_EXPORT_NOT_CONFIRMED,
        'An unencrypted private key export needs explicit confirmation: anyone with the file can act as your client',
      );
    }
    const record = await this.record(id);
    const key = await this.privateKey(id);
    if (format === 'pem') return key.export({ type: 'pkcs8', format: 'pem' }).toString();
    const jwk = { ...key.export({ format: 'jwk' }), kid: record.kid, alg: 'RS256', use: 'sig' };
    return Buffer.from(JSON.stringify(jwk), 'utf8').toString('base64');
  }

  /** The file content for an export format (shared by the GUI's save dialog and the CLI). */
  async exportContent(ids: string[], format: ExportFormat, options: ExportOptions = {}): Promise<ExportContent> {
    if (ids.length === 0) throw new AppError(KeyStoreErrors.KEY_NOT_FOUND, 'No key was chosen for export');
    if (format !== 'jwks' && ids.length > 1) {
      throw new AppError(
        KeyStoreErrors.KEY_EXPORT_ONE_KEY,
        `The ${format} export holds one key; choose one, or export a JWKS`,
      );
    }
    const first = await this.record(ids[0]);
    const stem = first.kid;
    const isPrivate = PRIVATE_FORMATS.has(format);
    if ((format === 'private-pem' || format === 'private-jwk-base64') && options.confirmUnencrypted !== true) {
      throw new AppError(
        KeyStoreErrors.KEY_EXPORT_NOT_CONFIRMED,
        'An unencrypted private key export needs explicit confirmation: anyone with the file can act as your client',
      );
    }
    switch (format) {
      case 'public-jwk':
        return { content: json(await this.publicJwk(ids[0])), defaultName: `${stem}.jwk.json`, private: false };
      case 'jwks':
        return {
          content: json(await this.jwks(ids)),
          defaultName: ids.length === 1 ? `${stem}.jwks.json` : 'jwks.json',
          private: false,
        };
      case 'public-pem':
        return { content: await this.publicPem(ids[0]), defaultName: `${stem}.pub.pem`, private: false };
      case 'backup':
        return {
          content: await this.exportBackup(ids[0], options.passphrase),
          defaultName: `${stem}.backup.pem`,
          private: isPrivate,
        };
      case 'private-pem':
        return {
          content: await this.exportUnencryptedPrivateKey(ids[0], 'pem', { confirmed: true }),
          defaultName: `${stem}.private.pem`,
          private: isPrivate,
        };
      case 'private-jwk-base64':
        return {
          content: `${await this.exportUnencryptedPrivateKey(ids[0], 'jwk-base64', { confirmed: true })}\n`,
          defaultName: `${stem}.private-jwk.b64`,
          private: isPrivate,
        };
    }
  }

  /** Write an export atomically; private formats get mode 0600, public ones 0644. */
  async writeExport(path: string, content: ExportContent): Promise<void> {
    await writeFileAtomic(path, content.content, content.private ? 0o600 : 0o644);
  }

  async getSigningMaterial(keyId: string): Promise<SigningMaterial> {
    const record = await this.record(keyId);
    const privateKey = await this.privateKey(keyId);
    const { expiresAt } = expiryState(record.registeredAt, this.options.now());
    return {
      keyId,
      kid: record.kid,
      alg: 'RS256',
      privateKey,
      ...(record.x5c ? { x5c: [...record.x5c] } : {}),
      ...(record.certificate ? { certificateNotAfter: record.certificate.notAfter } : {}),
      ...(expiresAt ? { registeredExpiresAt: expiresAt } : {}),
    };
  }

  async vaultStatus(): Promise<VaultStatusInfo> {
    const [status, index] = await Promise.all([this.vault.status(), this.index.read()]);
    const sealed = await this.vault.sealedIds();
    return {
      ...status,
      keyCount: index.keys.length,
      canSwitch: index.keys.length === 0 && sealed.length === 0,
    };
  }

  async unlockVault(passphrase: string): Promise<VaultStatusInfo> {
    await this.vault.unlock(passphrase);
    return this.vaultStatus();
  }

  async switchToPassphraseVault(passphrase: string): Promise<VaultStatusInfo> {
    await this.serial(() => this.vault.switchToPassphrase(passphrase));
    this.options.logger?.info('vault switched', { kind: 'passphrase' });
    return this.vaultStatus();
  }

  async switchToKeychainVault(): Promise<VaultStatusInfo> {
    await this.serial(() => this.vault.switchToKeychain());
    this.options.logger?.info('vault switched', { kind: 'keychain' });
    return this.vaultStatus();
  }

  // ---- internals --------------------------------------------------------------------------------------------

  private async store(
    privateKey: KeyObject,
    input: {
      name: string;
      kid?: string;
      kidIsSuggestion?: boolean;
      source: 'generated' | 'imported';
      bits: number;
      parsed?: ParsedKey;
    },
  ): Promise<KeyRecord> {
    const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
    const publicJwk = { kty: 'RSA' as const, n: String(jwk.n), e: String(jwk.e) };
    const thumbprint = await calculateJwkThumbprint(publicJwk, 'sha256');
    const der = privateKey.export({ type: 'pkcs8', format: 'der' });
    try {
      return await this.serial(async () => {
        const index = await this.index.read();
        const duplicate = index.keys.find((k) => k.thumbprint === thumbprint);
        if (duplicate) {
          throw new AppError(
            KeyStoreErrors.KEY_DUPLICATE,
            `This key is already stored as "${duplicate.name}" (kid ${duplicate.kid})`,
            { details: { existingId: duplicate.id, existingName: duplicate.name, kid: duplicate.kid } },
          );
        }
        const now = this.options.now();
        let kid = input.kid;
        if (kid && input.kidIsSuggestion && index.keys.some((k) => k.kid === kid)) kid = undefined;
        kid ??= uniqueDefaultKid(index, input.name, now);
        assertKidFree(index, kid);
        const record: KeyRecord = {
          id: randomUUID(),
          name: input.name,
          kid,
          bits: input.bits,
          createdAt: now.toISOString(),
          thumbprint,
          source: input.source,
          ...(input.parsed ? { importFormat: input.parsed.format } : {}),
          publicJwk,
          ...(input.parsed?.x5c ? { x5c: input.parsed.x5c } : {}),
          ...(input.parsed?.certificate ? { certificate: input.parsed.certificate } : {}),
          registeredAt: null,
        };
        // Ciphertext first, then the index entry: a crash in between leaves an orphan file, never an
        // index entry without its key. If the index write fails, the orphan is removed.
        await this.vault.seal(record.id, der);
        try {
          await this.index.write({ ...index, keys: [...index.keys, record] });
        } catch (error) {
          await this.vault.remove(record.id).catch(() => {});
          throw error;
        }
        return record;
      });
    } finally {
      der.fill(0);
    }
  }

  private async privateKey(id: string): Promise<KeyObject> {
    await this.record(id);
    const der = await this.vault.open(id);
    try {
      return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    } catch (error) {
      throw new AppError('VAULT_CORRUPT', `The sealed key ${id} decrypted but is not a private key`, { cause: error });
    } finally {
      der.fill(0);
    }
  }

  private async record(id: string): Promise<KeyRecord> {
    return findIn(await this.index.read(), id);
  }

  private summary(record: KeyRecord, vaultKind: VaultKind): KeySummary {
    return {
      id: record.id,
      name: record.name,
      kid: record.kid,
      alg: 'RS256',
      bits: record.bits,
      createdAt: record.createdAt,
      thumbprint: record.thumbprint,
      source: record.source,
      ...(record.importFormat ? { importFormat: record.importFormat } : {}),
      ...(record.certificate ? { certificate: { ...record.certificate } } : {}),
      registeredAt: record.registeredAt,
      ...expiryState(record.registeredAt, this.options.now()),
      vaultKind,
    };
  }

  private mutate(change: (index: KeyIndex) => void): Promise<KeyIndex> {
    return this.serial(() =>
      this.index.update((current) => {
        const copy: KeyIndex = { ...current, keys: current.keys.map((k) => ({ ...k })) };
        change(copy);
        return copy;
      }),
    );
  }

  /** Index read-modify-write cycles run one at a time (a per-store promise chain). */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => {});
    return run;
  }
}

function findIn(index: KeyIndex, id: string): KeyRecord {
  const record = index.keys.find((k) => k.id === id);
  if (!record)
    throw new AppError(KeyStoreErrors.KEY_NOT_FOUND, `No stored key has id ${id.slice(0, 80)}`, { details: { id } });
  return record;
}

function assertKidFree(index: KeyIndex, kid: string, exceptId?: string): void {
  const other = index.keys.find((k) => k.kid === kid && k.id !== exceptId);
  if (other) {
    throw new AppError(KeyStoreErrors.KEY_KID_IN_USE, `The kid "${kid}" is already used by "${other.name}"`, {
      details: { kid, existingId: other.id },
    });
  }
}

function uniqueDefaultKid(index: KeyIndex, name: string, now: Date): string {
  for (;;) {
    const kid = defaultKid(name, now);
    if (!index.keys.some((k) => k.kid === kid)) return kid;
  }
}

function toPublicJwk(record: KeyRecord): PublicJwk {
  // The member set Digdir's self-service API requires: kty, n, e, kid, alg, use (reference §4).
  return {
    kty: 'RSA',
    n: record.publicJwk.n,
    e: record.publicJwk.e,
    kid: record.kid,
    alg: 'RS256',
    use: 'sig',
    ...(record.x5c ? { x5c: [...record.x5c] } : {}),
  };
}

function cleanName(name: string): string {
  const trimmed = name.replace(/\s+/g, ' ').trim().slice(0, 80);
  if (!trimmed) throw new AppError('INVALID_INPUT', 'A key needs a name');
  return trimmed;
}

function certificateName(parsed: ParsedKey): string | undefined {
  const cn = parsed.certificate?.subject.split(', ').find((part) => part.startsWith('CN='));
  return cn ? cn.slice(3) : undefined;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/common/errors/app-error';
import { BACKUP_SCRYPT, encryptedPkcs8Pem } from '../../../src/node/keys/key-backup';
import { KeyStore } from '../../../src/node/keys/key-store';
import { memorySecretStore } from '../../../src/node/keys/secret-store';
import { tempHome } from '../../helpers/temp-home';

const PASSPHRASE = 'fire hester på en bro';
let home: string;
let cleanup: () => Promise<void>;
let store: KeyStore;

beforeEach(async () => {
  ({ home, cleanup } = await tempHome('mpd-backup-'));
  store = new KeyStore({
    home,
    secrets: memorySecretStore(),
    now: () => new Date(),
    scrypt: { N: 2 ** 12, r: 8, p: 1 },
  });
});
afterEach(() => cleanup());

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'no error',
    (e: unknown) => (e instanceof AppError ? e.code : `non-AppError: ${String(e)}`),
  );
}

/** openssl's view of a PEM's structure: one line per element. */
function asn1(pemPath: string): string {
  return execFileSync('openssl', ['asn1parse', '-in', pemPath], { encoding: 'utf8' });
}

describe('key backups (issue 17, finding 8)', () => {
  it('are PKCS#8 PBES2 with scrypt N=2^14 r=8 p=5 and AES-256-CBC, not PBKDF2 at 2,048 rounds', async () => {
    const key = await store.generate({ name: 'Backup' });
    const path = join(home, 'backup.pem');
    await writeFile(path, await store.exportBackup(key.id, PASSPHRASE));
    const structure = asn1(path);
    expect(structure).toMatch(/OBJECT\s+:PBES2/);
    expect(structure).toMatch(/OBJECT\s+:scrypt/);
    expect(structure).not.toMatch(/PBKDF2/);
    const integers = [...structure.matchAll(/prim: INTEGER\s+:([0-9A-F]+)/g)].map((m) => Number.parseInt(m[1], 16));
    expect(integers).toEqual([BACKUP_SCRYPT.N, BACKUP_SCRYPT.r, BACKUP_SCRYPT.p]);
    expect(BACKUP_SCRYPT).toEqual({ N: 16384, r: 8, p: 5 });
    expect(structure).toMatch(/OBJECT\s+:aes-256-cbc/);
  });

  it('open in openssl pkcs8 with the passphrase, and give the same key', async () => {
    const key = await store.generate({ name: 'Openssl' });
    const path = join(home, 'backup.pem');
    await writeFile(path, await store.exportBackup(key.id, PASSPHRASE));
    const clear = execFileSync('openssl', ['pkcs8', '-in', path, '-passin', 'env:MPD_TEST_PASS'], {
      encoding: 'utf8',
      env: { ...process.env, MPD_TEST_PASS: PASSPHRASE },
    });
    expect(createPublicKey(createPrivateKey(clear)).export({ format: 'jwk' }).n).toBe(
      (await store.publicJwk(key.id)).n,
    );
    expect(() =>
      execFileSync('openssl', ['pkcs8', '-in', path, '-passin', 'pass:wrong passphrase here'], { stdio: 'pipe' }),
    ).toThrow();
  });

  it('import again into another home; a wrong passphrase is KEY_WRONG_PASSWORD', async () => {
    const key = await store.generate({ name: 'Restore' });
    const backup = Buffer.from(await store.exportBackup(key.id, PASSPHRASE));
    const other = new KeyStore({ home: join(home, 'other'), secrets: memorySecretStore(), now: () => new Date() });
    expect(await codeOf(other.importData(backup, { password: 'not the passphrase at all' }))).toBe(
      'KEY_WRONG_PASSWORD',
    );
    const { key: restored } = await other.importData(backup, { password: PASSPHRASE, name: 'R' });
    expect(restored.thumbprint).toBe(key.thumbprint);
  });

  it('need a passphrase of at least 15 characters, counted as a person counts them', async () => {
    const key = await store.generate({ name: 'Short' });
    expect(await codeOf(store.exportBackup(key.id, '14 characters!'))).toBe('KEY_BACKUP_PASSPHRASE_TOO_SHORT');
    // 13 characters in 17 UTF-16 units: the count is of characters.
    expect('ærlig øl 😀😀😀😀'.length).toBe(17);
    expect(await codeOf(store.exportBackup(key.id, 'ærlig øl 😀😀😀😀'))).toBe('KEY_BACKUP_PASSPHRASE_TOO_SHORT');
    expect(await codeOf(store.exportBackup(key.id, 'ærlig øl på åa😀'))).toBe('no error');
    expect(await codeOf(store.exportBackup(key.id, '15 characters!!'))).toBe('no error');
  });

  it('made before issue 17 (PBKDF2, 2,048 iterations, 8 characters) still import', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const old = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'gammelt!' });
    const path = join(home, 'old.pem');
    await writeFile(path, old);
    expect(asn1(path)).toMatch(/PBKDF2/);
    const { key } = await store.importData(Buffer.from(old), { password: 'gammelt!' });
    expect(key.importFormat).toBe('encrypted-pkcs8-pem');
  });

  it('encrypt with the cost asked for (the writer is the one openssl reads)', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = await encryptedPkcs8Pem(privateKey, PASSPHRASE, { N: 2 ** 10, r: 8, p: 1 });
    const back = createPrivateKey({ key: pem, passphrase: PASSPHRASE });
    expect(back.export({ format: 'jwk' }).d).toBe(privateKey.export({ format: 'jwk' }).d);
  });
});

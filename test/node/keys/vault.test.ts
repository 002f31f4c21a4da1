import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/common/errors/app-error';
import { memorySecretStore, type SecretStore } from '../../../src/node/keys/secret-store';
import { Vault } from '../../../src/node/keys/vault';
import { tempHome } from '../../helpers/temp-home';

const FAST_SCRYPT = { N: 2 ** 12, r: 8, p: 1 };
let home: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ home, cleanup } = await tempHome('mpd-vault-'));
});
afterEach(() => cleanup());

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'no error',
    (e: unknown) => (e instanceof AppError ? e.code : `non-AppError: ${String(e)}`),
  );
}

const sealedPath = (id: string) => join(home, 'keys', `${id}.sealed`);

/** A keychain that is not there: every call throws, as @napi-rs/keyring does without a Secret Service. */
function brokenKeychain(): SecretStore {
  const fail = async () => {
    throw new Error('Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled');
  };
  return { get: fail, set: fail, delete: fail, probe: async () => ({ available: false, detail: 'no D-Bus' }) };
}

describe('keychain vault', () => {
  it('round-trips a secret and stores one 256-bit vault key in the keychain', async () => {
    const secrets = memorySecretStore();
    const vault = new Vault({ home, secrets });
    const plaintext = randomBytes(1200);
    await vault.seal('key-a', plaintext);
    expect((await vault.open('key-a')).equals(plaintext)).toBe(true);
    expect([...secrets.entries.keys()]).toEqual(['vault-key']);
    expect(Buffer.from(secrets.entries.get('vault-key') ?? '', 'base64')).toHaveLength(32);
    // A second process (new Vault, same keychain and home) opens it too.
    expect((await new Vault({ home, secrets }).open('key-a')).equals(plaintext)).toBe(true);
    const file = await readFile(sealedPath('key-a'));
    expect(file.subarray(0, 7).toString()).toBe('MPDSEAL');
    expect(file.includes(plaintext.subarray(0, 32))).toBe(false);
  });

  it('writes sealed files with mode 0600 and leaves no temp files', async () => {
    const vault = new Vault({ home, secrets: memorySecretStore() });
    await vault.seal('key-a', Buffer.from('secret'));
    const { stat } = await import('node:fs/promises');
    expect((await stat(sealedPath('key-a'))).mode & 0o777).toBe(0o600);
    expect(await readdir(join(home, 'keys'))).toEqual(['key-a.sealed']);
  });

  it('reports tampered ciphertext as VAULT_CORRUPT', async () => {
    const vault = new Vault({ home, secrets: memorySecretStore() });
    await vault.seal('key-a', randomBytes(500));
    const file = await readFile(sealedPath('key-a'));
    file[40] ^= 0x01;
    await writeFile(sealedPath('key-a'), file);
    expect(await codeOf(vault.open('key-a'))).toBe('VAULT_CORRUPT');
  });

  it('reports a tampered tag or IV as VAULT_CORRUPT', async () => {
    const vault = new Vault({ home, secrets: memorySecretStore() });
    await vault.seal('key-a', randomBytes(64));
    const file = await readFile(sealedPath('key-a'));
    const tagFlip = Buffer.from(file);
    tagFlip[tagFlip.length - 1] ^= 0x80;
    await writeFile(sealedPath('key-a'), tagFlip);
    expect(await codeOf(vault.open('key-a'))).toBe('VAULT_CORRUPT');
    const ivFlip = Buffer.from(file);
    ivFlip[10] ^= 0x01;
    await writeFile(sealedPath('key-a'), ivFlip);
    expect(await codeOf(vault.open('key-a'))).toBe('VAULT_CORRUPT');
  });

  it('reports a file renamed onto another key id (wrong associated data) as VAULT_CORRUPT', async () => {
    const vault = new Vault({ home, secrets: memorySecretStore() });
    await vault.seal('key-a', Buffer.from('private key a'));
    await vault.seal('key-b', Buffer.from('private key b'));
    await rename(sealedPath('key-a'), sealedPath('key-b'));
    expect(await codeOf(vault.open('key-b'))).toBe('VAULT_CORRUPT');
  });

  it('reports truncated files as VAULT_CORRUPT at every length', async () => {
    const vault = new Vault({ home, secrets: memorySecretStore() });
    await vault.seal('key-a', randomBytes(300));
    const file = await readFile(sealedPath('key-a'));
    for (const length of [0, 3, 8, 9, 20, 36, file.length - 17, file.length - 1]) {
      await writeFile(sealedPath('key-a'), file.subarray(0, length));
      expect(await codeOf(vault.open('key-a')), `length ${length}`).toBe('VAULT_CORRUPT');
    }
  });

  it('tells an unknown format version and the other vault kind apart', async () => {
    const vault = new Vault({ home, secrets: memorySecretStore() });
    await vault.seal('key-a', randomBytes(30));
    const file = await readFile(sealedPath('key-a'));
    const v2 = Buffer.from(file);
    v2[7] = 2;
    await writeFile(sealedPath('key-a'), v2);
    expect(await codeOf(vault.open('key-a'))).toBe('VAULT_FORMAT_UNSUPPORTED');
    const other = Buffer.from(file);
    other[8] = 2;
    await writeFile(sealedPath('key-a'), other);
    expect(await codeOf(vault.open('key-a'))).toBe('VAULT_KIND_MISMATCH');
    const junk = Buffer.from(file);
    junk[8] = 9;
    await writeFile(sealedPath('key-a'), junk);
    expect(await codeOf(vault.open('key-a'))).toBe('VAULT_CORRUPT');
  });

  it('fails closed with KEYCHAIN_UNAVAILABLE when the keychain throws, and writes nothing', async () => {
    const vault = new Vault({ home, secrets: brokenKeychain() });
    const error = await vault.seal('key-a', Buffer.from('x')).catch((e: AppError) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('KEYCHAIN_UNAVAILABLE');
    expect((error as AppError).details?.reason).toBe('no-service');
    expect(await vault.sealedIds()).toEqual([]);
    expect((await vault.status()).unlocked).toBe(false);
  });

  it('fails with KEYCHAIN_UNAVAILABLE when opening without a keychain', async () => {
    const secrets = memorySecretStore();
    await new Vault({ home, secrets }).seal('key-a', Buffer.from('x'));
    expect(await codeOf(new Vault({ home, secrets: brokenKeychain() }).open('key-a'))).toBe('KEYCHAIN_UNAVAILABLE');
  });

  it('refuses to invent a new vault key while keys sealed by the old one exist', async () => {
    const secrets = memorySecretStore();
    await new Vault({ home, secrets }).seal('key-a', Buffer.from('x'));
    secrets.entries.clear();
    const vault = new Vault({ home, secrets });
    expect(await codeOf(vault.open('key-a'))).toBe('VAULT_KEY_MISSING');
    expect(await codeOf(vault.seal('key-b', Buffer.from('y')))).toBe('VAULT_KEY_MISSING');
    expect(secrets.entries.size).toBe(0);
  });

  it('reports a malformed vault key and a missing sealed file', async () => {
    const vault = new Vault({ home, secrets: memorySecretStore({ 'vault-key': 'dG9vIHNob3J0' }) });
    expect(await codeOf(vault.seal('key-a', Buffer.from('x')))).toBe('VAULT_CORRUPT');
    expect(await codeOf(new Vault({ home, secrets: memorySecretStore() }).open('nothing'))).toBe(
      'KEY_MATERIAL_MISSING',
    );
  });

  it('creates one vault key even when seals race', async () => {
    const secrets = memorySecretStore();
    const vault = new Vault({ home, secrets });
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => vault.seal(id, Buffer.from(id))));
    const fresh = new Vault({ home, secrets });
    for (const id of ['a', 'b', 'c', 'd']) expect((await fresh.open(id)).toString()).toBe(id);
  });

  it('rejects key ids that could leave the keys folder', async () => {
    const vault = new Vault({ home, secrets: memorySecretStore() });
    expect(await codeOf(vault.open('../vault'))).toBe('INVALID_KEY_ID');
    expect(await codeOf(vault.seal('a/b', Buffer.from('x')))).toBe('INVALID_KEY_ID');
  });
});

describe('passphrase vault', () => {
  it('is an explicit choice that works without any keychain, and stays unlocked only in memory', async () => {
    const vault = new Vault({ home, secrets: brokenKeychain(), scrypt: FAST_SCRYPT });
    expect(await vault.kind()).toBe('keychain');
    await vault.switchToPassphrase('a long enough passphrase');
    expect(await vault.kind()).toBe('passphrase');
    await vault.seal('key-a', Buffer.from('private'));
    expect((await vault.open('key-a')).toString()).toBe('private');
    const config = JSON.parse(await readFile(join(home, 'vault.json'), 'utf8'));
    expect(config).toMatchObject({ version: 1, kind: 'passphrase', kdf: { name: 'scrypt', N: FAST_SCRYPT.N } });
    expect(JSON.stringify(config)).not.toContain('a long enough passphrase');

    const next = new Vault({ home, secrets: brokenKeychain(), scrypt: FAST_SCRYPT });
    expect(await next.status()).toMatchObject({ kind: 'passphrase', unlocked: false });
    expect(await codeOf(next.open('key-a'))).toBe('VAULT_LOCKED');
    expect(await codeOf(next.unlock('the wrong passphrase'))).toBe('VAULT_WRONG_PASSPHRASE');
    await next.unlock('a long enough passphrase');
    expect((await next.open('key-a')).toString()).toBe('private');
    next.lock();
    expect(await codeOf(next.open('key-a'))).toBe('VAULT_LOCKED');
  });

  it('asks its passphrase source once, when a locked vault is first needed (unattended CLI runs)', async () => {
    const setup = new Vault({ home, secrets: brokenKeychain(), scrypt: FAST_SCRYPT });
    await setup.switchToPassphrase('a long enough passphrase');
    await setup.seal('key-a', Buffer.from('private a'));
    await setup.seal('key-b', Buffer.from('private b'));

    let asked = 0;
    const answering = (answer: string | undefined) =>
      new Vault({
        home,
        secrets: brokenKeychain(),
        scrypt: FAST_SCRYPT,
        passphraseSource: async () => {
          asked++;
          return answer;
        },
      });
    const vault = answering('a long enough passphrase');
    expect(await vault.status()).toMatchObject({ unlocked: false });
    const [a, b] = await Promise.all([vault.open('key-a'), vault.open('key-b')]);
    expect([a.toString(), b.toString()]).toEqual(['private a', 'private b']);
    expect(asked).toBe(1);
    await vault.open('key-a');
    expect(asked).toBe(1);

    asked = 0;
    expect(await codeOf(answering('the wrong passphrase').open('key-a'))).toBe('VAULT_WRONG_PASSPHRASE');
    expect(await codeOf(answering(undefined).open('key-a'))).toBe('VAULT_LOCKED');
    expect(asked).toBe(2);
  });

  it('refuses short passphrases, switching while keys exist, and unlocking a keychain vault', async () => {
    const vault = new Vault({ home, secrets: memorySecretStore(), scrypt: FAST_SCRYPT });
    expect(await codeOf(vault.switchToPassphrase('short'))).toBe('VAULT_PASSPHRASE_TOO_SHORT');
    expect(await codeOf(vault.unlock('whatever passphrase'))).toBe('VAULT_NOT_PASSPHRASE');
    await vault.seal('key-a', Buffer.from('x'));
    expect(await codeOf(vault.switchToPassphrase('a long enough passphrase'))).toBe('VAULT_NOT_EMPTY');
    await vault.remove('key-a');
    await vault.switchToPassphrase('a long enough passphrase');
    await vault.seal('key-b', Buffer.from('y'));
    expect(await codeOf(vault.switchToKeychain())).toBe('VAULT_NOT_EMPTY');
  });

  it('a key sealed by the keychain vault is reported, not garbled, under a passphrase vault', async () => {
    const secrets = memorySecretStore();
    const vault = new Vault({ home, secrets, scrypt: FAST_SCRYPT });
    await vault.seal('key-a', Buffer.from('x'));
    const copy = await readFile(sealedPath('key-a'));
    await vault.remove('key-a');
    await vault.switchToPassphrase('a long enough passphrase');
    await writeFile(sealedPath('key-a'), copy);
    expect(await codeOf(vault.open('key-a'))).toBe('VAULT_KIND_MISMATCH');
  });

  it('reports a damaged check value as a wrong passphrase, never as success', async () => {
    const vault = new Vault({ home, secrets: memorySecretStore(), scrypt: FAST_SCRYPT });
    await vault.switchToPassphrase('a long enough passphrase');
    const path = join(home, 'vault.json');
    const config = JSON.parse(await readFile(path, 'utf8'));
    const check = Buffer.from(config.check, 'base64');
    check[20] ^= 1;
    await writeFile(path, JSON.stringify({ ...config, check: check.toString('base64') }));
    expect(await codeOf(new Vault({ home, secrets: memorySecretStore() }).unlock('a long enough passphrase'))).toBe(
      'VAULT_WRONG_PASSPHRASE',
    );
  });
});

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/program';
import { memorySecretStore } from '../../src/node/keys/secret-store';
import { tempHome } from '../helpers/temp-home';
import { FILE_PASSWORD, type KeyFixtures, makeKeyFixtures } from '../node/keys/key-fixtures';

let fx: KeyFixtures;
let home: string;
let cleanup: () => Promise<void>;
let keychain: ReturnType<typeof memorySecretStore>;

beforeAll(() => {
  fx = makeKeyFixtures();
});
afterAll(() => fx.cleanup());
beforeEach(async () => {
  ({ home, cleanup } = await tempHome('mpd-keyscli-'));
  keychain = memorySecretStore();
});
afterEach(() => cleanup());

/** One `mpd` run over the temp home; the keychain persists across runs like the real one. */
async function mpd(args: string[], env: NodeJS.ProcessEnv = {}, answers: string[] = []) {
  const io = bufferIo(env, answers);
  const code = await runCli(['--home', home, ...args], io, { version: '0.0.0-test', secrets: () => keychain });
  return { code, out: io.out(), err: io.err() };
}

describe('mpd keys', () => {
  it('generate prints the id; list shows it; --json carries id, name and kid', async () => {
    const gen = await mpd(['keys', 'generate', '--name', 'Batch job']);
    expect(gen.code).toBe(0);
    const id = gen.out.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(gen.err).toContain('RSA-2048');
    const list = await mpd(['keys', 'list']);
    expect(list.out).toContain(id);
    expect(list.out).toContain('Batch job');
    const json = JSON.parse((await mpd(['keys', 'list', '--json'])).out);
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ id, name: 'Batch job', alg: 'RS256', bits: 2048 });
    const made = JSON.parse((await mpd(['keys', 'generate', '--name', 'Second', '--kid', 'my-kid', '--json'])).out);
    expect(made).toMatchObject({ name: 'Second', kid: 'my-kid' });
    expect(made.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('import reads passwords from an environment variable, never from argv', async () => {
    const noPassword = await mpd(['keys', 'import', fx.path('modern.p12')]);
    expect(noPassword.code).toBe(1);
    expect(noPassword.err).toContain('KEY_PASSWORD_REQUIRED');
    expect(noPassword.err).toContain('Hint:');
    const unset = await mpd(['keys', 'import', fx.path('modern.p12'), '--password-env', 'P12_PASSWORD']);
    expect(unset.code).toBe(2);
    const imported = await mpd(['keys', 'import', fx.path('modern.p12'), '--password-env', 'P12_PASSWORD', '--json'], {
      P12_PASSWORD: FILE_PASSWORD,
    });
    expect(imported.code).toBe(0);
    const key = JSON.parse(imported.out);
    expect(key).toMatchObject({ name: 'Testverksemd AS', warnings: [] });
    expect(key.kid).toBeTruthy();
    expect(key.certificate.orgNumber).toBe('991825827');
  });

  it('import asks on the terminal when a file needs a password', async () => {
    const result = await mpd(['keys', 'import', fx.path('rsa-enc.pem'), '--name', 'Prompted'], {}, [FILE_PASSWORD]);
    expect(result.code).toBe(0);
    expect(result.out.trim()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('import reports bad files with their code and exit 1', async () => {
    for (const [file, code] of [
      ['ec.pem', 'KEY_NOT_RSA'],
      ['rsa1024.pem', 'KEY_TOO_SMALL'],
      ['rsa-pub.pem', 'KEY_PUBLIC_ONLY'],
      ['nope.pem', 'KEY_FILE_NOT_FOUND'],
    ]) {
      const r = await mpd(['keys', 'import', fx.path(file)]);
      expect(r.code, file).toBe(1);
      expect(r.err, file).toContain(`[${code}]`);
    }
  });

  it('export: public formats to stdout, private ones only when confirmed, files with mode 0600', async () => {
    const id = (await mpd(['keys', 'generate', '--name', 'Exported'])).out.trim();
    const jwk = JSON.parse((await mpd(['keys', 'export', id, '--public-jwk'])).out);
    expect(Object.keys(jwk).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    const id2 = (await mpd(['keys', 'generate', '--name', 'Second'])).out.trim();
    const jwks = JSON.parse((await mpd(['keys', 'export', id, id2, '--jwks'])).out);
    expect(jwks.keys).toHaveLength(2);
    expect((await mpd(['keys', 'export', id, id2, '--public-jwk'])).code).toBe(2);
    expect((await mpd(['keys', 'export', id, '--public-pem'])).out).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect((await mpd(['keys', 'export', id])).code).toBe(2);
    expect((await mpd(['keys', 'export', id, '--public-jwk', '--public-pem'])).code).toBe(2);

    const refused = await mpd(['keys', 'export', id, '--private-pem']);
    expect(refused.code).toBe(2);
    expect(refused.out).toBe('');
    const out = join(home, 'private.pem');
    const written = await mpd(['keys', 'export', id, '--private-pem', '--unencrypted', '--out', out]);
    expect(written.code).toBe(0);
    expect(written.out).toBe('');
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    expect(await readFile(out, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);

    expect((await mpd(['keys', 'export', id, '--backup'])).code).toBe(2);
    const backupPath = join(home, 'backup.pem');
    const backup = await mpd(['keys', 'export', id, '--backup', '--passphrase-env', 'BK', '--out', backupPath], {
      BK: 'backup passphrase',
    });
    expect(backup.code).toBe(0);
    expect((await stat(backupPath)).mode & 0o777).toBe(0o600);
    expect(await readFile(backupPath, 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    const short = await mpd(['keys', 'export', id, '--backup', '--passphrase-env', 'BK'], { BK: 'short' });
    expect(short.err).toContain('KEY_BACKUP_PASSPHRASE_TOO_SHORT');
  });

  it('rename, registered and delete (which needs --yes)', async () => {
    const id = (await mpd(['keys', 'generate', '--name', 'Old'])).out.trim();
    expect((await mpd(['keys', 'rename', id, 'New name'])).code).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    const reg = await mpd(['keys', 'registered', id, today]);
    expect(reg.code).toBe(0);
    expect(reg.out).toContain('expires');
    expect((await mpd(['keys', 'registered', id, 'yesterday'])).err).toContain('KEY_REGISTERED_DATE_INVALID');
    const listed = JSON.parse((await mpd(['keys', 'list', '--json'])).out)[0];
    expect(listed).toMatchObject({ name: 'New name', registeredAt: today, expiry: 'ok' });
    const noYes = await mpd(['keys', 'delete', id]);
    expect(noYes.code).toBe(2);
    expect(JSON.parse((await mpd(['keys', 'list', '--json'])).out)).toHaveLength(1);
    expect((await mpd(['keys', 'delete', id, '--yes'])).code).toBe(0);
    expect(JSON.parse((await mpd(['keys', 'list', '--json'])).out)).toEqual([]);
    expect((await mpd(['keys', 'delete', id, '--yes'])).err).toContain('KEY_NOT_FOUND');
  });

  it('fails closed when there is no keychain, and works with an explicit passphrase vault', async () => {
    const broken = {
      ...memorySecretStore(),
      get: async () => {
        throw new Error("Couldn't access platform storage: Secret Service: no result found");
      },
      set: async () => {
        throw new Error("Couldn't access platform storage: Secret Service: no result found");
      },
    };
    const run = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
      const io = bufferIo(env);
      const code = await runCli(['--home', home, ...args], io, { version: 't', secrets: () => broken });
      return { code, out: io.out(), err: io.err() };
    };
    const failed = await run(['keys', 'generate', '--name', 'x']);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('KEYCHAIN_UNAVAILABLE');
    expect(failed.err).toContain('locked');
    expect(
      (await run(['keys', 'vault', 'use-passphrase', '--passphrase-env', 'VP'], { VP: 'vault passphrase' })).code,
    ).toBe(0);
    const locked = await run(['keys', 'generate', '--name', 'x']);
    expect(locked.code).toBe(1);
    expect(locked.err).toContain('VAULT_LOCKED');
    const made = await run(['keys', 'generate', '--name', 'x'], { MPD_VAULT_PASSPHRASE: 'vault passphrase' });
    expect(made.code).toBe(0);
    const id = made.out.trim();
    const wrong = await run(['keys', 'export', id, '--private-pem', '--unencrypted'], {
      MPD_VAULT_PASSPHRASE: 'wrong one!',
    });
    expect(wrong.err).toContain('VAULT_WRONG_PASSPHRASE');
    const status = JSON.parse((await run(['keys', 'vault', 'status', '--json'])).out);
    expect(status).toMatchObject({ kind: 'passphrase', unlocked: false, keyCount: 1 });
  });
});

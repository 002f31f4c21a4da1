import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyStore } from '../../../src/node/keys/key-store';
import { KEYCHAIN_SERVICE, osKeychain } from '../../../src/node/keys/keychain';
import { allFiles, tempHome } from '../../helpers/temp-home';
import { FILE_PASSWORD, type KeyFixtures, makeKeyFixtures } from './key-fixtures';

/**
 * The real Secret Service (GNOME Keyring over D-Bus), checked from outside with secret-tool.
 * Run: dbus-run-session -- sh -c 'echo -n pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null;
 *      MPD_REQUIRE_KEYRING=1 npx vitest run test/main/keys/keychain.integration.test.ts'
 * With MPD_REQUIRE_KEYRING=1 (CI) a missing keyring fails the run; otherwise the suite is skipped with the reason.
 *
 * Each run uses its own service name, so it never touches a real "Maskinporten Desktop" vault key; the
 * account is the app's own ("vault-key"). @napi-rs/keyring stores the account as the attribute `username`.
 */
const required = process.env.MPD_REQUIRE_KEYRING === '1';
const service = `${KEYCHAIN_SERVICE} test ${randomBytes(4).toString('hex')}`;
const keychain = osKeychain(service);
const probe = await keychain.probe();
const secretTool = spawnSync('secret-tool', ['--version'], { encoding: 'utf8' });
const secretToolOk = secretTool.status === 0 || (secretTool.error === undefined && secretTool.status !== null);
const available = probe.available && secretToolOk;
const reason = !probe.available
  ? `keychain probe failed: ${probe.detail}`
  : !secretToolOk
    ? 'secret-tool is not installed'
    : '';
if (!available && !required) console.warn(`[keychain.integration] skipped: ${reason}`);

function secretTool_(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync('secret-tool', args, { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

describe.skipIf(!required && !available)('real OS keychain (Secret Service)', () => {
  let fx: KeyFixtures;
  let home: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    fx = makeKeyFixtures();
    ({ home, cleanup } = await tempHome('mpd-keyring-'));
  });
  afterAll(async () => {
    await keychain.delete('vault-key').catch(() => false);
    fx?.cleanup();
    await cleanup?.();
  });

  it('a keyring answers (MPD_REQUIRE_KEYRING=1 makes a missing one a failure)', () => {
    expect(reason, reason).toBe('');
    expect(probe.available).toBe(true);
  });

  it('keeps only the vault key in the keychain and only ciphertext in the home folder', async () => {
    const store = new KeyStore({ home, secrets: keychain, now: () => new Date() });
    const generated = await store.generate({ name: 'Keyring test' });
    const { key: imported } = await store.importFile({ path: fx.path('modern.p12'), password: FILE_PASSWORD });
    expect(await store.vaultStatus()).toMatchObject({ kind: 'keychain', unlocked: true, keyCount: 2 });

    // From outside: the vault key is there, 256 bits in base64.
    const lookup = secretTool_('lookup', 'service', service, 'username', 'vault-key');
    expect(lookup.status).toBe(0);
    expect(Buffer.from(lookup.out.trim(), 'base64')).toHaveLength(32);

    // From outside: that is the only item of our service, and no key material is in it.
    const search = secretTool_('search', '--all', '--unlock', 'service', service);
    expect(search.status).toBe(0);
    expect(search.out.match(/^\[\//gm)).toHaveLength(1);
    expect(search.out).toContain('attribute.username = vault-key');
    const genPem = await store.exportUnencryptedPrivateKey(generated.id, 'pem', { confirmed: true });
    const genBody = genPem.replace(/-----[^-]+-----|\s+/g, '');
    for (const needle of ['PRIVATE KEY', fx.pemBody.slice(64, 200), fx.jwkD.slice(0, 60), genBody.slice(64, 200)]) {
      expect(search.out).not.toContain(needle);
    }

    // A fresh store (a new process) opens both keys with the vault key from the keychain.
    const again = new KeyStore({ home, secrets: osKeychain(service), now: () => new Date() });
    expect((await again.getSigningMaterial(imported.id)).x5c).toHaveLength(1);
    expect((await again.getSigningMaterial(generated.id)).kid).toBe(generated.kid);

    // Nothing private in clear in the home folder.
    for (const file of await allFiles(home)) {
      const text = (await readFile(file)).toString('latin1');
      for (const needle of [fx.pemBody.slice(64, 200), fx.jwkD.slice(0, 60), genBody.slice(64, 200), 'PRIVATE KEY']) {
        expect(text.includes(needle), `${file} holds key material`).toBe(false);
      }
    }
  });

  it('cleans up after itself', async () => {
    expect(await keychain.delete('vault-key')).toBe(true);
    expect(secretTool_('lookup', 'service', service, 'username', 'vault-key').out.trim()).toBe('');
  });
});

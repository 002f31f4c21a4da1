import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, importJWK, jwtVerify, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/common/errors/app-error';
import { KeyStore } from '../../../src/node/keys/key-store';
import { memorySecretStore } from '../../../src/node/keys/secret-store';
import { allFiles, tempHome } from '../../helpers/temp-home';
import { FILE_PASSWORD, type KeyFixtures, makeKeyFixtures, ORG_NUMBER } from './key-fixtures';

const FAST_SCRYPT = { N: 2 ** 12, r: 8, p: 1 };
let fx: KeyFixtures;
let home: string;
let cleanup: () => Promise<void>;
let clock: Date;
let secrets: ReturnType<typeof memorySecretStore>;
let store: KeyStore;

beforeAll(() => {
  fx = makeKeyFixtures();
});
afterAll(() => fx.cleanup());
beforeEach(async () => {
  ({ home, cleanup } = await tempHome('mpd-keystore-'));
  clock = new Date('2026-03-01T10:00:00Z');
  secrets = memorySecretStore();
  store = new KeyStore({ home, secrets, now: () => clock, scrypt: FAST_SCRYPT });
});
afterEach(() => cleanup());

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'no error',
    (e: unknown) => (e instanceof AppError ? e.code : `non-AppError: ${String(e)}`),
  );
}

describe('generate and list', () => {
  it('generates an RSA-2048 key with a default kid and lists its metadata only', async () => {
    const key = await store.generate({ name: 'Skatteetaten prod' });
    expect(key).toMatchObject({
      name: 'Skatteetaten prod',
      alg: 'RS256',
      bits: 2048,
      source: 'generated',
      registeredAt: null,
      expiresAt: null,
      expiry: 'unregistered',
      vaultKind: 'keychain',
      createdAt: clock.toISOString(),
    });
    expect(key.kid).toMatch(/^skatteetaten-prod-20260301-[a-z0-9]{6}$/);
    const jwk = await store.publicJwk(key.id);
    expect(key.thumbprint).toBe(await calculateJwkThumbprint({ kty: 'RSA', n: jwk.n, e: jwk.e }, 'sha256'));
    const list = await store.list();
    expect(list).toEqual([key]);
    expect(JSON.stringify(list)).not.toMatch(/"d"|PRIVATE/);
    expect((await stat(join(home, 'keys', `${key.id}.sealed`))).isFile()).toBe(true);
  });

  it('takes a chosen kid and validates it', async () => {
    const key = await store.generate({ name: 'A', kid: 'my.kid_2026-01' });
    expect(key.kid).toBe('my.kid_2026-01');
    expect(await codeOf(store.generate({ name: 'B', kid: 'has space' }))).toBe('KEY_INVALID_KID');
    expect(await codeOf(store.generate({ name: 'B', kid: 'æøå' }))).toBe('KEY_INVALID_KID');
    expect(await codeOf(store.generate({ name: 'B', kid: 'my.kid_2026-01' }))).toBe('KEY_KID_IN_USE');
    expect(await codeOf(store.generate({ name: 'B', bits: 1024 }))).toBe('KEY_INVALID_BITS');
    expect(await store.list()).toHaveLength(1);
  });

  it('generates RSA-4096 when asked', async () => {
    const key = await store.generate({ name: 'Big', bits: 4096 });
    expect(key.bits).toBe(4096);
    const material = await store.getSigningMaterial(key.id);
    expect(material.privateKey.asymmetricKeyDetails?.modulusLength).toBe(4096);
  });
});

describe('import', () => {
  it('imports a .p12 with its certificate, organisation number and x5c', async () => {
    clock = new Date(); // the certificate was made today
    const { key, warnings } = await store.importFile({ path: fx.path('modern.p12'), password: FILE_PASSWORD });
    expect(warnings).toEqual([]);
    expect(key).toMatchObject({ name: 'Testverksemd AS', source: 'imported', importFormat: 'pkcs12', bits: 2048 });
    expect(key.certificate?.orgNumber).toBe(ORG_NUMBER);
    const jwk = await store.publicJwk(key.id);
    expect(jwk.x5c).toEqual([fx.read('cert.der').toString('base64')]);
    const material = await store.getSigningMaterial(key.id);
    expect(material.x5c).toEqual(jwk.x5c);
    expect(material.certificateNotAfter).toBe(key.certificate?.notAfter);
  });

  it('rejects the same key a second time in any format (RFC 7638 thumbprint)', async () => {
    await store.importFile({ path: fx.path('rsa.pem') });
    const error = await store.importFile({ path: fx.path('legacy.pfx'), password: FILE_PASSWORD }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('KEY_DUPLICATE');
    expect(await codeOf(store.importFile({ path: fx.path('rsa.jwk.b64') }))).toBe('KEY_DUPLICATE');
    expect(await store.list()).toHaveLength(1);
  });

  it('uses the file name, or the name given, and keeps a JWK kid', async () => {
    const { key } = await store.importFile({ path: fx.path('rsa.jwk.json') });
    expect(key.name).toBe('rsa.jwk');
    expect(key.kid).toBe('server-key-2024');
    const second = await store.importFile({ path: fx.path('leaf.pem'), name: 'My name', kid: 'chosen-kid' });
    expect(second.key).toMatchObject({ name: 'My name', kid: 'chosen-kid', importFormat: 'pkcs8-pem' });
  });

  it('returns the expired-certificate warning and still stores the key', async () => {
    clock = new Date('2100-01-01T00:00:00Z');
    const result = await store.importFile({ path: fx.path('chain.p12'), password: FILE_PASSWORD });
    expect(result.warnings.map((w) => w.code)).toEqual(['CERT_EXPIRED']);
    expect(await store.list()).toHaveLength(1);
  });

  it('keeps nothing of a rejected import', async () => {
    expect(await codeOf(store.importFile({ path: fx.path('modern.p12'), password: 'wrong' }))).toBe(
      'KEY_WRONG_PASSWORD',
    );
    expect(await codeOf(store.importFile({ path: fx.path('ec.pem') }))).toBe('KEY_NOT_RSA');
    expect(await store.list()).toEqual([]);
    expect(await store.vault.sealedIds()).toEqual([]);
  });
});

describe('edit, register, expire, delete', () => {
  it('renames and changes the kid until the key is registered', async () => {
    const key = await store.generate({ name: 'Old' });
    expect((await store.rename(key.id, '  New   name ')).name).toBe('New name');
    expect((await store.setKid(key.id, 'new-kid')).kid).toBe('new-kid');
    await store.setRegisteredAt(key.id, '2026-02-15');
    expect(await codeOf(store.setKid(key.id, 'newer-kid'))).toBe('KEY_KID_LOCKED');
    await store.setRegisteredAt(key.id, null);
    expect((await store.setKid(key.id, 'newer-kid')).kid).toBe('newer-kid');
    expect(await codeOf(store.rename('no-such-key', 'x'))).toBe('KEY_NOT_FOUND');
  });

  it('computes the one-year expiry and warns from 30 days before', async () => {
    const key = await store.generate({ name: 'Expiring' });
    const registered = await store.setRegisteredAt(key.id, '2025-04-15');
    expect(registered).toMatchObject({
      registeredAt: '2025-04-15',
      expiresAt: '2026-04-15',
      expiry: 'ok',
      daysToExpiry: 45,
    });
    clock = new Date('2026-03-16T12:00:00Z');
    expect(await store.get(key.id)).toMatchObject({ expiry: 'expiring', daysToExpiry: 30 });
    clock = new Date('2026-04-15T08:00:00Z');
    expect(await store.get(key.id)).toMatchObject({ expiry: 'expired', daysToExpiry: 0 });
    const material = await store.getSigningMaterial(key.id);
    expect(material.registeredExpiresAt).toBe('2026-04-15');
  });

  it('rejects registration dates in the future or not on the calendar', async () => {
    const key = await store.generate({ name: 'Dates' });
    expect(await codeOf(store.setRegisteredAt(key.id, '2026-06-01'))).toBe('KEY_REGISTERED_DATE_INVALID');
    expect(await codeOf(store.setRegisteredAt(key.id, '01.02.2026'))).toBe('KEY_REGISTERED_DATE_INVALID');
    expect((await store.get(key.id)).registeredAt).toBeNull();
  });

  it('deletes the metadata and the sealed file', async () => {
    const keep = await store.generate({ name: 'Keep' });
    const gone = await store.generate({ name: 'Gone' });
    expect(await store.delete(gone.id)).toEqual({ deleted: true });
    expect((await store.list()).map((k) => k.id)).toEqual([keep.id]);
    expect(await store.vault.sealedIds()).toEqual([keep.id]);
    expect(await codeOf(store.getSigningMaterial(gone.id))).toBe('KEY_NOT_FOUND');
    expect(await codeOf(store.delete(gone.id))).toBe('KEY_NOT_FOUND');
  });
});

describe('export', () => {
  it('exports exactly the public JWK members, a JWKS and a public PEM', async () => {
    const a = await store.generate({ name: 'A' });
    const b = await store.generate({ name: 'B' });
    const jwk = await store.publicJwk(a.id);
    expect(Object.keys(jwk).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: a.kid, e: 'AQAB' });
    const jwks = await store.jwks([a.id, b.id]);
    expect(jwks.keys.map((k) => k.kid)).toEqual([a.kid, b.kid]);
    const pem = await store.publicPem(a.id);
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(createPublicKey(pem).export({ format: 'jwk' }).n).toBe(jwk.n);
  });

  it('exports an encrypted backup that openssl-compatible readers and this app can import', async () => {
    const key = await store.generate({ name: 'Backed up' });
    expect(await codeOf(store.exportBackup(key.id, undefined))).toBe('KEY_BACKUP_PASSPHRASE_REQUIRED');
    expect(await codeOf(store.exportBackup(key.id, 'short'))).toBe('KEY_BACKUP_PASSPHRASE_TOO_SHORT');
    const backup = await store.exportBackup(key.id, 'backup passphrase');
    expect(backup).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    const restored = createPrivateKey({ key: backup, passphrase: 'backup passphrase' });
    expect(createPublicKey(restored).export({ format: 'jwk' }).n).toBe((await store.publicJwk(key.id)).n);
    // Restore into another home: same thumbprint.
    const other = new KeyStore({ home: join(home, 'other'), secrets: memorySecretStore(), now: () => clock });
    const { key: imported } = await other.importData(Buffer.from(backup), { password: 'backup passphrase', name: 'R' });
    expect(imported.thumbprint).toBe(key.thumbprint);
    expect(await codeOf(store.importData(Buffer.from(backup), { password: 'backup passphrase' }))).toBe(
      'KEY_DUPLICATE',
    );
  });

  it('exports the private key in clear only with explicit confirmation', async () => {
    const key = await store.generate({ name: 'Server' });
    const unconfirmed = { confirmed: false } as unknown as { confirmed: true };
    expect(await codeOf(store.exportUnencryptedPrivateKey(key.id, 'pem', unconfirmed))).toBe(
      'KEY_EXPORT_NOT_CONFIRMED',
    );
    expect(await codeOf(store.exportContent([key.id], 'private-pem'))).toBe('KEY_EXPORT_NOT_CONFIRMED');
    expect(await codeOf(store.exportContent([key.id], 'private-jwk-base64', { confirmUnencrypted: false }))).toBe(
      'KEY_EXPORT_NOT_CONFIRMED',
    );
    const pem = await store.exportUnencryptedPrivateKey(key.id, 'pem', { confirmed: true });
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const b64 = await store.exportUnencryptedPrivateKey(key.id, 'jwk-base64', { confirmed: true });
    const jwk = JSON.parse(Buffer.from(b64, 'base64').toString('utf8'));
    expect(jwk).toMatchObject({ kty: 'RSA', kid: key.kid, alg: 'RS256', use: 'sig' });
    expect(typeof jwk.d).toBe('string');
  });

  it('writes private exports with mode 0600 and public ones 0644; one key per non-JWKS file', async () => {
    const a = await store.generate({ name: 'A' });
    const b = await store.generate({ name: 'B' });
    expect(await codeOf(store.exportContent([a.id, b.id], 'public-pem'))).toBe('KEY_EXPORT_ONE_KEY');
    const backup = await store.exportContent([a.id], 'backup', { passphrase: 'backup passphrase' });
    expect(backup).toMatchObject({ private: true, defaultName: `${a.kid}.backup.pem` });
    await store.writeExport(join(home, 'out', 'backup.pem'), backup);
    expect((await stat(join(home, 'out', 'backup.pem'))).mode & 0o777).toBe(0o600);
    const jwks = await store.exportContent([a.id, b.id], 'jwks');
    expect(jwks).toMatchObject({ private: false, defaultName: 'jwks.json' });
    await store.writeExport(join(home, 'out', 'jwks.json'), jwks);
    expect((await stat(join(home, 'out', 'jwks.json'))).mode & 0o777).toBe(0o644);
    expect(JSON.parse(await readFile(join(home, 'out', 'jwks.json'), 'utf8')).keys).toHaveLength(2);
  });
});

describe('signing', () => {
  it('the exported public JWK verifies a signature made with the stored key', async () => {
    const key = await store.generate({ name: 'Signer' });
    const material = await store.getSigningMaterial(key.id);
    expect(material).toMatchObject({ keyId: key.id, kid: key.kid, alg: 'RS256' });
    const jwt = await new SignJWT({ scope: 'altinn:serviceowner/instances.read' })
      .setProtectedHeader({ alg: 'RS256', kid: material.kid })
      .setIssuer('client-id')
      .setAudience('https://test.maskinporten.no/')
      .setIssuedAt()
      .setExpirationTime('2m')
      .sign(material.privateKey);
    const publicKey = await importJWK(await store.publicJwk(key.id), 'RS256');
    const { payload, protectedHeader } = await jwtVerify(jwt, publicKey, { audience: 'https://test.maskinporten.no/' });
    expect(protectedHeader.kid).toBe(key.kid);
    expect(payload.iss).toBe('client-id');
    // And a different key's JWK does not verify it.
    const other = await store.generate({ name: 'Other' });
    await expect(jwtVerify(jwt, await importJWK(await store.publicJwk(other.id), 'RS256'))).rejects.toThrow();
  });

  it('KEY_NOT_FOUND for an unknown key', async () => {
    expect(await codeOf(store.getSigningMaterial('00000000-0000-0000-0000-000000000000'))).toBe('KEY_NOT_FOUND');
  });
});

describe('nothing private in clear on disk', () => {
  it('after generate and import, no file in the home folder holds a PEM body or a private JWK d', async () => {
    const generated = await store.generate({ name: 'Generated' });
    await store.importFile({ path: fx.path('modern.p12'), password: FILE_PASSWORD });
    await store.importFile({ path: fx.path('leaf.pem') });
    const genPem = await store.exportUnencryptedPrivateKey(generated.id, 'pem', { confirmed: true });
    const genD = JSON.parse(
      Buffer.from(
        await store.exportUnencryptedPrivateKey(generated.id, 'jwk-base64', { confirmed: true }),
        'base64',
      ).toString(),
    ).d as string;
    const leafPem = fx.read('leaf.pem').toString();
    const needles = [
      fx.pemBody.slice(64, 400),
      fx.jwkD.slice(0, 80),
      genPem.replace(/-----[^-]+-----|\s+/g, '').slice(64, 400),
      genD.slice(0, 80),
      leafPem.replace(/-----[^-]+-----|\s+/g, '').slice(64, 400),
      Buffer.from(fx.jwkD, 'base64url').subarray(0, 64).toString('hex'),
    ];
    const files = await allFiles(home);
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const content = await readFile(file);
      const text = content.toString('latin1');
      for (const needle of needles) expect(text.includes(needle), `${file} contains key material`).toBe(false);
      expect(content.includes(Buffer.from(fx.jwkD, 'base64url').subarray(0, 64)), `${file} holds raw d`).toBe(false);
      expect(text).not.toContain('PRIVATE KEY');
    }
    expect([...secrets.entries.keys()]).toEqual(['vault-key']);
  });
});

describe('vault kind', () => {
  it('reports the passphrase vault in every summary and in the status', async () => {
    expect(await store.vaultStatus()).toMatchObject({ kind: 'keychain', unlocked: true, keyCount: 0, canSwitch: true });
    await store.switchToPassphraseVault('a long enough passphrase');
    const key = await store.generate({ name: 'P' });
    expect(key.vaultKind).toBe('passphrase');
    expect(await store.vaultStatus()).toMatchObject({
      kind: 'passphrase',
      unlocked: true,
      keyCount: 1,
      canSwitch: false,
    });
    expect(await codeOf(store.switchToKeychainVault())).toBe('VAULT_NOT_EMPTY');
    const restarted = new KeyStore({ home, secrets, now: () => clock, scrypt: FAST_SCRYPT });
    expect(await codeOf(restarted.getSigningMaterial(key.id))).toBe('VAULT_LOCKED');
    expect(await codeOf(restarted.unlockVault('not the passphrase'))).toBe('VAULT_WRONG_PASSPHRASE');
    await restarted.unlockVault('a long enough passphrase');
    expect((await restarted.getSigningMaterial(key.id)).kid).toBe(key.kid);
  });
});

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../src/common/contract';
import type { PickedFile } from '../../../src/common/contract/files';
import type { ImportResult, KeySummary, PublicJwk, VaultStatusInfo } from '../../../src/common/contract/keys';
import { scriptedDesktop } from '../../../src/node/platform/desktop';
import { tempHome } from '../../helpers/temp-home';
import { testServices } from '../../helpers/test-services';
import { FILE_PASSWORD, type KeyFixtures, makeKeyFixtures } from './key-fixtures';

let fx: KeyFixtures;
let home: string;
let cleanup: () => Promise<void>;
let t: ReturnType<typeof testServices>;
/** What the native dialogs answer next. */
let answers: { openFile?: string | null; saveFile?: string | null; confirm?: boolean };
let desktop: ReturnType<typeof scriptedDesktop>;

beforeAll(() => {
  fx = makeKeyFixtures();
});
afterAll(() => fx.cleanup());
beforeEach(async () => {
  ({ home, cleanup } = await tempHome('mpd-keyschan-'));
  answers = {};
  desktop = scriptedDesktop(answers);
  t = testServices(home, { desktop });
});
afterEach(() => cleanup());

async function ok<R>(channel: string, input?: unknown): Promise<R> {
  const envelope = (await t.dispatch(channel, input)) as Envelope<R>;
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.result;
}

async function errorCode(channel: string, input?: unknown): Promise<string> {
  const envelope = await t.dispatch(channel, input);
  return envelope.ok ? 'ok' : envelope.error.code;
}

/** The file main's open dialog answers with `path`: the handle main gives the window for it. */
async function pick(path: string): Promise<string> {
  answers.openFile = path;
  const chosen = await ok<{ file: PickedFile | null }>('keys:choose-import-file');
  if (!chosen.file) throw new Error('the dialog chose nothing');
  return chosen.file.handle;
}

describe('keys channels', () => {
  it('generate, list, copy and export the public JWK, delete', async () => {
    const key = await ok<KeySummary>('keys:generate', { name: 'From the GUI' });
    expect((await ok<KeySummary[]>('keys:list')).map((k) => k.kid)).toEqual([key.kid]);
    const jwk = await ok<PublicJwk>('keys:export-public-jwk', { id: key.id });
    expect(jwk).toMatchObject({ kty: 'RSA', kid: key.kid, alg: 'RS256', use: 'sig' });
    expect(await ok('keys:copy-public-jwk', { id: key.id })).toEqual({ copied: true });
    expect(JSON.parse(desktop.clipboard())).toEqual(jwk);
    // Deleting is confirmed in main's own dialog (delete-key-in-main.test.ts says what it shows).
    answers.confirm = true;
    expect(await ok('keys:delete', { id: key.id })).toEqual({ deleted: true });
    expect(await ok('keys:list')).toEqual([]);
  });

  it("imports through a handle from main's dialog (the renderer sends neither key bytes nor a path)", async () => {
    answers.openFile = fx.path('modern.p12');
    const chosen = await ok<{ file: PickedFile | null }>('keys:choose-import-file');
    expect(chosen.file?.name).toBe('modern.p12');
    expect(JSON.stringify(chosen)).not.toContain(fx.path(''));
    const asked = await t.dispatch('keys:import', { file: chosen.file?.handle });
    if (asked.ok) throw new Error('a .p12 without its password imported');
    expect(asked.error.code).toBe('KEY_PASSWORD_REQUIRED');
    // The password round gets a new handle for the same file; the first one is used up.
    const again = asked.error.details?.file as PickedFile;
    expect(again).toMatchObject({ name: 'modern.p12' });
    expect(again.handle).not.toBe(chosen.file?.handle);
    expect(await errorCode('keys:import', { file: chosen.file?.handle, password: FILE_PASSWORD })).toBe(
      'PATH_NOT_FROM_DIALOG',
    );
    const result = await ok<ImportResult>('keys:import', { file: again.handle, password: FILE_PASSWORD, name: 'Cert' });
    expect(result.key.certificate?.orgNumber).toBe('991825827');
    expect(result.warnings).toEqual([]);
    expect(await errorCode('keys:import', { file: await pick(fx.path('rsa.pem')) })).toBe('KEY_DUPLICATE');
    answers.openFile = null;
    expect(await ok('keys:choose-import-file')).toEqual({ file: null });
  });

  it('exports through the save dialog; private formats get mode 0600; cancel writes nothing', async () => {
    const key = await ok<KeySummary>('keys:generate', { name: 'Export me' });
    answers.saveFile = null;
    expect(await ok('keys:export', { ids: [key.id], format: 'public-jwk' })).toEqual({ cancelled: true });
    answers.saveFile = join(home, 'exports', 'key.jwk.json');
    expect(await ok('keys:export', { ids: [key.id], format: 'public-jwk' })).toEqual({
      path: answers.saveFile,
    });
    expect(JSON.parse(await readFile(answers.saveFile, 'utf8')).kid).toBe(key.kid);
    expect((await stat(answers.saveFile)).mode & 0o777).toBe(0o644);

    expect(await errorCode('keys:export', { ids: [key.id], format: 'private-pem' })).toBe('KEY_EXPORT_NOT_CONFIRMED');
    expect(await errorCode('keys:export', { ids: [key.id], format: 'backup' })).toBe('KEY_BACKUP_PASSPHRASE_REQUIRED');
    answers.saveFile = join(home, 'exports', 'key.pem');
    await ok('keys:export', { ids: [key.id], format: 'private-pem', confirmUnencrypted: true });
    expect((await stat(answers.saveFile)).mode & 0o777).toBe(0o600);
    expect(await readFile(answers.saveFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('no channel result carries private key material', async () => {
    const key = await ok<KeySummary>('keys:generate', { name: 'Secret' });
    const imported = await ok<ImportResult>('keys:import', { file: await pick(fx.path('rsa.jwk.json')) });
    answers.saveFile = join(home, 'exports', 'backup.pem');
    const results = [
      key,
      imported,
      await ok('keys:list'),
      await ok('keys:export-public-jwk', { id: imported.key.id }),
      await ok('keys:export', { ids: [key.id], format: 'backup', passphrase: 'long backup passphrase' }),
      await ok('keys:export', { ids: [key.id], format: 'private-jwk-base64', confirmUnencrypted: true }),
      await ok('keys:vault-status'),
    ];
    const text = JSON.stringify(results);
    expect(text).not.toContain(fx.jwkD.slice(0, 40));
    expect(text).not.toMatch(/"(d|p|q|dp|dq|qi)"\s*:/);
    expect(text).not.toContain('PRIVATE KEY');
  });

  it('validates input before any handler runs', async () => {
    expect(await errorCode('keys:rename', { id: '../../etc/passwd', name: 'x' })).toBe('INVALID_INPUT');
    expect(await errorCode('keys:generate', { name: 'x', bits: 1024 })).toBe('INVALID_INPUT');
    expect(await errorCode('keys:generate', { name: 'x', kid: 'bad kid' })).toBe('INVALID_INPUT');
    expect(await errorCode('keys:set-registered', { id: 'abc', registeredAt: '2026-13-01' })).toBe('INVALID_INPUT');
    expect(await errorCode('keys:export', { ids: ['abc'], format: 'private-pem', confirmUnencrypted: false })).toBe(
      'INVALID_INPUT',
    );
    expect(await errorCode('keys:rename', { id: 'abc', name: 'x' })).toBe('KEY_NOT_FOUND');
  });

  it('registration date, kid lock and expiry through the channels', async () => {
    const key = await ok<KeySummary>('keys:generate', { name: 'Reg' });
    const today = new Date().toISOString().slice(0, 10);
    const registered = await ok<KeySummary>('keys:set-registered', { id: key.id, registeredAt: today });
    expect(registered.expiry).toBe('ok');
    expect(registered.expiresAt?.slice(0, 4)).toBe(String(Number(today.slice(0, 4)) + 1));
    expect(await errorCode('keys:set-kid', { id: key.id, kid: 'other' })).toBe('KEY_KID_LOCKED');
    expect(await ok<KeySummary>('keys:rename', { id: key.id, name: 'Renamed' })).toMatchObject({ name: 'Renamed' });
  });

  it('switches to a passphrase vault only while empty, then reports and unlocks it', async () => {
    expect(await ok<VaultStatusInfo>('keys:vault-status')).toMatchObject({
      kind: 'keychain',
      keyCount: 0,
      canSwitch: true,
    });
    expect(await errorCode('keys:vault-use-passphrase', { passphrase: 'short' })).toBe('VAULT_PASSPHRASE_TOO_SHORT');
    const status = await ok<VaultStatusInfo>('keys:vault-use-passphrase', { passphrase: 'a long enough passphrase' });
    expect(status).toMatchObject({ kind: 'passphrase', unlocked: true });
    const key = await ok<KeySummary>('keys:generate', { name: 'In passphrase vault' });
    expect(key.vaultKind).toBe('passphrase');
    expect(await errorCode('keys:vault-use-keychain')).toBe('VAULT_NOT_EMPTY');
    expect(await errorCode('keys:vault-unlock', { passphrase: 'wrong passphrase!' })).toBe('VAULT_WRONG_PASSPHRASE');
    expect(await ok<VaultStatusInfo>('keys:vault-unlock', { passphrase: 'a long enough passphrase' })).toMatchObject({
      unlocked: true,
    });
  });
});

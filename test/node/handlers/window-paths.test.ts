import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PickedFile } from '../../../src/common/contract/files';
import { FILE_HANDLE_TTL_MS } from '../../../src/node/platform/file-handles';
import { channelCalls } from '../../helpers/channel-calls';
import { tempHome } from '../../helpers/temp-home';
import { testServices } from '../../helpers/test-services';

/**
 * What the window may name (issue 17, finding 4): files only through handles main gave after its own dialog
 * or its own confirmation of a dropped file; folders only as picked in main's folder dialog; never a network
 * or device path. Every call here goes through the window's dispatch, as a compromised window's would.
 */
describe('paths from the window', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let outside: string;
  let keyFile: string;
  let clock: number;
  let t: ReturnType<typeof testServices>;
  const { ok, fail } = channelCalls(() => t.dispatch);

  beforeEach(async () => {
    ({ home, cleanup } = await tempHome('mpd-winpaths-'));
    // A stranger's attachment in a download folder the window could learn of (downloads:list).
    outside = await mkdtemp(join(tmpdir(), 'mpd-attachment-'));
    keyFile = join(outside, 'planted.pem');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await writeFile(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    clock = Date.parse('2026-06-01T10:00:00Z');
    t = testServices(home, { now: () => new Date(clock) });
  });
  afterEach(async () => {
    await cleanup();
    await rm(outside, { recursive: true, force: true });
  });

  async function pick(path: string): Promise<PickedFile> {
    t.desktop.answers.openFile = path;
    const { file } = await ok('keys:choose-import-file', undefined);
    if (!file) throw new Error('the dialog chose nothing');
    return file;
  }

  it('refuses a raw path for keys:import, with one code whether or not the file exists', async () => {
    expect((await fail('keys:import', { path: keyFile })).code).toBe('INVALID_INPUT');
    const codes = [
      (await fail('keys:import', { file: keyFile })).code,
      (await fail('keys:import', { file: join(outside, 'no-such.pem') })).code,
      (await fail('keys:import', { file: 'a'.repeat(43) })).code,
    ];
    expect(codes).toEqual(['PATH_NOT_FROM_DIALOG', 'PATH_NOT_FROM_DIALOG', 'PATH_NOT_FROM_DIALOG']);
    const messages = new Set([
      (await fail('keys:import', { file: keyFile })).message,
      (await fail('keys:import', { file: join(outside, 'no-such.pem') })).message,
    ]);
    expect(messages.size).toBe(1);
    expect(await t.services.keys.list()).toEqual([]);
  });

  it('imports with a handle from the dialog once; a reused or expired handle is refused', async () => {
    const file = await pick(keyFile);
    expect(file.name).toBe('planted.pem');
    expect((await ok('keys:import', { file: file.handle })).key.name).toBe('planted');
    expect((await fail('keys:import', { file: file.handle })).code).toBe('PATH_NOT_FROM_DIALOG');

    const late = await pick(keyFile);
    clock += FILE_HANDLE_TTL_MS;
    expect((await fail('keys:import', { file: late.handle })).code).toBe('PATH_NOT_FROM_DIALOG');
    expect(await t.services.keys.list()).toHaveLength(1);
  });

  it.each(['\\\\attacker\\share\\key.pem', '//attacker/share/key.pem', '\\\\?\\UNC\\attacker\\share\\k.pem'])(
    'refuses the network path %s wherever a path is taken',
    async (unc) => {
      t.desktop.answers.openFile = unc;
      expect((await fail('keys:choose-import-file', undefined)).code).toBe('NETWORK_PATH_REFUSED');
      expect((await fail('keys:import', { file: unc })).code).toBe('PATH_NOT_FROM_DIALOG');
      t.desktop.answers.folder = unc;
      expect((await fail('downloads:choose-folder', undefined)).code).toBe('NETWORK_PATH_REFUSED');
      const source = { kind: 'instances', instanceIds: ['50001/0b9f3e5c-7a1d-4c8e-9b2a-1f2e3d4c5b6a'] };
      expect((await fail('downloads:start', { profileId: 'p', source, target: unc })).code).toBe(
        'PATH_NOT_FROM_DIALOG',
      );
      expect(
        (await fail('instances:confirm', { profileId: 'p', instanceIds: source.instanceIds, target: unc })).code,
      ).toBe('PATH_NOT_FROM_DIALOG');
      expect(
        (await fail('preview:open-downloaded', { elementId: '0b9f3e5c-7a1d-4c8e-9b2a-1f2e3d4c5b6a', folder: unc }))
          .code,
      ).toBe('PATH_NOT_FROM_DIALOG');
      expect(
        (await fail('intake:create', { profileId: 'p', appId: 'ttd/app', target: unc, confirm: false })).code,
      ).toBe('PATH_NOT_FROM_DIALOG');
      expect(t.desktop.calls.filter((c) => c.kind === 'openPath')).toEqual([]);
    },
  );

  it("turns a dropped file into a handle only after main's own dialog names it", async () => {
    const confirmations = t.desktop.confirmations;
    t.desktop.answers.confirm = false;
    expect(await t.droppedFile({ paths: [keyFile], purpose: 'key-import' })).toEqual({ ok: true, result: null });
    expect(confirmations.at(-1)).toMatchObject({
      message: 'Importere nøkkelfilen «planted.pem»?',
      detail: [`Fil: ${keyFile}`, 'Du slapp denne filen på vinduet. Importer den bare hvis du kjenner den igjen.'],
      confirmLabel: 'Importer',
      cancelLabel: 'Avbryt',
      production: false,
    });
    t.desktop.answers.confirm = true;
    const answer = await t.droppedFile({ paths: [keyFile], purpose: 'key-import' });
    if (!answer.ok || !answer.result?.[0]) throw new Error('no handle for a confirmed drop');
    expect(answer.result).toHaveLength(1);
    expect(answer.result[0].name).toBe('planted.pem');
    expect((await ok('keys:import', { file: answer.result[0].handle })).key.name).toBe('planted');

    for (const [input, code] of [
      [{ paths: ['relative/key.pem'], purpose: 'key-import' }, 'PATH_NOT_FROM_DIALOG'],
      [{ paths: ['\\\\attacker\\share\\k.pem'], purpose: 'key-import' }, 'NETWORK_PATH_REFUSED'],
      [{ paths: [keyFile], purpose: 'key-export' }, 'INVALID_INPUT'],
      [{ paths: [keyFile], purpose: 'key-import', extra: 1 }, 'INVALID_INPUT'],
      // A key import is one file.
      [{ paths: [keyFile, keyFile], purpose: 'key-import' }, 'INVALID_INPUT'],
      [{ path: keyFile, purpose: 'key-import' }, 'INVALID_INPUT'],
      ['/etc/passwd', 'INVALID_INPUT'],
    ] as const) {
      const refused = await t.droppedFile(input);
      expect(refused.ok ? 'ok' : refused.error.code).toBe(code);
    }
    // Only the two drops of a real, local file were put to the person.
    expect(confirmations).toHaveLength(2);
  });

  it('asks once for a drop of several files to upload, naming each; a network path among them refuses the drop', async () => {
    const second = join(outside, 'vedlegg.pdf');
    await writeFile(second, '%PDF-1.7\n');
    const confirmations = t.desktop.confirmations;
    t.desktop.answers.confirm = true;
    const answer = await t.droppedFile({ paths: [keyFile, second], purpose: 'act-data' });
    if (!answer.ok || !answer.result) throw new Error('no handles for a confirmed drop');
    expect(answer.result.map((f) => f.name)).toEqual(['planted.pem', 'vedlegg.pdf']);
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]).toEqual({
      message: 'Legge til 2 filer for opplasting?',
      detail: [
        `Fil: ${keyFile}`,
        `Fil: ${second}`,
        'Du slapp filene på vinduet. Legg dem til bare hvis du kjenner dem igjen. Ingenting sendes før du sender skjemaet.',
      ],
      confirmLabel: 'Legg til',
      cancelLabel: 'Avbryt',
      production: false,
    });
    // A handle for uploading is not one for importing a key.
    expect((await fail('keys:import', { file: answer.result[0]?.handle })).code).toBe('PATH_NOT_FROM_DIALOG');

    const refused = await t.droppedFile({ paths: [second, '//attacker/share/x.pdf'], purpose: 'act-data' });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('NETWORK_PATH_REFUSED');
    const tooMany = await t.droppedFile({ paths: Array.from({ length: 21 }, () => second), purpose: 'act-data' });
    expect(tooMany.ok ? 'ok' : tooMany.error.code).toBe('INVALID_INPUT');
    expect(confirmations).toHaveLength(1);
  });

  it("takes a bulk send's spreadsheet only as a handle from a confirmed drop, never as a path", async () => {
    const sheet = join(outside, 'mottakere.csv');
    await writeFile(sheet, 'orgno;prefill.navn\n974760673;Test\n');
    expect((await fail('send:use-file', { path: sheet })).code).toBe('INVALID_INPUT');
    expect((await fail('send:use-file', { file: sheet })).code).toBe('PATH_NOT_FROM_DIALOG');
    t.desktop.answers.confirm = true;
    const answer = await t.droppedFile({ paths: [sheet], purpose: 'send-sheet' });
    if (!answer.ok || !answer.result?.[0]) throw new Error('no handle for a confirmed drop');
    expect(t.desktop.confirmations.at(-1)?.message).toBe('Bruke regnearket mottakere.csv til en utsendelse?');
    const handle = answer.result[0].handle;
    expect(await ok('send:use-file', { file: handle })).toMatchObject({ fileName: 'mottakere.csv' });
    // Used once; and a sheet handle is not a key's, nor the reverse.
    expect((await fail('send:use-file', { file: handle })).code).toBe('PATH_NOT_FROM_DIALOG');
    const key = await pick(keyFile);
    expect((await fail('send:use-file', { file: key.handle })).code).toBe('PATH_NOT_FROM_DIALOG');
    const two = await t.droppedFile({ paths: [sheet, sheet], purpose: 'send-sheet' });
    expect(two.ok ? 'ok' : two.error.code).toBe('INVALID_INPUT');
  });
});

import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemOpenFor } from '../../../src/common/schemas/system-open';
import { Manifest } from '../../../src/node/downloads/manifest';
import type { scriptedDesktop } from '../../../src/node/platform/desktop';
import { isSafeToOpen, verifiedCopy } from '../../../src/node/preview/downloaded-copy';
import { tempHome } from '../../helpers/temp-home';
import { testServices } from '../../helpers/test-services';

const ELEMENT = '1b4e28ba-2fa1-41d2-a883-0e02b4d4f8f1';
const OTHER = '2c5f39cb-3fb2-42e3-b994-1f13c5e5a902';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** A download folder with one verified file, recorded as the download manager records it. */
async function folderWith(entries: { id: string; path: string; size: number; bytes?: string }[]) {
  const { home: folder, cleanup } = await tempHome('mpd-copy-');
  cleanups.push(cleanup);
  const manifest = await Manifest.open(folder);
  for (const e of entries) {
    if (e.bytes !== undefined) {
      await mkdir(join(folder, e.path, '..'), { recursive: true });
      await writeFile(join(folder, e.path), e.bytes);
    }
    manifest.recordVerified(e.id, { instanceId: '512345/x', path: e.path, size: e.size, md5: 'x', check: 'size' });
  }
  await manifest.compact();
  return folder;
}

describe('the downloaded copy of an element', () => {
  it('is found through the manifest, inside the folder, with the verified size', async () => {
    const folder = await folderWith([{ id: ELEMENT, path: 'ttd_app/1_abc/brev.docx', size: 5, bytes: 'hallo' }]);
    expect(await verifiedCopy(folder, ELEMENT)).toBe(join(folder, 'ttd_app', '1_abc', 'brev.docx'));
    expect(await verifiedCopy(folder, OTHER)).toBeUndefined();
  });

  it('is not offered when the file is gone or was changed after it was verified', async () => {
    const folder = await folderWith([
      { id: ELEMENT, path: 'a/brev.docx', size: 5, bytes: 'endret innhold' },
      { id: OTHER, path: 'a/borte.docx', size: 5 },
    ]);
    expect(await verifiedCopy(folder, ELEMENT)).toBeUndefined();
    expect(await verifiedCopy(folder, OTHER)).toBeUndefined();
  });

  it('refuses a manifest path that leaves the folder, also through a symbolic link', async () => {
    const { home: outside, cleanup } = await tempHome('mpd-outside-');
    cleanups.push(cleanup);
    await writeFile(join(outside, 'secret.txt'), 'hemmelig');
    const folder = await folderWith([{ id: ELEMENT, path: '../secret.txt', size: 8 }]);
    await expect(verifiedCopy(folder, ELEMENT)).rejects.toMatchObject({ code: 'DOWNLOAD_UNSAFE_PATH' });
    const linked = await folderWith([{ id: OTHER, path: 'a/lenke.txt', size: 8 }]);
    await mkdir(join(linked, 'a'));
    await symlink(join(outside, 'secret.txt'), join(linked, 'a', 'lenke.txt'));
    await expect(verifiedCopy(linked, OTHER)).rejects.toMatchObject({ code: 'DOWNLOAD_UNSAFE_PATH' });
  });

  it('opens with the system app only from a folder the user picked or a job wrote to (preview:open-downloaded)', async () => {
    const { home, cleanup } = await tempHome();
    cleanups.push(cleanup);
    const { dispatch, desktop } = testServices(home);
    const folder = await folderWith([{ id: ELEMENT, path: 'ttd_app/1_abc/brev.docx', size: 5, bytes: 'hallo' }]);

    const untrusted = await dispatch('preview:open-downloaded', { elementId: ELEMENT, folder });
    expect(untrusted).toMatchObject({ ok: false, error: { code: 'PATH_NOT_FROM_DIALOG' } });
    const noJobs = await dispatch('preview:open-downloaded', { elementId: ELEMENT });
    expect(noJobs).toMatchObject({ ok: false, error: { code: 'PREVIEW_NOT_DOWNLOADED' } });
    expect((desktop as ReturnType<typeof scriptedDesktop>).calls.filter((c) => c.kind === 'openPath')).toEqual([]);

    if (desktop.answers) desktop.answers.folder = folder;
    await dispatch('downloads:choose-folder', undefined);
    const opened = await dispatch('preview:open-downloaded', { elementId: ELEMENT, folder });
    const path = join(folder, 'ttd_app', '1_abc', 'brev.docx');
    expect(opened).toEqual({ ok: true, result: { opened: true, path } });
    expect(desktop.calls.filter((c) => c.kind === 'openPath').map((c) => c.value)).toEqual([path]);
    const missing = await dispatch('preview:open-downloaded', { elementId: OTHER, folder });
    expect(missing).toMatchObject({ ok: false, error: { code: 'PREVIEW_NOT_DOWNLOADED' } });
    const bad = await dispatch('preview:open-downloaded', { elementId: '../../etc/passwd', folder });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('what the system app may open (issue 17, finding 5)', () => {
  it('opens only types whose program honours the mark or runs nothing', () => {
    for (const ok of [
      'a/brev.docx',
      'b/kart.PNG',
      'd/skjema.pdf',
      'e/regneark.xlsx',
      'f/lysbilder.pptx',
      'g/notat.txt',
    ]) {
      expect(isSafeToOpen(ok), ok).toBe(true);
    }
  });

  it.each([
    [
      'macros',
      ['x.doc', 'x.xls', 'x.ppt', 'x.rtf', 'x.docm', 'x.xlsm', 'x.pptm', 'x.dotm', 'x.xlsb', 'x.odt', 'x.ods'],
    ],
    ['container', ['x.zip', 'x.7z', 'x.rar', 'x.iso', 'x.vhd', 'x.msg', 'x.eml', 'x.cab']],
    [
      'other',
      ['x.exe', 'x.bat', 'x.cmd', 'x.js', 'x.vbs', 'x.ps1', 'x.html', 'x.svg', 'x.desktop', 'x.sh', 'x.lnk', 'x.app'],
    ],
    ['other', ['x.jar', 'x.msi', 'x.csv', 'x.xml', 'x.json', 'x.hta', 'noext']],
  ] as const)('shows %s types in their folder instead', (reason, names) => {
    for (const name of names) {
      expect(isSafeToOpen(name), name).toBe(false);
      expect(systemOpenFor(name), name).toEqual({ action: 'show-in-folder', reason });
    }
  });

  it('refuses to hand a verified copy of another type to the system, and shows it in its folder (preview:show-downloaded)', async () => {
    const { home, cleanup } = await tempHome();
    cleanups.push(cleanup);
    const { dispatch, desktop } = testServices(home);
    for (const name of ['faktura.pdf.exe', 'vedlegg.zip', 'brev.doc', 'melding.msg', 'notat.rtf']) {
      const folder = await folderWith([{ id: ELEMENT, path: `ttd_app/1_abc/${name}`, size: 2, bytes: 'MZ' }]);
      if (desktop.answers) desktop.answers.folder = folder;
      await dispatch('downloads:choose-folder', undefined);
      const refused = await dispatch('preview:open-downloaded', { elementId: ELEMENT, folder });
      expect(refused, name).toMatchObject({ ok: false, error: { code: 'PREVIEW_UNSAFE_TO_OPEN' } });
      const path = join(folder, 'ttd_app', '1_abc', name);
      expect(await dispatch('preview:show-downloaded', { elementId: ELEMENT, folder })).toEqual({
        ok: true,
        result: { shown: true, path },
      });
    }
    expect(desktop.calls.filter((c) => c.kind === 'openPath')).toEqual([]);
    expect(desktop.calls.filter((c) => c.kind === 'showItemInFolder')).toHaveLength(5);
  });

  it('shows in a folder only a verified copy from a folder the user picked or a job wrote to', async () => {
    const { home, cleanup } = await tempHome();
    cleanups.push(cleanup);
    const { dispatch, desktop } = testServices(home);
    const folder = await folderWith([{ id: ELEMENT, path: 'ttd_app/1_abc/a.zip', size: 2, bytes: 'PK' }]);
    const untrusted = await dispatch('preview:show-downloaded', { elementId: ELEMENT, folder });
    // The one answer for any folder or file the window did not get from main's dialogs (issue 17, finding 4).
    expect(untrusted).toMatchObject({ ok: false, error: { code: 'PATH_NOT_FROM_DIALOG' } });
    expect(desktop.calls.filter((c) => c.kind === 'showItemInFolder')).toEqual([]);
  });
});

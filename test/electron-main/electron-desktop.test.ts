import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/common/errors/app-error';

const answer = vi.hoisted(() => ({ open: '' as string, save: '' as string }));
vi.mock('electron', () => ({
  clipboard: { writeText: () => {}, readText: () => '' },
  dialog: {
    showOpenDialog: async () => ({ canceled: false, filePaths: [answer.open] }),
    showSaveDialog: async () => ({ canceled: false, filePath: answer.save }),
    showMessageBox: async () => ({ response: 0 }),
  },
  Notification: { isSupported: () => false },
  shell: {},
}));

const { electronDesktop } = await import('../../src/electron-main/electron-desktop');

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'no error',
    (e: unknown) => (e instanceof AppError ? e.code : `non-AppError: ${String(e)}`),
  );
}

describe("main's own dialogs (issue 17, finding 4)", () => {
  const desktop = electronDesktop(() => null);

  it.each(['\\\\fileserver\\share\\x', '//fileserver/share/x', '\\\\?\\UNC\\fileserver\\share\\x'])(
    'refuse the network path %s whatever dialog answers it',
    async (path) => {
      answer.open = path;
      answer.save = path;
      expect(await codeOf(desktop.chooseOpenFile({ title: 't' }))).toBe('NETWORK_PATH_REFUSED');
      expect(await codeOf(desktop.chooseFolder({ title: 't' }))).toBe('NETWORK_PATH_REFUSED');
      expect(await codeOf(desktop.chooseSaveFile({ title: 't', defaultName: 'x.csv' }))).toBe('NETWORK_PATH_REFUSED');
    },
  );

  it('give a local path back as chosen', async () => {
    answer.open = '/home/me/key.pem';
    answer.save = 'C:\\Users\\me\\export.csv';
    expect(await desktop.chooseOpenFile({ title: 't' })).toBe('/home/me/key.pem');
    expect(await desktop.chooseSaveFile({ title: 't', defaultName: 'x.csv' })).toBe('C:\\Users\\me\\export.csv');
  });

  it('answer no to confirmInMain unless the yes button was pressed (no is the default)', async () => {
    expect(
      await desktop.confirmInMain({
        message: 'm',
        detail: [],
        confirmLabel: 'Ja',
        cancelLabel: 'Nei',
        production: true,
      }),
    ).toBe(false);
  });
});

import { type BrowserWindow, clipboard, dialog, Notification, shell } from 'electron';
import type { Desktop } from '../node/platform/desktop';
import { isAllowedExternalUrl } from '../node/platform/external-links';
import { refuseNetworkPath } from '../node/platform/network-path';

/**
 * The real desktop: native dialogs parented to the window, the clipboard, the OS browser. A network or
 * device path chosen in any of the dialogs is refused here, once for all (network-path.ts: the NTLM hash).
 */
export function electronDesktop(getWindow: () => BrowserWindow | null): Desktop {
  const parent = () => getWindow() ?? undefined;
  return {
    async openExternal(url) {
      if (!isAllowedExternalUrl(url)) throw new Error(`Refused to open ${url}`);
      await shell.openExternal(url);
    },
    async writeClipboard(text) {
      clipboard.writeText(text);
    },
    async readClipboard() {
      return clipboard.readText();
    },
    async chooseOpenFile({ title, filters }) {
      const w = parent();
      const options = { title, filters, properties: ['openFile' as const] };
      const result = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
      return refuseNetworkPath(result.canceled ? null : (result.filePaths[0] ?? null));
    },
    async chooseSaveFile({ title, defaultName, filters }) {
      const w = parent();
      const options = { title, defaultPath: defaultName, filters };
      const result = w ? await dialog.showSaveDialog(w, options) : await dialog.showSaveDialog(options);
      return refuseNetworkPath(result.canceled ? null : (result.filePath ?? null));
    },
    async chooseFolder({ title }) {
      const w = parent();
      const options = { title, properties: ['openDirectory' as const, 'createDirectory' as const] };
      const result = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
      return refuseNetworkPath(result.canceled ? null : (result.filePaths[0] ?? null));
    },
    notify(title, body) {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    async openPath(path) {
      await shell.openPath(path);
    },
    async showItemInFolder(path) {
      shell.showItemInFolder(path);
    },
    async confirmInMain({ message, detail, confirmLabel, cancelLabel, production }) {
      const w = parent();
      // No is the default and the Escape answer: a yes needs a deliberate click or keypress.
      const options = {
        type: production ? ('warning' as const) : ('question' as const),
        message,
        detail: detail.join('\n'),
        buttons: [cancelLabel, confirmLabel],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      };
      const result = w ? await dialog.showMessageBox(w, options) : await dialog.showMessageBox(options);
      return result.response === 1;
    },
  };
}

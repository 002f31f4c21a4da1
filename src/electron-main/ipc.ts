import { type BrowserWindow, type IpcMainInvokeEvent, ipcMain } from 'electron';
import { channelNames, type EventName, type Events } from '../common/contract';
import { DROPPED_FILE_CHANNEL } from '../common/contract/files';
import { AppError, SeamErrors } from '../common/errors/app-error';
import { englishHint } from '../common/i18n/hints';
import type { Dispatch } from '../node/dispatch';
import type { Logger } from '../node/platform/log';
import { isTrustedSender, senderUrl } from './trusted-sender';

/**
 * Register every contract channel, and the dropped-file channel only the preload calls
 * (src/common/contract/files.ts). Each handler first checks that the call comes from our window's top frame
 * on app:// (Electron security checklist #17), then hands the raw input to dispatch, which validates it
 * against the contract.
 */
export function registerIpc(
  shell: { dispatch: Dispatch; droppedFile(input: unknown): Promise<unknown> },
  getWindow: () => BrowserWindow | null,
  log: Logger,
  devServerUrl?: string,
): void {
  const handle = (name: string, answer: (input: unknown) => Promise<unknown>) =>
    ipcMain.handle(name, async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event, getWindow(), devServerUrl)) {
        log.warn('refused IPC from untrusted sender', { channel: name, url: senderUrl(event) });
        const error = new AppError(SeamErrors.UNTRUSTED_SENDER, 'Refused: not the app window').toJSON();
        return { ok: false, error: { ...error, hint: englishHint(error.code) } };
      }
      return answer(input);
    });
  for (const name of channelNames) handle(name, (input) => shell.dispatch(name, input));
  handle(DROPPED_FILE_CHANNEL, shell.droppedFile);
}

export function pushEvent<E extends EventName>(window: BrowserWindow | null, event: E, payload: Events[E]): void {
  if (window && !window.isDestroyed()) window.webContents.send(event, payload);
}

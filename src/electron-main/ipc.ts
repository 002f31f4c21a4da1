import { type BrowserWindow, type IpcMainInvokeEvent, ipcMain } from 'electron';
import { channelNames, type EventName, type Events } from '../common/contract';
import { AppError } from '../common/errors/app-error';
import type { Dispatch } from '../node/dispatch';
import type { Logger } from '../node/platform/log';
import { isTrustedOrigin } from './app-url';

/**
 * Register every contract channel. Each handler first checks that the call comes from our window's
 * top frame on app:// (Electron security checklist #17), then hands the raw input to dispatch,
 * which validates it against the contract.
 */
export function registerIpc(
  dispatch: Dispatch,
  getWindow: () => BrowserWindow | null,
  log: Logger,
  devServerUrl?: string,
): void {
  for (const name of channelNames) {
    ipcMain.handle(name, async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event, getWindow(), devServerUrl)) {
        log.warn('refused IPC from untrusted sender', { channel: name, url: event.senderFrame?.url });
        return { ok: false, error: new AppError('UNTRUSTED_SENDER', 'Refused: not the app window').toJSON() };
      }
      return dispatch(name, input);
    });
  }
}

function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null, devServerUrl?: string): boolean {
  if (!window || event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame !== window.webContents.mainFrame) return false;
  return isTrustedOrigin(frame.url, devServerUrl);
}

export function pushEvent<E extends EventName>(window: BrowserWindow | null, event: E, payload: Events[E]): void {
  if (window && !window.isDestroyed()) window.webContents.send(event, payload);
}

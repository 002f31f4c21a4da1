import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { isTrustedOrigin } from './app-url';

/** The parts of an IPC event the check reads: structural, so it can be tested without Electron. */
export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;
export type SenderWindow = Pick<BrowserWindow, 'webContents' | 'isDestroyed'>;

/**
 * Electron security checklist #17 (validate the sender of every IPC message): only our window's top
 * frame, loaded from app://, may call a channel. Sub-frames, other windows, other origins and frames that
 * are gone are refused. Electron gives `senderFrame` as null once the frame has navigated away or been
 * destroyed, and reading a disposed WebFrameMain throws, so both count as untrusted.
 */
export function isTrustedSender(
  event: SenderEvent,
  window: SenderWindow | null | undefined,
  devServerUrl?: string,
): boolean {
  try {
    if (!window || window.isDestroyed() || event.sender !== window.webContents) return false;
    const frame = event.senderFrame;
    if (!frame || frame.detached || frame !== window.webContents.mainFrame) return false;
    return isTrustedOrigin(frame.url, devServerUrl);
  } catch {
    return false;
  }
}

/** The sender frame's URL for the log, or undefined when the frame is gone (reading it would throw). */
export function senderUrl(event: SenderEvent): string | undefined {
  try {
    return event.senderFrame?.url;
  } catch {
    return undefined;
  }
}

import { describe, expect, it } from 'vitest';
import {
  isTrustedSender,
  type SenderEvent,
  type SenderWindow,
  senderUrl,
} from '../../src/electron-main/trusted-sender';
import { APP_ORIGIN } from '../../src/electron-main/window-options';

/** Stand-ins shaped like Electron's WebContents / WebFrameMain: the check compares identities and reads urls. */
function frame(url: string, extra: { detached?: boolean; disposed?: boolean } = {}) {
  return {
    get url() {
      if (extra.disposed) throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      return url;
    },
    detached: extra.detached ?? false,
  };
}

function appWindow(mainUrl = `${APP_ORIGIN}/index.html`) {
  const mainFrame = frame(mainUrl);
  const webContents = { mainFrame };
  let destroyed = false;
  const window = { webContents, isDestroyed: () => destroyed } as unknown as SenderWindow;
  return { window, webContents, mainFrame, destroy: () => (destroyed = true) };
}

const event = (sender: unknown, senderFrame: unknown) => ({ sender, senderFrame }) as unknown as SenderEvent;

describe('isTrustedSender (Electron security checklist #17)', () => {
  it("trusts our window's top frame on app://", () => {
    const w = appWindow();
    expect(isTrustedSender(event(w.webContents, w.mainFrame), w.window)).toBe(true);
  });

  it('refuses a sub-frame of our own window, even on app://', () => {
    const w = appWindow();
    const child = frame(`${APP_ORIGIN}/index.html`);
    expect(isTrustedSender(event(w.webContents, child), w.window)).toBe(false);
  });

  it('refuses our top frame once it shows another origin', () => {
    const w = appWindow('https://evil.example/');
    expect(isTrustedSender(event(w.webContents, w.mainFrame), w.window)).toBe(false);
    const file = appWindow('file:///etc/passwd');
    expect(isTrustedSender(event(file.webContents, file.mainFrame), file.window)).toBe(false);
  });

  it('refuses another window', () => {
    const ours = appWindow();
    const other = appWindow();
    expect(isTrustedSender(event(other.webContents, other.mainFrame), ours.window)).toBe(false);
  });

  it('refuses a destroyed frame (null, detached or disposed) and a destroyed window', () => {
    const w = appWindow();
    expect(isTrustedSender(event(w.webContents, null), w.window)).toBe(false);
    const detached = appWindow();
    (detached.mainFrame as { detached: boolean }).detached = true;
    expect(isTrustedSender(event(detached.webContents, detached.mainFrame), detached.window)).toBe(false);
    const disposed = frame(`${APP_ORIGIN}/index.html`, { disposed: true });
    const d = { webContents: { mainFrame: disposed }, isDestroyed: () => false } as unknown as SenderWindow;
    expect(isTrustedSender(event(d.webContents, disposed), d)).toBe(false);
    expect(senderUrl(event(d.webContents, disposed))).toBeUndefined();
    w.destroy();
    expect(isTrustedSender(event(w.webContents, w.mainFrame), w.window)).toBe(false);
  });

  it('refuses when there is no window yet', () => {
    const w = appWindow();
    expect(isTrustedSender(event(w.webContents, w.mainFrame), null)).toBe(false);
  });

  it('trusts the loopback dev server only when it is given', () => {
    const w = appWindow('http://localhost:5173/');
    expect(isTrustedSender(event(w.webContents, w.mainFrame), w.window)).toBe(false);
    expect(isTrustedSender(event(w.webContents, w.mainFrame), w.window, 'http://localhost:5173')).toBe(true);
  });
});

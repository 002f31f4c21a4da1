import { type App, session, shell, type WebContents } from 'electron';
import { isAllowedExternalUrl } from '../node/platform/external-links';
import { isTrustedOrigin } from './app-url';

/**
 * Guards that apply to every web contents the app ever creates (Electron security checklist #5, #13, #14, #15):
 * no navigation away from app://, no new windows (allowlisted https links go to the OS browser),
 * no permissions, no <webview>.
 */
export function installSecurityGuards(app: App, devServerUrl?: string): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedOrigin(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedOrigin(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

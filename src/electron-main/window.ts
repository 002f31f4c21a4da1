import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BrowserWindow, protocol } from 'electron';
import { resolveAppUrl } from './app-url';
import { appResponseHeaders } from './content-security-policy';
import { APP_ENTRY, APP_SCHEME, secureWindowOptions } from './window-options';

/** Must run before app `ready`: app:// behaves like a standard, secure origin (fetch, CSP 'self'). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serve the built renderer from app:// instead of file://, with every path kept inside the folder. Every
 * response carries the CSP as a header (content-security-policy.ts): the pdf.js worker gets it too.
 */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppUrl(request.url, rendererRoot);
    if (!resolved) return notFound();
    try {
      const body = await readFile(resolved.path);
      return new Response(body, { headers: appResponseHeaders(resolved.mime) });
    } catch {
      return notFound();
    }
  });
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: appResponseHeaders('text/plain; charset=utf-8') });
}

export function createMainWindow(
  preloadPath: string,
  isPackaged: boolean,
  iconPath?: string,
  devServerUrl?: string,
): BrowserWindow {
  const window = new BrowserWindow(secureWindowOptions(preloadPath, isPackaged, iconPath));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? APP_ENTRY);
  return window;
}

/** electron-vite's dev server URL during `npm run dev`; never in a packaged app. */
export function devServerUrl(isPackaged: boolean): string | undefined {
  return isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
}

export function rendererRootFor(mainDir: string): string {
  return join(mainDir, '..', 'renderer');
}

import { extname, normalize, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './window-options';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/**
 * Map an app:// URL to a file inside the renderer folder, or null. The path must stay inside `root`
 * after decoding and normalisation, so `app://maskinporten/../../etc/passwd` and encoded variants fail.
 */
export function resolveAppUrl(rawUrl: string, root: string): { path: string; mime: string } | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const base = resolve(root);
  const target = resolve(base, normalize(`.${pathname === '/' ? '/index.html' : pathname}`));
  const rel = relative(base, target);
  if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..') || resolve(base, rel) !== target) return null;
  return { path: target, mime: MIME[extname(target).toLowerCase()] ?? 'application/octet-stream' };
}

/**
 * Electron security checklist #17: only our own top frame, loaded from app://, may call IPC.
 * `devServerUrl` is electron-vite's dev server, trusted only in an unpackaged `npm run dev` session.
 */
export function isTrustedOrigin(frameUrl: string | undefined, devServerUrl?: string): boolean {
  if (!frameUrl) return false;
  try {
    const url = new URL(frameUrl);
    if (`${url.protocol}//${url.host}` === APP_ORIGIN) return true;
    return (
      devServerUrl !== undefined && isLoopbackDevServer(devServerUrl) && url.origin === new URL(devServerUrl).origin
    );
  } catch {
    return false;
  }
}

function isLoopbackDevServer(raw: string): boolean {
  const url = new URL(raw);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

import { AppError } from '../../common/errors/app-error';
import { WindowTrustErrors } from '../../common/errors/window-trust-errors';

/**
 * UNC and device paths: `\\server\share`, `//server/share`, `\\?\C:\…`, `\\.\pipe\…` and NT's `\??\`.
 * Windows opens a UNC path over SMB and hands the server the user's NTLM hash without asking, so a path that
 * names another machine is a credential leak before it is a file (issue 17, finding 4); device paths
 * reach pipes and raw devices. Mapped drives (Z:\) are ordinary paths. Main refuses these wherever a path
 * can come from the window or one of its dialogs.
 */
export function isNetworkOrDevicePath(path: string): boolean {
  return /^[\\/]{2}/.test(path) || /^\\\?\?\\/.test(path);
}

/** The path, or NETWORK_PATH_REFUSED: for every path main's own dialogs answer (electron-desktop.ts). */
export function refuseNetworkPath<P extends string | null>(path: P): P {
  if (path !== null && isNetworkOrDevicePath(path)) {
    throw new AppError(WindowTrustErrors.NETWORK_PATH_REFUSED, 'Network and device paths are not used');
  }
  return path;
}

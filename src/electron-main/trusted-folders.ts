import { resolve } from 'node:path';
import type { FolderTrust } from '../node/handlers/folder-trust';
import { isNetworkOrDevicePath, refuseNetworkPath } from '../node/platform/network-path';

/**
 * The GUI's trusted download folders: those the user picked in the native folder dialog in this session,
 * and those a download job of this process writes (`jobTargets`, resolved absolute paths). Anything else
 * the renderer names is refused (src/node/handlers/folder-trust.ts says why). A folder is the one kind of
 * path the window may name back, because a person picks it once and downloads into it many times; the set
 * is the handle. Network and device paths are never trusted (network-path.ts: they leak the NTLM hash).
 */
export function createTrustedFolders(jobTargets: () => readonly string[]): FolderTrust {
  const picked = new Set<string>();
  return {
    trust(folder) {
      picked.add(resolve(refuseNetworkPath(folder)));
    },
    isTrusted(folder) {
      if (isNetworkOrDevicePath(folder)) return false;
      const full = resolve(folder);
      return picked.has(full) || jobTargets().includes(full);
    },
  };
}

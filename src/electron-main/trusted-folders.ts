import { resolve } from 'node:path';
import type { FolderTrust } from '../node/handlers/folder-trust';

/**
 * The GUI's trusted download folders: those the user picked in the native folder dialog in this session,
 * and those a download job of this process writes (`jobTargets`, resolved absolute paths). Anything else
 * the renderer names is refused (src/node/handlers/folder-trust.ts says why).
 */
export function createTrustedFolders(jobTargets: () => readonly string[]): FolderTrust {
  const picked = new Set<string>();
  return {
    trust(folder) {
      picked.add(resolve(folder));
    },
    isTrusted(folder) {
      const full = resolve(folder);
      return picked.has(full) || jobTargets().includes(full);
    },
  };
}

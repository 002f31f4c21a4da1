import type { Handler } from '../dispatch';
import { notFromDialog } from '../platform/file-handles';
import { findCopyToOpen, findVerifiedCopy } from '../preview/downloaded-copy';
import type { Services } from '../services';
import type { FolderTrust } from './folder-trust';

export function previewHandlers(s: Services, folders: FolderTrust) {
  return {
    'preview:element': (({ profileId, instanceId, elementId }) =>
      s.preview.element(profileId, instanceId, elementId)) satisfies Handler<'preview:element'>,
    'preview:open-downloaded': (async ({ elementId, folder }) => {
      // Only types whose program honours the "from the internet" mark (common/schemas/system-open.ts).
      const path = await findCopyToOpen(candidateFolders(s, folders, folder), elementId);
      await s.desktop.openPath(path);
      return { opened: true, path };
    }) satisfies Handler<'preview:open-downloaded'>,
    'preview:show-downloaded': (async ({ elementId, folder }) => {
      const path = await findVerifiedCopy(candidateFolders(s, folders, folder), elementId);
      await s.desktop.showItemInFolder(path);
      return { shown: true, path };
    }) satisfies Handler<'preview:show-downloaded'>,
  };
}

/**
 * Where to look for the verified copy. A folder from the renderer counts only if the user picked it or a
 * job wrote there (as for instances:confirm): a forged manifest elsewhere must not make us open or show an
 * arbitrary file. Without one: the folders of this session's jobs, newest first, then those of the intake
 * watches (their history opens previews too).
 */
function candidateFolders(s: Services, folders: FolderTrust, folder: string | undefined): string[] {
  if (folder && !folders.isTrusted(folder)) throw notFromDialog();
  if (folder) return [folder];
  const jobs = s.downloads.list().sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return [...new Set([...jobs.map((job) => job.target), ...s.intake.targets()])];
}

import type { Handler } from '../dispatch';
import { notFromDialog } from '../platform/file-handles';
import { findVerifiedCopy } from '../preview/downloaded-copy';
import type { Services } from '../services';
import type { FolderTrust } from './folder-trust';

export function previewHandlers(s: Services, folders: FolderTrust) {
  return {
    'preview:element': (({ profileId, instanceId, elementId }) =>
      s.preview.element(profileId, instanceId, elementId)) satisfies Handler<'preview:element'>,
    'preview:open-downloaded': (async ({ elementId, folder }) => {
      // A folder from the renderer counts only if the user picked it or a job wrote there (as for
      // instances:confirm): a forged manifest elsewhere must not make us open an arbitrary file.
      if (folder && !folders.isTrusted(folder)) {
        throw notFromDialog();
      }
      const jobs = s.downloads.list().sort((a, b) => b.startedAt.localeCompare(a.startedAt));
      // The folders of this session's jobs, then those of the intake watches (their history opens previews too).
      const candidates = folder ? [folder] : [...new Set([...jobs.map((job) => job.target), ...s.intake.targets()])];
      const path = await findVerifiedCopy(candidates, elementId);
      await s.desktop.openPath(path);
      return { opened: true, path };
    }) satisfies Handler<'preview:open-downloaded'>,
  };
}

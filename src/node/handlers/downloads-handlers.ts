import type { Handler } from '../dispatch';
import { notFromDialog } from '../platform/file-handles';
import type { Services } from '../services';
import { confirmDownloadJobInMain } from './confirm-receipt-in-main';
import type { FolderTrust } from './folder-trust';

export function downloadsHandlers(s: Services, folders: FolderTrust) {
  return {
    'downloads:choose-folder': (async () => {
      const folder = await s.desktop.chooseFolder({ title: 'Download to folder' });
      if (folder) folders.trust(folder);
      return { folder };
    }) satisfies Handler<'downloads:choose-folder'>,
    'downloads:start': (async (input) => {
      // The renderer is not trusted with paths: it may only write where the user picked in the dialog.
      if (!folders.isTrusted(input.target)) {
        throw notFromDialog();
      }
      await confirmDownloadJobInMain(s, input);
      return s.downloads.start(input);
    }) satisfies Handler<'downloads:start'>,
    'downloads:list': (() => s.downloads.list()) satisfies Handler<'downloads:list'>,
    'downloads:get': (({ jobId }) => s.downloads.get(jobId)) satisfies Handler<'downloads:get'>,
    'downloads:cancel': (({ jobId }) => s.downloads.cancel(jobId)) satisfies Handler<'downloads:cancel'>,
    'downloads:retry-failed': (({ jobId }) =>
      s.downloads.retryFailed(jobId)) satisfies Handler<'downloads:retry-failed'>,
    'downloads:open-folder': (async ({ jobId }) => {
      await s.desktop.openPath(s.downloads.targetOf(jobId));
      return { opened: true };
    }) satisfies Handler<'downloads:open-folder'>,
  };
}

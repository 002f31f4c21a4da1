import { AppError } from '../../common/errors/app-error';
import { DownloadErrors } from '../../common/errors/download-errors';
import type { Handler } from '../dispatch';
import type { Services } from '../services';
import type { FolderTrust } from './folder-trust';

export function instancesHandlers(s: Services, folders: FolderTrust) {
  return {
    'instances:query': (({ profileId, filters, next }) =>
      s.instances.query(profileId, filters, next)) satisfies Handler<'instances:query'>,
    'instances:get': (({ profileId, instanceId, appId }) =>
      s.instances.get(profileId, instanceId, appId)) satisfies Handler<'instances:get'>,
    'instances:confirm': ((input) => {
      // A folder from the renderer counts only if the user picked it or a job wrote there: a forged
      // manifest elsewhere must not be able to confirm instances that were never downloaded.
      if (input.target && !folders.isTrusted(input.target)) {
        throw new AppError(DownloadErrors.TARGET_INVALID, 'Confirm from a download job, or pick its folder first');
      }
      return s.downloads.confirmAfterwards(input);
    }) satisfies Handler<'instances:confirm'>,
  };
}

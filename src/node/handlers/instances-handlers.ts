import type { Handler } from '../dispatch';
import { notFromDialog } from '../platform/file-handles';
import type { Services } from '../services';
import { confirmAfterwardsInMain } from './confirm-receipt-in-main';
import type { FolderTrust } from './folder-trust';

export function instancesHandlers(s: Services, folders: FolderTrust) {
  return {
    'instances:query': (({ profileId, filters, next }) =>
      s.instances.query(profileId, filters, next)) satisfies Handler<'instances:query'>,
    'instances:get': (({ profileId, instanceId, appId }) =>
      s.instances.get(profileId, instanceId, appId)) satisfies Handler<'instances:get'>,
    'instances:confirm': (async (input) => {
      // A folder from the renderer counts only if the user picked it or a job wrote there: a forged
      // manifest elsewhere must not be able to confirm instances that were never downloaded.
      if (input.target && !folders.isTrusted(input.target)) {
        throw notFromDialog();
      }
      await confirmAfterwardsInMain(s, input);
      return s.downloads.confirmAfterwards(input);
    }) satisfies Handler<'instances:confirm'>,
  };
}

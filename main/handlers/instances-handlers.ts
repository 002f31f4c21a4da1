import type { Handler } from '../dispatch';
import { DownloadErrors } from '../downloads/download-errors';
import { AppError } from '../errors';
import type { Services } from '../services';
import { summarizeInstance } from '../storage/instance-summary';

export function instancesHandlers(s: Services) {
  return {
    // The table needs each instance's owner, which the shared summary leaves out; read the page here and
    // add it. TODO(storage owner): move `instanceOwner` into summarizeInstance and go back to s.instances.query.
    'instances:query': (async ({ profileId, filters, next }) => {
      const { client } = await s.storageFor(profileId);
      const page = await client.page(next ?? client.firstPageUrl(filters), filters);
      return {
        instances: page.instances.map((instance) => ({
          ...summarizeInstance(instance),
          instanceOwner: {
            partyId: instance.instanceOwner?.partyId ?? null,
            organisationNumber: instance.instanceOwner?.organisationNumber ?? null,
            personNumber: instance.instanceOwner?.personNumber ?? null,
          },
        })),
        ...(page.next ? { next: page.next } : {}),
      };
    }) satisfies Handler<'instances:query'>,
    'instances:get': (({ profileId, instanceId }) =>
      s.instances.get(profileId, instanceId)) satisfies Handler<'instances:get'>,
    'instances:confirm': ((input) => {
      // A folder from the renderer counts only if the user picked it or a job wrote there: a forged
      // manifest elsewhere must not be able to confirm instances that were never downloaded.
      if (input.target && !s.downloads.isTrustedTarget(input.target)) {
        throw new AppError(DownloadErrors.TARGET_INVALID, 'Confirm from a download job, or pick its folder first');
      }
      return s.downloads.confirmAfterwards(input);
    }) satisfies Handler<'instances:confirm'>,
  };
}

import type { Handler } from '../dispatch';
import type { Services } from '../services';

/** Clients via Digdir's self-service API (admin profile), and the manual path's data. */
export function clientsHandlers(s: Services) {
  const selfService = s.selfService;
  return {
    'clients:list': (({ adminProfileId }) => selfService.listClients(adminProfileId)) satisfies Handler<'clients:list'>,
    'clients:get': (({ adminProfileId, clientId }) =>
      selfService.getClient(adminProfileId, clientId)) satisfies Handler<'clients:get'>,
    'clients:create': ((input) => selfService.createClient(input)) satisfies Handler<'clients:create'>,
    'clients:update': ((input) => selfService.updateClient(input)) satisfies Handler<'clients:update'>,
    'clients:publish-key': ((input) => selfService.publishKey(input)) satisfies Handler<'clients:publish-key'>,
    'clients:remove-key': ((input) => selfService.removeKey(input)) satisfies Handler<'clients:remove-key'>,
    'clients:manual-guide': (({ environmentId, keyId }) =>
      selfService.manualGuide(environmentId, keyId)) satisfies Handler<'clients:manual-guide'>,
  };
}

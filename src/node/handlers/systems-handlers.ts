import type { Handler } from '../dispatch';
import type { Services } from '../services';

/** Systems in Altinn's system register and their system users, with a vendor profile (docs/system-vendors.md). */
export function systemsHandlers(s: Services) {
  const systems = s.systems;
  return {
    'systems:list': (({ vendorProfileId }) => systems.listSystems(vendorProfileId)) satisfies Handler<'systems:list'>,
    'systems:get': (({ vendorProfileId, systemId }) =>
      systems.getSystem(vendorProfileId, systemId)) satisfies Handler<'systems:get'>,
    'systems:create': ((input) => systems.createSystem(input)) satisfies Handler<'systems:create'>,
    'systems:update': ((input) => systems.updateSystem(input)) satisfies Handler<'systems:update'>,
    'systemusers:requests': (({ vendorProfileId, systemId }) =>
      systems.listRequests(vendorProfileId, systemId)) satisfies Handler<'systemusers:requests'>,
    'systemusers:request': ((input) => systems.createRequest(input)) satisfies Handler<'systemusers:request'>,
    'systemusers:status': (({ vendorProfileId, requestId, kind }) =>
      systems.requestStatus(vendorProfileId, requestId, kind)) satisfies Handler<'systemusers:status'>,
    'systemusers:list': (({ vendorProfileId, systemId }) =>
      systems.listSystemUsers(vendorProfileId, systemId)) satisfies Handler<'systemusers:list'>,
    'systemusers:make-profile': ((input) => systems.makeProfile(input)) satisfies Handler<'systemusers:make-profile'>,
    'systemusers:copy-link': (({ url }) => systems.copyLink(url)) satisfies Handler<'systemusers:copy-link'>,
    'systemusers:qr': (({ url }) => systems.approvalQr(url)) satisfies Handler<'systemusers:qr'>,
  };
}

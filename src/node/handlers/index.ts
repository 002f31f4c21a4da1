import type { Handlers } from '../dispatch';
import type { Services } from '../services';
import { appHandlers } from './app-handlers';
import { clientsHandlers } from './clients-handlers';
import { downloadsHandlers } from './downloads-handlers';
import { instancesHandlers } from './instances-handlers';
import { keysHandlers } from './keys-handlers';
import { profilesHandlers } from './profiles-handlers';
import { systemsHandlers } from './systems-handlers';
import { tokenHandlers } from './token-handlers';

/** Every channel's handler; each area adds its map here with one line. */
export function createHandlers(s: Services): Handlers {
  return {
    ...appHandlers(s),
    ...instancesHandlers(s),
    ...downloadsHandlers(s),
    ...keysHandlers(s),
    ...profilesHandlers(s),
    ...tokenHandlers(s),
    ...clientsHandlers(s),
    ...systemsHandlers(s),
  };
}

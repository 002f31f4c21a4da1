import type { Handlers } from '../dispatch';
import type { Services } from '../services';
import { appHandlers } from './app-handlers';

/** Every channel's handler; each area adds its map here with one line. */
export function createHandlers(s: Services): Handlers {
  return {
    ...appHandlers(s),
  };
}

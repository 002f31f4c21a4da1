import { createDispatch, type Dispatch } from '../node/dispatch';
import { createHandlers } from '../node/handlers';
import type { Services } from '../node/services';
import { createTrustedFolders } from './trusted-folders';

/**
 * The dispatch behind the window's IPC: every handler, with the folder trust only the GUI has. The
 * Chromium test harness builds its `window.api` on this too, so it checks folders as the app does.
 */
export function createWindowDispatch(services: Services): Dispatch {
  // The folders of the download jobs and of the intake watches (the preview opens verified copies there).
  const folders = createTrustedFolders(() => [...services.downloads.targets(), ...services.intake.targets()]);
  return createDispatch(createHandlers(services, { folders }), services.logger);
}

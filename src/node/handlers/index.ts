import type { Handlers } from '../dispatch';
import type { FileHandles } from '../platform/file-handles';
import type { Services } from '../services';
import { appHandlers } from './app-handlers';
import { bulkSendHandlers } from './bulk-send-handlers';
import { clientsHandlers } from './clients-handlers';
import { downloadsHandlers } from './downloads-handlers';
import { eventsHandlers } from './events-handlers';
import type { FolderTrust } from './folder-trust';
import { instanceActsHandlers } from './instance-acts-handlers';
import { instancesExportHandlers } from './instances-export-handlers';
import { instancesHandlers } from './instances-handlers';
import { intakeHandlers } from './intake-handlers';
import { keysHandlers } from './keys-handlers';
import { previewHandlers } from './preview-handlers';
import { profilesHandlers } from './profiles-handlers';
import { systemsHandlers } from './systems-handlers';
import { tokenHandlers } from './token-handlers';

/** What only the front end that owns the window can provide. */
export interface HandlerShell {
  folders: FolderTrust;
  /** Files main's own dialogs chose, by handle (the window never names a path). */
  files: FileHandles;
}

/** Every channel's handler; each area adds its map here with one line. */
export function createHandlers(s: Services, shell: HandlerShell): Handlers {
  return {
    ...appHandlers(s),
    ...instancesHandlers(s, shell.folders),
    ...downloadsHandlers(s, shell.folders),
    ...keysHandlers(s, shell.files),
    ...profilesHandlers(s),
    ...tokenHandlers(s),
    ...clientsHandlers(s),
    ...previewHandlers(s, shell.folders),
    ...instancesExportHandlers(s),
    ...systemsHandlers(s),
    ...intakeHandlers(s, shell.folders),
    ...instanceActsHandlers(s, shell.files),
    ...bulkSendHandlers(s, shell.files),
    ...eventsHandlers(s),
  };
}

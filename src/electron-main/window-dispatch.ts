import { createDispatch, type Dispatch } from '../node/dispatch';
import { createHandlers } from '../node/handlers';
import { droppedFileHandler } from '../node/handlers/dropped-file';
import { createFileHandles } from '../node/platform/file-handles';
import type { Services } from '../node/services';
import { createTrustedFolders } from './trusted-folders';

/**
 * What the window's IPC reaches: the dispatch of every handler, with the folder trust and file handles only
 * the GUI has, and the dropped-file channel the preload alone calls. The Chromium test harness builds its
 * `window.api` on this too, so it checks folders and files as the app does.
 */
export function createWindowShell(services: Services): {
  dispatch: Dispatch;
  droppedFile: ReturnType<typeof droppedFileHandler>;
} {
  // The folders of the download jobs and of the intake watches (the preview opens verified copies there).
  const folders = createTrustedFolders(() => [...services.downloads.targets(), ...services.intake.targets()]);
  const files = createFileHandles({ now: () => services.now().getTime() });
  return {
    dispatch: createDispatch(createHandlers(services, { folders, files }), services.logger),
    droppedFile: droppedFileHandler(services, files),
  };
}

export function createWindowDispatch(services: Services): Dispatch {
  return createWindowShell(services).dispatch;
}

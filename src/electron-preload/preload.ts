import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { apiShape } from '../common/contract';
import { buildApi } from '../common/contract/build-api';
import type { DroppedFilePurpose } from '../common/contract/dropped-files';
import { DROPPED_FILE_CHANNEL } from '../common/contract/files';

/** window.api, built from the contract (build-api.ts) over ipcRenderer; nothing else reaches the page. */
const api = buildApi(
  (channel, input) => ipcRenderer.invoke(channel, input),
  (event, listener) => {
    const wrapped = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
  apiShape,
);

api.files = {
  // Files dropped on the window. Each path is read here, in the isolated world, from the File object itself,
  // and goes straight to main, which names the files in its own dialog and answers handles (or null on a
  // no); the page never sees a path and cannot hand in one of its own (issue 17, finding 4).
  handlesForDroppedFiles: async (files: readonly unknown[], purpose: DroppedFilePurpose) => {
    const paths = Array.from(files, (file) => (file instanceof File ? webUtils.getPathForFile(file) : ''));
    if (paths.length === 0 || paths.some((path) => !path)) {
      return { ok: false, error: { code: 'PATH_NOT_FROM_DIALOG', message: 'A dropped item is not a file on disk' } };
    }
    return ipcRenderer.invoke(DROPPED_FILE_CHANNEL, { paths, purpose });
  },
};

contextBridge.exposeInMainWorld('api', api);

import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { apiShape } from '../common/contract';
import { buildApi } from '../common/contract/build-api';
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
  // A key file dropped on the window. The path is read here, in the isolated world, from the File object
  // itself, and goes straight to main, which names the file in its own dialog and answers a handle (or null
  // on a no); the page never sees the path and cannot hand in one of its own (issue 17, finding 4).
  handleForDroppedFile: async (file: unknown) => {
    const path = file instanceof File ? webUtils.getPathForFile(file) : '';
    if (!path) {
      return { ok: false, error: { code: 'PATH_NOT_FROM_DIALOG', message: 'The dropped item is not a file on disk' } };
    }
    return ipcRenderer.invoke(DROPPED_FILE_CHANNEL, { path, purpose: 'key-import' });
  },
};

contextBridge.exposeInMainWorld('api', api);

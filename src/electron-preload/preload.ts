import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { apiShape } from '../common/contract';
import { buildApi } from '../common/contract/build-api';

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
  // Only the path string crosses; main reads the file and treats it like any other import path.
  pathForFile: (file: unknown) => (file instanceof File ? webUtils.getPathForFile(file) : ''),
};

contextBridge.exposeInMainWorld('api', api);

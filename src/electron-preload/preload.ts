import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { channelNames, eventNames, methodPath } from '../common/contract';

/**
 * window.api, built from the contract: one named function per channel and `on` for the declared
 * events. No generic invoke and no ipcRenderer reach the page (VS Code's minimal-surface preload).
 */
const api: Record<string, unknown> = {};
for (const name of channelNames) {
  const [ns, method] = methodPath(name);
  if (!api[ns]) api[ns] = {};
  const group = api[ns] as Record<string, unknown>;
  group[method] = (input?: unknown) => ipcRenderer.invoke(name, input);
}
api.on = (event: string, listener: (payload: unknown) => void) => {
  if (!(eventNames as string[]).includes(event)) throw new Error(`Unknown event ${event}`);
  const wrapped = (_e: unknown, payload: unknown) => listener(payload);
  ipcRenderer.on(event, wrapped);
  return () => ipcRenderer.removeListener(event, wrapped);
};

api.files = {
  // Only the path string crosses; main reads the file and treats it like any other import path.
  pathForFile: (file: unknown) => (file instanceof File ? webUtils.getPathForFile(file) : ''),
};

contextBridge.exposeInMainWorld('api', api);

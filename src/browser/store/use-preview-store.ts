import { create } from 'zustand';
import type { ElementPreview } from '../../common/contract/preview';
import { type ApiError, call } from '../api';
import { asApiError } from './as-api-error';
import type { LoadState } from './load-state';

/** Which element to show: enough to ask main for it, and to title the dialog before the bytes arrive. */
export interface PreviewTarget {
  profileId: string;
  instanceId: string;
  elementId: string;
  filename?: string | null;
}

export interface PreviewState {
  target?: PreviewTarget;
  status: LoadState;
  preview?: ElementPreview;
  error?: ApiError;
  /** "Open in a program on this computer" for kinds the window does not show. */
  systemOpen: { status: LoadState; path?: string; error?: ApiError };

  open(target: PreviewTarget): Promise<void>;
  retry(): Promise<void>;
  close(): void;
  /** Open the verified downloaded copy: from `folder`, or from the folders of this session's download jobs. */
  openWithSystem(folder?: string): Promise<void>;
  /** Let the person pick the download folder (it becomes trusted in main), then open from it. */
  chooseFolderAndOpen(): Promise<void>;
}

const idleSystemOpen = { status: 'idle' as LoadState };

/**
 * The preview of one data element, shared by every view that lists elements (instance details, the
 * intake history). Components call these actions; only this store talks to main about previews.
 */
export const usePreviewStore = create<PreviewState>()((set, get) => {
  // A preview that arrives after the dialog moved on to another element (or closed) is dropped.
  let generation = 0;

  return {
    status: 'idle',
    systemOpen: idleSystemOpen,

    async open(target) {
      const mine = ++generation;
      set({ target, status: 'loading', preview: undefined, error: undefined, systemOpen: idleSystemOpen });
      try {
        const preview = await call('preview:element', {
          profileId: target.profileId,
          instanceId: target.instanceId,
          elementId: target.elementId,
        });
        if (mine === generation) set({ preview, status: 'ready' });
      } catch (error) {
        if (mine === generation) set({ status: 'failed', error: asApiError(error) });
      }
    },

    async retry() {
      const target = get().target;
      if (target) await get().open(target);
    },

    close() {
      generation++;
      set({ target: undefined, status: 'idle', preview: undefined, error: undefined, systemOpen: idleSystemOpen });
    },

    async openWithSystem(folder) {
      const target = get().target;
      if (!target) return;
      const mine = generation;
      set({ systemOpen: { status: 'loading' } });
      try {
        const result = await call('preview:open-downloaded', {
          elementId: target.elementId,
          ...(folder ? { folder } : {}),
        });
        if (mine === generation) set({ systemOpen: { status: 'ready', path: result.path } });
      } catch (error) {
        if (mine === generation) set({ systemOpen: { status: 'failed', error: asApiError(error) } });
      }
    },

    async chooseFolderAndOpen() {
      const mine = generation;
      try {
        const { folder } = await call('downloads:choose-folder');
        if (folder && mine === generation) await get().openWithSystem(folder);
      } catch (error) {
        if (mine === generation) set({ systemOpen: { status: 'failed', error: asApiError(error) } });
      }
    },
  };
});

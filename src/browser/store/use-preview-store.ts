import { create } from 'zustand';
import type { ElementPreview } from '../../common/contract/preview';
import { call } from '../api';
import { asApiError } from './as-api-error';
import { idle, type Loadable, load, slot } from './load-state';

/** Which element to show: enough to ask main for it, and to title the dialog before the bytes arrive. */
export interface PreviewTarget {
  profileId: string;
  instanceId: string;
  elementId: string;
  filename?: string | null;
}

export interface PreviewState {
  target?: PreviewTarget;
  preview: Loadable<ElementPreview | undefined>;
  /**
   * "Open in a program on this computer" (or "Show in folder", for types the app does not open: the
   * preview's `systemOpen`) for kinds the window does not show: the path main opened or showed. Kept here,
   * not in the button's component, because choosing a folder and opening from it is one chain whose
   * failure at either step lands in this one state (a cancelled folder choice leaves it as it was), and an
   * answer for an element the dialog has left is dropped like the preview's own.
   */
  systemOpen: Loadable<string | undefined>;

  open(target: PreviewTarget): Promise<void>;
  retry(): Promise<void>;
  close(): void;
  /** Open the verified downloaded copy: from `folder`, or from the folders of this session's download jobs. */
  openWithSystem(folder?: string): Promise<void>;
  /** Show the verified downloaded copy in its folder (types the app does not open), found as for opening. */
  showInFolder(folder?: string): Promise<void>;
  /** Let the person pick the download folder (it becomes trusted in main), then open or show from it. */
  chooseFolderAndOpen(): Promise<void>;
}

const nothingShown = {
  preview: idle<ElementPreview | undefined>(undefined),
  systemOpen: idle<string | undefined>(undefined),
};

/**
 * The preview of one data element, shared by every view that lists elements (instance details, the
 * intake history). Components call these actions; only this store talks to main about previews.
 */
export const usePreviewStore = create<PreviewState>()((set, get) => {
  // A preview that arrives after the dialog moved on to another element (or closed) is dropped.
  let generation = 0;

  return {
    ...nothingShown,

    async open(target) {
      const mine = ++generation;
      const { profileId, instanceId, elementId } = target;
      set({ target, ...nothingShown });
      await load(slot(set, get, 'preview'), () => call('preview:element', { profileId, instanceId, elementId }), {
        isCurrent: () => mine === generation,
      });
    },

    async retry() {
      const target = get().target;
      if (target) await get().open(target);
    },

    close() {
      generation++;
      set({ target: undefined, ...nothingShown });
    },

    async openWithSystem(folder) {
      const target = get().target;
      if (!target) return;
      const mine = generation;
      await load(
        slot(set, get, 'systemOpen'),
        async () =>
          (await call('preview:open-downloaded', { elementId: target.elementId, ...(folder ? { folder } : {}) })).path,
        { isCurrent: () => mine === generation },
      );
    },

    async showInFolder(folder) {
      const target = get().target;
      if (!target) return;
      const mine = generation;
      await load(
        slot(set, get, 'systemOpen'),
        async () =>
          (await call('preview:show-downloaded', { elementId: target.elementId, ...(folder ? { folder } : {}) })).path,
        { isCurrent: () => mine === generation },
      );
    },

    async chooseFolderAndOpen() {
      const mine = generation;
      try {
        const { folder } = await call('downloads:choose-folder');
        if (!folder || mine !== generation) return;
        // What main said the type allows (common/schemas/system-open.ts).
        const show = get().preview.value?.systemOpen?.action === 'show-in-folder';
        await (show ? get().showInFolder(folder) : get().openWithSystem(folder));
      } catch (error) {
        if (mine === generation) set({ systemOpen: { status: 'failed', error: asApiError(error), value: undefined } });
      }
    },
  };
});

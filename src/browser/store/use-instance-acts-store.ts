import { create } from 'zustand';
import type { ChannelInput } from '../../common/contract';
import type {
  ActInstanceView,
  AppMetadataView,
  CreatedInstanceView,
  LocalFileInfo,
  ProcessView,
} from '../../common/contract/instance-acts';
import { call } from '../api';
import { idle, type Loadable, load, slot } from './load-state';
import { useInstancesStore } from './use-instances-store';

/**
 * Acting on instances (issue 19): the app's metadata for the "Ny instans" dialog, and for the instance open
 * in the details panel its status (substatus, texts, values) and its process. Every write returns what
 * Altinn answered; the details panel shows it at once, and the table is refreshed when the panel closes.
 */
export interface InstanceActsState {
  /** The metadata of the app last asked for (the dialog's data types and limits). */
  metadata: Loadable<AppMetadataView | undefined>;
  metadataFor?: string;
  /** The instance open in the details panel, with what its user and owner see. */
  instance: Loadable<ActInstanceView | undefined>;
  process: Loadable<ProcessView | undefined>;
  /** The instance whose details are open; answers for another are dropped. */
  openId?: string;
  /** Something was changed on this instance: refresh the table when its panel closes. */
  changed?: string;

  loadMetadata(profileId: string, appId: string): Promise<void>;
  /** `read`: the details' read of the instance (instances:get), shown as it is instead of reading it again. */
  open(profileId: string, appId: string, instanceId: string, read?: ActInstanceView): Promise<void>;
  close(): void;
  reloadProcess(profileId: string, appId: string, instanceId: string): Promise<void>;

  /** Main's open dialog: the picked file's new handle and what main read of it, or null. */
  chooseFile(purpose: 'data' | 'prefill'): Promise<LocalFileInfo | null>;
  /** A dropped file's name, size and content type, by handle; the answer carries its new handle. */
  inspectFile(handle: string): Promise<LocalFileInfo>;
  readPrefill(handle: string): Promise<Record<string, string>>;

  create(input: ChannelInput<'act:create'>): Promise<CreatedInstanceView>;
  addData(input: ChannelInput<'act:data-add'>): Promise<void>;
  replaceData(input: ChannelInput<'act:data-replace'>): Promise<void>;
  deleteData(input: ChannelInput<'act:data-delete'>): Promise<void>;
  processNext(input: ChannelInput<'act:process-next'>): Promise<void>;
  processComplete(input: ChannelInput<'act:process-complete'>): Promise<void>;
  updateStatus(input: ChannelInput<'act:update-status'>): Promise<void>;
  deleteInstance(input: ChannelInput<'act:delete'>): Promise<void>;
}

export const useInstanceActsStore = create<InstanceActsState>()((set, get) => {
  /** A view Altinn answered becomes the panel's (and the details' facts and files). */
  function show(view: ActInstanceView) {
    if (get().openId !== view.id) return;
    set({ instance: { status: 'ready', value: view }, changed: view.id });
    // The details panel reads the instances store's `detail`; the answer is a superset of it.
    if (useInstancesStore.getState().detailId === view.id) {
      useInstancesStore.setState({ detail: { status: 'ready', value: view } });
    }
  }

  async function afterProcess(input: { profileId: string; appId: string; instanceId: string }, process: ProcessView) {
    if (get().openId !== input.instanceId) return;
    set({ process: { status: 'ready', value: process }, changed: input.instanceId });
    show(await call('act:instance', input));
  }

  return {
    metadata: idle(undefined),
    instance: idle(undefined),
    process: idle(undefined),

    async loadMetadata(profileId, appId) {
      const key = `${profileId}|${appId}`;
      if (get().metadataFor === key && get().metadata.status === 'ready') return;
      set({ metadataFor: key });
      await load(slot(set, get, 'metadata'), () => call('act:app-metadata', { profileId, appId }), {
        isCurrent: () => get().metadataFor === key,
      });
    },

    async open(profileId, appId, instanceId, read) {
      const changed = get().openId !== instanceId;
      const given = read?.id === instanceId ? read : undefined;
      set({
        openId: instanceId,
        ...(changed ? { instance: idle(undefined), process: idle(undefined) } : {}),
        ...(given ? { instance: { status: 'ready' as const, value: given } } : {}),
      });
      const isCurrent = () => get().openId === instanceId;
      await Promise.all([
        given
          ? undefined
          : load(slot(set, get, 'instance'), () => call('act:instance', { profileId, appId, instanceId }), {
              isCurrent,
              refresh: true,
            }),
        load(slot(set, get, 'process'), () => call('act:process', { profileId, appId, instanceId }), {
          isCurrent,
          refresh: true,
        }),
        get().loadMetadata(profileId, appId),
      ]);
    },

    close() {
      const changed = get().changed;
      set({ openId: undefined, changed: undefined, instance: idle(undefined), process: idle(undefined) });
      // The table shows the task, the files and the status: refresh it once the changed instance is closed.
      if (changed) void useInstancesStore.getState().refresh();
    },

    async reloadProcess(profileId, appId, instanceId) {
      await load(slot(set, get, 'process'), () => call('act:process', { profileId, appId, instanceId }), {
        isCurrent: () => get().openId === instanceId,
        refresh: true,
      });
    },

    async chooseFile(purpose) {
      return (await call('act:choose-file', { purpose })).file;
    },

    inspectFile(handle) {
      return call('act:inspect-file', { file: handle });
    },

    async readPrefill(handle) {
      return (await call('act:read-prefill', { file: handle })).prefill;
    },

    async create(input) {
      return call('act:create', input);
    },

    async addData(input) {
      show((await call('act:data-add', input)).instance);
    },

    async replaceData(input) {
      show((await call('act:data-replace', input)).instance);
    },

    async deleteData(input) {
      show(await call('act:data-delete', input));
    },

    async processNext(input) {
      await afterProcess(input, await call('act:process-next', input));
    },

    async processComplete(input) {
      await afterProcess(input, await call('act:process-complete', input));
    },

    async updateStatus(input) {
      show(await call('act:update-status', input));
    },

    async deleteInstance(input) {
      show(await call('act:delete', input));
    },
  };
});

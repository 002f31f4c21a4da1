/**
 * THE seam between the renderer and main. Every IPC channel is declared here (each area keeps its
 * channel list in src/common/contract/<area>.ts so the areas can grow independently; this file is the one
 * place that joins them). The renderer may only `import type` from this file.
 */
import type { z } from 'zod';
import type { AppErrorJson } from '../errors/app-error';
import { appChannels } from './app';
import type { ApiShape } from './build-api';
import { bulkSendChannels } from './bulk-send';
import { clientsChannels } from './clients';
import { downloadsChannels } from './downloads';
import { eventsChannels } from './events';
import { instanceActsChannels } from './instance-acts';
import { instancesChannels } from './instances';
import { instancesExportChannels } from './instances-export';
import { intakeChannels } from './intake';
import { keysChannels } from './keys';
import { methodPath } from './method-path';
import { previewChannels } from './preview';
import { profileChannels } from './profiles';
import { systemsChannels } from './systems';
import { tokenChannels } from './token';

export const channels = {
  ...appChannels,
  ...instancesChannels,
  ...downloadsChannels,
  ...keysChannels,
  ...profileChannels,
  ...tokenChannels,
  ...clientsChannels,
  ...previewChannels,
  ...instancesExportChannels,
  ...systemsChannels,
  ...intakeChannels,
  ...instanceActsChannels,
  ...bulkSendChannels,
  ...eventsChannels,
};

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelParsed<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelResult<C extends ChannelName> = Exclude<Channels[C]['result'], undefined>;

/** What crosses the IPC boundary: never a thrown error, always one of these. */
export type Envelope<R> = { ok: true; result: R } | { ok: false; error: AppErrorJson };

/** Events main pushes to the window. */
export interface Events {
  'settings:changed': import('./app').UiSettings;
  'token:changed': import('./token-status').TokenChanged;
  'downloads:progress': import('./downloads').DownloadProgress;
  'intake:changed': import('./intake').WatchView;
  'send:progress': import('./bulk-send-types').SendJobSummary;
  'events:followed': import('./events').EventsFollowUpdate;
}
export type EventName = keyof Events;
export const eventNames: EventName[] = [
  'token:changed',
  'settings:changed',
  'downloads:progress',
  'intake:changed',
  'send:progress',
  'events:followed',
];

export const channelNames = Object.keys(channels) as ChannelName[];

/**
 * window.api: `api.keys.generate(input)` for channel `keys:generate`; colons split the namespace,
 * dashes become camelCase (`shell:open-external` → `api.shell.openExternal`).
 */
type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
type NamespaceOf<C> = C extends `${infer N}:${string}` ? N : never;
type MethodOf<C> = C extends `${string}:${infer M}` ? Camel<M> : never;

export type Api = {
  [N in NamespaceOf<ChannelName>]: {
    [C in ChannelName as NamespaceOf<C> extends N ? MethodOf<C> : never]: undefined extends ChannelInput<C>
      ? (input?: ChannelInput<C>) => Promise<Envelope<ChannelResult<C>>>
      : (input: ChannelInput<C>) => Promise<Envelope<ChannelResult<C>>>;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /**
   * The one preload helper that is not a channel: handles for files dropped on the window. The preload reads
   * each path from the File itself (Electron's webUtils.getPathForFile, which only a preload can call) and
   * main confirms the files by name in its own dialog, once for the drop (files.ts). Null when the person
   * said no; an error when an item is not a file on disk. Absent outside Electron.
   */
  files?: {
    handlesForDroppedFiles(
      files: readonly unknown[],
      purpose: import('./dropped-files').DroppedFilePurpose,
    ): Promise<Envelope<import('./files').PickedFile[] | null>>;
  };
};

export { methodPath };

/** The contract as data, for buildApi (build-api.ts). */
export const apiShape: ApiShape = {
  channels: channelNames.map((name) => [name, ...methodPath(name)] as const),
  events: eventNames,
};

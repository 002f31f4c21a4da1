import type { ComponentType } from 'react';
import type { ViewId } from '../store/use-app-store';
import { SendView } from './bulk-send/SendView';
import { ClientsView } from './clients/ClientsView';
import { DownloadsView } from './downloads/DownloadsView';
import { EventsView } from './events/EventsView';
import { InstancesView } from './instances/InstancesView';
import { IntakeView } from './intake/IntakeView';
import { KeysView } from './keys/KeysView';
import { ProfilesView } from './profiles/ProfilesView';
import { SystemsView } from './systems/SystemsView';
import { TokenView } from './token/TokenView';

/** One view per task; each lives in src/browser/features/<task>/<Task>View.tsx. */
export const views: Record<ViewId, ComponentType> = {
  keys: KeysView,
  profiles: ProfilesView,
  clients: ClientsView,
  systems: SystemsView,
  token: TokenView,
  instances: InstancesView,
  downloads: DownloadsView,
  intake: IntakeView,
  send: SendView,
  events: EventsView,
};

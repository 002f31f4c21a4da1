import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { WatchSelection } from '../../common/contract/intake';

/** What makes two watches the same one: their passes share one high-water mark, retry list and history. */
export interface WatchIdentity {
  profileId: string;
  appId: string;
  target: string;
  selection: WatchSelection;
}

/**
 * The key of a watch's pass state in the home folder. The app's watch and an `mpd sync` with the same
 * profile, app, folder and selection have the same key, so they share the mark, take turns (pass-state.ts
 * locks it) and write one history. Interval and confirm are not part of it: changing them keeps the mark;
 * another folder or selection starts over, as it must (that folder has none of the instances yet).
 */
export function watchKey(identity: WatchIdentity): string {
  const selection = identity.selection.kind === 'task' ? `task:${identity.selection.task}` : 'complete';
  const text = [identity.profileId, identity.appId, resolve(identity.target), selection].join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 20);
}

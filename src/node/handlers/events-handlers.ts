import type { Handler } from '../dispatch';
import type { Services } from '../services';

/** The Hendelser view and the instance details' Historikk (issue 20). A follow runs in main; its news are pushed. */
export function eventsHandlers(s: Services) {
  return {
    'events:list': ((input) => s.appEvents.list(input)) satisfies Handler<'events:list'>,
    'events:follow': ((input) => s.appEvents.startFollow(input)) satisfies Handler<'events:follow'>,
    'events:unfollow': (({ followId }) => s.appEvents.stopFollow(followId)) satisfies Handler<'events:unfollow'>,
    'events:instance-history': ((input) =>
      s.appEvents.instanceHistory(input)) satisfies Handler<'events:instance-history'>,
  };
}

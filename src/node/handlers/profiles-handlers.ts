import type { Handler } from '../dispatch';
import { SCOPE_SUGGESTIONS } from '../profiles/scope-suggestions';
import type { Services } from '../services';

export function profilesHandlers(s: Services) {
  return {
    'environments:resolve': (({ id }) => s.environments.resolve(id)) satisfies Handler<'environments:resolve'>,
    'profiles:list': ((input) => s.profiles.list(input?.environmentId)) satisfies Handler<'profiles:list'>,
    'profiles:get': (({ id }) => s.profiles.get(id)) satisfies Handler<'profiles:get'>,
    'profiles:add': ((input) => s.profiles.add(input)) satisfies Handler<'profiles:add'>,
    'profiles:update': (({ id, patch }) => s.profiles.update(id, patch)) satisfies Handler<'profiles:update'>,
    'profiles:remove': (async ({ id }) => {
      const removed = await s.profiles.remove(id);
      return { removed: removed.id };
    }) satisfies Handler<'profiles:remove'>,
    'profiles:scope-suggestions': (() => [...SCOPE_SUGGESTIONS]) satisfies Handler<'profiles:scope-suggestions'>,
  };
}

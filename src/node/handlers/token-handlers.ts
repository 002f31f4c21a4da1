import type { Handler } from '../dispatch';
import type { Services } from '../services';

export function tokenHandlers(s: Services) {
  return {
    'token:get': (({ profileId, altinn, forceRefresh }) =>
      s.tokens.getToken(profileId, { altinn, forceRefresh })) satisfies Handler<'token:get'>,
    'token:cached': (async ({ profileId }) =>
      (await s.tokens.cached(profileId)) ?? null) satisfies Handler<'token:cached'>,
    'token:copy': (({ profileId, which }) => s.tokens.copyToken(profileId, which)) satisfies Handler<'token:copy'>,
    'token:doctor': (({ profileId }) => s.tokens.doctor(profileId)) satisfies Handler<'token:doctor'>,
    'token:clear': (({ profileId }) => {
      if (profileId) s.tokens.clearProfile(profileId);
      else s.tokens.clear();
      return { cleared: true as const };
    }) satisfies Handler<'token:clear'>,
  };
}

import type { Profile } from '../../common/schemas/profile';
import type { AltinnTokenSource } from '../auth/token-source';
import type { Environment } from '../environments/environments';
import type { RetryPolicy } from '../platform/retry';
import { StorageClient } from './storage-client';

/** A profile's Storage client with the environment it talks to. */
export interface StorageContext {
  client: StorageClient;
  environment: Environment;
}

export interface StorageResolverDeps {
  getProfile(id: string): Promise<Profile>;
  getEnvironment(id: string): Promise<Environment>;
  tokens: AltinnTokenSource;
  fetch: typeof fetch;
  retry?: RetryPolicy;
}

/**
 * The Storage client for a profile, in the profile's environment. One client per profile version, so
 * its keep-alive connections are reused across queries and jobs; an edited profile gets a new one.
 */
export function createStorageResolver(deps: StorageResolverDeps): (profileId: string) => Promise<StorageContext> {
  const cache = new Map<string, { key: string; context: StorageContext }>();
  return async (profileId) => {
    const profile = await deps.getProfile(profileId);
    const environment = await deps.getEnvironment(profile.environmentId);
    const key = `${profile.updatedAt}|${JSON.stringify(environment.altinn)}`;
    const cached = cache.get(profile.id);
    if (cached?.key === key) return cached.context;
    const client = new StorageClient({
      fetch: deps.fetch,
      tokens: deps.tokens,
      profileId: profile.id,
      profileOrg: profile.org,
      environment,
      retry: deps.retry,
    });
    const context = { client, environment };
    cache.set(profile.id, { key, context });
    return context;
  };
}

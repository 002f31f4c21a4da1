import { z } from 'zod';
import { type Profile, profileInputSchema, profilePatchSchema } from '../schemas/profile';
import type { EnvironmentSummary } from './app';
import { channel } from './define';

export type { Profile, ProfileInput, ProfilePatch } from '../schemas/profile';

/**
 * An environment with the Maskinporten endpoints actually in use: the configured ones, or those read from
 * the well-known metadata (RFC 8414) when it answered. `discovered` says which.
 */
export interface ResolvedEnvironment extends EnvironmentSummary {
  discovered: boolean;
  /** When the metadata was fetched (ISO time), or when the last attempt failed. */
  discoveredAt?: string;
  /** Why the configured endpoints are used although a well-known URL exists. */
  discoveryError?: string;
}

export interface ScopeSuggestion {
  scope: string;
  /** What the scope allows, as a key the renderer looks up in its messages. */
  use: 'instances-read' | 'instances-write' | 'self-service-read' | 'self-service-write' | 'self-service-modify';
  /** Suggested for ordinary profiles, or only for admin (self-service) profiles. */
  admin: boolean;
}

const profileId = z.string().min(1).max(64);

export const profileChannels = {
  'environments:resolve': channel<ResolvedEnvironment>()(z.strictObject({ id: z.string().min(1).max(64) })),
  'profiles:list': channel<Profile[]>()(
    z.strictObject({ environmentId: z.string().min(1).max(64).optional() }).optional(),
  ),
  'profiles:get': channel<Profile>()(z.strictObject({ id: profileId })),
  'profiles:add': channel<Profile>()(profileInputSchema),
  'profiles:update': channel<Profile>()(z.strictObject({ id: profileId, patch: profilePatchSchema })),
  'profiles:remove': channel<{ removed: string }>()(z.strictObject({ id: profileId })),
  'profiles:scope-suggestions': channel<ScopeSuggestion[]>()(z.undefined()),
};

import { join } from 'node:path';
import { z } from 'zod';
import { JsonDocumentStore } from '../platform/json-document-store';
import type { AuthorizationServerMetadata } from './environment-discovery';

/**
 * Good well-known answers kept in the home folder (cache/well-known.json), so a new process — each
 * scheduled `mpd` run, the app's start — does not spend a round trip to Maskinporten on metadata it read
 * minutes ago (issue 14: the latency before the first file). Only a cache: a damaged or unreadable file
 * is as good as none, and what it holds is checked again by the caller (environment-discovery.ts).
 */
export interface DiscoveryCacheFile {
  get(url: string): Promise<{ metadata: AuthorizationServerMetadata; at: Date } | undefined>;
  put(url: string, metadata: AuthorizationServerMetadata, at: Date): Promise<void>;
}

const entrySchema = z.strictObject({
  issuer: z.string().min(1).max(2048),
  tokenEndpoint: z.string().min(1).max(2048),
  jwksUri: z.string().max(2048).optional(),
  at: z.iso.datetime(),
});
const fileSchema = z.strictObject({ version: z.literal(1), entries: z.record(z.string(), entrySchema) });
type CacheFile = z.infer<typeof fileSchema>;

/** At most this many well-known URLs are kept (presets and a few custom environments). */
const MAX_ENTRIES = 20;

export function discoveryCacheFile(home: string): DiscoveryCacheFile {
  const store = new JsonDocumentStore<CacheFile>(join(home, 'cache', 'well-known.json'), fileSchema, () => ({
    version: 1,
    entries: {},
  }));
  const read = (): Promise<CacheFile> => store.read().catch(() => ({ version: 1, entries: {} }));
  return {
    async get(url) {
      const entry = (await read()).entries[url];
      if (!entry) return undefined;
      const { at, ...metadata } = entry;
      return { metadata, at: new Date(at) };
    },
    async put(url, metadata, at) {
      const file = await read();
      const entries = Object.entries({ ...file.entries, [url]: { ...metadata, at: at.toISOString() } })
        .sort(([, a], [, b]) => b.at.localeCompare(a.at))
        .slice(0, MAX_ENTRIES);
      await store.write({ version: 1, entries: Object.fromEntries(entries) }).catch(() => {});
    },
  };
}

import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { AltinnTokenSource } from '../../../src/node/auth/token-source';
import { DownloadManager, type DownloadManagerOptions } from '../../../src/node/downloads/download-manager';
import type { Environment } from '../../../src/node/environments/environments';
import { StorageClient } from '../../../src/node/storage/storage-client';
import { type FakeStorageOptions, simpleTokenCheck, startFakeAltinnStorage } from '../../fakes/altinn-storage';

/** The outside world for a token: `tok-1`, then `tok-2` after a forced refresh, and so on. */
export function tokenStub(prefix = 'tok') {
  let n = 1;
  const calls = { get: 0, refresh: 0, profiles: [] as string[] };
  const source: AltinnTokenSource & { calls: typeof calls } = {
    calls,
    async getAltinnToken(profileId, options) {
      calls.profiles.push(profileId);
      if (options?.forceRefresh) {
        n++;
        calls.refresh++;
      }
      calls.get++;
      return `${prefix}-${n}`;
    },
  };
  return source;
}

export const fastRetry = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 5_000 };

export async function harness(
  options: Partial<FakeStorageOptions> = {},
  extra: { env?: Partial<Environment>; manager?: Partial<DownloadManagerOptions>; tokenPrefix?: string } = {},
) {
  const fake = await startFakeAltinnStorage({ validateToken: simpleTokenCheck, ...options });
  const tokens = tokenStub(extra.tokenPrefix);
  const environment = fake.environment(extra.env);
  const client = new StorageClient({ fetch, tokens, profileId: 'p1', environment, retry: fastRetry });
  const manager = new DownloadManager({
    storageFor: async () => ({ client, environment }),
    retry: fastRetry,
    idleTimeoutMs: 2_000,
    progressIntervalMs: 20,
    // Two transfer workers whatever the machine (transfer-threads.ts); a test passes 0 for the main thread.
    transferThreads: 2,
    ...extra.manager,
  });
  const target = await mkdtemp(join(tmpdir(), 'mpd-dl-'));
  return {
    fake,
    tokens,
    environment,
    client,
    manager,
    target,
    async cleanup() {
      await fake.close();
      await rm(target, { recursive: true, force: true });
    },
  };
}

/** Every file under `dir` (relative paths, forward slashes), hidden ones included. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string) {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out.push(relative(dir, full).split('\\').join('/'));
    }
  }
  await walk(dir);
  return out.sort();
}

export async function fileSize(path: string): Promise<number | undefined> {
  return stat(path).then(
    (s) => s.size,
    () => undefined,
  );
}

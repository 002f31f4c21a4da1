/**
 * One intake pass in its own process, for the tests that kill a pass (kill -9) or run two processes on
 * one watch. Argument: JSON { environment, home, spec }. Prints `progress <phase> <instances done> <files known>` lines while it
 * runs and `record <json>` at the end.
 */
import type { WatchSpec } from '../../../src/common/contract/intake';
import { DownloadManager } from '../../../src/node/downloads/download-manager';
import type { Environment } from '../../../src/node/environments/environments';
import { runPass } from '../../../src/node/intake/sync-pass';
import { StorageClient } from '../../../src/node/storage/storage-client';
import { fastRetry, tokenStub } from '../downloads/harness';

const args = JSON.parse(process.argv[2] as string) as { environment: Environment; home: string; spec: WatchSpec };
const client = new StorageClient({
  fetch,
  tokens: tokenStub(),
  profileId: args.spec.profileId,
  environment: args.environment,
  retry: fastRetry,
});
const storageFor = async () => ({ client, environment: args.environment });
const downloads = new DownloadManager({ storageFor, retry: fastRetry, idleTimeoutMs: 5_000, progressIntervalMs: 20 });

runPass(
  { home: args.home, storageFor, downloads, now: () => new Date() },
  {
    spec: args.spec,
    by: 'cli',
    onProgress: (p) => process.stdout.write(`progress ${p.phase} ${p.instances.done} ${p.files.total}\n`),
  },
).then(({ record }) => {
  process.stdout.write(`record ${JSON.stringify(record)}\n`);
});

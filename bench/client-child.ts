/**
 * The measured client, in its own process so its peak RSS (VmHWM) is its own. Runs our DownloadManager
 * directly (not `mpd download`: the CLI needs a profile and the token service, which the benchmark leaves
 * out to measure the transfer path alone) or pages through a query with our StorageClient.
 * Argument: JSON { mode: 'download' | 'list', storageBase, appBaseTemplate, target?, concurrency? }.
 * Prints one JSON line with the figures.
 */
import { readFileSync } from 'node:fs';
import { DownloadManager } from '../main/downloads/download-manager';
import type { Environment } from '../main/environments';
import { StorageClient } from '../main/storage/storage-client';
import { DOWNLOAD_APP, LIST_APP } from './scenario';

interface Args {
  mode: 'download' | 'list';
  storageBase: string;
  appBaseTemplate: string;
  target?: string;
  concurrency?: number;
}

function peakRssBytes(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // not Linux: fall back to the sampled figure
  }
  return 0;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as Args;
  let sampledPeak = 0;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
  }, 50);
  const environment: Environment = {
    id: 'bench',
    name: 'Benchmark (loopback)',
    production: false,
    custom: true,
    maskinporten: { issuer: 'http://127.0.0.1/', tokenEndpoint: 'http://127.0.0.1/token' },
    altinn: { exchangeUrl: 'http://127.0.0.1/exchange', storageBase: args.storageBase, appBase: args.appBaseTemplate },
  };
  const tokens = { getAltinnToken: async () => 'bench-token' };
  const client = new StorageClient({ fetch, tokens, profileId: 'bench', environment });
  const started = performance.now();
  let result: Record<string, unknown>;
  if (args.mode === 'list') {
    const pages: string[] = [];
    let instances = 0;
    let url: string | undefined = client.firstPageUrl({ appId: LIST_APP, size: 100 });
    for await (const page of client.pages({ appId: LIST_APP, size: 100 })) {
      pages.push(url as string);
      instances += page.instances.length;
      url = page.next;
    }
    result = { pages, instances };
  } else {
    const manager = new DownloadManager({ storageFor: async () => ({ client, environment }) });
    const job = await manager.start({
      profileId: 'bench',
      source: { kind: 'query', filters: { appId: DOWNLOAD_APP } },
      target: args.target as string,
      concurrency: args.concurrency ?? 4,
    });
    const end = await manager.wait(job.jobId);
    result = { state: end.state, bytes: end.bytes.done, elements: end.elements, instances: end.instances };
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
  process.stdout.write(
    `${JSON.stringify({ ...result, seconds, peakRss: peakRssBytes() || sampledPeak, sampledPeak })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`client-child: ${error?.stack ?? error}\n`);
  process.exit(1);
});

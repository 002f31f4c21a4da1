/**
 * The measured client, in its own process so its peak RSS (VmHWM) is its own. Modes:
 *
 *   mpd      the real `mpd download` (runCli: commander → services → token service → DownloadManager),
 *            after an untimed setup like a user's: a fresh home, a custom environment pointing at the
 *            fakes, `mpd keys generate`, the public key registered on the fake Maskinporten, `mpd
 *            profiles add`. Only the `download` command is timed. The secret store is in memory (the OS
 *            keychain is no part of the transfer path). Also prints the Altinn token, for curl.
 *   manager  our DownloadManager directly with a given token (for profiling the transfer path alone).
 *   list     our StorageClient following every `next` of a query, with a given token.
 *   plist    the product's listing (parallel-listing.ts: a small first page, then ranges in parallel).
 *   token    only the setup of `mpd`, printing the Altinn token (for the other modes and curl).
 *
 * Argument: JSON (see Args). Prints one JSON line with the figures.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bufferIo } from '../src/cli/io';
import { runCli } from '../src/cli/program';
import { DownloadManager } from '../src/node/downloads/download-manager';
import type { Environment } from '../src/node/environments/environments';
import { memorySecretStore } from '../src/node/keys/secret-store';
import { listInstances } from '../src/node/storage/parallel-listing';
import { StorageClient } from '../src/node/storage/storage-client';
import { BENCH_ORG, BENCH_SCOPES, DOWNLOAD_APP, LIST_APP } from './scenario';

interface Args {
  mode: 'mpd' | 'manager' | 'list' | 'plist' | 'token';
  storageBase: string;
  appBaseTemplate: string;
  auth: { maskinporten: Environment['maskinporten']; exchangeUrl: string };
  adminUrl: string;
  work: string;
  target?: string;
  /** mpd, manager: transfers at once; 0 = adaptive (no --concurrency). */
  concurrency?: number;
  token?: string;
  /** list: the page size (default 100) and the app (default the listing scenario's). */
  size?: number;
  app?: string;
  /** plist: ranges at once and their page size (default: the product's). */
  parallel?: number;
  rangePageSize?: number;
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

function environment(args: Args): Environment {
  return {
    id: 'bench',
    name: 'Benchmark (loopback)',
    production: false,
    custom: true,
    maskinporten: args.auth.maskinporten,
    altinn: { exchangeUrl: args.auth.exchangeUrl, storageBase: args.storageBase, appBase: args.appBaseTemplate },
  };
}

/** `mpd …` in this process, with a home and secrets that live as long as it. */
function cli(home: string) {
  const secrets = memorySecretStore();
  return async (...argv: string[]) => {
    const io = bufferIo({});
    const code = await runCli(['--home', home, ...argv], io, { version: 'bench', secrets: () => secrets });
    if (code !== 0 && argv[0] !== 'download') {
      throw new Error(`mpd ${argv[0]} exited ${code}: ${io.err()}`);
    }
    return { code, out: io.out(), err: io.err() };
  };
}

async function setUpMpd(args: Args) {
  const home = mkdtempSync(join(args.work, 'home-'));
  const { name, production, maskinporten, altinn } = environment(args);
  await writeFile(
    join(home, 'environments.json'),
    JSON.stringify({ environments: [{ id: 'bench', name, production, maskinporten, altinn }] }),
  );
  const mpd = cli(home);
  const key = JSON.parse((await mpd('keys', 'generate', '--name', 'Benchmark', '--json')).out) as { id: string };
  const jwk = JSON.parse((await mpd('keys', 'export', key.id, '--public-jwk')).out);
  const registered = await fetch(`${args.adminUrl}/register`, {
    method: 'POST',
    body: JSON.stringify({ clientId: 'bench-client', jwk, scopes: BENCH_SCOPES }),
  });
  if (!registered.ok) throw new Error(`registering the key failed: ${await registered.text()}`);
  const profileArgs = ['--name', 'Bench', '--env', 'bench', '--client-id', 'bench-client', '--key', key.id];
  for (const scope of BENCH_SCOPES) profileArgs.push('--scope', scope);
  await mpd('profiles', 'add', ...profileArgs, '--org', BENCH_ORG, '--app', DOWNLOAD_APP);
  const token = (await mpd('token', '--profile', 'Bench', '--altinn')).out.trim();
  return { mpd, token };
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as Args;
  let sampledPeak = 0;
  // Sampling costs the measured process CPU (it reads /proc every time): only where VmHWM is missing.
  const sampler = peakRssBytes()
    ? undefined
    : setInterval(() => {
        sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
      }, 50);
  let result: Record<string, unknown>;
  let seconds: number;
  let cpuAtStart: NodeJS.CpuUsage | undefined;
  if (args.mode === 'token') {
    const { token } = await setUpMpd(args);
    clearInterval(sampler);
    process.stdout.write(`${JSON.stringify({ token })}\n`);
    return;
  }
  if (args.mode === 'mpd') {
    const { mpd, token } = await setUpMpd(args);
    cpuAtStart = process.cpuUsage();
    const started = performance.now();
    const run = await mpd(
      'download',
      '--profile',
      'Bench',
      '--app',
      DOWNLOAD_APP,
      '--out',
      args.target as string,
      ...(args.concurrency === 0 ? [] : ['--concurrency', String(args.concurrency ?? 4)]),
    );
    seconds = (performance.now() - started) / 1000;
    result = { exitCode: run.code, report: run.out.trim().split('\n')[0], stderr: run.err.slice(0, 2000), token };
  } else {
    const tokens = { getAltinnToken: async () => args.token as string };
    const client = new StorageClient({ fetch, tokens, profileId: 'bench', environment: environment(args) });
    cpuAtStart = process.cpuUsage();
    const started = performance.now();
    if (args.mode === 'plist') {
      const filters = { appId: args.app ?? LIST_APP };
      const options = {
        ...(args.parallel ? { parallel: args.parallel } : {}),
        ...(args.rangePageSize ? { rangePageSize: args.rangePageSize } : {}),
      };
      const pageAt: number[] = [];
      const ids = new Set<string>();
      let instances = 0;
      for await (const page of listInstances(client, filters, options)) {
        pageAt.push(Math.round((performance.now() - started) * 10) / 10);
        instances += page.instances.length;
        for (const i of page.instances) ids.add(i.id);
      }
      if (ids.size !== instances) throw new Error(`the listing repeated ${instances - ids.size} instance(s)`);
      const warmStart = performance.now();
      let warmInstances = 0;
      for await (const page of listInstances(client, filters, options)) warmInstances += page.instances.length;
      const warmSeconds = (performance.now() - warmStart) / 1000;
      if (warmInstances !== instances) throw new Error(`the warm listing saw ${warmInstances}, not ${instances}`);
      result = { instances, pageAt, warmSeconds, coldSeconds: (warmStart - started) / 1000 };
    } else if (args.mode === 'list') {
      const pages: string[] = [];
      let instances = 0;
      const filters = { appId: args.app ?? LIST_APP, size: args.size ?? 100 };
      let url: string | undefined = client.firstPageUrl(filters);
      // When each page was in hand (ms since the start): shows how much is warm-up of a fresh process.
      const pageAt: number[] = [];
      for await (const page of client.pages(filters)) {
        pageAt.push(Math.round((performance.now() - started) * 10) / 10);
        pages.push(url as string);
        instances += page.instances.length;
        url = page.next;
      }
      // The same listing again in this now warm process, as the app's long-running main process lists
      // (its code compiled, its connection open): reported beside the cold figure, not instead of it.
      const warmStart = performance.now();
      let warmInstances = 0;
      for await (const page of client.pages(filters)) warmInstances += page.instances.length;
      const warmSeconds = (performance.now() - warmStart) / 1000;
      if (warmInstances !== instances) throw new Error(`the warm listing saw ${warmInstances}, not ${instances}`);
      result = { pages, instances, pageAt, warmSeconds, coldSeconds: (warmStart - started) / 1000 };
    } else {
      const manager = new DownloadManager({ storageFor: async () => ({ client, environment: environment(args) }) });
      const job = await manager.start({
        profileId: 'bench',
        source: { kind: 'query', filters: { appId: DOWNLOAD_APP } },
        target: args.target as string,
        ...(args.concurrency === 0 ? {} : { concurrency: args.concurrency ?? 4 }),
      });
      const end = await manager.wait(job.jobId);
      result = { exitCode: end.state === 'completed' ? 0 : 1, state: end.state, elements: end.elements };
    }
    seconds = typeof result.coldSeconds === 'number' ? result.coldSeconds : (performance.now() - started) / 1000;
  }
  // CPU of the timed part, all threads of this process (main, MD5 worker, libuv pool).
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  clearInterval(sampler);
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
  process.stdout.write(
    `${JSON.stringify({ ...result, seconds, cpuSeconds, peakRss: peakRssBytes() || sampledPeak })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`client-child: ${error?.stack ?? error}\n`);
  process.exit(1);
});

/**
 * `npm run bench`: `mpd download` and our Storage listing beside curl, on loopback (127.0.0.1 only).
 *
 *   (a) download N instances × 3 elements (default N = 2,000, ≈ 1 GiB, 10 KB–20 MB): throughput of the
 *       real `mpd download` (client-child.ts; `--client manager` runs the DownloadManager alone) beside
 *       `curl --parallel --parallel-max C` fetching the same app-API URLs, with the same Altinn token and
 *       concurrency, into the same filesystem; the ratio, and the peak RSS (VmHWM) of both; and the same
 *       `mpd download` without --concurrency (adaptive). Ours flushes every verified file to the disk
 *       (in batches, flush-batch.ts) before it is recorded; curl does not, so the table also shows curl
 *       followed by `sync` (its bytes made durable too) — the like-for-like figure for safety.
 *   (b) list 10,000 instances: the product's listing (parallel-listing.ts: a first page of 100, then
 *       created ranges in parallel; in a fresh process, timed from the first request, so no process start
 *       or module loading on our side either), beside one curl process following `next` 100 at a time —
 *       the 100 page URLs one after another over a kept-alive connection (curl's time is the sum of its
 *       transfer times, so its process start-up is not counted against it). An untimed serial listing
 *       first warms the fake server and learns those page URLs.
 *
 *   Node floors (node-floor.ts), on the same URLs and pages: a plain node:http client that only
 *       receives the bytes; one that writes each to a file as curl does; one that also takes our safety
 *       steps (temp file, MD5, fsync, rename) in their cheapest form; and the listing followed without
 *       and with JSON.parse. They show what the runtime allows here, so our ratios to curl can be read
 *       as "the runtime's share" and "our code's share".
 *
 * Each figure is the median of --rounds runs (default 3), ours and curl alternating which goes first;
 * every run writes into a fresh folder, followed by an untimed `sync`, and nothing is deleted until the
 * end (deleting thousands of files just before a run makes ext4 slower at creating new ones).
 *
 *   (c), (d) the latency regime (latency-regime.ts): every request to the fakes waits --latency-ms (default
 *       40) first, and the whole `mpd download` / `mpd instances` commands are timed beside curl at the
 *       same concurrency (--latency-concurrency, default 8), with the time to the first verified file.
 *
 *   (e) the bulk send (bulk-send.ts, issue 22): `mpd instances send` of 200 rows beside a curl loop and curl
 *       --parallel-max 8 at the same latency, and the peak RSS of a send of 10,000 rows.
 *
 * Options: --scale F (shrink both, e.g. 0.1 for a quick run), --concurrency C (default 4), --rounds R,
 * --latency-ms MS (0 skips the latency regime and the bulk send), --only loopback|latency|send, --node-flag=F (repeatable: a Node
 * flag for the measured client, e.g. --node-flag=--require=./trace.cjs),
 * --dir DIR (where files are written; default the OS temp folder), --client mpd|manager,
 * --timeout S (per step, default 600), --prof DIR (V8 CPU profiles of the measured client, for
 * `node --cpu-prof`-style analysis). Besides the table it prints the CPU time of both clients (all
 * threads) and of the fake server per round, and per-page timings of the listings.
 * Targets (issue 14): latency regime — download ≥ 1.0 × curl's throughput at equal concurrency, listing
 * 10,000 in ≤ 0.5 × curl's time, the first verified file within 2 round trips of the first page;
 * loopback — download ≥ 0.8 × curl + sync; peak RSS ≤ 200 MB.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sendBench } from './bulk-send';
import { bundleCjs } from './bundle-cjs';
import { type LatencyContext, type LatencyResult, latencyRegime } from './latency-regime';
import { type MemoryResult, memoryRegime } from './memory-regime';
import {
  alternate,
  cpuOf,
  curlVersion,
  fmt,
  folderBytes,
  benchDir as here,
  median,
  mib,
  run,
  syncDisks,
  table,
  timed,
} from './proc';
import { type VersionFigures, versionFigures, versionLines } from './startup';

interface Options {
  scale: number;
  concurrency: number;
  rounds: number;
  dir: string;
  client: 'mpd' | 'manager';
  timeoutS: number;
  /** Write V8 CPU profiles of the measured client processes here (`--cpu-prof`). */
  profDir?: string;
  latencyMs: number;
  latencyConcurrency: number;
  /** More Node flags for the measured client (`--node-flag=--require=./trace.cjs`, repeatable). */
  nodeFlags: string[];
  only?: 'loopback' | 'latency' | 'startup' | 'memory' | 'send';
  /** Other Node binaries for the memory row, beside this one (`--compare-node /usr/bin/node`). */
  compareNodes: string[];
}

function parseArgs(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scale = Number(get('--scale') ?? 1);
  const concurrency = Number(get('--concurrency') ?? 4);
  const rounds = Number(get('--rounds') ?? 3);
  const client = (get('--client') ?? 'mpd') as Options['client'];
  if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)
    throw new Error('--concurrency must be 1–16');
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 9) throw new Error('--rounds must be 1–9');
  if (client !== 'mpd' && client !== 'manager') throw new Error('--client must be mpd or manager');
  const timeoutS = Number(get('--timeout') ?? 600);
  const prof = get('--prof');
  const latencyMs = Number(get('--latency-ms') ?? 40);
  if (!(latencyMs >= 0 && latencyMs <= 1000)) throw new Error('--latency-ms must be 0–1000');
  const latencyConcurrency = Number(get('--latency-concurrency') ?? 8);
  if (!Number.isInteger(latencyConcurrency) || latencyConcurrency < 1 || latencyConcurrency > 16)
    throw new Error('--latency-concurrency must be 1–16');
  const only = get('--only') as Options['only'];
  if (only && !['loopback', 'latency', 'startup', 'memory', 'send'].includes(only))
    throw new Error('--only must be loopback, latency, startup, memory or send');
  if ((only === 'latency' || only === 'startup') && latencyMs === 0)
    throw new Error(`--only ${only} needs --latency-ms above 0`);
  const nodeFlags = argv.filter((a) => a.startsWith('--node-flag=')).map((a) => a.slice('--node-flag='.length));
  const compareNodes = argv.flatMap((a, i) => (a === '--compare-node' ? [argv[i + 1] as string] : []));
  return {
    nodeFlags,
    compareNodes,
    latencyMs,
    latencyConcurrency,
    ...(only ? { only } : {}),
    scale,
    concurrency,
    rounds,
    client,
    dir: resolve(get('--dir') ?? tmpdir()),
    timeoutS,
    ...(prof ? { profDir: resolve(prof) } : {}),
  };
}

/** Scripts bundled for a run without tsx (see bundleClient); the rest run through tsx. */
const bundled = new Map<string, string>();
/** Node flags for the measured client (`--prof DIR`: CPU profiles). */
const clientFlags: string[] = [];

function node(script: string, arg: unknown, timeoutS: number, onLine?: (line: string) => void) {
  const bundle = bundled.get(script);
  const flags = script === 'client-child.ts' ? clientFlags : [];
  const argv = [...flags, ...(bundle ? [bundle] : ['--import', 'tsx', join(here, script)])];
  return run(process.execPath, [...argv, JSON.stringify(arg)], timeoutS, { onLine });
}

/**
 * The measured client runs as one bundled CommonJS file under plain node, as the shipped `mpd` does
 * (electron-vite bundles the CLI into out/main/cli.js): under tsx, its loader thread and transform
 * caches would add ~20–30 MB to the peak RSS that is being measured. esbuild is already installed
 * (tsx and vite use it); without it the client runs through tsx and the output says so.
 */
function bundleClient(work: string): boolean {
  try {
    for (const script of ['client-child.ts', 'node-floor.ts', 'mpd-entry.ts']) {
      const outfile = join(work, script.replace(/\.ts$/, '.cjs'));
      bundleCjs(join(here, script), outfile);
      bundled.set(script, outfile);
    }
    // The download's transfer worker beside the bundles, where they look for it (as out/main has it:
    // src/node/downloads/transfer-worker-script.ts).
    bundleCjs(resolve(here, '..', 'src', 'node', 'downloads', 'transfer-worker.ts'), join(work, 'transfer-worker.js'));
    return true;
  } catch {
    return false;
  }
}

async function nodeJson<T>(script: string, arg: unknown, timeoutS: number, what: string): Promise<T> {
  const out = await node(script, arg, timeoutS).done;
  if (out.code !== 0) throw new Error(`${what} failed (exit ${out.code}): ${out.stderr.slice(-2000)}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1) as string) as T;
}

/** curl under GNU time when present (exact peak RSS and CPU). */
const curl = (args: string[], timeoutS: number) => timed('curl', args, timeoutS);

interface ServerInfo {
  storageBase: string;
  appBaseTemplate: string;
  auth: unknown;
  adminUrl: string;
  bytes: number;
  elements: number;
  urlsFile: string;
  latency: { urlsFile: string; bytes: number; elements: number };
  many: { instances: number; bytes: number };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (o.only !== 'send') await downloadsAndListing(o);
  // (e) the bulk send (issue 22, bulk-send.ts): its own fakes, at the latency regime's round trip.
  if (o.latencyMs > 0 && (o.only === undefined || o.only === 'send')) {
    const log = (line: string) => process.stdout.write(`${line}\n`);
    log('');
    const lines = await sendBench({
      rows: Math.max(20, Math.round(200 * o.scale)),
      rssRows: Math.max(100, Math.round(10_000 * o.scale)),
      rounds: o.rounds,
      latencyMs: o.latencyMs,
      timeoutS: o.timeoutS,
      log,
    });
    for (const line of lines) log(line);
  }
}

async function downloadsAndListing(o: Options): Promise<void> {
  if (o.profDir) clientFlags.push('--cpu-prof', `--cpu-prof-dir=${o.profDir}`);
  clientFlags.push(...o.nodeFlags);
  const downloadInstances = Math.max(1, Math.round(2000 * o.scale));
  const listInstances = Math.max(100, Math.round(10_000 * o.scale));
  // 400 files at full scale (the issue's measurement); never fewer than ~100, or start-up is all there is.
  const latencyInstances = Math.max(34, Math.round(134 * o.scale));
  const wants = (part: 'loopback' | 'latency' | 'startup' | 'memory') =>
    o.only === undefined || o.only === part || (o.only === 'startup' && part === 'latency');
  const latencyOn = o.latencyMs > 0 && wants('latency');
  // The memory row: 20,000 one-file instances at full scale.
  const manyInstances = wants('memory') ? Math.max(200, Math.round(20_000 * o.scale)) : 0;
  const work = await mkdtemp(join(o.dir, 'mpd-bench-'));
  const fsType = spawnSync('stat', ['-f', '-c', '%T', work]).stdout?.toString().trim() || '?';
  let server: ReturnType<typeof node> | undefined;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  try {
    log(`Preparing the fakes (${downloadInstances} instances to download, ${listInstances} to list)…`);
    let ready: (line: string) => void = () => {};
    const readyLine = new Promise<string>((r) => {
      ready = r;
    });
    server = node(
      'fake-server.ts',
      { downloadInstances, listInstances, latencyInstances, manyInstances, dir: work },
      o.timeoutS * (o.rounds * 4 + 2),
      (l) => ready(l),
    );
    const info = JSON.parse(
      await Promise.race([
        readyLine,
        server.done.then((d) => Promise.reject(new Error(`fake server exited: ${d.stderr}`))),
      ]),
    ) as ServerInfo;
    const base = {
      storageBase: info.storageBase,
      appBaseTemplate: info.appBaseTemplate,
      auth: info.auth,
      adminUrl: info.adminUrl,
      work,
    };
    const isBundled = bundleClient(work);
    if (!isBundled && (latencyOn || wants('memory') || wants('startup')))
      throw new Error('the latency, start-up and memory rows run the bundled mpd: esbuild is needed');
    log(`Fakes on loopback: ${info.elements} elements, ${fmt(mib(info.bytes))} MiB; files go to ${work} (${fsType}).`);
    // One Altinn token for curl (and for the manager and list modes): from the real token service.
    const { token } = await nodeJson<{ token: string }>(
      'client-child.ts',
      { ...base, mode: 'token' },
      o.timeoutS,
      'setup',
    );

    const summary: Summary = {};
    if (wants('startup')) {
      summary.version = await versionFigures(
        bundled.get('mpd-entry.ts') as string,
        Math.max(5, o.rounds * 3),
        o.timeoutS,
      );
      for (const line of versionLines(summary.version)) log(line);
    }
    if (wants('loopback')) {
      // curl's config: the same URLs, the same token, one output file per element.
      const urls = (await readFile(info.urlsFile, 'utf8')).trim().split('\n');
      const curlConfig = (dir: string) => {
        const config = [`header = "Authorization: Bearer ${token}"`];
        for (const line of urls) {
          const [url, id] = line.split('\t');
          config.push(`url = "${url}"`, `output = "${join(dir, id as string)}"`);
        }
        return `${config.join('\n')}\n`;
      };

      // (a) download, alternating who goes first
      const ours: { seconds: number; cpuSeconds: number; peakRss: number; bytes: number; files: number }[] = [];
      /** `mpd download` without --concurrency: adaptive (adaptive-concurrency.ts). */
      const oursAdaptive: typeof ours = [];
      const theirs: {
        seconds: number;
        cpuSeconds: number;
        durable: number;
        peakRss: number;
        bytes: number;
        files: number;
      }[] = [];
      const serverCpu = () => cpuOf(server?.child.pid);
      const runOurs = async (round: number, adaptive = false) => {
        const target = join(work, `ours-${adaptive ? 'a' : 'c'}-${round}`);
        const serverBefore = serverCpu();
        const r = await nodeJson<{
          exitCode: number;
          seconds: number;
          cpuSeconds: number;
          peakRss: number;
          report?: string;
          stderr?: string;
        }>(
          'client-child.ts',
          { ...base, mode: o.client, target, concurrency: adaptive ? 0 : o.concurrency, token },
          o.timeoutS,
          'our download',
        );
        if (r.exitCode !== 0) throw new Error(`our download did not verify everything: ${r.report} ${r.stderr}`);
        const disk = await folderBytes(target);
        syncDisks();
        // On disk: every element, an instance.json per instance, and the manifest.
        (adaptive ? oursAdaptive : ours).push({
          seconds: r.seconds,
          cpuSeconds: r.cpuSeconds,
          peakRss: r.peakRss,
          bytes: disk.bytes,
          files: disk.files - downloadInstances - 1,
        });
        log(
          `  round ${round}: ours${adaptive ? ' (adaptive)' : ''} ${fmt(r.seconds, 2)} s (${fmt(mib(info.bytes) / r.seconds)} MiB/s, ${fmt(r.cpuSeconds, 2)} CPU s; ` +
            `fake server CPU ${fmt(serverCpu() - serverBefore, 2)} s, incl. token setup)`,
        );
      };
      const runCurl = async (round: number) => {
        const dir = join(work, `curl-${round}`);
        await mkdir(dir);
        const cfg = join(work, `curl-${round}.cfg`);
        await writeFile(cfg, curlConfig(dir), { mode: 0o600 });
        const serverBefore = serverCpu();
        const r = await curl(
          ['--parallel', '--parallel-max', String(o.concurrency), '-s', '-S', '--fail', '--config', cfg],
          o.timeoutS,
        );
        if (r.code !== 0) throw new Error(`curl download failed: ${r.stderr}`);
        const syncS = syncDisks();
        const disk = await folderBytes(dir);
        theirs.push({
          seconds: r.seconds,
          cpuSeconds: r.cpuSeconds,
          durable: r.seconds + syncS,
          peakRss: r.peakRss,
          ...disk,
        });
        log(
          `  round ${round}: curl ${fmt(r.seconds, 2)} s (+ sync ${fmt(syncS, 2)} s; ` +
            `fake server CPU ${fmt(serverCpu() - serverBefore, 2)} s)`,
        );
      };
      // The Node floors (node-floor.ts): what any Node client can do at best here, for reading the ratios.
      const floorReceive: number[] = [];
      const floorWrite: number[] = [];
      const floorSafe: number[] = [];
      const floorSafeBatch: number[] = [];
      const runFloors = async (round: number) => {
        const floor = (mode: string, target?: string) =>
          nodeJson<{ seconds: number; cpuSeconds: number }>(
            'node-floor.ts',
            { mode, token, urlsFile: info.urlsFile, concurrency: o.concurrency, target },
            o.timeoutS,
            `Node floor ${mode}`,
          );
        const receive = await floor('receive');
        const plainDir = join(work, `floor-write-${round}`);
        await mkdir(plainDir);
        const write = await floor('write', plainDir);
        syncDisks();
        const safe = await floor('safe', join(work, `floor-${round}`));
        syncDisks();
        const safeBatch = await floor('safe-batch', join(work, `floor-batch-${round}`));
        syncDisks();
        floorSafeBatch.push(safeBatch.seconds);
        floorReceive.push(receive.seconds);
        floorWrite.push(write.seconds);
        floorSafe.push(safe.seconds);
        const cpu = (r: { cpuSeconds: number }) => `${fmt(r.cpuSeconds, 2)} CPU s`;
        log(
          `  round ${round}: Node floor ${fmt(receive.seconds, 2)} s (${cpu(receive)}) receive only, ` +
            `${fmt(write.seconds, 2)} s (${cpu(write)}) writing files as curl does, ${fmt(safe.seconds, 2)} s ` +
            `(${cpu(safe)}) with temp file + MD5 + fsync + rename, ${fmt(safeBatch.seconds, 2)} s ` +
            `(${cpu(safeBatch)}) renamed at once and flushed in batches`,
        );
      };
      log(`(a) download, ${o.rounds} round(s):`);
      syncDisks();
      for (let round = 1; round <= o.rounds; round++) {
        if (round % 2) {
          await runOurs(round);
          await runCurl(round);
        } else {
          await runCurl(round);
          await runOurs(round);
        }
        await runOurs(round, true);
        await runFloors(round);
      }

      // (b) list: ours, then curl over exactly the page URLs we followed
      const listOurs: number[] = [];
      /** The same listing repeated in the same process (warm, as in the app's main process). */
      const listOursWarm: number[] = [];
      const listCurl: number[] = [];
      let pages: string[] = [];
      let instances = 0;
      const runListOurs = async (warmUp = false) => {
        // The warm-up follows `next` 100 at a time (the page URLs curl fetches); timed rounds run the
        // product's listing (parallel-listing.ts: a first page of 100, then ranges in parallel).
        const r = await nodeJson<{
          pages?: string[];
          instances: number;
          seconds: number;
          warmSeconds: number;
          pageAt: number[];
        }>('client-child.ts', { ...base, mode: warmUp ? 'list' : 'plist', token }, o.timeoutS, 'our listing');
        const at = r.pageAt;
        log(
          `  ours${warmUp ? ' (untimed warm-up, serial pages of 100)' : ''}: ${fmt(r.seconds, 3)} s, ${at.length} pages; ` +
            `first page at ${at[0]} ms; again in the same (warm) process ${fmt(r.warmSeconds, 3)} s`,
        );
        if (r.pages) pages = r.pages;
        if (!warmUp && r.instances !== instances) throw new Error(`our listing saw ${r.instances}, not ${instances}`);
        instances = r.instances;
        listOurs.push(r.seconds);
        listOursWarm.push(r.warmSeconds);
      };
      const runListCurl = async () => {
        const cfg = join(work, 'curl-list.cfg');
        const lines = [`header = "Authorization: Bearer ${token}"`, 'header = "Accept: application/json"'];
        for (const url of pages) lines.push(`url = "${url}"`, 'output = "/dev/null"');
        await writeFile(cfg, `${lines.join('\n')}\n`, { mode: 0o600 });
        const r = await curl(['-s', '-S', '--fail', '-w', '%{time_total}\\n', '--config', cfg], o.timeoutS);
        if (r.code !== 0) throw new Error(`curl listing failed: ${r.stderr}`);
        const each = r.stdout.trim().split('\n').map(Number);
        listCurl.push(each.reduce((sum, t) => sum + t, 0));
        log(
          `  curl: ${fmt(listCurl.at(-1) as number, 3)} s (sum of transfers; ${fmt(r.seconds, 3)} s with its process); ` +
            `first page ${fmt((each[0] as number) * 1000, 1)} ms, last pages ${fmt((each.slice(-10).reduce((a, b) => a + b, 0) / Math.min(10, each.length)) * 1000, 2)} ms each`,
        );
      };
      const listFloorRaw: number[] = [];
      const listFloorParse: number[] = [];
      const runListFloors = async () => {
        for (const [mode, into] of [
          ['list-raw', listFloorRaw],
          ['list-parse', listFloorParse],
        ] as const) {
          const r = await nodeJson<{ seconds: number; instances: number }>(
            'node-floor.ts',
            { mode, token, firstPage: pages[0] },
            o.timeoutS,
            `Node floor ${mode}`,
          );
          into.push(r.seconds);
        }
        log(
          `  Node floor: ${fmt(listFloorRaw.at(-1) as number, 3)} s following the pages unparsed, ` +
            `${fmt(listFloorParse.at(-1) as number, 3)} s with JSON.parse`,
        );
      };
      log(`(b) list, ${o.rounds} round(s)…`);
      // Untimed: learns the page URLs for curl, and warms the fake's listing path, so that neither client
      // is timed against a server that is still compiling it (the first listing ran ~60 ms slower).
      await runListOurs(true);
      listOurs.pop();
      listOursWarm.pop();
      await alternate(o.rounds, () => runListOurs(), runListCurl, runListFloors);

      // The table
      const oursS = median(ours.map((r) => r.seconds));
      const curlS = median(theirs.map((r) => r.seconds));
      const durableS = median(theirs.map((r) => r.durable));
      const oursMBps = mib(info.bytes) / oursS;
      const curlMBps = mib(info.bytes) / curlS;
      const durableMBps = mib(info.bytes) / durableS;
      const oursRss = Math.max(...ours.map((r) => r.peakRss), ...oursAdaptive.map((r) => r.peakRss));
      const listRatio = median(listOurs) / median(listCurl);
      const allFiles = [...ours, ...oursAdaptive].every((r) => r.files === info.elements && r.bytes >= info.bytes);
      const curlFiles = theirs.every((r) => r.files === info.elements && r.bytes === info.bytes);
      const adaptiveS = median(oursAdaptive.map((r) => r.seconds));
      summary.loopback = {
        files: info.elements,
        mib: mib(info.bytes),
        oursS,
        adaptiveS,
        curlS,
        durableS,
        oursCpu: median(ours.map((r) => r.cpuSeconds)),
        adaptiveCpu: median(oursAdaptive.map((r) => r.cpuSeconds)),
        curlCpu: median(theirs.map((r) => r.cpuSeconds)),
        floorBatchS: median(floorSafeBatch),
        peakRss: oursRss,
        verified: allFiles,
      };
      const yes = (b: boolean) => (b ? 'yes' : 'NO');
      /** A floor's throughput and its ratio to curl's (how much of curl's speed the runtime allows). */
      const floorRow = (label: string, seconds: number[]) => [
        label,
        '',
        fmt(mib(info.bytes) / median(seconds)),
        fmt(curlS / median(seconds), 2),
        '',
        '',
      ];
      /** A listing figure and its ratio to curl's, shown in our column or curl's. */
      const listRow = (label: string, seconds: number[], column: 'ours' | 'curl') => {
        const s = fmt(median(seconds), 3);
        return [
          label,
          column === 'ours' ? s : '',
          column === 'ours' ? fmt(median(listCurl), 3) : s,
          fmt(median(seconds) / median(listCurl), 2),
          '',
          '',
        ];
      };
      const rows: string[][] = [
        ['', 'ours', 'curl', 'ratio', 'target', 'met'],
        [
          `(a) ${info.elements} files, ${fmt(mib(info.bytes), 0)} MiB: verified`,
          yes(allFiles),
          yes(curlFiles),
          '',
          'all',
          yes(allFiles),
        ],
        ['(a) seconds (median)', fmt(oursS, 2), fmt(curlS, 2), '', '', ''],
        [
          '(a) CPU seconds, all threads (median)',
          fmt(median(ours.map((r) => r.cpuSeconds)), 2),
          fmt(median(theirs.map((r) => r.cpuSeconds)), 2),
          '',
          '',
          '',
        ],
        ['(a) MiB/s vs curl', fmt(oursMBps), fmt(curlMBps), fmt(oursMBps / curlMBps, 2), '', ''],
        [
          '(a) MiB/s vs curl + sync',
          fmt(oursMBps),
          fmt(durableMBps),
          fmt(oursMBps / durableMBps, 2),
          '≥ 0.80',
          yes(oursMBps / durableMBps >= 0.8),
        ],
        [
          '(a) the same, adaptive (no --concurrency): s; MiB/s',
          `${fmt(median(oursAdaptive.map((r) => r.seconds)), 2)}; ${fmt(mib(info.bytes) / median(oursAdaptive.map((r) => r.seconds)))}`,
          '',
          fmt(mib(info.bytes) / median(oursAdaptive.map((r) => r.seconds)) / durableMBps, 2),
          '',
          '',
        ],
        [
          '(a) peak RSS MiB',
          fmt(mib(oursRss)),
          fmt(mib(Math.max(...theirs.map((r) => r.peakRss)))),
          '',
          '≤ 200',
          yes(mib(oursRss) <= 200),
        ],
        floorRow('(a) Node floor: receive only, MiB/s', floorReceive),
        floorRow('(a) Node floor: + a file each, as curl', floorWrite),
        floorRow('(a) Node floor: + temp, MD5, fsync, rename', floorSafe),
        floorRow('(a) Node floor: the same, flushed in batches', floorSafeBatch),
        ['(a) ours vs that Node floor (batches)', '', '', fmt(median(floorSafeBatch) / oursS, 2), '', ''],
        [
          `(b) list ${instances} instances (curl: ${pages.length} pages of 100), s`,
          fmt(median(listOurs), 3),
          fmt(median(listCurl), 3),
          fmt(listRatio, 2),
          // The listing target (≤ 0.5 × curl) is the latency regime's (d): on loopback a round trip costs
          // nothing, and parsing, not waiting, is the work.
          '',
          '',
        ],
        listRow('(b) the same, warm process (as in the app)', listOursWarm, 'ours'),
        listRow('(b) Node floor: pages unparsed, s', listFloorRaw, 'curl'),
        listRow('(b) Node floor: + JSON.parse, s', listFloorParse, 'curl'),
        ['(b) ours vs that Node floor', '', '', fmt(median(listOurs) / median(listFloorParse), 2), '', ''],
      ];
      const widths = (rows[0] as string[]).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
      log('');
      log(
        `ours = ${o.client === 'mpd' ? '`mpd download` (real CLI + token service)' : 'DownloadManager alone'}` +
          `${isBundled ? ' bundled, plain node' : ' under tsx'}, --concurrency ${o.concurrency}, verified files flushed in batches; ` +
          `curl ${curlVersion()} --parallel --parallel-max ${o.concurrency}, no fsync ("curl + sync": then sync).`,
      );
      log(
        `loopback, concurrency ${o.concurrency}, scale ${o.scale}, ${o.rounds} round(s), median; ${fsType} at ${o.dir}; ` +
          `${availableParallelism()} CPUs; node ${process.versions.node}`,
      );
      for (const r of rows) log(r.map((cell, c) => cell.padEnd(widths[c] as number)).join('  '));
      log(
        `rounds (s): ours ${ours.map((r) => fmt(r.seconds, 2)).join(' ')} | adaptive ${oursAdaptive.map((r) => fmt(r.seconds, 2)).join(' ')} | curl ${theirs.map((r) => fmt(r.seconds, 2)).join(' ')}` +
          ` | curl+sync ${theirs.map((r) => fmt(r.durable, 2)).join(' ')} | list ours ${listOurs.map((s) => fmt(s, 3)).join(' ')}` +
          ` | list curl ${listCurl.map((s) => fmt(s, 3)).join(' ')}` +
          ` | floor receive ${floorReceive.map((s) => fmt(s, 2)).join(' ')} | floor write ${floorWrite.map((s) => fmt(s, 2)).join(' ')} | floor safe ${floorSafe.map((s) => fmt(s, 2)).join(' ')}` +
          ` | floor batch ${floorSafeBatch.map((s) => fmt(s, 2)).join(' ')}` +
          ` | list floor ${listFloorRaw.map((s) => fmt(s, 3)).join(' ')} / ${listFloorParse.map((s) => fmt(s, 3)).join(' ')}`,
      );
    }

    if (latencyOn) {
      // The size=100 page URLs curl fetches (learned without latency, untimed).
      const listed = await nodeJson<{ pages: string[]; instances: number }>(
        'client-child.ts',
        { ...base, mode: 'list', token },
        o.timeoutS,
        'learning the page URLs',
      );
      const latency = await latencyRegime({
        work,
        adminUrl: info.adminUrl,
        storageBase: info.storageBase,
        appBaseTemplate: info.appBaseTemplate,
        auth: info.auth as LatencyContext['auth'],
        token,
        latencyMs: o.latencyMs,
        concurrency: o.latencyConcurrency,
        rounds: o.rounds,
        timeoutS: o.timeoutS,
        mpdBundle: bundled.get('mpd-entry.ts') as string,
        listPages: listed.pages,
        listInstances: listed.instances,
        download: { ...info.latency, instances: latencyInstances },
        log,
        nodeFlags: clientFlags,
        skipList: o.only === 'startup',
      });
      summary.latency = latency;
      log('');
      log(
        `latency regime: every request to the fakes waits ${o.latencyMs} ms; whole commands from spawn to exit ` +
          `(ours: bundled mpd, plain node, process start + token + listing included; curl gets the URLs and the token); ` +
          `median of ${o.rounds}; ${availableParallelism()} CPUs`,
      );
      for (const line of table(latency.rows)) log(line);
      log(latency.rounds);
      log('');
      for (const line of table(startupRows(latency, o.latencyMs, summary.version))) log(line);
    }

    if (wants('memory')) {
      summary.manyInstances = info.many.instances;
      summary.memory = await memoryRegime({
        work,
        adminUrl: info.adminUrl,
        storageBase: info.storageBase,
        appBaseTemplate: info.appBaseTemplate,
        auth: info.auth as LatencyContext['auth'],
        mpdBundle: bundled.get('mpd-entry.ts') as string,
        timeoutS: o.timeoutS,
        instances: info.many.instances,
        rounds: o.rounds,
        nodeFlags: clientFlags,
        compareNodes: o.compareNodes,
        log,
      });
      log('');
      log(
        `memory: whole \`mpd download\` of ${info.many.instances} one-file instances (${fmt(mib(info.many.bytes))} MiB), ` +
          `loopback, adaptive; peak RSS = the highest of ${o.rounds} round(s) (median beside it)`,
      );
      const memoryTable = [['node', 'seconds', 'CPU s', 'peak RSS MiB (max / median)', 'verified']];
      for (const m of summary.memory) {
        memoryTable.push([
          m.node,
          fmt(m.seconds, 2),
          fmt(m.cpuSeconds, 2),
          `${fmt(mib(m.peakRss))} / ${fmt(mib(m.peakRssMedian))}`,
          m.ok ? 'yes' : 'NO',
        ]);
      }
      for (const line of table(memoryTable)) log(line);
    }

    log('');
    log(
      `issue 21, every figure of its table (${o.rounds} round(s), scale ${o.scale}, ${availableParallelism()} CPUs):`,
    );
    for (const line of table(issueTable(summary, o))) log(line);
  } finally {
    server?.child.kill('SIGTERM');
    await server?.done;
    await rm(work, { recursive: true, force: true });
  }
}

/** The figures of issue 21's table, as far as this run measured them. */
interface Summary {
  version?: VersionFigures;
  latency?: LatencyResult;
  memory?: MemoryResult;
  manyInstances?: number;
  loopback?: {
    files: number;
    mib: number;
    oursS: number;
    adaptiveS: number;
    curlS: number;
    durableS: number;
    oursCpu: number;
    adaptiveCpu: number;
    curlCpu: number;
    floorBatchS: number;
    peakRss: number;
    verified: boolean;
  };
}

/**
 * The start-up row: from spawn to the Maskinporten token, the Altinn token, the first page asked for and
 * answered, and the first verified file, beside the round-trip floor — Node's own start (node -e 0) and
 * four round trips: the grant, the exchange, the first page and the first file (the Maskinporten metadata
 * comes from the disk cache, discovery-cache-file.ts).
 */
function startupRows(latency: LatencyResult, latencyMs: number, version: VersionFigures | undefined): string[][] {
  const nodeMs = version ? version.node.seconds * 1000 : Number.NaN;
  const floor = nodeMs + 4 * latencyMs;
  const row = (label: string, f: LatencyResult['startup']['equal']) => [
    label,
    fmt(f.grantMs, 0),
    fmt(f.tokenMs, 0),
    fmt(f.pageAskedMs, 0),
    fmt(f.firstPageMs, 0),
    fmt(f.firstFileMs, 0),
    fmt(f.firstFileMs - floor, 0),
  ];
  return [
    [
      `start-up at ${latencyMs} ms, ms from spawn (median)`,
      'MP token',
      'Altinn token',
      '1st page asked',
      '1st page',
      '1st file',
      'above floor',
    ],
    [
      `floor: Node's start (node -e 0) + 4 round trips`,
      fmt(nodeMs + latencyMs, 0),
      fmt(nodeMs + 2 * latencyMs, 0),
      fmt(nodeMs + 2 * latencyMs, 0),
      fmt(nodeMs + 3 * latencyMs, 0),
      fmt(floor, 0),
      '',
    ],
    row('mpd download --concurrency 8', latency.startup.equal),
    row('mpd download (adaptive)', latency.startup.adaptive),
  ];
}

/** Issue 21's table: each figure beside its goal, and whether it was met in this run. */
function issueTable(s: Summary, o: Options): string[][] {
  const rows = [['figure', 'now', 'goal', 'met']];
  const met = (ok: boolean) => (ok ? 'yes' : 'NO');
  const add = (figure: string, now: string, goal: string, ok?: boolean) =>
    rows.push([figure, now, goal, ok === undefined ? '' : met(ok)]);
  const l = s.latency;
  if (l) {
    const first = Math.min(l.startup.equal.firstFileMs, l.startup.adaptive.firstFileMs);
    add(
      `mpd download, ${o.latencyMs} ms per request: first page / first verified file, from spawn`,
      `${fmt(l.startup.equal.firstPageMs, 0)} ms / ${fmt(l.startup.equal.firstFileMs, 0)} ms (adaptive: ${fmt(l.startup.adaptive.firstPageMs, 0)} / ${fmt(l.startup.adaptive.firstFileMs, 0)})`,
      'first file ≤ 350 ms',
      first <= 350,
    );
  }
  const v = s.version;
  if (v) {
    const shipped = v.shipped ?? v.bundle;
    add(
      `mpd --version (Node alone: ${fmt(v.node.seconds, 2)} s)`,
      `${fmt(shipped.seconds, 2)} s (${fmt(shipped.cpuSeconds, 2)} CPU s)${v.shipped ? '' : ' [bench bundle]'}`,
      '≤ 0.12 s',
      shipped.seconds <= 0.12,
    );
  }
  if (l) {
    const d = l.download;
    const equal = d.curlS / d.equalS;
    const adaptive = d.curlS / d.adaptiveS;
    add(
      `download ${d.files} files at ${o.latencyMs} ms, --concurrency ${o.latencyConcurrency}, whole command, vs curl at ${o.latencyConcurrency}`,
      `${fmt(equal, 2)} × (${fmt(d.equalS, 2)} s, ${fmt(d.equalCpu, 2)} CPU s; curl ${fmt(d.curlS, 2)} s, ${fmt(d.curlCpu, 2)} CPU s)`,
      '≥ 1.0 ×',
      equal >= 1,
    );
    add(
      'the same, adaptive',
      `${fmt(adaptive, 2)} × (${fmt(d.adaptiveS, 2)} s, ${fmt(d.adaptiveCpu, 2)} CPU s)`,
      '≥ 1.3 ×',
      adaptive >= 1.3,
    );
  }
  const lb = s.loopback;
  if (lb) {
    const ratio = lb.durableS / lb.oursS;
    add(
      `loopback, ${lb.files} files / ${fmt(lb.mib, 0)} MiB, vs curl followed by sync`,
      `${fmt(ratio, 2)} × (${fmt(lb.oursS, 2)} s, ${fmt(lb.oursCpu, 2)} CPU s; adaptive ${fmt(lb.durableS / lb.adaptiveS, 2)} ×; ` +
        `${fmt(lb.floorBatchS / lb.oursS, 2)} of the one-thread Node floor; curl + sync ${fmt(lb.durableS, 2)} s, ${fmt(lb.curlCpu, 2)} CPU s)`,
      '≥ 0.8 ×',
      ratio >= 0.8,
    );
    add('peak RSS, loopback download', `${fmt(mib(lb.peakRss))} MiB`, '≤ 200 MB', lb.peakRss <= 200e6);
  }
  const m = s.memory;
  if (m) {
    const ours = m[0] as MemoryResult[number];
    const others = m.slice(1).map((x) => `${x.node}: ${fmt(mib(x.peakRss))} MiB`);
    add(
      `peak RSS, mpd download of ${s.manyInstances} one-file instances (${ours.node})`,
      `${fmt(mib(ours.peakRss))} MiB (${fmt(ours.seconds, 2)} s, ${fmt(ours.cpuSeconds, 2)} CPU s)${others.length ? `; ${others.join('; ')}` : ''}`,
      '≤ 200 MB',
      ours.peakRss <= 200e6,
    );
  }
  return rows;
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : error}\n`);
  process.exitCode = 1;
});

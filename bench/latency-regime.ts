/**
 * The latency regime of `npm run bench` (--latency-ms, default 40): every request to the fakes waits that
 * long before it is answered, as a real network to Altinn adds, and the whole commands are timed from
 * spawn to exit — process start, module loading, the Maskinporten grant and the Altinn exchange, the
 * listing — beside curl at the same concurrency, which is given the URLs and a token for free:
 *
 *   (c) download: `mpd download --concurrency C` (equal concurrency) and `mpd download` (adaptive) beside
 *       `curl --parallel --parallel-max C` over the same app-API URLs. Also the time to the first verified
 *       file: for ours, when the first file appears under its final name (the folder is polled; a file gets
 *       its final name only after its size and MD5 were checked); for curl, when it reports its first
 *       finished transfer. Beside it: when the fake answered the first listing page, and how many round
 *       trips after it the first file was there.
 *   (d) list N instances: `mpd instances --app …` (whole command, every row printed) beside one curl
 *       process fetching the N/100 page URLs of `size=100` one after another (curl "following next" 100
 *       at a time, the links known beforehand, so no parsing between pages).
 */
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { alternate, benchDir, fmt, folderBytes, median, mib, run, syncDisks, timed } from './proc';
import { BENCH_ORG, BENCH_SCOPES, LATENCY_APP, LIST_APP } from './scenario';

export interface LatencyContext {
  work: string;
  adminUrl: string;
  storageBase: string;
  appBaseTemplate: string;
  auth: { maskinporten: unknown; exchangeUrl: string };
  token: string;
  latencyMs: number;
  concurrency: number;
  rounds: number;
  timeoutS: number;
  /** The bundled mpd-entry.ts (plain node, as the shipped CLI runs). */
  mpdBundle: string;
  /** The `size=100` page URLs of the listing app, for curl. */
  listPages: string[];
  listInstances: number;
  download: { urlsFile: string; bytes: number; elements: number; instances: number };
  log: (line: string) => void;
  /** Node flags for the measured mpd (`--prof DIR`). */
  nodeFlags: string[];
  /** Only the downloads (the start-up figures), not the listing (d). */
  skipList?: boolean;
}

interface DownloadRun {
  seconds: number;
  cpuSeconds: number;
  peakRss: number;
  firstFileMs: number;
  firstPageMs: number;
  /** From spawn: the Maskinporten token answered, the Altinn token answered, the first page asked for. */
  grantMs: number;
  tokenMs: number;
  pageAskedMs: number;
  ok: boolean;
}

/** The start of `mpd download` from spawn, in ms (medians), for the start-up row. */
export interface StartupFigures {
  grantMs: number;
  tokenMs: number;
  pageAskedMs: number;
  firstPageMs: number;
  firstFileMs: number;
}

/**
 * The bundled mpd started as bin/mpd.cjs starts the shipped one (mpd-launch.cjs: V8's compile cache on
 * first): node [flags] mpd-launch.cjs BUNDLE ARGS…
 */
export function mpdArgv(bundle: string, argv: string[], nodeFlags: string[] = []): string[] {
  return [...nodeFlags, join(benchDir, 'mpd-launch.cjs'), bundle, ...argv];
}

/** What a home for the bundled mpd needs: the fakes, and where to make it. */
export type HomeContext = Pick<
  LatencyContext,
  'work' | 'adminUrl' | 'storageBase' | 'appBaseTemplate' | 'auth' | 'mpdBundle' | 'timeoutS'
>;

export async function admin(ctx: Pick<LatencyContext, 'adminUrl'>, path: string, body?: unknown): Promise<unknown> {
  const r = await fetch(`${ctx.adminUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!r.ok) throw new Error(`admin ${path}: ${await r.text()}`);
  return r.json();
}

/** A home with the bench environment, a key registered on the fake Maskinporten, and profile "Bench". */
export async function setUpHome(
  ctx: HomeContext,
  clientId = 'bench-latency',
): Promise<{ home: string; env: Record<string, string> }> {
  const home = await mkdtemp(join(ctx.work, 'lat-home-'));
  const env = { MPD_BENCH_SECRETS: join(home, 'bench-secrets.json') };
  const mpd = async (...argv: string[]) => {
    const r = await run(process.execPath, mpdArgv(ctx.mpdBundle, ['--home', home, ...argv]), ctx.timeoutS, {
      extraEnv: env,
    }).done;
    if (r.code !== 0) throw new Error(`mpd ${argv[0]} failed: ${r.stderr}`);
    return r.stdout;
  };
  await writeFile(
    join(home, 'environments.json'),
    JSON.stringify({
      environments: [
        {
          id: 'bench',
          name: 'Benchmark (loopback)',
          production: false,
          maskinporten: ctx.auth.maskinporten,
          altinn: { exchangeUrl: ctx.auth.exchangeUrl, storageBase: ctx.storageBase, appBase: ctx.appBaseTemplate },
        },
      ],
    }),
  );
  const key = JSON.parse(await mpd('keys', 'generate', '--name', 'Benchmark', '--json')) as { id: string };
  const jwk = JSON.parse(await mpd('keys', 'export', key.id, '--public-jwk'));
  await admin(ctx, '/register', { clientId, jwk, scopes: BENCH_SCOPES });
  const profile = ['--name', 'Bench', '--env', 'bench', '--client-id', clientId, '--key', key.id];
  for (const scope of BENCH_SCOPES) profile.push('--scope', scope);
  await mpd('profiles', 'add', ...profile, '--org', BENCH_ORG, '--app', LATENCY_APP);
  return { home, env };
}

/** Polls `dir` until a file other than instance.json, a `.part` or the manifest is there; ms since `since`. */
export function watchFirstFile(dir: string, since: number): { stop: () => number } {
  let found = Number.NaN;
  const look = () => {
    try {
      for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
        if (e.isFile() && !e.name.startsWith('.') && e.name !== 'instance.json' && !e.name.endsWith('.tmp')) {
          found = performance.now() - since;
          return true;
        }
      }
    } catch {
      // not there yet
    }
    return false;
  };
  const timer = setInterval(() => {
    if (look()) clearInterval(timer);
  }, 2);
  return {
    stop: () => {
      clearInterval(timer);
      if (Number.isNaN(found)) look();
      return found;
    },
  };
}

export async function latencyRegime(ctx: LatencyContext) {
  const { home, env } = await setUpHome(ctx);
  await admin(ctx, '/latency', { ms: ctx.latencyMs });
  const urls = (await readFile(ctx.download.urlsFile, 'utf8')).trim().split('\n');
  const curlDownload: DownloadRun[] = [];
  const oursEqual: DownloadRun[] = [];
  const oursAdaptive: DownloadRun[] = [];

  const marks = async (spawnedAt: number) => {
    const m = (await admin(ctx, '/marks')) as {
      grantAt?: number;
      tokenAt?: number;
      queryAt?: number;
      queryDoneAt?: number;
    };
    const since = (t: number | undefined) => (t === undefined ? Number.NaN : t - spawnedAt);
    return {
      grantMs: since(m.grantAt),
      tokenMs: since(m.tokenAt),
      pageAskedMs: since(m.queryAt),
      firstPageMs: since(m.queryDoneAt),
    };
  };

  const runCurl = async (round: number) => {
    const dir = join(ctx.work, `lat-curl-${round}`);
    await mkdir(dir);
    const cfg = join(ctx.work, `lat-curl-${round}.cfg`);
    const lines = [`header = "Authorization: Bearer ${ctx.token}"`];
    for (const line of urls) {
      const [url, id] = line.split('\t');
      lines.push(`url = "${url}"`, `output = "${join(dir, id as string)}"`);
    }
    await writeFile(cfg, `${lines.join('\n')}\n`, { mode: 0o600 });
    let first = Number.NaN;
    const r = await timed(
      'curl',
      [
        '--parallel',
        '--parallel-max',
        String(ctx.concurrency),
        '-s',
        '-S',
        '--fail',
        // To stderr, which curl does not buffer: the parent sees each transfer end as it happens.
        '-w',
        '%{stderr}done %{http_code}\\n',
        '--config',
        cfg,
      ],
      ctx.timeoutS,
      {
        onErrLine: (line, at) => {
          if (Number.isNaN(first) && line.startsWith('done ')) first = at;
        },
      },
    );
    if (r.code !== 0) throw new Error(`curl download failed: ${r.stderr}`);
    const disk = await folderBytes(dir);
    syncDisks();
    curlDownload.push({
      seconds: r.seconds,
      cpuSeconds: r.cpuSeconds,
      peakRss: r.peakRss,
      firstFileMs: first,
      firstPageMs: Number.NaN,
      grantMs: Number.NaN,
      tokenMs: Number.NaN,
      pageAskedMs: Number.NaN,
      ok: disk.files === ctx.download.elements && disk.bytes === ctx.download.bytes,
    });
    ctx.log(`  round ${round}: curl ${fmt(r.seconds, 2)} s, first file ${fmt(first, 0)} ms`);
  };

  const runOurs = async (round: number, adaptive: boolean) => {
    const target = join(ctx.work, `lat-ours-${adaptive ? 'a' : 'c'}-${round}`);
    await mkdir(target);
    await admin(ctx, '/log', { on: true });
    const spawnedAt = Date.now();
    const since = performance.now();
    const watch = watchFirstFile(target, since);
    const argv = ['--home', home, 'download', '--profile', 'Bench', '--app', LATENCY_APP, '--out', target];
    if (!adaptive) argv.push('--concurrency', String(ctx.concurrency));
    const r = await timed(process.execPath, mpdArgv(ctx.mpdBundle, argv, ctx.nodeFlags), ctx.timeoutS, {
      extraEnv: env,
    });
    const firstFileMs = watch.stop();
    // Lines a --node-flag=--require=… tracer wrote (nothing otherwise).
    for (const line of r.stderr.split('\n')) if (line.startsWith('TRACE ')) ctx.log(`    ${line}`);
    const start = await marks(spawnedAt);
    await admin(ctx, '/log', { on: false });
    const disk = await folderBytes(target);
    syncDisks();
    // On disk: every element, an instance.json per instance, and the manifest.
    const ok =
      r.code === 0 &&
      disk.files === ctx.download.elements + ctx.download.instances + 1 &&
      disk.bytes >= ctx.download.bytes;
    if (!ok) ctx.log(`  our download did not verify everything (exit ${r.code}): ${r.stderr.slice(0, 500)}`);
    (adaptive ? oursAdaptive : oursEqual).push({
      seconds: r.seconds,
      cpuSeconds: r.cpuSeconds,
      peakRss: r.peakRss,
      firstFileMs,
      ...start,
      ok,
    });
    ctx.log(
      `  round ${round}: mpd download${adaptive ? ' (adaptive)' : ` --concurrency ${ctx.concurrency}`} ${fmt(r.seconds, 2)} s ` +
        `(${fmt(r.cpuSeconds, 2)} CPU s), from spawn: Maskinporten token ${fmt(start.grantMs, 0)} ms, Altinn token ${fmt(start.tokenMs, 0)} ms, ` +
        `first page asked ${fmt(start.pageAskedMs, 0)} ms, answered ${fmt(start.firstPageMs, 0)} ms, first verified file ${fmt(firstFileMs, 0)} ms`,
    );
  };

  ctx.log(
    `(c) latency ${ctx.latencyMs} ms: download ${ctx.download.elements} files (${fmt(mib(ctx.download.bytes))} MiB), ` +
      `whole commands, ${ctx.rounds} round(s):`,
  );
  for (let round = 1; round <= ctx.rounds; round++) {
    const order = [() => runCurl(round), () => runOurs(round, false), () => runOurs(round, true)];
    // Rotate who goes first, so no side always meets a warmer (or busier) machine.
    for (let i = 0; i < order.length; i++) await (order[(i + round) % order.length] as () => Promise<void>)();
  }

  // (d) listing
  const listCurl: number[] = [];
  const listOurs: { seconds: number; cpuSeconds: number; peakRss: number; rows: number }[] = [];
  const curlListCfg = join(ctx.work, 'lat-curl-list.cfg');
  {
    const lines = [`header = "Authorization: Bearer ${ctx.token}"`, 'header = "Accept: application/json"'];
    for (const url of ctx.listPages) lines.push(`url = "${url}"`, 'output = "/dev/null"');
    await writeFile(curlListCfg, `${lines.join('\n')}\n`, { mode: 0o600 });
  }
  const runListCurl = async () => {
    const r = await timed('curl', ['-s', '-S', '--fail', '--config', curlListCfg], ctx.timeoutS);
    if (r.code !== 0) throw new Error(`curl listing failed: ${r.stderr}`);
    listCurl.push(r.seconds);
    ctx.log(`  curl: ${fmt(r.seconds, 3)} s for ${ctx.listPages.length} pages of 100`);
  };
  const runListOurs = async () => {
    const argv = ['--home', home, 'instances', '--profile', 'Bench', '--app', LIST_APP];
    const r = await timed(process.execPath, mpdArgv(ctx.mpdBundle, argv, ctx.nodeFlags), ctx.timeoutS, {
      extraEnv: env,
    });
    if (r.code !== 0) throw new Error(`mpd instances failed: ${r.stderr}`);
    // A header line, one row per instance, and the count.
    const rows = r.stdout.trim().split('\n').length - 2;
    listOurs.push({ seconds: r.seconds, cpuSeconds: r.cpuSeconds, peakRss: r.peakRss, rows });
    ctx.log(`  ours: ${fmt(r.seconds, 3)} s, ${rows} instances (whole \`mpd instances\`)`);
  };
  if (!ctx.skipList) {
    ctx.log(`(d) latency ${ctx.latencyMs} ms: list ${ctx.listInstances} instances, ${ctx.rounds} round(s):`);
    await alternate(ctx.rounds, runListOurs, runListCurl);
  }
  await admin(ctx, '/latency', { ms: 0 });

  const s = (runs: DownloadRun[]) => median(runs.map((r) => r.seconds));
  const curlS = s(curlDownload);
  const bytes = ctx.download.bytes;
  const rate = (seconds: number) => fmt(mib(bytes) / seconds);
  const rtt = (ms: number) => fmt(ms / ctx.latencyMs, 1);
  const downloadRow = (label: string, runs: DownloadRun[]) => {
    const firstPage = median(runs.map((r) => r.firstPageMs));
    const firstFile = median(runs.map((r) => r.firstFileMs));
    return [
      label,
      `${fmt(s(runs), 2)} s (${rate(s(runs))} MiB/s)`,
      fmt(median(runs.map((r) => r.cpuSeconds)), 2),
      fmt(mib(Math.max(...runs.map((r) => r.peakRss))), 0),
      fmt(curlS / s(runs), 2),
      runs.every((r) => r.ok) ? 'yes' : 'NO',
      Number.isNaN(firstPage) ? '' : fmt(firstPage, 0),
      fmt(firstFile, 0),
      Number.isNaN(firstPage) ? '' : rtt(firstFile - firstPage),
    ];
  };
  const listS = median(listOurs.map((r) => r.seconds));
  const listCurlS = median(listCurl);
  const startup = (runs: DownloadRun[]): StartupFigures => ({
    grantMs: median(runs.map((r) => r.grantMs)),
    tokenMs: median(runs.map((r) => r.tokenMs)),
    pageAskedMs: median(runs.map((r) => r.pageAskedMs)),
    firstPageMs: median(runs.map((r) => r.firstPageMs)),
    firstFileMs: median(runs.map((r) => r.firstFileMs)),
  });
  const rows = [
    [
      `latency ${ctx.latencyMs} ms, whole commands`,
      'seconds (median)',
      'CPU s',
      'RSS MiB',
      'vs curl',
      'verified',
      '1st page ms',
      '1st file ms',
      'file−page RTTs',
    ],
    [
      `(c) curl --parallel-max ${ctx.concurrency}, ${ctx.download.elements} files`,
      `${fmt(curlS, 2)} s (${rate(curlS)} MiB/s)`,
      fmt(median(curlDownload.map((r) => r.cpuSeconds)), 2),
      fmt(mib(Math.max(...curlDownload.map((r) => r.peakRss))), 0),
      '1.00',
      curlDownload.every((r) => r.ok) ? 'yes' : 'NO',
      '',
      fmt(median(curlDownload.map((r) => r.firstFileMs)), 0),
      '',
    ],
    downloadRow(`(c) mpd download --concurrency ${ctx.concurrency}`, oursEqual),
    downloadRow('(c) mpd download (adaptive)', oursAdaptive),
  ];
  if (!ctx.skipList) {
    rows.push(
      [`(d) curl: ${ctx.listPages.length} pages of 100`, `${fmt(listCurlS, 3)} s`, '', '', '1.00', '', '', '', ''],
      [
        `(d) mpd instances (${ctx.listInstances})`,
        `${fmt(listS, 3)} s`,
        fmt(median(listOurs.map((r) => r.cpuSeconds)), 2),
        fmt(mib(Math.max(...listOurs.map((r) => r.peakRss))), 0),
        `${fmt(listS / listCurlS, 2)} of curl's time`,
        listOurs.every((r) => r.rows === ctx.listInstances) ? 'yes' : 'NO',
        '',
        '',
        '',
      ],
    );
  }
  const rounds =
    `rounds (s): curl ${curlDownload.map((r) => fmt(r.seconds, 2)).join(' ')} | equal ${oursEqual.map((r) => fmt(r.seconds, 2)).join(' ')}` +
    ` | adaptive ${oursAdaptive.map((r) => fmt(r.seconds, 2)).join(' ')} | list ours ${listOurs.map((r) => fmt(r.seconds, 3)).join(' ')}` +
    ` | list curl ${listCurl.map((x) => fmt(x, 3)).join(' ')}`;
  const cpu = (runs: { cpuSeconds: number }[]) => median(runs.map((r) => r.cpuSeconds));
  return {
    rows,
    rounds,
    startup: { equal: startup(oursEqual), adaptive: startup(oursAdaptive) },
    download: {
      files: ctx.download.elements,
      curlS,
      curlCpu: cpu(curlDownload),
      equalS: s(oursEqual),
      equalCpu: cpu(oursEqual),
      adaptiveS: s(oursAdaptive),
      adaptiveCpu: cpu(oursAdaptive),
    },
    list: { ratio: listS / listCurlS },
  };
}

export type LatencyResult = Awaited<ReturnType<typeof latencyRegime>>;

/**
 * `npm run bench` (its bulk-send row; alone: `npm run bench -- --only send`, or `npx tsx bench/bulk-send.ts
 * [--rows 200] [--rounds 3] [--latency-ms 40] [--rss-rows 10000]`), issue 22: 200 rows at 40 ms per request.
 *
 *   - `mpd instances send` (bundled like the shipped CLI, plain node, started as bin/mpd.cjs starts it — V8's
 *     compile cache on, mpd-launch.cjs —, timed from spawn to exit: process start,
 *     loading, reading and checking the CSV, the app's metadata, the Maskinporten grant and Altinn exchange,
 *     the journal and the requests), adaptive (no --concurrency);
 *   - beside what a hand-written script does: a sequential loop of curl POSTs, one curl process per row, with
 *     the same bodies and the same Altinn token (curl is given the token for free);
 *   - and beside `curl --parallel --parallel-max 8` over the same requests in one process.
 *
 * Goals: ours ≤ 0.2 × the loop's time, ≥ 0.8 × curl's parallel throughput (rows/s). And the peak RSS of a send
 * of --rss-rows rows (default 10,000; at the same latency) ≤ 200 MB. Every request to the fakes — Maskinporten,
 * the exchange, Storage and the app — waits --latency-ms first. The fakes run in this process (their CPU is not
 * counted for either client). Each figure is the median of --rounds runs; CPU seconds are GNU time's (all
 * threads); the raw rounds are printed. The machine is shared: figures swing from run to run.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { altinnTokenCheck, FakeAltinnStorage } from '../test/fakes/altinn-storage';
import { startAuthFake } from '../test/fakes/auth-server';
import type { FakeAppDefinition } from '../test/fakes/fake-apps';
import { orgNumberFor } from '../test/helpers/party-numbers';
import { bundleCjs } from './bundle-cjs';
import { mpdArgv } from './latency-regime';
import { benchDir, fmt, median, mib, run, timed } from './proc';

const APP: FakeAppDefinition = {
  id: 'ttd/arsmelding',
  title: { nb: 'Årsmelding' },
  dataTypes: [
    {
      id: 'model',
      allowedContentTypes: ['application/xml'],
      appLogic: { autoCreate: true, classRef: 'Altinn.App.Models.Arsmelding' },
      taskId: 'Task_1',
      maxCount: 1,
      minCount: 1,
    },
  ],
  partyTypesAllowed: { organisation: true },
  process: [{ id: 'Task_1', type: 'data', name: 'Utfylling' }],
};
const ORGNO = '991825827';
const SCOPES = ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'];

export interface SendBenchOptions {
  rows: number;
  rounds: number;
  latencyMs: number;
  rssRows: number;
  timeoutS: number;
  /** Node flags for the measured `mpd` (`--node-flag=F`, repeatable; `--prof DIR` adds `--cpu-prof`). */
  nodeFlags?: string[];
  /** false: only mpd is run (`--no-curl`, for quick profiling rounds). */
  curl?: boolean;
  log: (line: string) => void;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(v) && v >= 0 ? v : fallback;
}

/** `--node-flag=F` (repeatable) and `--prof DIR` (V8 CPU profiles of each measured mpd, `--cpu-prof`). */
export function nodeFlagsOf(argv: string[]): string[] {
  const flags = argv.filter((a) => a.startsWith('--node-flag=')).map((a) => a.slice('--node-flag='.length));
  const i = argv.indexOf('--prof');
  const prof = i >= 0 ? argv[i + 1] : undefined;
  if (prof) flags.push('--cpu-prof', `--cpu-prof-dir=${resolve(prof)}`);
  return flags;
}

function bundleMpd(work: string): string {
  const outfile = join(work, 'mpd-entry.cjs');
  bundleCjs(join(benchDir, 'mpd-entry.ts'), outfile);
  return outfile;
}

export async function sendBench(o: SendBenchOptions): Promise<string[]> {
  const work = await mkdtemp(join(tmpdir(), 'mpd-send-bench-'));
  const auth = await startAuthFake();
  auth.registerServiceOwner(ORGNO, 'ttd');
  const storage = await new FakeAltinnStorage({
    validateToken: altinnTokenCheck((token) => auth.verifyAltinnToken(token)),
  }).listen();
  // The request log would hold every request of every round: off, as in the latency regime.
  storage.logRequests = false;
  storage.writes.defineApp(APP);
  const partyCount = Math.max(o.rows, o.rssRows);
  const orgs = Array.from({ length: partyCount }, (_, i) => orgNumberFor(1000 + i));
  for (const [i, orgNumber] of orgs.entries()) {
    storage.writes.addParty({
      partyId: 100_000 + i,
      orgNumber,
      name: `BEDRIFT ${i} AS`,
      partyTypeName: 2,
      unitType: 'AS',
    });
  }
  try {
    const mpdBundle = bundleMpd(work);
    const flags = o.nodeFlags ?? [];
    const home = join(work, 'home');
    const env = { MPD_BENCH_SECRETS: join(work, 'secrets.json') };
    const mpd = async (...argv: string[]) => {
      const r = await run(process.execPath, mpdArgv(mpdBundle, ['--home', home, ...argv]), o.timeoutS, {
        extraEnv: env,
      }).done;
      if (r.code !== 0) throw new Error(`mpd ${argv.join(' ')} failed: ${r.stderr}`);
      return r.stdout;
    };
    const { maskinporten, altinn } = auth.environment('bench');
    await mkdir(home, { recursive: true, mode: 0o700 });
    await writeFile(
      join(home, 'environments.json'),
      JSON.stringify({
        environments: [
          {
            id: 'bench',
            name: 'Benchmark (loopback)',
            production: false,
            maskinporten: { issuer: maskinporten.issuer, tokenEndpoint: maskinporten.tokenEndpoint },
            altinn: {
              exchangeUrl: altinn.exchangeUrl,
              storageBase: storage.storageBase,
              appBase: storage.appBaseTemplate,
            },
          },
        ],
      }),
    );
    const key = JSON.parse(await mpd('keys', 'generate', '--name', 'Bench', '--json')) as { id: string };
    auth.registerClient({
      clientId: 'bench-send',
      orgNo: ORGNO,
      keys: [JSON.parse(await mpd('keys', 'export', key.id, '--public-jwk'))],
      scopes: SCOPES,
    });
    await mpd(
      'profiles',
      'add',
      '--name',
      'Bench',
      '--env',
      'bench',
      '--client-id',
      'bench-send',
      '--key',
      key.id,
      ...SCOPES.flatMap((s) => ['--scope', s]),
      '--org',
      'ttd',
      '--app',
      APP.id,
    );
    const token = (await mpd('token', '--profile', 'Bench', '--altinn')).trim();

    const csv = async (name: string, n: number) => {
      const path = join(work, name);
      await writeFile(
        path,
        `orgno;prefill.Virksomhet.Navn;prefill.Aar\n${orgs
          .slice(0, n)
          .map((org, i) => `${org};Bedrift ${i} AS;2026`)
          .join('\n')}\n`,
      );
      return path;
    };
    const sheet = await csv('arsmelding.csv', o.rows);
    // curl's requests: the bodies mpd sends for each row (createInstance with prefill: POST …/instances/create).
    const url = `${storage.appBaseTemplate.replace('{org}', 'ttd').replace('{app}', 'arsmelding')}/instances/create`;
    const bodies: string[] = [];
    for (const [i, org] of orgs.slice(0, o.rows).entries()) {
      const path = join(work, `body-${i}.json`);
      await writeFile(
        path,
        JSON.stringify({
          instanceOwner: { organisationNumber: org },
          prefill: { 'Virksomhet.Navn': `Bedrift ${i} AS`, Aar: '2026' },
        }),
      );
      bodies.push(path);
    }
    const headers = [
      '-H',
      `Authorization: Bearer ${token}`,
      '-H',
      'Content-Type: application/json',
      '-H',
      'Accept: application/json',
    ];
    const loopScript = join(work, 'loop.sh');
    await writeFile(
      loopScript,
      `#!/bin/sh\nfor b in ${bodies.map((b) => `'${b}'`).join(' ')}; do\n  curl -sS -o /dev/null -f -X POST ${headers.map((h) => `'${h}'`).join(' ')} --data-binary "@$b" '${url}' || exit 1\ndone\n`,
    );
    const parallelConfig = join(work, 'parallel.curl');
    await writeFile(
      parallelConfig,
      bodies
        .map((b, i) =>
          [
            ...(i > 0 ? ['next'] : []),
            `url = "${url}"`,
            'request = "POST"',
            `header = "Authorization: Bearer ${token}"`,
            'header = "Content-Type: application/json"',
            'header = "Accept: application/json"',
            `data-binary = "@${b}"`,
            'output = "/dev/null"',
            'silent',
            'fail',
          ].join('\n'),
        )
        .join('\n'),
    );

    storage.latencyMs = o.latencyMs;
    auth.setDelayMs(o.latencyMs);
    const rows: {
      ours: number[];
      oursCpu: number[];
      oursRss: number[];
      loop: number[];
      loopCpu: number[];
      par: number[];
      parCpu: number[];
    } = {
      ours: [],
      oursCpu: [],
      oursRss: [],
      loop: [],
      loopCpu: [],
      par: [],
      parCpu: [],
    };
    const before = () => storage.instances.size;
    for (let round = 1; round <= o.rounds; round++) {
      let n = before();
      // Started as bin/mpd.cjs starts the shipped mpd (mpd-launch.cjs: V8's compile cache on, warmed by the setup's
      // commands above).
      const ours = await timed(
        process.execPath,
        mpdArgv(
          mpdBundle,
          [
            '--home',
            home,
            'instances',
            'send',
            '--profile',
            'Bench',
            '--app',
            APP.id,
            '--csv',
            sheet,
            '--batch',
            `runde-${round}`,
            '--json',
          ],
          flags,
        ),
        o.timeoutS,
        { extraEnv: env },
      );
      const report = JSON.parse(ours.stdout || '{}') as { sent?: number };
      if (ours.code !== 0 || report.sent !== o.rows || storage.instances.size - n !== o.rows)
        throw new Error(
          `mpd instances send: exit ${ours.code}, sent ${report.sent}, made ${storage.instances.size - n}: ${ours.stderr.slice(-1000)}`,
        );
      rows.ours.push(ours.seconds);
      rows.oursCpu.push(ours.cpuSeconds);
      rows.oursRss.push(ours.peakRss);
      if (o.curl === false) {
        o.log(
          `  round ${round}: mpd instances send ${fmt(ours.seconds, 2)} s (CPU ${fmt(ours.cpuSeconds, 2)} s, ${fmt(mib(ours.peakRss))} MiB)`,
        );
        continue;
      }
      n = before();
      const loop = await timed('sh', [loopScript], o.timeoutS);
      if (loop.code !== 0 || storage.instances.size - n !== o.rows)
        throw new Error(`curl loop: exit ${loop.code}: ${loop.stderr.slice(-500)}`);
      n = before();
      const par = await timed('curl', ['--parallel', '--parallel-max', '8', '-K', parallelConfig], o.timeoutS);
      if (par.code !== 0 || storage.instances.size - n !== o.rows)
        throw new Error(`curl --parallel: exit ${par.code}: ${par.stderr.slice(-500)}`);
      rows.loop.push(loop.seconds);
      rows.loopCpu.push(loop.cpuSeconds);
      rows.par.push(par.seconds);
      rows.parCpu.push(par.cpuSeconds);
      o.log(
        `  round ${round}: mpd instances send ${fmt(ours.seconds, 2)} s (CPU ${fmt(ours.cpuSeconds, 2)} s, ${fmt(mib(ours.peakRss))} MiB) · curl loop ${fmt(loop.seconds, 2)} s (CPU ${fmt(loop.cpuSeconds, 2)} s) · curl --parallel-max 8 ${fmt(par.seconds, 2)} s (CPU ${fmt(par.cpuSeconds, 2)} s)`,
      );
    }
    // Peak RSS of a large send, at the same latency.
    const large = o.rssRows > 0 ? await largeSend() : undefined;
    async function largeSend() {
      const big = await csv('stor.csv', o.rssRows);
      const n = before();
      const large = await timed(
        process.execPath,
        mpdArgv(
          mpdBundle,
          ['--home', home, 'instances', 'send', '--profile', 'Bench', '--app', APP.id, '--csv', big, '--batch', 'stor'],
          flags,
        ),
        o.timeoutS * 4,
        { extraEnv: env },
      );
      if (large.code !== 0 || storage.instances.size - n !== o.rssRows)
        throw new Error(`large send: exit ${large.code}: ${large.stderr.slice(-1000)}`);
      o.log(
        `  ${o.rssRows} rows: ${fmt(large.seconds, 2)} s (CPU ${fmt(large.cpuSeconds, 2)} s), peak RSS ${fmt(mib(large.peakRss))} MiB`,
      );
      return large;
    }

    const ours = median(rows.ours);
    const loop = median(rows.loop);
    const par = median(rows.par);
    const vsLoop = ours / loop;
    const vsPar = par / ours; // throughput ratio: rows/s ours ÷ rows/s curl
    return [
      `Bulk send (issue 22): ${o.rows} rows at ${o.latencyMs} ms per request, whole commands, median of ${o.rounds}`,
      `| what | seconds | rows/s | CPU s | peak RSS | ratio | goal |`,
      `| --- | --- | --- | --- | --- | --- | --- |`,
      `| curl loop, one POST after another | ${fmt(loop, 2)} | ${fmt(o.rows / loop)} | ${fmt(median(rows.loopCpu), 2)} | | 1.00 | |`,
      `| curl --parallel --parallel-max 8 | ${fmt(par, 2)} | ${fmt(o.rows / par)} | ${fmt(median(rows.parCpu), 2)} | | | |`,
      `| mpd instances send (adaptive) | ${fmt(ours, 2)} | ${fmt(o.rows / ours)} | ${fmt(median(rows.oursCpu), 2)} | ${fmt(mib(median(rows.oursRss)))} MiB | ${fmt(vsLoop, 2)} × the loop's time; ${fmt(vsPar, 2)} × curl --parallel's rows/s | ≤ 0.2 ${vsLoop <= 0.2 ? 'met' : 'NOT met'}; ≥ 0.8 ${vsPar >= 0.8 ? 'met' : 'NOT met'} |`,
      ...(large
        ? [
            `| mpd instances send, ${o.rssRows} rows | ${fmt(large.seconds, 2)} | ${fmt(o.rssRows / large.seconds)} | ${fmt(large.cpuSeconds, 2)} | ${fmt(mib(large.peakRss))} MiB | | ≤ 200 MB ${large.peakRss <= 200 * 1024 * 1024 ? 'met' : 'NOT met'} |`,
          ]
        : []),
    ];
  } finally {
    await storage.close();
    await auth.close();
    await rm(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const log = (line: string) => console.log(line);
  sendBench({
    rows: arg('--rows', 200),
    rounds: arg('--rounds', 3),
    latencyMs: arg('--latency-ms', 40),
    rssRows: arg('--rss-rows', 10_000),
    timeoutS: arg('--timeout', 600),
    nodeFlags: nodeFlagsOf(process.argv),
    curl: !process.argv.includes('--no-curl'),
    log,
  }).then(
    (lines) => {
      for (const line of lines) log(line);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

/**
 * `npm run bench`: our download manager and Storage client beside curl, on loopback (127.0.0.1 only).
 *
 *   (a) download N instances × 3 elements (default N = 2,000, ≈ 1 GiB, 10 KB–20 MB): throughput of our
 *       DownloadManager (run directly in a child process, see client-child.ts) beside
 *       `curl --parallel --parallel-max C` fetching the same app-API URLs with the same concurrency;
 *       the ratio, and the peak RSS (VmHWM) of both.
 *   (b) list 10,000 instances (100 pages of 100): our StorageClient following `next`, beside one curl
 *       process fetching the same 100 page URLs one after another over a kept-alive connection.
 *
 * Options: --scale F (shrink both, e.g. 0.1 for a quick run), --concurrency C (default 4),
 * --dir DIR (where files are written; default the OS temp folder), --timeout S (per step, default 900).
 * Targets: throughput ≥ 0.9 × curl's, peak RSS ≤ 200 MB, listing time ≤ 1.2 × curl's.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const here = __dirname;
const root = resolve(here, '..');

interface Options {
  scale: number;
  concurrency: number;
  dir: string;
  timeoutS: number;
}

function parseArgs(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scale = Number(get('--scale') ?? 1);
  const concurrency = Number(get('--concurrency') ?? 4);
  if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)
    throw new Error('--concurrency must be 1–16');
  return { scale, concurrency, dir: resolve(get('--dir') ?? tmpdir()), timeoutS: Number(get('--timeout') ?? 900) };
}

interface Running {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string; stderr: string; seconds: number }>;
}

function run(command: string, args: string[], timeoutS: number, onLine?: (line: string) => void): Running {
  const started = performance.now();
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (onLine && stdout.includes('\n')) onLine(stdout.slice(0, stdout.indexOf('\n')));
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutS * 1000);
  const done = new Promise<{ code: number | null; stdout: string; stderr: string; seconds: number }>((resolveDone) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveDone({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 });
    });
  });
  return { child, done };
}

function tsNode(script: string, arg: unknown, timeoutS: number, onLine?: (line: string) => void): Running {
  return run(process.execPath, ['--import', 'tsx', join(here, script), JSON.stringify(arg)], timeoutS, onLine);
}

/** curl under GNU time when present (exact peak RSS), else polling /proc/<pid>/status. */
async function curl(
  args: string[],
  timeoutS: number,
): Promise<{ code: number | null; seconds: number; peakRss: number; stderr: string }> {
  const gnuTime = existsSync('/usr/bin/time');
  const started = performance.now();
  const r = gnuTime
    ? run('/usr/bin/time', ['-f', 'MPD_MAXRSS_KB=%M', 'curl', ...args], timeoutS)
    : run('curl', args, timeoutS);
  let polled = 0;
  const poll = setInterval(async () => {
    const text = await readFile(`/proc/${r.child.pid}/status`, 'utf8').catch(() => '');
    const m = /VmHWM:\s+(\d+) kB/.exec(text);
    if (m) polled = Math.max(polled, Number(m[1]) * 1024);
  }, 20);
  const out = await r.done;
  clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  const m = /MPD_MAXRSS_KB=(\d+)/.exec(out.stderr);
  return {
    code: out.code,
    seconds,
    peakRss: m ? Number(m[1]) * 1024 : polled,
    stderr: out.stderr.replace(/MPD_MAXRSS_KB=\d+\n?/, ''),
  };
}

async function folderBytes(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name))).size;
    files++;
  }
  return { bytes, files };
}

const mib = (n: number) => n / 1024 / 1024;
const fmt = (n: number, digits = 1) => n.toFixed(digits);

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const downloadInstances = Math.max(1, Math.round(2000 * o.scale));
  const listInstances = Math.max(100, Math.round(10_000 * o.scale));
  const work = await mkdtemp(join(o.dir, 'mpd-bench-'));
  let server: Running | undefined;
  try {
    process.stdout.write(
      `Preparing the fake (${downloadInstances} instances to download, ${listInstances} to list)…\n`,
    );
    let ready: (line: string) => void = () => {};
    const readyLine = new Promise<string>((r) => {
      ready = r;
    });
    server = tsNode('fake-server.ts', { downloadInstances, listInstances, dir: work }, o.timeoutS * 4, (line) =>
      ready(line),
    );
    const serverInfo = JSON.parse(
      await Promise.race([
        readyLine,
        server.done.then((d) => Promise.reject(new Error(`fake server exited: ${d.stderr}`))),
      ]),
    ) as {
      url: string;
      storageBase: string;
      appBaseTemplate: string;
      bytes: number;
      elements: number;
      urlsFile: string;
    };
    process.stdout.write(
      `Fake on ${serverInfo.url}: ${serverInfo.elements} elements, ${fmt(mib(serverInfo.bytes))} MiB.\n`,
    );

    // (a) download: ours
    const oursDir = join(work, 'ours');
    const ours = await tsNode(
      'client-child.ts',
      {
        mode: 'download',
        storageBase: serverInfo.storageBase,
        appBaseTemplate: serverInfo.appBaseTemplate,
        target: oursDir,
        concurrency: o.concurrency,
      },
      o.timeoutS,
    ).done;
    if (ours.code !== 0) throw new Error(`our download failed: ${ours.stderr}`);
    const oursResult = JSON.parse(ours.stdout.trim().split('\n').at(-1) as string);
    const oursOnDisk = await folderBytes(oursDir);
    await rm(oursDir, { recursive: true, force: true });

    // (a) download: curl with the same URLs and concurrency
    const curlDir = join(work, 'curl');
    await mkdir(curlDir);
    const urls = (await readFile(serverInfo.urlsFile, 'utf8')).trim().split('\n');
    const config = ['header = "Authorization: Bearer bench-token"'];
    for (const line of urls) {
      const [url, id] = line.split('\t');
      config.push(`url = "${url}"`, `output = "${join(curlDir, id as string)}"`);
    }
    await writeFile(join(work, 'curl-download.cfg'), `${config.join('\n')}\n`);
    const curlDl = await curl(
      [
        '--parallel',
        '--parallel-max',
        String(o.concurrency),
        '-s',
        '-S',
        '--fail',
        '--config',
        join(work, 'curl-download.cfg'),
      ],
      o.timeoutS,
    );
    if (curlDl.code !== 0) throw new Error(`curl download failed: ${curlDl.stderr}`);
    const curlOnDisk = await folderBytes(curlDir);
    await rm(curlDir, { recursive: true, force: true });

    // (b) list: ours, then curl over the same page URLs
    const list = await tsNode(
      'client-child.ts',
      { mode: 'list', storageBase: serverInfo.storageBase, appBaseTemplate: serverInfo.appBaseTemplate },
      o.timeoutS,
    ).done;
    if (list.code !== 0) throw new Error(`our listing failed: ${list.stderr}`);
    const listResult = JSON.parse(list.stdout.trim().split('\n').at(-1) as string) as {
      pages: string[];
      instances: number;
      seconds: number;
      peakRss: number;
    };
    const listConfig = ['header = "Authorization: Bearer bench-token"', 'header = "Accept: application/json"'];
    for (const url of listResult.pages) listConfig.push(`url = "${url}"`, 'output = "/dev/null"');
    await writeFile(join(work, 'curl-list.cfg'), `${listConfig.join('\n')}\n`);
    const curlList = await curl(['-s', '-S', '--fail', '--config', join(work, 'curl-list.cfg')], o.timeoutS);
    if (curlList.code !== 0) throw new Error(`curl listing failed: ${curlList.stderr}`);

    const oursMBps = mib(oursOnDisk.bytes) / oursResult.seconds;
    const curlMBps = mib(curlOnDisk.bytes) / curlDl.seconds;
    const ratio = oursMBps / curlMBps;
    const listRatio = listResult.seconds / curlList.seconds;
    const rows: string[][] = [
      ['figure', 'ours', 'curl', 'ratio', 'target', 'met'],
      [
        '(a) files verified on disk',
        `${oursOnDisk.files - downloadInstances - 1} / ${serverInfo.elements}`,
        `${curlOnDisk.files} / ${serverInfo.elements}`,
        '',
        'all',
        String(oursResult.state === 'completed'),
      ],
      ['(a) MiB written', fmt(mib(oursResult.bytes)), fmt(mib(curlOnDisk.bytes)), '', '', ''],
      ['(a) seconds', fmt(oursResult.seconds, 2), fmt(curlDl.seconds, 2), '', '', ''],
      ['(a) throughput MiB/s', fmt(oursMBps), fmt(curlMBps), fmt(ratio, 2), '≥ 0.90', String(ratio >= 0.9)],
      [
        '(a) peak RSS MiB',
        fmt(mib(oursResult.peakRss)),
        fmt(mib(curlDl.peakRss)),
        '',
        '≤ 200',
        String(mib(oursResult.peakRss) <= 200),
      ],
      [
        `(b) list ${listResult.instances} instances, s`,
        fmt(listResult.seconds, 3),
        fmt(curlList.seconds, 3),
        fmt(listRatio, 2),
        '≤ 1.20',
        String(listRatio <= 1.2),
      ],
      ['(b) pages', String(listResult.pages.length), String(listResult.pages.length), '', '', ''],
    ];
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
    process.stdout.write(
      `\nconcurrency ${o.concurrency}, scale ${o.scale}, files in ${o.dir}, node ${process.versions.node}\n` +
        'ours = DownloadManager / StorageClient in a child node process (tsx); curl = curl --parallel (a), sequential keep-alive (b)\n\n',
    );
    for (const r of rows) process.stdout.write(`${r.map((cell, c) => cell.padEnd(widths[c] as number)).join('  ')}\n`);
  } finally {
    server?.child.kill('SIGTERM');
    await server?.done;
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : error}\n`);
  process.exitCode = 1;
});

/**
 * What the benchmark's regimes share: running child processes (bounded in time), curl and node under
 * GNU time (exact peak RSS and CPU seconds), disk syncs, folder totals and the figures' arithmetic.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const benchDir = __dirname;
export const root = resolve(benchDir, '..');

export interface Done {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

export interface RunOptions {
  /** Each stdout line as it arrives, with the ms since the spawn. */
  onLine?: (line: string, msSinceStart: number) => void;
  /** The same for stderr. */
  onErrLine?: (line: string, msSinceStart: number) => void;
  extraEnv?: Record<string, string>;
}

/** Run a command, bounded in time. */
export function run(command: string, args: string[], timeoutS: number, options: RunOptions = {}) {
  const { onLine, onErrLine, extraEnv = {} } = options;
  const started = performance.now();
  // NODE_PATH: a bundle in the work folder still finds the externals in this project's node_modules.
  const env = { ...process.env, NODE_PATH: join(root, 'node_modules'), ...extraEnv };
  const child: ChildProcess = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { text: '', seen: 0 };
  const err = { text: '', seen: 0 };
  /** Collect a stream's text, telling `each` every whole line with the ms since the spawn. */
  const collect = (into: { text: string; seen: number }, each?: (line: string, ms: number) => void) => (d: Buffer) => {
    into.text += d.toString();
    if (!each) return;
    const at = performance.now() - started;
    for (let nl = into.text.indexOf('\n', into.seen); nl >= 0; nl = into.text.indexOf('\n', into.seen)) {
      each(into.text.slice(into.seen, nl), at);
      into.seen = nl + 1;
    }
  };
  child.stdout?.on('data', collect(out, onLine));
  child.stderr?.on('data', collect(err, onErrLine));
  // Bounded in time: a step that hangs is killed and reported.
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutS * 1000);
  const done = new Promise<Done>((resolveDone) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveDone({ code, stdout: out.text, stderr: err.text, seconds: (performance.now() - started) / 1000 });
    });
  });
  return { child, done, started };
}

/** A command under GNU time when present: its exact peak RSS and CPU seconds (all threads, children). */
export async function timed(command: string, args: string[], timeoutS: number, options: RunOptions = {}) {
  const gnuTime = existsSync('/usr/bin/time');
  const r = gnuTime
    ? run('/usr/bin/time', ['-f', 'MPD_MAXRSS_KB=%M MPD_CPU_S=%U+%S', command, ...args], timeoutS, options)
    : run(command, args, timeoutS, options);
  const out = await r.done;
  const m = /MPD_MAXRSS_KB=(\d+) MPD_CPU_S=([\d.]+)\+([\d.]+)/.exec(out.stderr);
  return {
    code: out.code,
    seconds: out.seconds,
    stdout: out.stdout,
    peakRss: m ? Number(m[1]) * 1024 : 0,
    cpuSeconds: m ? Number(m[2]) + Number(m[3]) : Number.NaN,
    stderr: out.stderr.replace(/MPD_MAXRSS_KB=.*\n?/, ''),
  };
}

/** CPU seconds (user + system) a process has used so far (Linux /proc; NaN elsewhere). */
export function cpuOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

export function syncDisks(): number {
  const started = performance.now();
  spawnSync('sync');
  return (performance.now() - started) / 1000;
}

export async function folderBytes(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
    files++;
  }
  return { bytes, files };
}

export function curlVersion(): string {
  const out = spawnSync('curl', ['--version']).stdout?.toString() ?? '';
  return /^curl (\S+)/.exec(out)?.[1] ?? '';
}

export const mib = (n: number) => n / 1024 / 1024;
export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
export const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/**
 * Run `ours` and `theirs` for each round, alternating which goes first, so that neither always meets a
 * warmer (or busier) machine; `after` runs at the end of each round.
 */
export async function alternate(
  rounds: number,
  ours: () => Promise<void>,
  theirs: () => Promise<void>,
  after?: () => Promise<void>,
): Promise<void> {
  for (let round = 1; round <= rounds; round++) {
    if (round % 2) {
      await ours();
      await theirs();
    } else {
      await theirs();
      await ours();
    }
    await after?.();
  }
}

/** Rows of cells as an aligned table. */
export function table(rows: string[][]): string[] {
  const widths = (rows[0] as string[]).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c] as number)).join('  '));
}

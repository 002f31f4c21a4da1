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

/** Run a command; `onLine` sees each stdout line as it arrives, with ms since the spawn. */
export function run(
  command: string,
  args: string[],
  timeoutS: number,
  onLine?: (line: string, msSinceStart: number) => void,
  extraEnv: Record<string, string> = {},
  onErrLine?: (line: string, msSinceStart: number) => void,
) {
  const started = performance.now();
  // NODE_PATH: a bundle in the work folder still finds the externals in this project's node_modules.
  const env = { ...process.env, NODE_PATH: join(root, 'node_modules'), ...extraEnv };
  const child: ChildProcess = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let seen = 0;
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (!onLine) return;
    const at = performance.now() - started;
    for (let nl = stdout.indexOf('\n', seen); nl >= 0; nl = stdout.indexOf('\n', seen)) {
      onLine(stdout.slice(seen, nl), at);
      seen = nl + 1;
    }
  });
  let seenErr = 0;
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (!onErrLine) return;
    const at = performance.now() - started;
    for (let nl = stderr.indexOf('\n', seenErr); nl >= 0; nl = stderr.indexOf('\n', seenErr)) {
      onErrLine(stderr.slice(seenErr, nl), at);
      seenErr = nl + 1;
    }
  });
  // Bounded in time: a step that hangs is killed and reported.
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutS * 1000);
  const done = new Promise<Done>((resolveDone) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveDone({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 });
    });
  });
  return { child, done, started };
}

/** A command under GNU time when present: its exact peak RSS and CPU seconds (all threads, children). */
export async function timed(
  command: string,
  args: string[],
  timeoutS: number,
  onLine?: (line: string, msSinceStart: number) => void,
  extraEnv: Record<string, string> = {},
  onErrLine?: (line: string, msSinceStart: number) => void,
) {
  const gnuTime = existsSync('/usr/bin/time');
  const r = gnuTime
    ? run(
        '/usr/bin/time',
        ['-f', 'MPD_MAXRSS_KB=%M MPD_CPU_S=%U+%S', command, ...args],
        timeoutS,
        onLine,
        extraEnv,
        onErrLine,
      )
    : run(command, args, timeoutS, onLine, extraEnv, onErrLine);
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

/** Rows of cells as an aligned table. */
export function table(rows: string[][]): string[] {
  const widths = (rows[0] as string[]).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c] as number)).join('  '));
}

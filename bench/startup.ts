/**
 * Start-up figures of `npm run bench`: how long Node alone takes from spawn to exit (`node -e 0`), and
 * `mpd --version` — the shipped command (bin/mpd.cjs → out/main/cli.js, when `npm run build` has made it)
 * and the benchmark's bundle through mpd-launch.cjs (the same start: V8's compile cache on first). The
 * first run of each is untimed (it fills the compile cache, as a user's first run does).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mpdArgv } from './latency-regime';
import { fmt, median, root, timed } from './proc';

export interface StartupRun {
  seconds: number;
  cpuSeconds: number;
}

export interface VersionFigures {
  node: StartupRun;
  /** The shipped command, or undefined when out/main/cli.js is not built. */
  shipped?: StartupRun;
  bundle: StartupRun;
  runs: number;
}

async function medianOf(runs: number, command: string, args: string[], timeoutS: number): Promise<StartupRun> {
  const all: StartupRun[] = [];
  // Untimed: the compile cache is filled, the binary is in the page cache.
  await timed(command, args, timeoutS);
  for (let i = 0; i < runs; i++) {
    const r = await timed(command, args, timeoutS);
    if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    all.push({ seconds: r.seconds, cpuSeconds: r.cpuSeconds });
  }
  return { seconds: median(all.map((r) => r.seconds)), cpuSeconds: median(all.map((r) => r.cpuSeconds)) };
}

export async function versionFigures(mpdBundle: string, runs: number, timeoutS: number): Promise<VersionFigures> {
  const node = await medianOf(runs, process.execPath, ['-e', '0'], timeoutS);
  const cli = join(root, 'out', 'main', 'cli.js');
  const shipped = existsSync(cli)
    ? await medianOf(runs, process.execPath, [join(root, 'bin', 'mpd.cjs'), '--version'], timeoutS)
    : undefined;
  const bundle = await medianOf(runs, process.execPath, mpdArgv(mpdBundle, ['--version']), timeoutS);
  return { node, shipped, bundle, runs };
}

export function versionLines(v: VersionFigures): string[] {
  const row = (label: string, r: StartupRun) => `  ${label}: ${fmt(r.seconds, 3)} s (${fmt(r.cpuSeconds, 2)} CPU s)`;
  return [
    `start-up, median of ${v.runs} (after one untimed run):`,
    row('node -e 0 (Node alone)', v.node),
    v.shipped
      ? row('mpd --version (bin/mpd.cjs → out/main/cli.js)', v.shipped)
      : '  mpd --version (shipped): out/main/cli.js is not built (npm run build)',
    row('mpd --version (the benchmark bundle, same launcher)', v.bundle),
  ];
}

/**
 * The memory row of `npm run bench` (issue 21): the whole `mpd download` of many one-file instances
 * (20,000 at full scale, scenario.ts MANY_APP) on loopback, no added latency, timed from spawn to exit
 * under GNU time: its peak RSS (the figure), seconds and CPU seconds. What the process keeps per instance
 * (listing pages, the queue, the manifest, the job's maps) and how V8 sizes its heap show here more than
 * bytes in flight do. `--compare-node PATH` runs the same with another Node binary beside it (Node 20's
 * /usr/bin/node on this machine: the figure before the move to Node 24).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type HomeContext, mpdArgv, setUpHome } from './latency-regime';
import { fmt, folderBytes, median, mib, syncDisks, timed } from './proc';
import { MANY_APP } from './scenario';

export interface MemoryContext extends HomeContext {
  instances: number;
  rounds: number;
  nodeFlags: string[];
  /** Other Node binaries to run the same download with (for comparison). */
  compareNodes: string[];
  log: (line: string) => void;
}

export interface MemoryRun {
  node: string;
  seconds: number;
  cpuSeconds: number;
  peakRss: number;
  ok: boolean;
}

export async function memoryRegime(ctx: MemoryContext) {
  const { home, env } = await setUpHome(ctx, 'bench-memory');
  const nodes = [process.execPath, ...ctx.compareNodes];
  const runs = new Map<string, MemoryRun[]>(nodes.map((n) => [n, []]));
  ctx.log(`(e) memory: mpd download of ${ctx.instances} one-file instances, loopback, ${ctx.rounds} round(s):`);
  for (let round = 1; round <= ctx.rounds; round++) {
    for (const node of nodes) {
      const target = join(ctx.work, `many-${round}-${nodes.indexOf(node)}`);
      await mkdir(target);
      const argv = ['--home', home, 'download', '--profile', 'Bench', '--app', MANY_APP, '--out', target];
      const flags = node === process.execPath ? ctx.nodeFlags : [];
      const r = await timed(node, mpdArgv(ctx.mpdBundle, argv, flags), ctx.timeoutS, { extraEnv: env });
      const disk = await folderBytes(target);
      syncDisks();
      // One file and an instance.json per instance, and the manifest.
      const ok = r.code === 0 && disk.files === ctx.instances * 2 + 1;
      if (!ok) ctx.log(`  the download did not verify everything (exit ${r.code}): ${r.stderr.slice(0, 500)}`);
      const version = node === process.execPath ? `node ${process.versions.node}` : node;
      runs.get(node)?.push({ node: version, seconds: r.seconds, cpuSeconds: r.cpuSeconds, peakRss: r.peakRss, ok });
      ctx.log(
        `  round ${round} (${version}): ${fmt(r.seconds, 2)} s, ${fmt(r.cpuSeconds, 2)} CPU s, peak RSS ${fmt(mib(r.peakRss))} MiB`,
      );
    }
  }
  return nodes.map((node) => {
    const all = runs.get(node) as MemoryRun[];
    return {
      node: all[0]?.node ?? node,
      seconds: median(all.map((r) => r.seconds)),
      cpuSeconds: median(all.map((r) => r.cpuSeconds)),
      peakRss: Math.max(...all.map((r) => r.peakRss)),
      peakRssMedian: median(all.map((r) => r.peakRss)),
      ok: all.every((r) => r.ok),
      rounds: all.map((r) => mib(r.peakRss)),
    };
  });
}

export type MemoryResult = Awaited<ReturnType<typeof memoryRegime>>;

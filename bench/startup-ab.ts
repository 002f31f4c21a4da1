/**
 * A/B of `mpd download`'s start at the latency regime's round trip: two (or more) source trees bundled
 * as the benchmark bundles them (bench/run.ts), run alternately against the same fakes, so each pair
 * meets the same load on a shared machine. Prints, per run, spawn → Maskinporten token → Altinn token →
 * first page asked → answered → first verified file (ms) and the whole command, with the 1-minute load.
 *
 *   npx tsx bench/startup-ab.ts [--rounds N] [--latency-ms MS] [--concurrency C|0] [--prof DIR] TREE…
 *
 * TREE is a folder holding this project's src/ and bench/ (e.g. `git archive HEAD~1 | tar -x -C /tmp/a`,
 * its node_modules linked to this one's); the first is the reference.
 */
import { mkdir, mkdtemp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleCjs } from './bundle-cjs';
import { admin, type LatencyContext, setUpHome, watchFirstFile } from './latency-regime';
import { fmt, median, root, run, timed } from './proc';
import { LATENCY_APP } from './scenario';

function arg(argv: string[], name: string, fallback: string): string {
  const i = argv.indexOf(name);
  return i >= 0 ? (argv.splice(i, 2)[1] as string) : fallback;
}

function bundle(tree: string, out: string): string {
  const modules = [join(root, 'node_modules')];
  bundleCjs(join(tree, 'bench', 'mpd-entry.ts'), join(out, 'mpd-entry.cjs'), modules);
  bundleCjs(join(tree, 'src', 'node', 'downloads', 'transfer-worker.ts'), join(out, 'transfer-worker.js'), modules);
  return join(out, 'mpd-entry.cjs');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const rounds = Number(arg(argv, '--rounds', '5'));
  const latencyMs = Number(arg(argv, '--latency-ms', '40'));
  const concurrency = Number(arg(argv, '--concurrency', '8'));
  const prof = arg(argv, '--prof', '');
  const flag = arg(argv, '--node-flag', '');
  const full = argv.includes('--full');
  if (full) argv.splice(argv.indexOf('--full'), 1);
  const trees = argv.map((t) => resolve(t));
  if (trees.length === 0) throw new Error('name at least one source tree');
  const work = await mkdtemp(join(tmpdir(), 'mpd-ab-'));
  const bundles = await Promise.all(
    trees.map(async (t, i) => {
      const out = join(work, `b${i}`);
      await mkdir(out);
      return bundle(t, out);
    }),
  );
  let ready: (l: string) => void = () => {};
  const readyLine = new Promise<string>((r) => {
    ready = r;
  });
  const server = run(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'bench', 'fake-server.ts'),
      // --full: the fakes of `npm run bench` (their listing queries cost the fake what they cost there).
      JSON.stringify(
        full
          ? { downloadInstances: 2000, listInstances: 10_000, latencyInstances: 134, dir: work }
          : { downloadInstances: 1, listInstances: 100, latencyInstances: 134, dir: work },
      ),
    ],
    3600,
    { onLine: (l) => ready(l) },
  );
  try {
    const info = JSON.parse(await readyLine) as {
      storageBase: string;
      appBaseTemplate: string;
      auth: LatencyContext['auth'];
      adminUrl: string;
      latency: { elements: number };
    };
    const ctx = { ...info, work, mpdBundle: bundles[0] as string, timeoutS: 120 };
    const { home, env } = await setUpHome(ctx, 'bench-ab');
    await admin(ctx, '/latency', { ms: latencyMs });
    const results: { label: string; firstFile: number; page: number; grant: number; token: number; s: number }[][] =
      trees.map(() => []);
    // Each tree's own launcher (bench/mpd-launch.cjs → its bin/compile-cache.cjs), so launchers compare too.
    const launch = (i: number, args: string[], nodeFlags: string[] = []) => [
      ...nodeFlags,
      join(trees[i] as string, 'bench', 'mpd-launch.cjs'),
      bundles[i] as string,
      ...args,
    ];
    const flags = [...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []), ...(flag ? [flag] : [])];
    // One untimed run each: the compile cache is filled.
    for (const b of bundles) {
      const target = join(work, `warm-${bundles.indexOf(b)}`);
      await mkdir(target);
      const d = ['--home', home, 'download', '--profile', 'Bench', '--app', LATENCY_APP, '--out', target];
      await timed(process.execPath, launch(bundles.indexOf(b), d), 120, { extraEnv: env });
    }
    for (let round = 1; round <= rounds; round++) {
      for (let k = 0; k < bundles.length; k++) {
        const i = (k + round) % bundles.length;
        const target = join(work, `r${round}-${i}`);
        await mkdir(target);
        await admin(ctx, '/log', { on: true });
        const d = ['--home', home, 'download', '--profile', 'Bench', '--app', LATENCY_APP, '--out', target];
        if (concurrency > 0) d.push('--concurrency', String(concurrency));
        const load = loadavg()[0] as number;
        const spawnedAt = Date.now();
        const { stop } = watchFirstFile(target, performance.now());
        const r = await timed(process.execPath, launch(i, d, flags), 120, { extraEnv: env });
        const firstFile = stop();
        const traces = r.stderr.split('\n').filter((l) => l.startsWith('TRACE '));
        if (process.env.AB_TRACE_ALL) for (const line of traces) console.log(`    ${line}`);
        if (traces.length) {
          // TRACE <ms> t<thread> cpu<ms> <what>: bench/… tracer (see the report); a summary of the start.
          const parsed = traces.map((l) => {
            const [, at, thread, cpu, ...what] = l.split(' ');
            return { at: Number(at), thread, cpu: Number(cpu?.slice(3)), what: what.join(' ') };
          });
          const grant = parsed.find((p) => p.thread === 't0' && p.what.includes('/token'));
          const data = parsed
            .filter((p) => p.what.startsWith('req#') && /\/instances\/\d+\//.test(p.what))
            .sort((a, b) => a.at - b.at)[0];
          const mainAt = (at: number) => parsed.filter((p) => p.thread === 't0' && p.at <= at).at(-1)?.cpu;
          const online = parsed.filter((p) => p.what === 'worker online').map((p) => p.at.toFixed(0));
          const exit = parsed.find((p) => p.thread === 't0' && p.what === 'exit');
          console.log(
            `    trace: grant sent ${grant?.at.toFixed(0)} ms (main CPU ${grant?.cpu} ms); first data sent ${data?.at.toFixed(0)} ms by ${data?.thread} (main CPU ${data ? mainAt(data.at) : '–'} ms); workers online ${online.join(', ')}; main CPU at exit ${exit?.cpu} ms`,
          );
        }
        if (r.code !== 0) console.log(`  ${i}: exit ${r.code} ${r.stderr.slice(0, 400)}`);
        const m = (await admin(ctx, '/marks')) as Record<string, number | undefined>;
        const since = (t: number | undefined) => (t === undefined ? Number.NaN : t - spawnedAt);
        const row = {
          label: trees[i] as string,
          grant: since(m.grantAt),
          token: since(m.tokenAt),
          page: since(m.queryDoneAt),
          firstFile,
          s: r.seconds,
        };
        (results[i] as (typeof row)[]).push(row);
        if (argv.includes('--early') || process.env.AB_EARLY) {
          const early = m.early as unknown as { kind: string; at: number; done?: number }[];
          console.log(
            `    fake, ms from the first page asked: ${early.map((e) => `${e.kind[0]}${e.at}→${e.done}`).join(' ')}`,
          );
        }
        console.log(
          `r${round} ${i} load ${fmt(load, 2)}: ${fmt(row.grant, 0)} → ${fmt(row.token, 0)} → asked ${fmt(since(m.queryAt), 0)} → page ${fmt(row.page, 0)} → data asked ${fmt(since(m.firstDataAt), 0)} answered ${fmt(since(m.firstDataDoneAt), 0)} → file ${fmt(firstFile, 0)} ms; whole ${fmt(r.seconds, 2)} s, ${fmt(r.cpuSeconds, 2)} CPU s`,
        );
      }
    }
    for (let i = 0; i < trees.length; i++) {
      const rs = results[i] as (typeof results)[number];
      const med = (f: (r: (typeof rs)[number]) => number) => fmt(median(rs.map(f)), 0);
      console.log(
        `${i} ${trees[i]}: median ${med((r) => r.grant)} → ${med((r) => r.token)} → page ${med((r) => r.page)} → file ${med((r) => r.firstFile)} ms; whole ${fmt(median(rs.map((r) => r.s)), 2)} s`,
      );
    }
  } finally {
    server.child.kill('SIGTERM');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/**
 * `npx tsx bench/token-lookup.ts [--calls N]`: what one Altinn-token lookup costs once the token is in
 * memory — the question every Storage request of a download asks the token service (6,000 times for
 * 2,000 instances). Real services over a temp home whose profile and custom environment are files, the
 * auth fake on 127.0.0.1 for the one real token fetch before the timing. Prints µs per call, one after
 * another and 8 at a time (a job's workers), and how many were served without a new token request.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memorySecretStore } from '../src/node/keys/secret-store';
import { createLogger, memorySink } from '../src/node/platform/log';
import { createServices } from '../src/node/services';
import { startAuthFake } from '../test/fakes/auth-server';
import { BENCH_ORG, BENCH_ORGNO, BENCH_SCOPES } from './scenario';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--calls');
  const calls = i > 0 ? Number(process.argv[i + 1]) : 20_000;
  const auth = await startAuthFake();
  const home = await mkdtemp(join(tmpdir(), 'mpd-token-bench-'));
  try {
    const { maskinporten, altinn } = auth.environment('bench');
    await writeFile(
      join(home, 'environments.json'),
      JSON.stringify({ environments: [{ id: 'bench', name: 'Bench', production: false, maskinporten, altinn }] }),
    );
    const s = createServices({
      home,
      secrets: memorySecretStore(),
      logger: createLogger(memorySink()),
      discovery: false,
    });
    const key = await s.keys.generate({ name: 'Bench' });
    auth.registerClient({
      clientId: 'bench-client',
      orgNo: BENCH_ORGNO,
      scopes: BENCH_SCOPES,
      keys: [await s.keys.publicJwk(key.id)],
    });
    const profile = await s.profiles.add({
      name: 'Bench',
      environmentId: 'bench',
      clientId: 'bench-client',
      keyId: key.id,
      scopes: BENCH_SCOPES,
      org: BENCH_ORG,
    });
    const first = await s.tokens.getAltinnToken(profile.id);
    const fetchesBefore = auth.stats().exchange;

    const serial = async (n: number) => {
      const started = performance.now();
      for (let k = 0; k < n; k++) await s.tokens.getAltinnToken(profile.id);
      return ((performance.now() - started) * 1000) / n;
    };
    const parallel = async (n: number, width: number) => {
      const started = performance.now();
      await Promise.all(
        Array.from({ length: width }, async () => {
          for (let k = 0; k < n / width; k++) await s.tokens.getAltinnToken(profile.id);
        }),
      );
      return ((performance.now() - started) * 1000) / n;
    };
    await serial(Math.min(2_000, calls)); // warm-up: JIT, caches
    const cpu = process.cpuUsage();
    const oneByOne = await serial(calls);
    const eightAtATime = await parallel(calls, 8);
    const used = process.cpuUsage(cpu);
    const same = (await s.tokens.getAltinnToken(profile.id)) === first;
    console.log(
      `token lookup, ${calls} calls: ${oneByOne.toFixed(1)} µs/call one by one, ${eightAtATime.toFixed(1)} µs/call ` +
        `8 at a time; CPU ${((used.user + used.system) / (2 * calls)) | 0} µs/call; ` +
        `new token requests during the timing: ${auth.stats().exchange - fetchesBefore}; same token: ${same}`,
    );
  } finally {
    await auth.close();
    await rm(home, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * What the `mpd` transcripts in bench/*-demo.ts share: the fakes on 127.0.0.1 (the auth fake's Maskinporten and
 * exchange, the Storage fake with the app API's writes and Events), a home folder with them as a custom
 * environment, a key registered on the client and a profile `P` for the test app, and `mpd` run in-process
 * with each command printed as typed, what it printed and its exit code. Nothing here leaves the machine.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferIo } from '../src/cli/io';
import { runCli } from '../src/cli/program';
import { memorySecretStore } from '../src/node/keys/secret-store';
import { altinnTokenCheck, startFakeAltinnStorage } from '../test/fakes/altinn-storage';
import { startAuthFake } from '../test/fakes/auth-server';
import { ORG, SOKNAD } from '../test/node/acts/acts-harness';

const ORGNO = '991825827';
const SCOPES = ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'];

export interface Demo {
  auth: Awaited<ReturnType<typeof startAuthFake>>;
  storage: Awaited<ReturnType<typeof startFakeAltinnStorage>>;
  /** A folder for the demo's own files; shown as `.` in the transcript. */
  work: string;
  /** One `mpd` run, printed as a transcript unless quiet (then a failure throws); returns stdout. */
  mpd(args: string[], options?: { quiet?: boolean }): Promise<string>;
  /** `--profile P --app <the test app>`. */
  on: string[];
}

/** Starts the fakes and the profile, runs `script`, and always stops and removes them. */
export async function runDemo(
  name: string,
  script: (demo: Demo) => Promise<void>,
  prepare: (storage: Demo['storage']) => void = () => {},
): Promise<void> {
  const auth = await startAuthFake();
  auth.registerServiceOwner(ORGNO, 'ttd');
  const storage = await startFakeAltinnStorage({ validateToken: altinnTokenCheck((t) => auth.verifyAltinnToken(t)) });
  storage.writes.defineApp(SOKNAD);
  storage.writes.addParty({ ...ORG, partyTypeName: 2, unitType: 'AS' });
  prepare(storage);
  const home = await mkdtemp(join(tmpdir(), `mpd-${name}-`));
  const work = await mkdtemp(join(tmpdir(), `mpd-${name}-files-`));
  const secrets = memorySecretStore();
  const shown = (text: string) => text.replaceAll(work, '.');

  async function mpd(args: string[], options: { quiet?: boolean } = {}): Promise<string> {
    const io = bufferIo({});
    const code = await runCli(['--home', home, ...args], io, { version: 'demo', secrets: () => secrets });
    if (!options.quiet) {
      const quoted = args.map((a) => (/[\s"*?%]/.test(a) ? `'${a}'` : a)).map(shown);
      console.log(`$ mpd ${quoted.join(' ')}`);
      const lines = (text: string, prefix: string) =>
        text ? `${shown(text).replace(/\n$/, '').replace(/^/gm, prefix)}\n` : '';
      process.stdout.write(lines(io.err(), '  [stderr] ') + lines(io.out(), '  '));
      console.log(`  [exit ${code}]\n`);
    }
    if (code !== 0 && options.quiet) throw new Error(`mpd ${args.join(' ')} failed: ${io.err()}`);
    return io.out();
  }

  try {
    // Set-up (not shown): the fakes as a custom environment, a key registered on the client, a profile.
    const { maskinporten, altinn } = auth.environment('local');
    await writeFile(
      join(home, 'environments.json'),
      JSON.stringify({
        environments: [
          {
            id: 'local',
            name: 'Lokal test',
            production: false,
            maskinporten: { issuer: maskinporten.issuer, tokenEndpoint: maskinporten.tokenEndpoint },
            // Altinn Events is found beside Storage: …/storage/api/v1 → …/events/api/v1.
            altinn: {
              exchangeUrl: altinn.exchangeUrl,
              storageBase: storage.storageBase,
              appBase: storage.appBaseTemplate,
            },
          },
        ],
      }),
    );
    const key = JSON.parse(await mpd(['keys', 'generate', '--name', 'Saksbehandling', '--json'], { quiet: true }));
    const jwk = JSON.parse(await mpd(['keys', 'export', key.id, '--public-jwk'], { quiet: true }));
    auth.registerClient({ clientId: 'saksbehandling', orgNo: ORGNO, scopes: SCOPES, keys: [jwk] });
    const profile = ['--name', 'P', '--env', 'local', '--client-id', 'saksbehandling', '--key', key.id];
    await mpd(
      ['profiles', 'add', ...profile, ...SCOPES.flatMap((s) => ['--scope', s]), '--org', 'ttd', '--app', SOKNAD.id],
      {
        quiet: true,
      },
    );
    await script({ auth, storage, work, mpd, on: ['--profile', 'P', '--app', SOKNAD.id] });
  } finally {
    await storage.close();
    await auth.close();
    await rm(home, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  }
}

/** Runs a demo as a script: its error printed and exit code 1. */
export function demoMain(run: () => Promise<void>): void {
  run().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

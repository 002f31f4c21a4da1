/**
 * `npx tsx bench/events-history-demo.ts`: one instance's life made with `mpd` — created with prefill and a file,
 * its substatus set, its process moved on and completed, downloaded and confirmed — and then told back by
 * `mpd events` (the app's CloudEvents from Altinn Events) and `mpd instances history` (Storage's instance events
 * and process history), against the fakes on 127.0.0.1. Prints each command as typed, what it printed and its exit
 * code. The fake's Events shows an event only 3 s after it was registered here (Altinn: 30 s), so the first
 * `mpd events` right after the acts (a second apart) finds only the events old enough. Nothing here leaves the machine.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferIo } from '../src/cli/io';
import { runCli } from '../src/cli/program';
import { memorySecretStore } from '../src/node/keys/secret-store';
import { altinnTokenCheck, startFakeAltinnStorage } from '../test/fakes/altinn-storage';
import { startAuthFake } from '../test/fakes/auth-server';
import { ORG, PDF, SOKNAD } from '../test/node/acts/acts-harness';

const ORGNO = '991825827';
const SCOPES = ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'];
const DELAY_MS = 3_000;

async function main(): Promise<void> {
  const auth = await startAuthFake();
  auth.registerServiceOwner(ORGNO, 'ttd');
  const storage = await startFakeAltinnStorage({ validateToken: altinnTokenCheck((t) => auth.verifyAltinnToken(t)) });
  storage.writes.defineApp(SOKNAD);
  storage.writes.addParty({ ...ORG, partyTypeName: 2, unitType: 'AS' });
  storage.events.visibilityDelayMs = DELAY_MS;
  // Altinn always has older events (the delay is measured against the newest event old enough); one of another app.
  storage.events.addCloudEvent({
    time: new Date(Date.now() - 3_600_000).toISOString(),
    source: `${storage.url}/ttd/annen-app/instances/50002/00000000-0000-4000-8000-000000000001`,
    subject: '/party/50002',
    type: 'app.instance.created',
    resource: 'urn:altinn:resource:app_ttd_annen-app',
    resourceinstance: '50002/00000000-0000-4000-8000-000000000001',
  });
  const home = await mkdtemp(join(tmpdir(), 'mpd-events-demo-'));
  const work = await mkdtemp(join(tmpdir(), 'mpd-events-demo-files-'));
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
    await mpd(
      [
        'profiles',
        'add',
        '--name',
        'P',
        '--env',
        'local',
        '--client-id',
        'saksbehandling',
        '--key',
        key.id,
        ...SCOPES.flatMap((s) => ['--scope', s]),
        '--org',
        'ttd',
        '--app',
        SOKNAD.id,
      ],
      { quiet: true },
    );
    const pdf = join(work, 'byggesoknad.pdf');
    const prefill = join(work, 'prefill.json');
    await writeFile(pdf, PDF);
    await writeFile(prefill, JSON.stringify({ 'Soknad.Formaal': 'Nytt tak på låven', 'Soknad.Belop': 125000 }));
    const since = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');

    const on = ['--profile', 'P', '--app', SOKNAD.id];
    console.log('# One instance’s life, with mpd (issue 19)\n');
    const created = await mpd([
      'instances',
      'create',
      ...on,
      '--org-no',
      ORG.orgNumber,
      '--prefill',
      prefill,
      '--data',
      `vedlegg=${pdf}`,
    ]);
    const id = created.trim().split('\n').at(-1) as string;
    // A second between the acts, so the times tell them apart.
    const pause = () => new Promise((r) => setTimeout(r, 1_000));
    await pause();
    await mpd(['instances', 'update', ...on, '--instance', id, '--substatus', 'Under behandling']);
    await pause();
    await mpd(['process', 'next', ...on, '--instance', id]);
    await pause();
    await mpd(['process', 'complete', ...on, '--instance', id]);
    await pause();
    await mpd(['download', ...on, '--not-confirmed', '--out', join(work, 'mottak'), '--confirm']);

    console.log(
      '# Told by the app’s events (Altinn Events) — at once (only those 3 s old), and once Altinn shows them all\n',
    );
    await mpd(['events', ...on, '--from', since]);
    await new Promise((r) => setTimeout(r, DELAY_MS + 500));
    await mpd(['events', ...on, '--from', since]);
    await mpd(['events', ...on, '--from', since, '--type', 'app.instance.process.%', '--json']);

    console.log('# Told by the instance’s history (Storage)\n');
    await mpd(['instances', 'history', ...on, '--instance', id]);
  } finally {
    await storage.close();
    await auth.close();
    await rm(home, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

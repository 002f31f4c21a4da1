/**
 * `npx tsx bench/act-on-instances-demo.ts`: one instance taken from creation (prefill and a file) through its
 * process to the end, with its substatus set, with `mpd` — against the fakes on 127.0.0.1 (the auth fake's
 * Maskinporten and exchange, the Storage fake with the app API's writes). Prints each command as typed, what
 * it printed and its exit code, then what the fake recorded (the form data, Storage's instance events and the
 * app's CloudEvents). A transcript for the README and reviews; nothing here leaves the machine.
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

async function main(): Promise<void> {
  const auth = await startAuthFake();
  auth.registerServiceOwner(ORGNO, 'ttd');
  const storage = await startFakeAltinnStorage({ validateToken: altinnTokenCheck((t) => auth.verifyAltinnToken(t)) });
  storage.writes.defineApp(SOKNAD);
  storage.writes.addParty({ ...ORG, partyTypeName: 2, unitType: 'AS' });
  const home = await mkdtemp(join(tmpdir(), 'mpd-act-demo-'));
  const work = await mkdtemp(join(tmpdir(), 'mpd-act-demo-files-'));
  const secrets = memorySecretStore();
  const shown = (path: string) => path.replace(work, '.');

  /** One `mpd` run, printed as a transcript; returns stdout. */
  async function mpd(args: string[], options: { quiet?: boolean } = {}): Promise<string> {
    const io = bufferIo({});
    const code = await runCli(['--home', home, ...args], io, { version: 'demo', secrets: () => secrets });
    if (!options.quiet) {
      const quoted = args.map((a) => (/[\s"*?]/.test(a) ? `'${a}'` : a)).map(shown);
      console.log(`$ mpd ${quoted.join(' ')}`);
      const lines = (text: string, prefix: string) =>
        text ? `${text.replace(/\n$/, '').replace(/^/gm, prefix)}\n` : '';
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
    const prefill = join(work, 'prefill.json');
    const pdf = join(work, 'byggesoknad.pdf');
    await writeFile(
      prefill,
      JSON.stringify({ 'Soknad.Formaal': 'Nytt tak på låven', 'Soknad.Belop': 125000 }, null, 2),
    );
    await writeFile(pdf, PDF);

    const on = ['--profile', 'P', '--app', SOKNAD.id];
    const created = await mpd([
      'instances',
      'create',
      ...on,
      '--org-no',
      '910 753 614',
      '--prefill',
      pdf.replace('byggesoknad.pdf', 'prefill.json'),
      '--prefill-field',
      'Soknad.Kommune=Bergen',
      '--data',
      `vedlegg=${pdf}`,
      '--due-before',
      '2026-12-31T12:00:00Z',
    ]);
    const id = created.trim().split('\n').at(-1) as string;
    await mpd(['process', 'show', ...on, '--instance', id]);
    await mpd([
      'instances',
      'update',
      ...on,
      '--instance',
      id,
      '--substatus',
      'Under behandling',
      '--substatus-description',
      'Vi svarer innen 14 dager.',
      '--text',
      'Saksnummer=2026/4711',
    ]);
    await mpd(['process', 'next', ...on, '--instance', id]);
    await mpd(['process', 'complete', ...on, '--instance', id]);
    await mpd(['process', 'show', ...on, '--instance', id, '--json']);

    const instance = storage.instances.get(id);
    const form = instance?.elements.find((e) => e.spec.dataType === 'model');
    console.log("# The form data the app created from the prefill (the fake's copy):");
    console.log(`  ${storage.content(form?.id as string).toString()}\n`);
    console.log("# Storage's instance events (by created):");
    for (const e of storage.events.instanceEvents(id)) {
      console.log(`  ${e.eventType}${e.dataId ? ` dataId=${e.dataId}` : ''} user=${JSON.stringify(e.user)}`);
    }
    console.log("\n# The app's CloudEvents:");
    for (const e of storage.events.cloudEvents(SOKNAD.id))
      console.log(`  ${e.type}  ${e.subject}  ${e.resourceinstance}`);
    console.log(`\n# Status: ${JSON.stringify(instance?.acted?.status)}`);
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

/**
 * `mpd events` and `mpd instances history` (issue 20) with the REAL token service against the fakes: the instance's
 * life made with `mpd instances create`, `update`, `process next|complete` (issue 19), read back as the app's events
 * (every page, JSON or a line each, followed until SIGINT) and as the instance's history.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppEvent, InstanceHistory } from '../../src/common/contract/events';
import { memorySecretStore } from '../../src/node/keys/secret-store';
import { altinnTokenCheck, FakeAltinnStorage } from '../fakes/altinn-storage';
import { startAuthFake } from '../fakes/auth-server';
import type { CliStorageWorld } from '../helpers/cli-storage-world';
import { addCliProfile, mpdIn, registerCliKeyOnFakeClient, writeLocalEnvironment } from '../helpers/local-world';
import { spawnMpd } from '../helpers/spawn-mpd';
import { tempHome } from '../helpers/temp-home';
import { ORG, PDF, SOKNAD } from '../node/acts/acts-harness';

const READ = 'altinn:serviceowner/instances.read';
const WRITE = 'altinn:serviceowner/instances.write';

const PASSPHRASE = 'events-test-vault-passphrase';

/** The CLI storage world's shape, with a passphrase vault so a child `mpd` (for --follow and SIGINT) can sign too. */
let w: CliStorageWorld;
let id = '';

beforeAll(async () => {
  const auth = await startAuthFake();
  auth.registerServiceOwner('991825827', 'ttd');
  const storage = await new FakeAltinnStorage({
    validateToken: altinnTokenCheck((token) => auth.verifyAltinnToken(token)),
  }).listen();
  const { home, cleanup } = await tempHome();
  const mpd = mpdIn(() => home, memorySecretStore(), { MPD_VAULT_PASSPHRASE: PASSPHRASE });
  w = {
    auth,
    storage,
    home,
    mpd,
    async close() {
      await storage.close();
      await auth.close();
      await cleanup();
    },
  };
  await writeLocalEnvironment(home, { auth, storage });
  expect((await mpd('keys', 'vault', 'use-passphrase')).code).toBe(0);
  const key = await registerCliKeyOnFakeClient(mpd, auth, 'Saksbehandling', {
    clientId: 'client-1',
    orgNo: '991825827',
    scopes: [READ, WRITE],
  });
  await addCliProfile(mpd, {
    name: 'P',
    env: 'local',
    clientId: 'client-1',
    keyId: key.id,
    scopes: [READ, WRITE],
    org: 'ttd',
    app: 'ttd/soknad',
  });
  w.storage.writes.defineApp(SOKNAD);
  w.storage.writes.addParty({ ...ORG, partyTypeName: 2, unitType: 'AS' });
  w.storage.events.visibilityDelayMs = 0;
  const pdf = join(w.home, 'byggesoknad.pdf');
  await writeFile(pdf, PDF);
  const on = ['--profile', 'P', '--app', 'ttd/soknad'];
  const created = await w.mpd(
    'instances',
    'create',
    ...on,
    '--org-no',
    ORG.orgNumber,
    '--prefill-field',
    'Soknad.Formaal=Tak',
    '--data',
    `vedlegg=${pdf}`,
  );
  expect(created.code, created.err).toBe(0);
  id = created.out.trim().split('\n').at(-1) as string;
  for (const args of [
    ['instances', 'update', ...on, '--instance', id, '--substatus', 'Under behandling'],
    ['process', 'next', ...on, '--instance', id],
    ['process', 'complete', ...on, '--instance', id],
  ]) {
    const run = await w.mpd(...args);
    expect(run.code, run.err).toBe(0);
  }
});
afterAll(async () => w?.close());
beforeEach(() => {
  w.storage.requests.length = 0;
});

const events = (...extra: string[]) => w.mpd('events', '--profile', 'P', '--app', 'ttd/soknad', ...extra);
const eventRequests = () => w.storage.requests.filter((r) => r.path.startsWith('/events/api/v1/app/'));

describe('mpd events', () => {
  it("prints a line per event in plain words, with the owner, the instance and Altinn's type", async () => {
    const run = await events('--from', '2020-01-01');
    expect(run.code, run.err).toBe(0);
    const lines = run.out.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.map((l) => l.split(/\s{2,}/).slice(1, 3))).toEqual([
      ['Instance created', 'org. no. 910 753 614'],
      ['Substatus changed', 'org. no. 910 753 614'],
      ['Moved to step Task_2', 'org. no. 910 753 614'],
      ['Process completed', 'org. no. 910 753 614'],
    ]);
    expect(lines.every((l) => l.includes(id))).toBe(true);
    expect(lines[2]).toMatch(/app\.instance\.process\.movedTo\.Task_2$/);
    expect(lines[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z /);
    expect(run.err).toBe('4 event(s)\n');
  });

  it("--json prints one JSON array of the CloudEvents in Altinn's order, every page", async () => {
    const planted = Array.from({ length: 120 }, (_, i) =>
      w.storage.events.addCloudEvent({
        time: new Date().toISOString(),
        source: `${w.storage.url}/ttd/soknad/instances/${ORG.partyId}/${id.split('/')[1]}`,
        subject: `/party/${ORG.partyId}`,
        type: `app.custom.${i}`,
        resource: 'urn:altinn:resource:app_ttd_soknad',
        resourceinstance: id,
      }),
    );
    const run = await events('--from', '2020-01-01T00:00:00Z', '--type', 'app.custom.%', '--json');
    expect(run.code, run.err).toBe(0);
    const printed = JSON.parse(run.out) as AppEvent[];
    expect(printed.map((e) => e.id)).toEqual(planted.map((e) => e.id));
    expect(printed[0]).toEqual({ ...planted[0] });
    // Altinn's pages of 50: 50, 50, 20, then the empty page that ends it.
    expect(eventRequests()).toHaveLength(4);
    const all = JSON.parse((await events('--from', '2020-01-01', '--json')).out) as AppEvent[];
    expect(all.slice(0, 4).map((e) => e.type)).toEqual([
      'app.instance.created',
      'app.instance.substatus.changed',
      'app.instance.process.movedTo.Task_2',
      'app.instance.process.completed',
    ]);
  });

  it('--after, --party and --type filter as Altinn does', async () => {
    const all = JSON.parse((await events('--from', '2020-01-01', '--json')).out) as AppEvent[];
    const after = JSON.parse(
      (await events('--after', all[1]?.id as string, '--type', 'app.instance.process.%', '--json')).out,
    );
    expect(after.map((e: AppEvent) => e.type)).toEqual([
      'app.instance.process.movedTo.Task_2',
      'app.instance.process.completed',
    ]);
    const otherParty = await events('--from', '2020-01-01', '--party', '123');
    expect(otherParty.out).toBe('');
    expect(otherParty.err).toMatch(/^No events\. Altinn shows an event about 30 s after it happened/);
  });

  it('usage errors exit 2 before anything is sent', async () => {
    for (const args of [
      [],
      ['--from', '2026-01-01', '--after', 'x'],
      ['--from', 'yesterday'],
      ['--after', 'x', '--to', '2026-01-01', '--follow'],
      ['--from', '2026-01-01', '--party', 'abc'],
    ]) {
      const run = await events(...args);
      expect(run.code, `${args.join(' ')}: ${run.err}`).toBe(2);
    }
    expect(eventRequests()).toHaveLength(0);
  });

  it('--follow prints what is there, picks up a live event, and exits 0 on SIGINT', async () => {
    const run = spawnMpd(
      w.home,
      [
        'events',
        '--profile',
        'P',
        '--app',
        'ttd/soknad',
        '--from',
        '2020-01-01',
        '--type',
        'app.instance.%',
        '--follow',
      ],
      { MPD_VAULT_PASSPHRASE: PASSPHRASE },
    );
    await run.printed(/Process completed/);
    const live = await w.mpd(
      'instances',
      'update',
      '--profile',
      'P',
      '--app',
      'ttd/soknad',
      '--instance',
      id,
      '--substatus',
      'Vedtak fattet',
    );
    expect(live.code, live.err).toBe(0);
    // The first wait is 5 s; the event is picked up on that poll.
    await run.printed(/Substatus changed[\s\S]*Substatus changed/);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.err()).toMatch(/Following the events of ttd\/soknad \(Ctrl-C stops\)/);
    expect(run.err()).toMatch(/Stopped after 5 event\(s\)/);
  }, 20_000);
});

describe('mpd instances history', () => {
  it("tells the instance's life in time order, by whom; --json gives the entries and the tasks", async () => {
    const run = await w.mpd('instances', 'history', '--profile', 'P', '--app', 'ttd/soknad', '--instance', id);
    expect(run.code, run.err).toBe(0);
    const words = run.out
      .trim()
      .split('\n')
      .map((l) => l.slice(22).replace(/\s{2,}/g, ' | '));
    expect(words.slice(0, 5)).toEqual([
      'Process started | by ttd (service owner)',
      'Moved to step Utfylling (Task_1) | by ttd (service owner)',
      'Instance created | by ttd (service owner)',
      'Data added: model | by ttd (service owner)',
      'Data added: vedlegg (byggesoknad.pdf) | by ttd (service owner)',
    ]);
    // The last substatus change names the substatus the instance has now.
    expect(words.filter((x) => x.startsWith('Substatus set')).at(-1)).toMatch(
      /^Substatus set: “(Under behandling|Vedtak fattet)” \| by ttd \(service owner\)$/,
    );
    expect(words).toContain('Moved to step Saksbehandling (Task_2) | by ttd (service owner)');
    expect(words).toContain('Submitted | by ttd (service owner)');
    expect(run.err).toMatch(/^Steps: Utfylling \(Task_1\) .+, Saksbehandling \(Task_2\) .+/);
    const json = JSON.parse(
      (await w.mpd('instances', 'history', '--profile', 'P', '--app', 'ttd/soknad', '--instance', id, '--json')).out,
    ) as InstanceHistory;
    expect(json.instanceId).toBe(id);
    expect(json.tasks.map((t) => t.id)).toEqual(['Task_1', 'Task_2']);
    expect(json.entries.filter((e) => e.kind === 'substatus').at(-1)?.substatus?.label).toBeTruthy();
  });

  it('refuses an instance of another app, and a missing --instance (exit 2)', async () => {
    const other = await w.mpd('instances', 'history', '--profile', 'P', '--app', 'ttd/annen', '--instance', id);
    expect(other.code).toBe(1);
    expect(other.err).toContain(`belongs to ttd/soknad, not ttd/annen`);
    expect((await w.mpd('instances', 'history', '--profile', 'P', '--app', 'ttd/soknad')).code).toBe(2);
  });

  it('401 is explained (a client whose organisation is not a service owner): the code, the message and the hint', async () => {
    const key = await registerCliKeyOnFakeClient(w.mpd, w.auth, 'Fremmed', {
      clientId: 'stranger',
      orgNo: '310904473',
      scopes: [READ],
    });
    await addCliProfile(w.mpd, { name: 'Fremmed', env: 'local', clientId: 'stranger', keyId: key.id, scopes: [READ] });
    const run = await w.mpd('events', '--profile', 'Fremmed', '--app', 'ttd/soknad', '--from', '2020-01-01');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^Error \[EVENTS_UNAUTHORIZED\]: Altinn Events refused the token even after a fresh one/m);
    expect(run.err).toMatch(/^Hint: .*altinn:serviceowner\/instances\.read/m);
    const history = await w.mpd(
      'instances',
      'history',
      '--profile',
      'Fremmed',
      '--app',
      'ttd/soknad',
      '--instance',
      id,
    );
    expect(history.code).toBe(1);
    expect(history.err).toMatch(/^Error \[HISTORY_UNAUTHORIZED\]/m);
  });
});

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CliStorageWorld, startCliStorageWorld } from '../helpers/cli-storage-world';
import { localEnvironment, writeEnvironmentsFile } from '../helpers/local-world';
import { BEKREFT, ORG, PDF, PERSON, SOKNAD, SUBUNIT } from '../node/acts/acts-harness';

const READ = 'altinn:serviceowner/instances.read';
const WRITE = 'altinn:serviceowner/instances.write';
const ORG_NO = '991825827';

let w: CliStorageWorld;
let files: Record<string, string>;

beforeAll(async () => {
  w = await startCliStorageWorld({ orgNo: ORG_NO, scopes: [READ, WRITE] });
  w.storage.writes.defineApp(SOKNAD);
  w.storage.writes.defineApp(BEKREFT);
  w.storage.writes.addParty({ ...ORG, partyTypeName: 2, unitType: 'AS' });
  w.storage.writes.addParty({ ...SUBUNIT, partyTypeName: 2, unitType: 'BEDR' });
  w.storage.writes.addParty({ ...PERSON, partyTypeName: 1 });
  files = {
    pdf: join(w.home, 'soknad.pdf'),
    png: join(w.home, 'kart.png'),
    txt: join(w.home, 'notat.txt'),
    big: join(w.home, 'stor.pdf'),
    prefill: join(w.home, 'prefill.json'),
  };
  await writeFile(files.pdf, PDF);
  await writeFile(files.png, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await writeFile(files.txt, 'notat');
  await writeFile(files.big, Buffer.alloc(1024 * 1024 + 1));
  await writeFile(files.prefill, JSON.stringify({ 'Soknad.Formaal': 'Nytt tak', 'Soknad.Belop': 125000 }));
});
afterAll(async () => w?.close());
beforeEach(() => {
  w.storage.requests.length = 0;
});

const on = ['--profile', 'P', '--app', 'ttd/soknad'];
const writes = () => w.storage.requests.filter((r) => r.op && r.op !== 'metadata' && r.op !== 'process-get');
const lastLine = (out: string) => out.trim().split('\n').at(-1) as string;

async function create(...extra: string[]) {
  const run = await w.mpd('instances', 'create', ...on, '--org-no', ORG.orgNumber, ...extra);
  expect(run.code, run.err).toBe(0);
  return lastLine(run.out);
}

describe('mpd instances create', () => {
  it('creates with prefill (file and fields) and a file; prints the new instance id last', async () => {
    const run = await w.mpd(
      'instances',
      'create',
      ...on,
      '--org-no',
      '910 753 614',
      '--prefill',
      files.prefill,
      '--prefill-field',
      'Soknad.Kommune=Bergen',
      '--data',
      `vedlegg=${files.pdf}`,
      '--due-before',
      '2026-12-31',
    );
    expect(run.code, run.err).toBe(0);
    const id = lastLine(run.out);
    expect(id).toMatch(new RegExp(`^${ORG.partyId}/[0-9a-f-]{36}$`));
    expect(run.err).toContain(`Created in ttd/soknad for ${ORG.name} (org 910 753 614): ${id} at Task_1 (data)`);
    expect(run.err).toMatch(/soknad\.pdf → vedlegg [0-9a-f-]{36}/);
    const instance = w.storage.instances.get(id);
    const form = instance?.elements.find((e) => e.spec.dataType === 'model');
    expect(w.storage.content(form?.id as string).toString()).toContain(
      '<Soknad><Formaal>Nytt tak</Formaal><Belop>125000</Belop><Kommune>Bergen</Kommune></Soknad>',
    );
  });

  it('--json prints the created instance, the party and the parts, the id as the last member', async () => {
    const run = await w.mpd(
      'instances',
      'create',
      ...on,
      '--person-no',
      PERSON.ssn,
      '--data',
      `vedlegg=${files.png}`,
      '--json',
    );
    expect(run.code, run.err).toBe(0);
    const json = JSON.parse(run.out);
    expect(Object.keys(json).at(-1)).toBe('instanceId');
    expect(json.instanceId).toBe(json.instance.id);
    expect(json.party).toMatchObject({ name: PERSON.name, kind: 'person' });
    expect(json.parts).toEqual([{ dataType: 'vedlegg', filename: 'kart.png', elementId: expect.any(String) }]);
  });

  it.each([
    ['a wrong org-number check digit', ['--org-no', '910753615']],
    ['a wrong national identity number', ['--person-no', '15058550122']],
    ['a content type the data type does not take', ['--org-no', ORG.orgNumber, '--data', `vedlegg=PLACEHOLDER_TXT`]],
    ['a file over maxSize', ['--org-no', ORG.orgNumber, '--data', 'vedlegg=PLACEHOLDER_BIG']],
  ])('%s: exit 2 with message and hint; nothing written', async (_name, args) => {
    const argv = args.map((a) => a.replace('PLACEHOLDER_TXT', files.txt).replace('PLACEHOLDER_BIG', files.big));
    const run = await w.mpd('instances', 'create', ...on, ...argv);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^Error \[ACT_[A-Z_]+\]: .+\nHint: .+/m);
    expect(run.out).toBe('');
    expect(writes()).toHaveLength(0);
  });

  it('usage: exactly one owner (exit 2)', async () => {
    expect((await w.mpd('instances', 'create', ...on)).code).toBe(2);
    const both = await w.mpd('instances', 'create', ...on, '--org-no', ORG.orgNumber, '--party-id', '1');
    expect(both.code).toBe(2);
    expect(both.err).toContain('exactly one of --org-no, --person-no, --party-id');
    expect((await w.mpd('instances', 'create', '--profile', 'P', '--org-no', ORG.orgNumber)).code).toBe(2);
  });

  it("Altinn's refusal exits 1 with the message and the hint: a sub-unit the app does not take", async () => {
    const run = await w.mpd('instances', 'create', ...on, '--org-no', SUBUNIT.orgNumber);
    expect(run.code).toBe(1);
    expect(run.err).toContain('Error [ACT_PARTY_TYPE_NOT_ALLOWED]');
    expect(run.err).toContain(`Party ${SUBUNIT.partyId} is not allowed to instantiate this application ttd/soknad`);
    expect(run.err).toMatch(/Hint: The app's partyTypesAllowed/);
  });

  it('the listing of mpd instances still needs --profile and --app, and still lists', async () => {
    const missing = await w.mpd('instances', '--profile', 'P');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("required option '--app <org/app>' not specified");
    const id = await create();
    const listed = await w.mpd('instances', ...on, '--json');
    expect(listed.code, listed.err).toBe(0);
    expect(JSON.parse(listed.out).map((i: { id: string }) => i.id)).toContain(id);
  });
});

describe('mpd data', () => {
  it('add prints the element id last; replace keeps it; delete needs --yes', async () => {
    const id = await create();
    const added = await w.mpd('data', 'add', ...on, '--instance', id, '--type', 'vedlegg', files.pdf);
    expect(added.code, added.err).toBe(0);
    const elementId = lastLine(added.out);
    expect(elementId).toMatch(/^[0-9a-f-]{36}$/);
    expect(added.err).toContain('Added soknad.pdf (vedlegg, application/pdf');
    const replaced = await w.mpd('data', 'replace', ...on, '--instance', id, '--element', elementId, files.png);
    expect(replaced.code, replaced.err).toBe(0);
    expect(replaced.out).toContain(`Replaced ${elementId} with kart.png (image/png`);
    const noYes = await w.mpd('data', 'delete', ...on, '--instance', id, '--element', elementId);
    expect(noYes.code).toBe(2);
    const deleted = await w.mpd('data', 'delete', ...on, '--instance', id, '--element', elementId, '--yes');
    expect(deleted.code, deleted.err).toBe(0);
    expect(w.storage.instances.get(id)?.elements.some((e) => e.id === elementId)).toBe(false);
  });

  it('add --json has the element id as the last member; a data type the app lacks exits 2', async () => {
    const id = await create();
    const added = await w.mpd('data', 'add', ...on, '--instance', id, '--type', 'vedlegg', files.pdf, '--json');
    const json = JSON.parse(added.out);
    expect(Object.keys(json).at(-1)).toBe('elementId');
    expect(json.element.id).toBe(json.elementId);
    const unknown = await w.mpd('data', 'add', ...on, '--instance', id, '--type', 'bilag', files.pdf);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('ACT_DATA_TYPE_UNKNOWN');
  });
});

describe('mpd process', () => {
  it("show --json prints Altinn's process state; next validates (exit 1, issues listed); complete ends it", async () => {
    const id = await create();
    const shown = await w.mpd('process', 'show', ...on, '--instance', id, '--json');
    expect(shown.code, shown.err).toBe(0);
    const state = JSON.parse(shown.out);
    expect(state).toMatchObject({
      startEvent: 'StartEvent_1',
      currentTask: { elementId: 'Task_1', altinnTaskType: 'data', actions: { read: true, write: true } },
      processTasks: [{ elementId: 'Task_1' }, { elementId: 'Task_2' }],
    });
    const refused = await w.mpd('process', 'next', ...on, '--instance', id);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Altinn listed:\n  - TooFewDataElementsOfType (vedlegg)');
    expect(refused.err).toContain('Error [ACT_VALIDATION_FAILED]');
    await w.mpd('data', 'add', ...on, '--instance', id, '--type', 'vedlegg', files.pdf);
    const next = await w.mpd('process', 'next', ...on, '--instance', id);
    expect(next.code, next.err).toBe(0);
    expect(next.out).toContain('Task: Task_2 "Saksbehandling" (data)');
    const done = await w.mpd('process', 'complete', ...on, '--instance', id);
    expect(done.code, done.err).toBe(0);
    expect(done.out).toMatch(/^Ended: .+ \(EndEvent_1\)/);
  });

  it('a confirmation task needs `confirm`, which the template policy does not give: exit 1 naming it', async () => {
    const created = await w.mpd(
      'instances',
      'create',
      '--profile',
      'P',
      '--app',
      'ttd/bekreft',
      '--org-no',
      ORG.orgNumber,
    );
    const id = lastLine(created.out);
    await w.mpd('process', 'next', '--profile', 'P', '--app', 'ttd/bekreft', '--instance', id);
    const run = await w.mpd('process', 'next', '--profile', 'P', '--app', 'ttd/bekreft', '--instance', id);
    expect(run.code).toBe(1);
    expect(run.err).toContain('Error [ACT_POLICY_REFUSED]');
    expect(run.err).toContain('the action "confirm"');
  });
});

describe('mpd instances update and delete', () => {
  it('sets the substatus (through the app), presentation texts and data values', async () => {
    const id = await create();
    const run = await w.mpd(
      'instances',
      'update',
      ...on,
      '--instance',
      id,
      '--substatus',
      'Under behandling',
      '--substatus-description',
      'Svar innen 14 dager',
      '--text',
      'Saksnummer=2026/42',
      '--value',
      'fagsystemId=A-17',
    );
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain(`Updated ${id} at Task_1 (data), substatus "Under behandling"`);
    expect(run.out).toContain('presentation texts: Saksnummer=2026/42');
    expect(run.out).toContain('data values: fagsystemId=A-17');
    expect(w.storage.events.cloudEvents('ttd/soknad').at(-1)?.type).toBe('app.instance.substatus.changed');
    expect((await w.mpd('instances', 'update', ...on, '--instance', id)).code).toBe(2);
    expect((await w.mpd('instances', 'update', ...on, '--instance', id, '--text', 'novalue')).code).toBe(2);
  });

  it('delete: --yes is required; the template policy refuses (exit 1); an app that grants it deletes soft, then --hard', async () => {
    const id = await create();
    expect((await w.mpd('instances', 'delete', ...on, '--instance', id)).code).toBe(2);
    const refused = await w.mpd('instances', 'delete', ...on, '--instance', id, '--yes');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Error [ACT_POLICY_REFUSED]');
    expect(refused.err).toContain('"delete"');
    w.storage.writes.defineApp({ ...SOKNAD, ownerActions: ['read', 'write', 'instantiate', 'complete', 'delete'] });
    try {
      const soft = await w.mpd('instances', 'delete', ...on, '--instance', id, '--yes');
      expect(soft.out).toContain(`Deleted ${id} at Task_1 (data), soft-deleted`);
      const hard = await w.mpd('instances', 'delete', ...on, '--instance', id, '--hard', '--yes');
      expect(hard.out).toContain('soft-deleted, hard-deleted');
    } finally {
      w.storage.writes.defineApp(SOKNAD);
    }
  });
});

describe('the profile and Production', () => {
  it('a profile without the write scope: exit 1 naming altinn:serviceowner/instances.write; nothing sent', async () => {
    const readOnly = await w.mpd(
      'profiles',
      'add',
      '--name',
      'Les',
      '--env',
      'local',
      '--client-id',
      'client-1',
      '--key',
      (JSON.parse((await w.mpd('keys', 'list', '--json')).out) as { id: string }[])[0]?.id as string,
      '--scope',
      READ,
      '--org',
      'ttd',
    );
    expect(readOnly.code, readOnly.err).toBe(0);
    const run = await w.mpd(
      'instances',
      'create',
      '--profile',
      'Les',
      '--app',
      'ttd/soknad',
      '--org-no',
      ORG.orgNumber,
    );
    expect(run.code).toBe(1);
    expect(run.err).toContain('Error [ACT_WRITE_SCOPE_MISSING]');
    expect(run.err).toContain('altinn:serviceowner/instances.write');
    expect(w.storage.requests).toHaveLength(0);
  });

  it('in Production a write needs --confirm-production', async () => {
    await writeEnvironmentsFile(w.home, [
      localEnvironment({ auth: w.auth, storage: w.storage, production: true, name: 'Produksjon' }),
    ]);
    try {
      const refused = await w.mpd('instances', 'create', ...on, '--org-no', ORG.orgNumber);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('ACT_PRODUCTION_CONFIRM_REQUIRED');
      expect(writes()).toHaveLength(0);
      const confirmed = await w.mpd('instances', 'create', ...on, '--org-no', ORG.orgNumber, '--confirm-production');
      expect(confirmed.code, confirmed.err).toBe(0);
    } finally {
      await writeEnvironmentsFile(w.home, [localEnvironment({ auth: w.auth, storage: w.storage })]);
    }
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/program';
import { memorySecretStore, type SecretStore } from '../../src/node/keys/secret-store';
import { writeEnvironmentsFile } from '../helpers/local-world';
import { tempHome } from '../helpers/temp-home';

let home: string;
let cleanup: () => Promise<void>;
let secrets: SecretStore;
/** The ids of the keys generated for the test, by the placeholder used in the argument lists. */
let keyIds: Record<string, string>;

beforeEach(async () => {
  ({ home, cleanup } = await tempHome());
  secrets = memorySecretStore();
  keyIds = {};
  for (const placeholder of ['k1', 'k2']) {
    const generated = await mpd('keys', 'generate', '--name', `key-${placeholder}`);
    expect(generated.code).toBe(0);
    keyIds[placeholder] = generated.out.trim();
  }
});
afterEach(() => cleanup());

async function mpd(...args: string[]) {
  const io = bufferIo({});
  const argv = ['--home', home, ...args.map((a) => keyIds[a] ?? a)];
  const code = await runCli(argv, io, { version: 't', secrets: () => secrets });
  return { code, out: io.out(), err: io.err() };
}

const ADD = [
  'profiles',
  'add',
  '--name',
  'Reader',
  '--env',
  'tt02',
  '--client-id',
  'client-1',
  '--key',
  'k1',
  '--scope',
  'altinn:serviceowner/instances.read',
];

async function storedProfiles() {
  return JSON.parse(await readFile(join(home, 'profiles.json'), 'utf8')).profiles as Record<string, unknown>[];
}

describe('mpd profiles', () => {
  it('adds a profile with every option and prints only its id', async () => {
    const result = await mpd(
      ...ADD,
      '--scope',
      'altinn:serviceowner/instances.write',
      '--org',
      'ttd',
      '--app',
      'ttd/app-one',
      '--app',
      'ttd/app-two',
      '--resource',
      'https://api.example.no/',
      '--consumer-org',
      '910753614',
      '--systemuser-org',
      '991825827',
      '--external-ref',
      'customer-1',
      '--test-org',
      '--admin',
    );
    expect(result).toMatchObject({ code: 0, err: '' });
    const id = result.out.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const [stored] = await storedProfiles();
    expect(stored).toMatchObject({
      id,
      name: 'Reader',
      environmentId: 'tt02',
      clientId: 'client-1',
      keyId: keyIds.k1,
      scopes: ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'],
      org: 'ttd',
      apps: ['ttd/app-one', 'ttd/app-two'],
      resource: ['https://api.example.no/'],
      consumerOrg: '910753614',
      systemUser: { org: '991825827', externalRef: 'customer-1' },
      testOrg: true,
      admin: true,
    });
  });

  it('lists as JSON and as text, filtered by environment', async () => {
    await mpd(...ADD);
    await mpd(...ADD.map((a) => (a === 'tt02' ? 'prod' : a === 'Reader' ? 'Prod reader' : a)));
    const all = await mpd('profiles', 'list', '--json');
    expect(all.code).toBe(0);
    expect(JSON.parse(all.out).map((p: { name: string }) => p.name)).toEqual(['Reader', 'Prod reader']);
    const prod = await mpd('profiles', 'list', '--json', '--env', 'prod');
    expect(JSON.parse(prod.out).map((p: { environmentId: string }) => p.environmentId)).toEqual(['prod']);
    const text = await mpd('profiles', 'list');
    expect(text.out).toContain('Reader  [tt02]');
    expect(text.out).toContain('scopes         altinn:serviceowner/instances.read');
    expect((await mpd('profiles', 'list', '--env', 'nowhere')).code).toBe(1);
  });

  it('says so when there are no profiles', async () => {
    expect((await mpd('profiles', 'list')).out).toContain('No profiles');
  });

  it('edits by name: --scope replaces the list, --clear removes a field, --no-test-org switches off', async () => {
    await mpd(...ADD, '--consumer-org', '910753614', '--test-org', '--app', 'ttd/a');
    const result = await mpd(
      'profiles',
      'edit',
      'reader',
      '--scope',
      'altinn:serviceowner/instances.write',
      '--clear',
      'consumer-org',
      '--no-test-org',
      '--key',
      'k2',
      '--json',
    );
    expect(result.code).toBe(0);
    const edited = JSON.parse(result.out);
    expect(edited).toMatchObject({ scopes: ['altinn:serviceowner/instances.write'], keyId: keyIds.k2, testOrg: false });
    expect(edited.consumerOrg).toBeUndefined();
    expect(edited.apps).toEqual(['ttd/a']);
    const [stored] = await storedProfiles();
    expect(stored.consumerOrg).toBeUndefined();
    expect(stored.testOrg).toBe(false);
  });

  it('edits the externalRef of an existing system user', async () => {
    await mpd(...ADD, '--systemuser-org', '991825827');
    expect((await mpd('profiles', 'edit', 'Reader', '--external-ref', 'ref-2')).code).toBe(0);
    expect((await storedProfiles())[0].systemUser).toEqual({ org: '991825827', externalRef: 'ref-2' });
  });

  it('removes a profile by id with --yes', async () => {
    const id = (await mpd(...ADD)).out.trim();
    const refused = await mpd('profiles', 'remove', id);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--yes');
    expect(await storedProfiles()).toHaveLength(1);
    const removed = await mpd('profiles', 'remove', id, '--yes');
    expect(removed).toMatchObject({ code: 0 });
    expect(removed.out).toContain(`Removed profile Reader (${id})`);
    expect(await storedProfiles()).toEqual([]);
  });

  it.each([
    ['add without --scope', ['profiles', 'add', '--name', 'X', '--env', 'tt02', '--client-id', 'c', '--key', 'k1']],
    ['add without --name', ADD.filter((_a, i) => i !== 2 && i !== 3)],
    ['--external-ref without --systemuser-org', [...ADD, '--external-ref', 'x']],
    ['edit without changes', ['profiles', 'edit', 'Reader']],
    ['edit with an unknown --clear field', ['profiles', 'edit', 'Reader', '--clear', 'clientId']],
    ['edit that sets and clears the same field', ['profiles', 'edit', 'Reader', '--org', 'ttd', '--clear', 'org']],
    ['an unknown option', ['profiles', 'list', '--bogus']],
    ['remove without a profile', ['profiles', 'remove', '--yes']],
  ])('exits 2 on a usage error: %s', async (_label, args) => {
    await mpd(...ADD);
    const result = await mpd(...args);
    expect(result.code).toBe(2);
    expect(result.err).not.toBe('');
    expect(await storedProfiles()).toHaveLength(1);
  });

  it.each([
    ['a bad org number', [...ADD, '--consumer-org', '991825826'], 'PROFILE_INVALID'],
    ['a scope with a space', [...ADD.slice(0, -1), 'altinn:a altinn:b'], 'PROFILE_INVALID'],
    ['an unknown key', ADD.map((a) => (a === 'k1' ? 'k9' : a)), 'PROFILE_KEY_NOT_FOUND'],
    ['an unknown environment', ADD.map((a) => (a === 'tt02' ? 'nowhere' : a)), 'UNKNOWN_ENVIRONMENT'],
    [
      'the test org in production',
      [...ADD.map((a) => (a === 'tt02' ? 'prod' : a)), '--test-org'],
      'PROFILE_TEST_ORG_NOT_IN_PRODUCTION',
    ],
  ])('exits 1 with the code and a hint on %s', async (_label, args, code) => {
    const result = await mpd(...args);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`Error [${code}]`);
    expect(result.err).toContain('Hint: ');
  });

  it('refuses a duplicate name and an unknown profile', async () => {
    await mpd(...ADD);
    const duplicate = await mpd(...ADD);
    expect(duplicate.code).toBe(1);
    expect(duplicate.err).toContain('PROFILE_NAME_TAKEN');
    const unknown = await mpd('profiles', 'edit', 'nobody', '--org', 'ttd');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('PROFILE_NOT_FOUND');
  });

  it('shows custom environments in mpd env list', async () => {
    await writeEnvironmentsFile(home, [
      {
        id: 'local',
        name: 'Local',
        production: false,
        maskinporten: { issuer: 'http://127.0.0.1:9/', tokenEndpoint: 'http://127.0.0.1:9/token' },
        altinn: {
          exchangeUrl: 'http://127.0.0.1:9/x',
          storageBase: 'http://127.0.0.1:9/storage/api/v1',
          appBase: 'http://127.0.0.1:9/{org}/{app}',
        },
      },
    ]);
    const result = await mpd('env', 'list');
    expect(result.code).toBe(0);
    expect(result.out).toContain('local    Local  (custom)');
    expect((await mpd(...ADD.map((a) => (a === 'tt02' ? 'local' : a)))).code).toBe(0);
  });
});

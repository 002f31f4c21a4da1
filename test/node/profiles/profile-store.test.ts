import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileInput } from '../../../src/common/schemas/profile';
import { createEnvironmentRegistry } from '../../../src/node/environments/environments';
import { createProfileStore, type ProfileChange } from '../../../src/node/profiles/profile-store';
import { writeEnvironmentsFile } from '../../helpers/local-world';
import { tempHome } from '../../helpers/temp-home';

let home: string;
let cleanup: () => Promise<void>;
let file: string;
let keys: Set<string>;
let clock: Date;
let ids: number;

beforeEach(async () => {
  ({ home, cleanup } = await tempHome());
  file = join(home, 'profiles.json');
  keys = new Set(['k1', 'k2']);
  clock = new Date('2026-03-01T10:00:00Z');
  ids = 0;
});
afterEach(() => cleanup());

function store() {
  return createProfileStore({
    file,
    environments: createEnvironmentRegistry({ file: join(home, 'environments.json'), discovery: false }),
    keyExists: async (id) => keys.has(id),
    now: () => clock,
    newId: () => `p${++ids}`,
  });
}

function input(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    name: 'Reader',
    environmentId: 'tt02',
    clientId: 'client-1',
    keyId: 'k1',
    scopes: ['altinn:serviceowner/instances.read'],
    ...overrides,
  };
}

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  return error as { code: string; message: string; details?: Record<string, unknown> };
}

describe('profile store: CRUD', () => {
  it('adds, lists, gets, updates and removes', async () => {
    const profiles = store();
    const added = await profiles.add(
      input({
        org: 'ttd',
        apps: ['ttd/my-app'],
        resource: ['https://api.example.no/'],
        consumerOrg: '910753614',
        systemUser: { org: '991825827', externalRef: 'customer-1' },
        testOrg: true,
      }),
    );
    expect(added).toMatchObject({
      id: 'p1',
      name: 'Reader',
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:00:00.000Z',
      apps: ['ttd/my-app'],
      systemUser: { org: '991825827', externalRef: 'customer-1' },
      testOrg: true,
      admin: false,
    });
    const prod = await profiles.add(input({ environmentId: 'prod', clientId: 'client-2' }));
    expect((await profiles.list()).map((p) => p.id)).toEqual(['p1', 'p2']);
    expect((await profiles.list('prod')).map((p) => p.id)).toEqual([prod.id]);
    expect(await profiles.get('p1')).toEqual(added);

    clock = new Date('2026-03-02T10:00:00Z');
    const updated = await profiles.update('p1', {
      scopes: ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'],
      consumerOrg: null,
      name: 'Reader and writer',
    });
    expect(updated.scopes).toHaveLength(2);
    expect(updated.consumerOrg).toBeUndefined();
    expect(updated.name).toBe('Reader and writer');
    expect(updated.createdAt).toBe('2026-03-01T10:00:00.000Z');
    expect(updated.updatedAt).toBe('2026-03-02T10:00:00.000Z');
    expect(await store().get('p1')).toEqual(updated);

    expect((await profiles.remove('p1')).id).toBe('p1');
    expect((await profiles.list()).map((p) => p.id)).toEqual(['p2']);
    expect((await failure(profiles.get('p1'))).code).toBe('PROFILE_NOT_FOUND');
    expect((await failure(profiles.remove('p1'))).code).toBe('PROFILE_NOT_FOUND');
  });

  it('tells listeners about every change, until they unsubscribe', async () => {
    const profiles = store();
    const seen: ProfileChange[] = [];
    const off = profiles.onChange((c) => seen.push(c));
    await profiles.add(input());
    await profiles.update('p1', { clientId: 'client-9' });
    await profiles.remove('p1');
    expect(seen.map((c) => [c.type, c.profile.id, c.profile.clientId])).toEqual([
      ['added', 'p1', 'client-1'],
      ['updated', 'p1', 'client-9'],
      ['removed', 'p1', 'client-9'],
    ]);
    off();
    await profiles.add(input());
    expect(seen).toHaveLength(3);
  });

  it('does not tell listeners about a refused change', async () => {
    const profiles = store();
    const seen: ProfileChange[] = [];
    profiles.onChange((c) => seen.push(c));
    await failure(profiles.add(input({ keyId: 'missing' })));
    expect(seen).toEqual([]);
  });

  it('finds a profile by id or by a unique name', async () => {
    const profiles = store();
    await profiles.add(input({ name: 'Shared' }));
    await profiles.add(input({ name: 'Shared', environmentId: 'prod' }));
    await profiles.add(input({ name: 'Only here' }));
    expect((await profiles.find('p1')).id).toBe('p1');
    expect((await profiles.find('only HERE')).id).toBe('p3');
    expect((await profiles.find('Shared', 'prod')).id).toBe('p2');
    expect((await failure(profiles.find('Shared'))).code).toBe('PROFILE_AMBIGUOUS');
    expect((await failure(profiles.find('nobody'))).code).toBe('PROFILE_NOT_FOUND');
  });
});

describe('profile store: validation', () => {
  it.each([
    ['a bad consumer_org', { consumerOrg: '991825826' }, 'consumerOrg: not a valid organisation number'],
    ['a bad system-user org', { systemUser: { org: '12345678' } }, 'systemUser.org: not a valid organisation number'],
    ['a scope with a space', { scopes: ['altinn:serviceowner/instances.read altinn:x'] }, 'scopes[0]:'],
    ['no scopes', { scopes: [] }, 'scopes: at least one scope is required'],
    ['a scope without prefix', { scopes: ['read'] }, 'scopes[0]:'],
    ['an app without org', { apps: ['my-app'] }, 'apps[0]:'],
    ['an upper-case org code', { org: 'TTD' }, 'org:'],
    ['an empty name', { name: '   ' }, 'name:'],
    ['a resource that is no URL', { resource: ['not a url'] }, 'resource[0]:'],
  ])('refuses %s', async (_label, overrides, expected) => {
    const error = await failure(store().add(input(overrides as Partial<ProfileInput>)));
    expect(error.code).toBe('PROFILE_INVALID');
    expect(error.message).toContain(expected);
  });

  it('refuses an unknown environment', async () => {
    expect((await failure(store().add(input({ environmentId: 'nowhere' })))).code).toBe('UNKNOWN_ENVIRONMENT');
  });

  it('accepts a custom environment from environments.json', async () => {
    await writeEnvironmentsFile(home, [
      {
        id: 'local',
        name: 'Local',
        production: false,
        maskinporten: { issuer: 'http://127.0.0.1:1/', tokenEndpoint: 'http://127.0.0.1:1/token' },
        altinn: {
          exchangeUrl: 'http://127.0.0.1:2/x',
          storageBase: 'http://127.0.0.1:2/storage/api/v1',
          appBase: 'http://127.0.0.1:2/{org}/{app}',
        },
      },
    ]);
    expect((await store().add(input({ environmentId: 'local', testOrg: true }))).environmentId).toBe('local');
  });

  it('refuses the test org switch in production, on add and when moving a profile', async () => {
    const profiles = store();
    const error = await failure(profiles.add(input({ environmentId: 'prod', testOrg: true })));
    expect(error.code).toBe('PROFILE_TEST_ORG_NOT_IN_PRODUCTION');
    await profiles.add(input({ testOrg: true }));
    expect((await failure(profiles.update('p1', { environmentId: 'prod' }))).code).toBe(
      'PROFILE_TEST_ORG_NOT_IN_PRODUCTION',
    );
    expect((await profiles.update('p1', { environmentId: 'prod', testOrg: false })).environmentId).toBe('prod');
  });

  it('keeps names unique per environment, ignoring case', async () => {
    const profiles = store();
    await profiles.add(input({ name: 'Reader' }));
    const error = await failure(profiles.add(input({ name: 'reader' })));
    expect(error.code).toBe('PROFILE_NAME_TAKEN');
    expect(error.details).toMatchObject({ existingId: 'p1' });
    expect((await profiles.add(input({ name: 'Reader', environmentId: 'prod' }))).id).toBe('p2');
    await profiles.add(input({ name: 'Other' }));
    expect((await failure(profiles.update('p3', { name: 'READER' }))).code).toBe('PROFILE_NAME_TAKEN');
    expect((await profiles.update('p1', { name: 'Reader', clientId: 'c2' })).clientId).toBe('c2');
  });

  it('lets only one of two concurrent adds with the same name through', async () => {
    const profiles = store();
    const results = await Promise.allSettled([profiles.add(input()), profiles.add(input())]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await profiles.list()).toHaveLength(1);
  });

  it('checks that the key exists when a profile gets a key', async () => {
    const profiles = store();
    const error = await failure(profiles.add(input({ keyId: 'nope' })));
    expect(error.code).toBe('PROFILE_KEY_NOT_FOUND');
    await profiles.add(input());
    expect((await failure(profiles.update('p1', { keyId: 'nope' }))).code).toBe('PROFILE_KEY_NOT_FOUND');
    expect((await profiles.update('p1', { keyId: 'k2' })).keyId).toBe('k2');
    // A key deleted later does not block unrelated edits of the profile.
    keys.delete('k2');
    expect((await profiles.update('p1', { name: 'Renamed' })).name).toBe('Renamed');
  });

  it('refuses an invalid patch', async () => {
    const profiles = store();
    await profiles.add(input());
    const error = await failure(profiles.update('p1', { consumerOrg: '123' }));
    expect(error.code).toBe('PROFILE_INVALID');
    expect(error.message).toContain('consumerOrg');
    expect((await profiles.get('p1')).consumerOrg).toBeUndefined();
  });
});

describe('profile store: the file', () => {
  it('writes a versioned document with owner-only permissions and no temp files left', async () => {
    const profiles = store();
    for (let i = 0; i < 5; i++) await profiles.add(input({ name: `P${i}` }));
    await profiles.update('p1', { clientId: 'changed' });
    await profiles.remove('p2');
    expect(await readdir(home)).toEqual(['profiles.json']);
    const doc = JSON.parse(await readFile(file, 'utf8'));
    expect(doc.version).toBe(2);
    expect(doc.profiles).toHaveLength(4);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('reads a version 1 file written by hand and upgrades it on the next write', async () => {
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        profiles: [
          {
            id: 'old',
            name: 'Old',
            environmentId: 'tt02',
            clientId: 'c',
            keyId: 'k1',
            scope: 'altinn:serviceowner/instances.read  altinn:serviceowner/instances.write',
            resource: 'https://api.example.no/',
            apps: [],
            testOrg: false,
            admin: false,
            createdAt: '2025-01-01T00:00:00.000Z',
            updatedAt: '2025-01-01T00:00:00.000Z',
          },
        ],
      }),
    );
    const profiles = store();
    const old = await profiles.get('old');
    expect(old.scopes).toEqual(['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write']);
    expect(old.resource).toEqual(['https://api.example.no/']);
    await profiles.add(input());
    const doc = JSON.parse(await readFile(file, 'utf8'));
    expect(doc.version).toBe(2);
    expect(doc.profiles[0].scope).toBeUndefined();
    expect(doc.profiles[0].scopes).toHaveLength(2);
  });

  it.each([
    ['text that is not JSON', '{"version": 2, "profiles": ['],
    ['a profile with a bad org number', JSON.stringify({ version: 2, profiles: [{ id: 'x', consumerOrg: '1' }] })],
    ['a version from the future', JSON.stringify({ version: 99, profiles: [] })],
  ])('reports %s as SETTINGS_CORRUPT with the path, and leaves the file alone', async (_label, content) => {
    await writeFile(file, content);
    const profiles = store();
    const error = await failure(profiles.list());
    expect(error.code).toBe('SETTINGS_CORRUPT');
    expect(error.message).toContain(file);
    expect(error.details).toMatchObject({ path: file });
    expect((await failure(profiles.add(input()))).code).toBe('SETTINGS_CORRUPT');
    expect(await readFile(file, 'utf8')).toBe(content);
  });
});

describe('profile store: the cache', () => {
  it('answers from memory while the file is unchanged, and sees its own changes at once', async () => {
    const profiles = store();
    const added = await profiles.add(input());
    const first = await profiles.get(added.id);
    // The same object twice: no second read of the file.
    expect(await profiles.get(added.id)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);

    await profiles.update(added.id, { name: 'Renamed' });
    expect((await profiles.get(added.id)).name).toBe('Renamed');
    expect((await profiles.find('renamed')).id).toBe(added.id);
    const second = await profiles.add(input({ name: 'Second' }));
    expect((await profiles.list()).map((p) => p.id)).toEqual([added.id, second.id]);
    await profiles.remove(added.id);
    expect((await failure(profiles.get(added.id))).code).toBe('PROFILE_NOT_FOUND');
    expect((await profiles.list()).map((p) => p.id)).toEqual([second.id]);
  });

  it('sees a change another process made through its own store (the CLI beside the app)', async () => {
    const app = store();
    const cli = store();
    const added = await app.add(input());
    expect((await app.get(added.id)).name).toBe('Reader');
    expect((await cli.get(added.id)).name).toBe('Reader');
    // Same length, written within the same clock tick: only the new file (rename) tells it apart.
    await cli.update(added.id, { name: 'Writer' });
    expect((await app.get(added.id)).name).toBe('Writer');
    await cli.remove(added.id);
    expect((await failure(app.get(added.id))).code).toBe('PROFILE_NOT_FOUND');
    expect(await app.list()).toEqual([]);
  });

  it('sees the file edited in place by hand', async () => {
    const profiles = store();
    const added = await profiles.add(input());
    expect((await profiles.get(added.id)).scopes).toEqual(['altinn:serviceowner/instances.read']);
    const doc = JSON.parse(await readFile(file, 'utf8'));
    doc.profiles[0].scopes.push('altinn:serviceowner/instances.write');
    await writeFile(file, JSON.stringify(doc, null, 2));
    expect((await profiles.get(added.id)).scopes).toEqual([
      'altinn:serviceowner/instances.read',
      'altinn:serviceowner/instances.write',
    ]);
  });

  it('hands every caller its own list', async () => {
    const profiles = store();
    await profiles.add(input());
    const list = await profiles.list();
    list.pop();
    expect(await profiles.list()).toHaveLength(1);
  });
});

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempHome } from '../../helpers/temp-home';
import { testServices } from '../../helpers/test-services';

let home: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ home, cleanup } = await tempHome());
});
afterEach(() => cleanup());

/** Real services (discovery off) with one generated key, and a profile input that uses it. */
async function setup(overrides: Parameters<typeof testServices>[1] = {}) {
  const built = testServices(home, { discovery: false, ...overrides });
  const key = await built.services.keys.generate({ name: 'signing' });
  const add = {
    name: 'Reader',
    environmentId: 'tt02',
    clientId: 'client-1',
    keyId: key.id,
    scopes: ['altinn:serviceowner/instances.read'],
  };
  return { ...built, add };
}

describe('profile channels', () => {
  it('adds, lists, gets, updates and removes through dispatch', async () => {
    const { dispatch, services, add } = await setup();
    const cleared: string[] = [];
    services.profiles.onChange((c) => cleared.push(c.profile.id));

    const added = await dispatch('profiles:add', add);
    expect(added.ok).toBe(true);
    const id = (added as { result: { id: string } }).result.id;
    expect(await dispatch('profiles:list', undefined)).toMatchObject({ ok: true, result: [{ id, name: 'Reader' }] });
    expect(await dispatch('profiles:list', { environmentId: 'prod' })).toEqual({ ok: true, result: [] });
    expect(await dispatch('profiles:get', { id })).toMatchObject({ ok: true, result: { id } });
    expect(await dispatch('profiles:update', { id, patch: { org: 'ttd' } })).toMatchObject({
      ok: true,
      result: { org: 'ttd' },
    });
    expect(await dispatch('profiles:remove', { id })).toEqual({ ok: true, result: { removed: id } });
    expect(cleared).toEqual([id, id, id]);
  });

  it('answers errors with the code and the English hint', async () => {
    const { dispatch, add } = await setup();
    const envelope = await dispatch('profiles:add', { ...add, environmentId: 'prod', testOrg: true });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'PROFILE_TEST_ORG_NOT_IN_PRODUCTION' } });
    expect((envelope as { error: { hint?: string } }).error.hint).toContain('TT02');
    const missingKey = await dispatch('profiles:add', { ...add, keyId: 'k9' });
    expect(missingKey).toMatchObject({ ok: false, error: { code: 'PROFILE_KEY_NOT_FOUND' } });
  });

  it('validates input at the seam', async () => {
    const { dispatch, add } = await setup();
    const envelope = await dispatch('profiles:add', { ...add, consumerOrg: '991825826' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('profiles:update', { id: 'x', patch: { bogus: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('suggests the service-owner scopes', async () => {
    const { dispatch } = await setup();
    const envelope = (await dispatch('profiles:scope-suggestions', undefined)) as {
      result: { scope: string; admin: boolean }[];
    };
    expect(envelope.result.filter((s) => !s.admin).map((s) => s.scope)).toEqual([
      'altinn:serviceowner/instances.read',
      'altinn:serviceowner/instances.write',
    ]);
  });

  it('resolves an environment without discovery when it is off', async () => {
    const { dispatch } = await setup({
      fetch: async () => {
        throw new Error('no network in this test');
      },
    });
    expect(await dispatch('environments:resolve', { id: 'tt02' })).toMatchObject({
      ok: true,
      result: { id: 'tt02', discovered: false, maskinporten: { issuer: 'https://test.maskinporten.no/' } },
    });
    expect(await dispatch('environments:resolve', { id: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_ENVIRONMENT' },
    });
  });

  it('lists custom environments and reports a bad environments.json', async () => {
    const { dispatch } = await setup();
    await writeFile(join(home, 'environments.json'), JSON.stringify({ environments: [{ id: 'tt02' }] }));
    const envelope = await dispatch('environments:list', undefined);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'ENVIRONMENTS_FILE_INVALID' } });
    expect((envelope as { error: { hint?: string } }).error.hint).toContain('environments.json');
  });
});

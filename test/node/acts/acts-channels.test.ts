import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Profile } from '../../../src/common/contract/profiles';
import { altinnTokenCheck, type FakeAltinnStorage, startFakeAltinnStorage } from '../../fakes/altinn-storage';
import { type AuthFake, startAuthFake } from '../../fakes/auth-server';
import {
  dispatchOk,
  localEnvironment,
  registerKeyOnFakeClient,
  writeEnvironmentsFile,
} from '../../helpers/local-world';
import { tempHome } from '../../helpers/temp-home';
import { testServices } from '../../helpers/test-services';
import { ORG, SOKNAD } from './acts-harness';

const ORGNO = '991825827';
const SCOPES = ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'];

/**
 * The window's channels (src/node/handlers/instance-acts-handlers.ts) over the real services, token service
 * and dispatch: in Production a write needs the window's `confirmProduction` and then main's own yes.
 */
describe('act channels from the window', () => {
  let auth: AuthFake;
  let storage: FakeAltinnStorage;
  let t: ReturnType<typeof testServices>;
  let cleanup: () => Promise<void>;
  let prod: Profile;
  let test: Profile;

  beforeAll(async () => {
    auth = await startAuthFake();
    auth.registerServiceOwner(ORGNO, 'ttd');
    storage = await startFakeAltinnStorage({ validateToken: altinnTokenCheck((x) => auth.verifyAltinnToken(x)) });
    storage.writes.defineApp(SOKNAD);
    storage.writes.addParty({ ...ORG, partyTypeName: 2, unitType: 'AS' });
    const temp = await tempHome();
    cleanup = temp.cleanup;
    t = testServices(temp.home);
    await writeEnvironmentsFile(temp.home, [
      localEnvironment({ auth, storage, name: 'Lokal test' }),
      localEnvironment({ auth, storage, id: 'localprod', name: 'Lokal produksjon', production: true }),
    ]);
    const key = await registerKeyOnFakeClient(
      t.dispatch,
      auth,
      { name: 'k' },
      { clientId: 'c1', orgNo: ORGNO, scopes: SCOPES },
    );
    const base = { clientId: 'c1', keyId: key.id, scopes: SCOPES, org: 'ttd', apps: [SOKNAD.id] };
    test = await dispatchOk<Profile>(t.dispatch, 'profiles:add', { ...base, name: 'Test', environmentId: 'local' });
    prod = await dispatchOk<Profile>(t.dispatch, 'profiles:add', { ...base, name: 'Prod', environmentId: 'localprod' });
  });
  afterAll(async () => {
    await storage?.close();
    await auth?.close();
    await cleanup?.();
  });
  beforeEach(() => {
    t.desktop.confirmations.length = 0;
  });

  const create = (profileId: string, extra: Record<string, unknown> = {}) =>
    t.dispatch('act:create', { profileId, appId: SOKNAD.id, owner: { kind: 'org', value: ORG.orgNumber }, ...extra });

  it('outside Production: created at once, main is not asked', async () => {
    const envelope = await create(test.id);
    expect(envelope).toMatchObject({
      ok: true,
      result: { party: { name: ORG.name }, instance: { currentTask: 'Task_1' } },
    });
    expect(t.desktop.confirmations).toHaveLength(0);
  });

  it("in Production: no confirmProduction → refused; main's no → declined; main's yes → created", async () => {
    const before = storage.instances.size;
    expect(await create(prod.id)).toMatchObject({ ok: false, error: { code: 'ACT_PRODUCTION_CONFIRM_REQUIRED' } });
    expect(t.desktop.confirmations).toHaveLength(0);
    t.desktop.answers!.confirm = false;
    const declined = await create(prod.id, { confirmProduction: true });
    expect(declined).toMatchObject({
      ok: false,
      error: { code: 'ACT_DECLINED', hint: expect.stringContaining('Nothing was sent') },
    });
    expect(storage.instances.size).toBe(before);
    t.desktop.answers!.confirm = true;
    expect(await create(prod.id, { confirmProduction: true })).toMatchObject({ ok: true });
    expect(storage.instances.size).toBe(before + 1);
    expect(t.desktop.confirmations.map((c) => c.message)).toEqual([
      'Opprette en instans i PRODUKSJON (Lokal produksjon)?',
      'Opprette en instans i PRODUKSJON (Lokal produksjon)?',
    ]);
  });

  it("main's question names the instance and the change of every other write", async () => {
    t.desktop.answers!.confirm = true;
    const created = await dispatchOk<{ instance: { id: string } }>(t.dispatch, 'act:create', {
      profileId: prod.id,
      appId: SOKNAD.id,
      owner: { kind: 'org', value: ORG.orgNumber },
      confirmProduction: true,
    });
    t.desktop.confirmations.length = 0;
    const on = { profileId: prod.id, appId: SOKNAD.id, instanceId: created.instance.id, confirmProduction: true };
    await dispatchOk(t.dispatch, 'act:update-status', { ...on, substatus: { label: 'Under behandling' } });
    t.desktop.answers!.confirm = false;
    const refused = await t.dispatch('act:delete', { ...on, hard: true, hardConfirmed: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ACT_DECLINED' } });
    expect(t.desktop.confirmations.map((c) => [c.message, c.detail])).toEqual([
      [
        'Endre det brukeren ser av en instans i PRODUKSJON (Lokal produksjon)?',
        [
          'Miljø: Lokal produksjon',
          `App: ${SOKNAD.id}`,
          `Instans: ${created.instance.id}`,
          'Understatus: Under behandling',
        ],
      ],
      [
        'Slette en instans PERMANENT i PRODUKSJON (Lokal produksjon)?',
        [
          'Miljø: Lokal produksjon',
          `App: ${SOKNAD.id}`,
          `Instans: ${created.instance.id}`,
          'Permanent: kan ikke angres',
        ],
      ],
    ]);
  });

  it('validates input at the seam: an instance id that is not partyId/guid, an owner kind that does not exist', async () => {
    expect(await t.dispatch('act:process', { profileId: test.id, appId: SOKNAD.id, instanceId: '../x' })).toMatchObject(
      {
        ok: false,
        error: { code: 'INVALID_INPUT' },
      },
    );
    expect(await create(test.id, { owner: { kind: 'ssn', value: '1' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});

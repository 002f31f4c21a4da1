import type { Profile } from '../../src/common/contract/profiles';
import type { FakeAltinnStorage } from '../fakes/altinn-storage';
import type { AuthFake } from '../fakes/auth-server';
import { localEnvironment, registerKeyOnFakeClient, writeEnvironmentsFile } from '../helpers/local-world';
import type { Harness } from './harness';
import { ok } from './page-steps';

/**
 * The world the instance-data e2e tests share: "Lokal test" and a production-marked "Lokal produksjon"
 * (both only the fakes on 127.0.0.1), a key of ours registered as the only key of the service owner's
 * client, and a profile "Mottak" in each environment with its apps. The window starts in the test one.
 */
export async function serviceOwnerWorld(
  h: Harness,
  world: { auth: AuthFake; storage: FakeAltinnStorage },
  options: {
    orgNo: string;
    org: string;
    scopes: string[];
    kid: string;
    apps: string[];
    prodApps: string[];
    prodName: string;
  },
): Promise<void> {
  const { auth, storage } = world;
  // environments.json is read on every call, so writing it before the page opens is enough.
  await writeEnvironmentsFile(h.home, [
    localEnvironment({ auth, storage, name: 'Lokal test' }),
    localEnvironment({ auth, storage, id: 'localprod', name: 'Lokal produksjon', production: true }),
  ]);
  const key = await registerKeyOnFakeClient(
    h.dispatch,
    auth,
    { name: 'Mottaksnøkkel', kid: options.kid },
    { clientId: 'mottak-klient', orgNo: options.orgNo, scopes: options.scopes },
  );
  const base = { clientId: 'mottak-klient', keyId: key.id, scopes: options.scopes, org: options.org };
  await ok<Profile>(h, 'profiles:add', { ...base, name: 'Mottak', environmentId: 'local', apps: options.apps });
  await ok<Profile>(h, 'profiles:add', {
    ...base,
    name: options.prodName,
    environmentId: 'localprod',
    apps: options.prodApps,
  });
  await ok(h, 'settings:update', { environmentId: 'local' });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memorySecretStore } from '../../src/node/keys/secret-store';
import { addCliProfile, mpdIn } from '../helpers/local-world';
import { tempHome } from '../helpers/temp-home';
import {
  ADMIN_CLIENT_ID,
  ADMIN_SCOPES,
  P12_PASSWORD,
  type SelfServiceWorld,
  startSelfServiceWorld,
  writeEnvironments,
} from '../node/clients/selfservice-harness';

const SCOPE = 'altinn:serviceowner/instances.read';

/** `mpd clients …` end to end: CLI → services → the self-service fake → the auth fake, one home and keychain. */
describe('mpd clients against the fakes', () => {
  let world: SelfServiceWorld;
  let home: string;
  let cleanup: () => Promise<void>;
  const secrets = memorySecretStore();
  const mpd = mpdIn(() => home, secrets, { ADMIN_P12_PASSWORD: P12_PASSWORD });
  const generate = async (name: string) => {
    const result = await mpd('keys', 'generate', '--name', name, '--json');
    expect(result.code).toBe(0);
    return JSON.parse(result.out) as { id: string; kid: string };
  };
  let clientId = '';
  let firstKey = { id: '', kid: '' };

  beforeAll(async () => {
    world = await startSelfServiceWorld();
    ({ home, cleanup } = await tempHome());
    await writeEnvironments(home, world);
    const imported = await mpd('keys', 'import', world.cert.p12Path, '--password-env', 'ADMIN_P12_PASSWORD', '--json');
    expect(imported.code).toBe(0);
    const adminKey = (JSON.parse(imported.out) as { id: string }).id;
    for (const [name, env] of [
      ['Admin', 'local'],
      ['Admin prod', 'local-prod'],
    ] as const) {
      await addCliProfile(mpd, {
        name,
        env,
        clientId: ADMIN_CLIENT_ID,
        keyId: adminKey,
        scopes: ADMIN_SCOPES,
        admin: true,
      });
    }
  }, 60_000);
  afterAll(async () => {
    await world?.close();
    await cleanup?.();
  });

  it('creates a client with a key and a profile; the profile gets a token', async () => {
    firstKey = await generate('Mottak');
    const created = await mpd(
      'clients',
      'create',
      '--admin-profile',
      'Admin',
      '--name',
      'Mottak',
      '--description',
      'Henter skjema',
      '--scope',
      SCOPE,
      '--key',
      firstKey.kid,
      '--profile-name',
      'Mottak',
      '--json',
    );
    expect(created.code).toBe(0);
    const result = JSON.parse(created.out) as { client: { clientId: string }; profile: { name: string } };
    clientId = result.client.clientId;
    expect(world.selfService.client(clientId)?.keys.map((k) => k.kid)).toEqual([firstKey.kid]);
    expect(result.profile.name).toBe('Mottak');
    const token = await mpd('token', '--profile', 'Mottak');
    expect(token.code).toBe(0);
    expect((await world.auth.verifyAccessToken(token.out.trim())).client_id).toBe(clientId);
  });

  it('lists and shows clients with their keys', async () => {
    const list = await mpd('clients', 'list', '--admin-profile', 'Admin');
    expect(list.code).toBe(0);
    expect(list.out).toContain(clientId);
    const shown = await mpd('clients', 'show', '--admin-profile', 'Admin', '--client', clientId);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('keys:        1 of 5');
    expect(shown.out).toContain(firstKey.kid);
    expect(shown.out).toMatch(/expires \d{4}-\d{2}-\d{2} \(ok\)/);
  });

  it('publishes a second key, says it takes up to 2 minutes, and keeps the first', async () => {
    const second = await generate('Mottak ny');
    const published = await mpd(
      'clients',
      'keys',
      'publish',
      '--admin-profile',
      'Admin',
      '--client',
      clientId,
      '--key',
      second.id,
    );
    expect(published.code).toBe(0);
    expect(published.out).toContain(`Published key ${second.kid}`);
    expect(published.out).toContain('up to 2 minutes');
    expect(published.out).toContain(firstKey.kid);
    expect(world.selfService.client(clientId)?.keys.map((k) => k.kid)).toEqual([firstKey.kid, second.kid]);

    // The first key is still what profile Mottak signs with: removal is refused with a hint, then forced.
    const removeFirstKey = (...options: string[]) =>
      mpd(
        'clients',
        'keys',
        'remove',
        '--admin-profile',
        'Admin',
        '--client',
        clientId,
        '--key',
        firstKey.id,
        ...options,
      );
    const refused = await removeFirstKey();
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('SELFSERVICE_KEY_IN_USE');
    expect(refused.err).toMatch(/Hint: .*--force/);
    expect(world.selfService.client(clientId)?.keys).toHaveLength(2);
    const forced = await removeFirstKey('--force', '--json');
    expect(forced.code).toBe(0);
    expect((JSON.parse(forced.out) as { keys: { kid: string }[] }).keys.map((k) => k.kid)).toEqual([second.kid]);
  });

  it('updates a client and refuses an update with nothing to change (exit 2)', async () => {
    const updated = await mpd(
      'clients',
      'update',
      '--admin-profile',
      'Admin',
      '--client',
      clientId,
      '--description',
      'Ny beskrivelse',
      '--json',
    );
    expect(updated.code).toBe(0);
    expect(JSON.parse(updated.out)).toMatchObject({ clientId, description: 'Ny beskrivelse', scopes: [SCOPE] });
    const nothing = await mpd('clients', 'update', '--admin-profile', 'Admin', '--client', clientId);
    expect(nothing.code).toBe(2);
  });

  it('needs --yes-production for production writes', async () => {
    const key = await generate('Prod');
    const args = ['clients', 'create', '--admin-profile', 'Admin prod', '--name', 'P', '--description', 'P'];
    const refused = await mpd(...args, '--scope', SCOPE, '--key', key.id);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('SELFSERVICE_PRODUCTION_CONFIRM_REQUIRED');
    expect(refused.err).toContain('--yes-production');
    const confirmed = await mpd(...args, '--scope', SCOPE, '--key', key.id, '--yes-production');
    expect(confirmed.code).toBe(0);
    expect(world.selfService.client(confirmed.out.trim())?.keys.map((k) => k.kid)).toEqual([key.kid]);
  });

  it('prints the manual guide with the portal and the public JWK', async () => {
    const key = await generate('Manuell');
    const guide = await mpd('clients', 'guide', '--env', 'tt02', '--key', key.id);
    expect(guide.code).toBe(0);
    expect(guide.out).toContain('https://samarbeid.digdir.no/');
    expect(guide.out).toContain('TEST');
    expect(guide.out).toContain(`"kid": "${key.kid}"`);
    expect(guide.out).not.toMatch(/"d":/);
  });
});

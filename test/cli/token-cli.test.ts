import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memorySecretStore } from '../../src/node/keys/secret-store';
import { type AuthFake, startAuthFake } from '../fakes/auth-server';
import { addCliProfile, mpdIn, registerCliKeyOnFakeClient, writeLocalEnvironment } from '../helpers/local-world';
import { allFiles, tempHome } from '../helpers/temp-home';

const ORGNO = '910753614';
const SCOPES = ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'];

/**
 * What both describes stand on: the auth fake with our service owner, a home whose one environment is the
 * fake, and profile Mottak signing with a key registered as client-1's only key. With `vaultPassphrase`, the
 * keys are in a passphrase vault made first, and `mpd` unlocks it from MPD_VAULT_PASSPHRASE. The fields of
 * `world` are set in beforeAll.
 */
function mottakWorld({ vaultPassphrase }: { vaultPassphrase?: string } = {}) {
  const world = { fake: undefined as unknown as AuthFake, home: '', kid: '', secrets: memorySecretStore() };
  let cleanup: () => Promise<void>;
  const mpd = mpdIn(() => world.home, world.secrets, vaultPassphrase ? { MPD_VAULT_PASSPHRASE: vaultPassphrase } : {});

  beforeAll(async () => {
    world.fake = await startAuthFake();
    world.fake.registerServiceOwner(ORGNO, 'tst');
    ({ home: world.home, cleanup } = await tempHome());
    await writeLocalEnvironment(world.home, { auth: world.fake });
    if (vaultPassphrase) expect((await mpd('keys', 'vault', 'use-passphrase')).code).toBe(0);
    const key = await registerCliKeyOnFakeClient(mpd, world.fake, 'Integrasjon', {
      clientId: 'client-1',
      orgNo: ORGNO,
      scopes: SCOPES,
    });
    world.kid = key.kid;
    await addCliProfile(mpd, {
      name: 'Mottak',
      env: 'local',
      clientId: 'client-1',
      keyId: key.id,
      scopes: SCOPES,
      org: 'tst',
      app: 'tst/mottak',
    });
  });
  afterAll(async () => {
    await world.fake.close();
    await cleanup();
  });
  return { world, mpd };
}

/** `mpd token` and `mpd doctor` end to end: CLI → services → the strict fake over loopback. */
describe('mpd token / mpd doctor against the fake', () => {
  const { world, mpd } = mottakWorld();

  it('prints only an Altinn token that the fake accepts, with the org claim', async () => {
    const { code, out } = await mpd('token', '--profile', 'Mottak', '--altinn');
    expect(code).toBe(0);
    const token = out.trim();
    expect(token.split('.')).toHaveLength(3);
    const claims = await world.fake.verifyAltinnToken(token);
    expect(claims['urn:altinn:org']).toBe('tst');
    expect(String(claims.scope)).toContain('altinn:serviceowner/instances.read');
  });

  it('prints a Maskinporten token by default and claims without the token with --decode', async () => {
    const plain = await mpd('token', '--profile', 'Mottak');
    expect(plain.code).toBe(0);
    const claims = await world.fake.verifyAccessToken(plain.out.trim());
    expect(claims.client_id).toBe('client-1');
    const decoded = await mpd('token', '--profile', 'Mottak', '--decode', '--json');
    expect(decoded.code).toBe(0);
    const body = JSON.parse(decoded.out) as { claims: Record<string, unknown>; expiresAt: string };
    expect(body.claims.client_id).toBe('client-1');
    expect(decoded.out).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  });

  it('passes the doctor, then explains an unknown kid and exits 1', async () => {
    const healthy = await mpd('doctor', '--profile', 'Mottak');
    expect(healthy.code).toBe(0);
    expect(healthy.out).toContain('Overall: PASS');
    world.fake.rejectKid(world.kid);
    const sick = await mpd('doctor', '--profile', 'Mottak');
    expect(sick.code).toBe(1);
    expect(sick.out).toMatch(/\[FAIL\] Maskinporten token/);
    expect(sick.out.toLowerCase()).toContain('kid');
    const token = await mpd('token', '--profile', 'Mottak');
    expect(token.code).toBe(1);
    expect(token.err).toContain('MASKINPORTEN_UNKNOWN_KID');
    expect(token.err).toMatch(/Hint: /);
  });

  it('leaves no token in the home folder or the log', async () => {
    const { accessTokens, altinnTokens } = world.fake.issuedTokens();
    expect(accessTokens.length).toBeGreaterThan(0);
    for (const file of await allFiles(world.home)) {
      const text = readFileSync(file, 'latin1');
      for (const token of [...accessTokens, ...altinnTokens]) expect(text.includes(token)).toBe(false);
    }
  });
});

/** A passphrase vault in a scheduled run: every command that signs unlocks it from MPD_VAULT_PASSPHRASE. */
describe('mpd token with a passphrase vault', () => {
  const PASSPHRASE = 'a long enough vault passphrase';
  const { world, mpd: unattended } = mottakWorld({ vaultPassphrase: PASSPHRASE });
  const withoutIt = mpdIn(() => world.home, world.secrets);

  it('gets a token with the passphrase from the environment, and says the vault is locked without it', async () => {
    const ok = await unattended('token', '--profile', 'Mottak', '--altinn');
    expect(ok.code).toBe(0);
    expect(ok.out.trim().split('.')).toHaveLength(3);
    const locked = await withoutIt('token', '--profile', 'Mottak');
    expect(locked.code).toBe(1);
    expect(locked.err).toContain('VAULT_LOCKED');
    expect(locked.err).toContain('MPD_VAULT_PASSPHRASE');
  });
});

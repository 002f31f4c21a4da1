import { memorySecretStore } from '../../src/node/keys/secret-store';
import { altinnTokenCheck, FakeAltinnStorage } from '../fakes/altinn-storage';
import { type AuthFake, startAuthFake } from '../fakes/auth-server';
import { addCliProfile, type Mpd, mpdIn, registerCliKeyOnFakeClient, writeLocalEnvironment } from './local-world';
import { tempHome } from './temp-home';

export interface CliStorageWorld {
  auth: AuthFake;
  storage: FakeAltinnStorage;
  home: string;
  mpd: Mpd;
  close(): Promise<void>;
}

/**
 * `mpd` over a temp home with the REAL token service: a key registered on the auth fake's client, a
 * profile `P` for `ttd/mottak` in the `local` environment, and a Storage fake that accepts only Altinn
 * tokens the auth fake's exchange signed.
 */
export async function startCliStorageWorld(options: {
  orgNo: string;
  scopes: string[];
  /** A passphrase vault (MPD_VAULT_PASSPHRASE), so a child `mpd` (spawn-mpd.ts) can unlock the key too. */
  vaultPassphrase?: string;
}): Promise<CliStorageWorld> {
  const auth = await startAuthFake();
  auth.registerServiceOwner(options.orgNo, 'ttd');
  const storage = await new FakeAltinnStorage({
    validateToken: altinnTokenCheck((token) => auth.verifyAltinnToken(token)),
  }).listen();
  const { home, cleanup } = await tempHome();
  const env = options.vaultPassphrase ? { MPD_VAULT_PASSPHRASE: options.vaultPassphrase } : {};
  const mpd = mpdIn(() => home, memorySecretStore(), env);
  await writeLocalEnvironment(home, { auth, storage });
  if (options.vaultPassphrase) {
    const vault = await mpd('keys', 'vault', 'use-passphrase');
    if (vault.code !== 0) throw new Error(`keys vault use-passphrase: ${vault.err}`);
  }
  const key = await registerCliKeyOnFakeClient(mpd, auth, 'Mottak', {
    clientId: 'client-1',
    orgNo: options.orgNo,
    scopes: options.scopes,
  });
  await addCliProfile(mpd, {
    name: 'P',
    env: 'local',
    clientId: 'client-1',
    keyId: key.id,
    scopes: options.scopes,
    org: 'ttd',
    app: 'ttd/mottak',
  });
  return {
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
}

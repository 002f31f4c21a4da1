import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { bufferIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/program';
import type { KeySummary, PublicJwk } from '../../src/common/contract/keys';
import type { SecretStore } from '../../src/node/keys/secret-store';
import type { AuthFake } from '../fakes/auth-server';
import type { testServices } from './test-services';

/**
 * The "local world" several tests build: an environment in <home>/environments.json whose endpoints are the
 * fakes on 127.0.0.1, and a key of ours registered as the only key of a client on the auth fake.
 */

/** Where Storage and the app API are, when a test runs the Storage fake (test/fakes/altinn-storage.ts). */
export interface LocalStorageEndpoints {
  storageBase: string;
  appBaseTemplate: string;
}

export interface LocalEnvironmentOptions {
  auth: AuthFake;
  /** Without it, Altinn's Storage and app addresses are the auth fake's placeholders. */
  storage?: LocalStorageEndpoints;
  id?: string;
  name?: string;
  production?: boolean;
}

/** One entry of environments.json (the custom-environment shape main/environments.ts reads). */
export function localEnvironment(options: LocalEnvironmentOptions) {
  const { auth, storage, id = 'local', name = 'Local', production = false } = options;
  const { maskinporten, altinn } = auth.environment(id);
  return {
    id,
    name,
    production,
    maskinporten: { issuer: maskinporten.issuer, tokenEndpoint: maskinporten.tokenEndpoint },
    altinn: storage
      ? { exchangeUrl: altinn.exchangeUrl, storageBase: storage.storageBase, appBase: storage.appBaseTemplate }
      : altinn,
  };
}

/** <home>/environments.json with exactly these environments (it is read on every call, so no restart). */
export async function writeEnvironmentsFile(home: string, environments: object[]): Promise<void> {
  await writeFile(join(home, 'environments.json'), JSON.stringify({ environments }));
}

/** <home>/environments.json with one environment over the fakes. */
export async function writeLocalEnvironment(home: string, options: LocalEnvironmentOptions): Promise<void> {
  await writeEnvironmentsFile(home, [localEnvironment(options)]);
}

export interface FakeClient {
  clientId: string;
  orgNo: string;
  scopes: string[];
}

/** One `mpd …` run in a test: exit code and what it printed. */
export type Mpd = (...args: string[]) => Promise<{ code: number; out: string; err: string }>;

/** `mpd` over the test's home (asked for at each run: tests make it in beforeAll) and one keychain for all runs. */
export function mpdIn(home: () => string, secrets: SecretStore, env: NodeJS.ProcessEnv = {}): Mpd {
  return async (...args) => {
    const io = bufferIo({ ...env });
    const code = await runCli(['--home', home(), ...args], io, { version: 't', secrets: () => secrets });
    return { code, out: io.out(), err: io.err() };
  };
}

/** `mpd keys generate` and `mpd keys export --public-jwk`, the JWK registered as the client's key on the fake. */
export async function registerCliKeyOnFakeClient(
  mpd: Mpd,
  auth: AuthFake,
  keyName: string,
  client: FakeClient,
): Promise<{ id: string; kid: string }> {
  const generated = await mpd('keys', 'generate', '--name', keyName, '--json');
  expect(generated.code).toBe(0);
  const key = JSON.parse(generated.out) as { id: string; kid: string };
  const exported = await mpd('keys', 'export', key.id, '--public-jwk');
  expect(exported.code).toBe(0);
  auth.registerClient({ ...client, keys: [JSON.parse(exported.out)] });
  return key;
}

/** What `mpd profiles add` is given: a service owner's has org and app, a self-service admin's `admin`. */
export interface CliProfile {
  name: string;
  env: string;
  clientId: string;
  keyId: string;
  scopes: readonly string[];
  org?: string;
  app?: string;
  admin?: boolean;
}

/** `mpd profiles add` for a profile on that client and key; it must succeed. */
export async function addCliProfile(mpd: Mpd, profile: CliProfile): Promise<void> {
  const added = await mpd(
    'profiles',
    'add',
    '--name',
    profile.name,
    '--env',
    profile.env,
    '--client-id',
    profile.clientId,
    '--key',
    profile.keyId,
    ...profile.scopes.flatMap((scope) => ['--scope', scope]),
    ...(profile.org ? ['--org', profile.org] : []),
    ...(profile.app ? ['--app', profile.app] : []),
    ...(profile.admin ? ['--admin'] : []),
  );
  expect(added.code, added.err).toBe(0);
}

type Dispatch = ReturnType<typeof testServices>['dispatch'];

/** A channel call that must succeed: its result, or an Error naming the channel and the error code. */
export async function dispatchOk<R>(dispatch: Dispatch, channel: string, input?: unknown): Promise<R> {
  const envelope = await dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel} failed: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.result as R;
}

/** keys:generate and keys:export-public-jwk over the channels, the JWK registered as the client's key. */
export async function registerKeyOnFakeClient(
  dispatch: Dispatch,
  auth: AuthFake,
  key: { name: string; kid?: string },
  client: FakeClient,
): Promise<KeySummary> {
  const summary = await dispatchOk<KeySummary>(dispatch, 'keys:generate', key);
  const jwk = await dispatchOk<PublicJwk>(dispatch, 'keys:export-public-jwk', { id: summary.id });
  auth.registerClient({ ...client, keys: [jwk] });
  return summary;
}

import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, type JWK } from 'jose';
import type { TokenChanged } from '../../../src/common/contract/token-status';
import { AppError } from '../../../src/common/errors/app-error';
import type { Profile } from '../../../src/common/schemas/profile';
import { createTokenService, type TokenServiceDeps } from '../../../src/node/auth/token-service';
import type { Environment } from '../../../src/node/environments/environments';
import type { SigningKeySource, SigningMaterial } from '../../../src/node/keys/signing-key';
import { scriptedDesktop } from '../../../src/node/platform/desktop';
import { createEventBus } from '../../../src/node/platform/event-bus';
import { createLogger, type Logger, memorySink } from '../../../src/node/platform/log';
import { type AuthFake, type AuthFakeOptions, DIGDIR_ORGNO, startAuthFake } from '../../fakes/auth-server';

/** A service owner's org number other than Digdir's (valid mod-11). */
export const OTHER_ORGNO = '910753614';
export const SERVICE_OWNER_SCOPES = ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'];

export interface TestKey {
  material: SigningMaterial;
  publicJwk: JWK & { kid: string };
  privateKey: KeyObject;
}

/** An RSA-2048 key made with node:crypto, in the shape the key store will hand out. */
export async function rsaKey(kid: string, extra: Partial<SigningMaterial> = {}): Promise<TestKey> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { material: { keyId: `key-${kid}`, kid, alg: 'RS256', privateKey, ...extra }, publicJwk, privateKey };
}

/**
 * A self-signed "enterprise certificate" made with openssl at test time, its subject carrying the
 * org number as serialNumber the way Norwegian enterprise certificates do.
 */
export function selfSignedCertificate(orgNo: string, days = 30): { key: TestKey; x5c: string[]; pem: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mpd-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        String(days),
        '-subj',
        `/C=NO/O=Test Org/serialNumber=${orgNo}/CN=Test Org`,
      ],
      { stdio: 'ignore' },
    );
    const pem = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const privateKey = createPrivateKey(readFileSync(join(dir, 'key.pem'), 'utf8'));
    const der = new X509Certificate(pem).raw.toString('base64');
    const x5c = [der];
    const publicJwk = { kty: 'RSA', kid: 'cert', ...createPublicKey(privateKey).export({ format: 'jwk' }) } as JWK & {
      kid: string;
    };
    return {
      key: { material: { keyId: 'key-cert', kid: 'cert', alg: 'RS256', privateKey, x5c }, publicJwk, privateKey },
      x5c,
      pem,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A SigningKeySource over a map: what the key store will implement. */
export function keySource(keys: Record<string, SigningMaterial>): SigningKeySource & { calls: number } {
  const source = {
    calls: 0,
    async getSigningMaterial(keyId: string) {
      source.calls++;
      const material = keys[keyId];
      if (!material) throw new AppError('KEY_NOT_FOUND', `No key with id ${keyId}`);
      return material;
    },
  };
  return source;
}

export function makeProfile(overrides: Partial<Profile> & Pick<Profile, 'id' | 'keyId'>): Profile {
  return {
    name: overrides.id,
    environmentId: 'local',
    clientId: 'client-1',
    scopes: [...SERVICE_OWNER_SCOPES],
    apps: [],
    testOrg: false,
    admin: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export interface HarnessOptions {
  fake?: AuthFakeOptions;
  /** A clock shared by the fake and the service (ms). Default: the real clock. */
  clock?: { now: number };
  logger?: Logger;
  extraEnvironments?: Environment[];
  /** When copied tokens are cleared from the clipboard (default: a real timer). */
  clipboardSchedule?: TokenServiceDeps['clipboardSchedule'];
}

/**
 * The fake on loopback, a client registered with one key, a profile for it, and a real TokenService
 * wired to them. Tests change the profiles map and the fake as they need.
 */
export async function authHarness(options: HarnessOptions = {}) {
  const clock = options.clock;
  const fake: AuthFake = await startAuthFake({
    ...(clock ? { now: () => clock.now } : {}),
    ...options.fake,
  });
  const key = await rsaKey('kid-1');
  fake.registerClient({
    clientId: 'client-1',
    orgNo: DIGDIR_ORGNO,
    keys: [key.publicJwk],
    scopes: [...SERVICE_OWNER_SCOPES, 'digdir:dialogporten'],
  });
  const keys: Record<string, SigningMaterial> = { [key.material.keyId]: key.material };
  const source = keySource(keys);
  const profiles = new Map<string, Profile>();
  profiles.set('p1', makeProfile({ id: 'p1', keyId: key.material.keyId, org: 'digdir' }));
  const environments = new Map<string, Environment>([[fake.environment().id, fake.environment()]]);
  for (const e of options.extraEnvironments ?? []) environments.set(e.id, e);
  const sink = memorySink();
  const logger = options.logger ?? createLogger(sink, { level: 'debug' });
  const events = createEventBus();
  const changes: TokenChanged[] = [];
  events.on('token:changed', (p) => changes.push(p));
  const desktop = scriptedDesktop();
  const deps: TokenServiceDeps = {
    environments: {
      async get(id) {
        const env = environments.get(id);
        if (!env) throw new AppError('UNKNOWN_ENVIRONMENT', `No environment ${id}`);
        return env;
      },
    },
    async getProfile(id) {
      const profile = profiles.get(id);
      if (!profile) throw new AppError('PROFILE_NOT_FOUND', `No profile ${id}`);
      return profile;
    },
    keys: source,
    // No fetch: the token requests go over node:http, as they do in the app and in mpd (http.ts).
    now: clock ? () => new Date(clock.now) : () => new Date(),
    logger,
    events,
    desktop,
    timeoutMs: 5_000,
    clipboardSchedule: options.clipboardSchedule,
  };
  const service = createTokenService(deps);
  return { fake, service, key, keys, source, profiles, environments, logLines: sink.lines, changes, desktop, deps };
}

export type AuthHarness = Awaited<ReturnType<typeof authHarness>>;

/** Run a promise that must fail with an AppError; return it. */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, but the call succeeded');
}

import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuthFake, startAuthFake } from '../../fakes/auth-server';
import { type SelfServiceFake, startSelfServiceFake } from '../../fakes/selfservice-server';
import { writeEnvironmentsFile } from '../../helpers/local-world';

/** Digdir's organisation number (valid mod-11), carried by the test enterprise certificate. */
export const ORG_NUMBER = '991825827';
export const ADMIN_CLIENT_ID = 'admin-selfservice-client';
export const ADMIN_SCOPES = ['idporten:dcr.read', 'idporten:dcr.write', 'idporten:dcr.modify'];
export const P12_PASSWORD = 'Admin-Cert-Pass-1';

/**
 * An enterprise-certificate key made at test time with openssl (no key material checked in): an RSA-2048 key,
 * a self-signed certificate whose subject carries organizationIdentifier NTRNO-<orgno> like a
 * virksomhetssertifikat, and both in a password-protected .p12.
 */
export function makeAdminCertificate(): { p12Path: string; certPem: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mpd-admincert-'));
  const o = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  o('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'admin.pem');
  const subject = `/C=NO/O=Testverksemd AS/organizationIdentifier=NTRNO-${ORG_NUMBER}/CN=Testverksemd AS selvbetjening`;
  o('req', '-x509', '-key', 'admin.pem', '-days', '30', '-subj', subject, '-out', 'admin-cert.pem');
  o(
    'pkcs12',
    '-export',
    '-inkey',
    'admin.pem',
    '-in',
    'admin-cert.pem',
    '-passout',
    `pass:${P12_PASSWORD}`,
    '-out',
    'admin.p12',
  );
  return {
    p12Path: join(dir, 'admin.p12'),
    certPem: readFileSync(join(dir, 'admin-cert.pem'), 'utf8'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface SelfServiceWorld {
  auth: AuthFake;
  selfService: SelfServiceFake;
  cert: ReturnType<typeof makeAdminCertificate>;
  close(): Promise<void>;
}

/** The auth fake, the self-service fake in front of it, and the admin client trusted for x5c grants. */
export async function startSelfServiceWorld(): Promise<SelfServiceWorld> {
  const auth = await startAuthFake();
  const selfService = await startSelfServiceFake({ auth });
  const cert = makeAdminCertificate();
  auth.registerClient({
    clientId: ADMIN_CLIENT_ID,
    orgNo: ORG_NUMBER,
    scopes: ADMIN_SCOPES,
    certificates: [cert.certPem],
  });
  return {
    auth,
    selfService,
    cert,
    async close() {
      await selfService.close();
      await auth.close();
      cert.cleanup();
    },
  };
}

/**
 * <home>/environments.json: `local` (test) and `local-prod` (production) with the self-service fake,
 * `plain` without a self-service API, and `dead` whose self-service address answers nothing.
 */
export async function writeEnvironments(home: string, world: SelfServiceWorld): Promise<void> {
  const plain = world.selfService.environmentsFileEntry('plain');
  const { selfService: _none, ...withoutSelfService } = plain;
  const dead = world.selfService.environmentsFileEntry('dead');
  await writeEnvironmentsFile(home, [
    world.selfService.environmentsFileEntry('local'),
    world.selfService.environmentsFileEntry('local-prod', true),
    withoutSelfService,
    // Port 9 (discard) on loopback: nothing listens there in the test environment.
    { ...dead, selfService: { ...dead.selfService, clientsUrl: 'http://127.0.0.1:9/clients/' } },
  ]);
}

/** Public JWKs of fresh RSA-2048 keys (for seeding a client with keys this app does not hold). */
export function foreignJwks(count: number, prefix = 'foreign'): { kid: string; kty: string; [m: string]: unknown }[] {
  return Array.from({ length: count }, (_, i) => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; n: string; e: string };
    return { kty: jwk.kty, n: jwk.n, e: jwk.e, kid: `${prefix}-${i + 1}`, alg: 'RS256', use: 'sig' };
  });
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../../main/cli/io';
import { runCli } from '../../../main/cli/program';
import { memorySecretStore } from '../../../main/keys/secret-store';
import { type AuthFake, startAuthFake } from '../../fakes/auth-server';
import { tempHome } from '../../helpers/temp-home';

const ORGNO = '910753614';
const SCOPES = ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'];

/** `mpd token` and `mpd doctor` end to end: CLI → services → the strict fake over loopback. */
describe('mpd token / mpd doctor against the fake', () => {
  let fake: AuthFake;
  let home: string;
  let cleanup: () => Promise<void>;
  const secrets = memorySecretStore();
  const mpd = async (...args: string[]) => {
    const io = bufferIo({});
    const code = await runCli(['--home', home, ...args], io, { version: 't', secrets: () => secrets });
    return { code, out: io.out(), err: io.err() };
  };
  let kid = '';

  beforeAll(async () => {
    fake = await startAuthFake();
    fake.registerServiceOwner(ORGNO, 'tst');
    ({ home, cleanup } = await tempHome());
    const { altinn, maskinporten } = fake.environment('local');
    await writeFile(
      join(home, 'environments.json'),
      JSON.stringify({
        environments: [
          {
            id: 'local',
            name: 'Local',
            production: false,
            maskinporten: { issuer: maskinporten.issuer, tokenEndpoint: maskinporten.tokenEndpoint },
            altinn,
          },
        ],
      }),
    );
    const generated = await mpd('keys', 'generate', '--name', 'Integrasjon', '--json');
    expect(generated.code).toBe(0);
    const key = JSON.parse(generated.out) as { id: string; kid: string };
    kid = key.kid;
    const exported = await mpd('keys', 'export', key.id, '--public-jwk');
    expect(exported.code).toBe(0);
    fake.registerClient({ clientId: 'client-1', orgNo: ORGNO, keys: [JSON.parse(exported.out)], scopes: SCOPES });
    const added = await mpd(
      'profiles',
      'add',
      '--name',
      'Mottak',
      '--env',
      'local',
      '--client-id',
      'client-1',
      '--key',
      key.id,
      '--scope',
      SCOPES[0],
      '--scope',
      SCOPES[1],
      '--org',
      'tst',
      '--app',
      'tst/mottak',
    );
    expect(added.code).toBe(0);
  });
  afterAll(async () => {
    await fake.close();
    await cleanup();
  });

  it('prints only an Altinn token that the fake accepts, with the org claim', async () => {
    const { code, out } = await mpd('token', '--profile', 'Mottak', '--altinn');
    expect(code).toBe(0);
    const token = out.trim();
    expect(token.split('.')).toHaveLength(3);
    const claims = await fake.verifyAltinnToken(token);
    expect(claims['urn:altinn:org']).toBe('tst');
    expect(String(claims.scope)).toContain('altinn:serviceowner/instances.read');
  });

  it('prints a Maskinporten token by default and claims without the token with --decode', async () => {
    const plain = await mpd('token', '--profile', 'Mottak');
    expect(plain.code).toBe(0);
    const claims = await fake.verifyAccessToken(plain.out.trim());
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
    fake.rejectKid(kid);
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
    const { accessTokens, altinnTokens } = fake.issuedTokens();
    expect(accessTokens.length).toBeGreaterThan(0);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else files.push(path);
      }
    };
    walk(home);
    for (const file of files) {
      const text = readFileSync(file, 'latin1');
      for (const token of [...accessTokens, ...altinnTokens]) expect(text.includes(token)).toBe(false);
    }
  });
});

import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PassRecord } from '../../src/common/contract/intake';
import { memorySecretStore } from '../../src/node/keys/secret-store';
import { altinnTokenCheck, FakeAltinnStorage } from '../fakes/altinn-storage';
import { type AuthFake, startAuthFake } from '../fakes/auth-server';
import {
  addCliProfile,
  localEnvironment,
  mpdIn,
  registerCliKeyOnFakeClient,
  writeEnvironmentsFile,
} from '../helpers/local-world';
import { spawnMpd } from '../helpers/spawn-mpd';
import { allFiles, tempHome } from '../helpers/temp-home';

const ORGNO = '991825827';
const SCOPES = ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'];
const PASSPHRASE = 'sync-test-vault-passphrase';

/**
 * `mpd sync` end to end with the REAL token service (key store, Maskinporten grant to the auth fake, the
 * Altinn exchange) against the Storage fake: `--once` passes and their exit codes, a key that expired at
 * Maskinporten, production's explicit yes, `schedule --print`, and the long-running form stopped by SIGTERM
 * in a child process (the vault is a passphrase one, so the child unlocks it from MPD_VAULT_PASSPHRASE).
 */
describe('mpd sync against the fakes, with the real token service', () => {
  let auth: AuthFake;
  let storage: FakeAltinnStorage;
  let home: string;
  let cleanup: () => Promise<void>;
  let jwk: Record<string, unknown>;
  const secrets = memorySecretStore();
  const env = { MPD_VAULT_PASSPHRASE: PASSPHRASE };
  const mpd = mpdIn(() => home, secrets, env);

  beforeAll(async () => {
    auth = await startAuthFake();
    auth.registerServiceOwner(ORGNO, 'ttd');
    storage = await new FakeAltinnStorage({
      validateToken: altinnTokenCheck((token) => auth.verifyAltinnToken(token)),
    }).listen();
    ({ home, cleanup } = await tempHome());
    await writeEnvironmentsFile(home, [
      localEnvironment({ auth, storage }),
      localEnvironment({ auth, storage, id: 'localprod', name: 'Local production', production: true }),
    ]);
    expect((await mpd('keys', 'vault', 'use-passphrase')).code).toBe(0);
    const key = await registerCliKeyOnFakeClient(mpd, auth, 'Mottak', {
      clientId: 'client-1',
      orgNo: ORGNO,
      scopes: SCOPES,
    });
    jwk = JSON.parse((await mpd('keys', 'export', key.id, '--public-jwk')).out) as Record<string, unknown>;
    const profile = { clientId: 'client-1', keyId: key.id, scopes: SCOPES, org: 'ttd', app: 'ttd/mottak' };
    await addCliProfile(mpd, { ...profile, name: 'P', env: 'local' });
    await addCliProfile(mpd, { ...profile, name: 'Prod', env: 'localprod' });
  });

  afterAll(async () => {
    await storage?.close();
    await auth?.close();
    await cleanup?.();
  });

  const sync = (out: string, ...more: string[]) =>
    mpd('sync', '--profile', 'P', '--app', 'ttd/mottak', '--out', out, ...more);

  it('--once downloads and confirms the new ones; the next --once makes one list request and exits 0', async () => {
    const instances = storage.add([
      { appId: 'ttd/mottak', isComplete: true, elements: [{ size: 20_000, filename: 'skjema.xml' }] },
      { appId: 'ttd/mottak', isComplete: true, elements: [{ size: 300_000, filename: 'vedlegg.pdf' }] },
    ]);
    const out = join(home, 'mottak');
    const first = await sync(out, '--confirm', '--once', '--json');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const record = JSON.parse(first.out) as PassRecord;
    expect(record).toMatchObject({ outcome: 'completed', by: 'cli', downloaded: 2, confirmed: 2, files: 2 });
    for (const i of instances) expect(storage.confirmations(i.id).map((c) => c.stakeholderId)).toEqual(['ttd']);

    storage.requests.length = 0;
    const second = await sync(out, '--confirm', '--once');
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/ttd\/mottak: nothing new$/m);
    expect(storage.requests.map((r) => r.kind)).toEqual(['query']);
  });

  it('--once exits 1 with the failure and its hint on stderr, and the next pass retries it', async () => {
    const [bad] = storage.add([{ appId: 'ttd/mottak', isComplete: true, elements: [{ size: 9_000 }] }]);
    const element = bad?.elements[0]?.id as string;
    storage.addFault({ kind: 'data', elementId: element, type: 'status', status: 503, times: 1_000 });
    const out = join(home, 'mottak');
    try {
      const run = await sync(out, '--confirm', '--once');
      expect(run.code).toBe(1);
      expect(run.err).toContain(`failed: ${bad?.id} ${element} [STORAGE_UNAVAILABLE]`);
      expect(run.err).toMatch(/^Hint \[STORAGE_UNAVAILABLE\]: /m);
      expect(run.err).toMatch(/1 failed \(retried next pass\)/);
      expect(storage.confirmations(bad?.id as string)).toEqual([]);
    } finally {
      storage.clearFaults();
    }
    const again = await sync(out, '--confirm', '--once');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/0 new, 1 retried; 1 verified/);
    expect(storage.confirmations(bad?.id as string).map((c) => c.stakeholderId)).toEqual(['ttd']);
  });

  it('stops with the doctor’s explanation when the key has expired at Maskinporten', async () => {
    storage.add([{ appId: 'ttd/mottak', isComplete: true, elements: [{ size: 100 }] }]);
    // The key was posted to the client more than a year ago (MP-121).
    auth.registerClient({
      clientId: 'client-1',
      orgNo: ORGNO,
      scopes: SCOPES,
      keys: [{ ...jwk, registeredAt: '2020-01-01' }],
    });
    try {
      storage.requests.length = 0;
      const run = await sync(join(home, 'mottak'), '--confirm', '--once');
      expect(run.code).toBe(1);
      expect(run.err).toMatch(/Error \[MASKINPORTEN_EXPIRED_KEY\]/);
      expect(run.err).toMatch(/^Stopped \[MASKINPORTEN_EXPIRED_KEY\]/m);
      expect(run.err).toMatch(/^ {2}FAIL token: /m);
      expect(storage.count('data')).toBe(0);
    } finally {
      auth.registerClient({ clientId: 'client-1', orgNo: ORGNO, scopes: SCOPES, keys: [jwk] });
    }
  });

  it('confirms in production only with --confirm-production', async () => {
    const out = join(home, 'prod');
    const refused = await mpd('sync', '--profile', 'Prod', '--app', 'ttd/mottak', '--out', out, '--confirm', '--once');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/DOWNLOAD_PRODUCTION_CONFIRM_REQUIRED/);
    const without = await mpd('sync', '--profile', 'Prod', '--app', 'ttd/mottak', '--out', out, '--once', '--json');
    expect(without.code).toBe(0);
    expect((JSON.parse(without.out) as PassRecord).confirmed).toBe(0);
  });

  it('rejects a bad interval and missing options as usage errors (exit 2)', async () => {
    expect((await sync(join(home, 'x'), '--interval', '10 minutes', '--once')).code).toBe(2);
    expect((await sync(join(home, 'x'), '--interval', '0m', '--once')).code).toBe(2);
    expect((await mpd('sync', '--profile', 'P', '--once')).code).toBe(2);
  });

  it('schedule --print gives a crontab line, a systemd timer and service, and a schtasks command', async () => {
    const out = join(home, 'mottak dir');
    const printed = await mpd(
      'sync',
      '--profile',
      'P',
      '--app',
      'ttd/mottak',
      '--out',
      out,
      '--confirm',
      '--interval',
      '15m',
      'schedule',
      '--print',
    );
    expect(printed.code).toBe(0);
    const text = printed.out;
    const cron = text.split('\n').find((l) => l.startsWith('*/15 * * * * '));
    expect(cron).toBeDefined();
    expect(cron).toContain(`'${out}'`);
    expect(cron).toMatch(/ sync --profile \S+ --app ttd\/mottak --out .* --confirm --once$/);
    expect(cron).toContain(`--home ${home}`);
    expect(text).toMatch(
      /^ExecStart=.* sync --profile \S+ --app ttd\/mottak --out "[^"]*mottak dir" --confirm --once$/m,
    );
    expect(text).toMatch(/^OnUnitActiveSec=15min$/m);
    expect(text).toMatch(
      /^schtasks \/Create \/F \/TN "Maskinporten Desktop\\mpd-sync-ttd-mottak" \/SC MINUTE \/MO 15 \/TR "/m,
    );
    expect((await mpd('sync', 'schedule', '--profile', 'P', '--app', 'ttd/mottak', '--out', out)).code).toBe(2);
  });

  it('without --once passes until SIGTERM, then ends cleanly (exit 0)', async () => {
    storage.add([{ appId: 'ttd/loop', isComplete: true, elements: [{ size: 1_000 }] }]);
    const run = spawnMpd(
      home,
      ['sync', '--profile', 'P', '--app', 'ttd/loop', '--out', join(home, 'loop'), '--interval', '1m'],
      env,
    );
    await run.printed(/^Next pass /m);
    expect(run.out()).toMatch(/ttd\/loop: 1 new; 1 verified/);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.err()).toMatch(/SIGTERM: stopping/);
  });

  it('on SIGTERM mid-pass finishes the file in flight (whole, verified, confirmed), starts no other, exits 0', async () => {
    const made = storage.add(
      Array.from({ length: 3 }, (_, i) => ({
        appId: 'ttd/drain',
        isComplete: true,
        elements: [{ size: 200_000 + i }],
      })),
    );
    // Every data answer waits 1.5 s: the signal comes while the first file is on its way.
    storage.addFault({ kind: 'data', type: 'slow', delayMs: 1_500, times: 3 });
    const out = join(home, 'drain');
    const run = spawnMpd(
      home,
      ['sync', '--profile', 'P', '--app', 'ttd/drain', '--out', out, '--confirm', '--concurrency', '1'],
      env,
    );
    const ours = new Set<string | undefined>(made.map((i) => i.elements[0]?.id));
    const dataRequests = () => storage.requests.filter((r) => r.kind === 'data' && ours.has(r.elementId));
    for (let i = 0; i < 400 && dataRequests().length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(dataRequests()).toHaveLength(1);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.err()).toMatch(/SIGTERM: stopping after the files in flight/);
    expect(dataRequests()).toHaveLength(1);
    const inFlight = made.find((i) => i.elements[0]?.id === dataRequests()[0]?.elementId);
    const files = await allFiles(out);
    expect(files.filter((f) => f.endsWith('.part'))).toEqual([]);
    const saved = files.filter((f) => !f.endsWith('instance.json') && !f.includes('.mpd-'));
    expect(saved).toHaveLength(1);
    expect((await stat(saved[0] as string)).size).toBe(inFlight?.elements[0]?.spec.size);
    expect(storage.confirmations(inFlight?.id as string).map((c) => c.stakeholderId)).toEqual(['ttd']);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelCalls } from '../../helpers/channel-calls';
import { writeEnvironmentsFile } from '../../helpers/local-world';
import { tempHome } from '../../helpers/temp-home';
import { testServices } from '../../helpers/test-services';

const INSTANCE = '50001/0b9f3e5c-7a1d-4c8e-9b2a-1f2e3d4c5b6a';
const dead = 'http://127.0.0.1:9';

/**
 * Confirming receipt in production through the window (issue 17, finding 4): the window's yes
 * (`confirmProduction: true`) is not enough, main asks in its own dialog first, and a no sends nothing.
 */
describe("confirming receipt in production needs main's own yes", () => {
  let cleanup: () => Promise<void>;
  let folder: string;
  let profileId: string;
  let t: ReturnType<typeof testServices>;
  const { ok, fail } = channelCalls(() => t.dispatch);

  beforeEach(async () => {
    const temp = await tempHome('mpd-receipt-');
    cleanup = temp.cleanup;
    folder = await mkdtemp(join(tmpdir(), 'mpd-receipt-folder-'));
    // Production over addresses that answer nothing: whatever gets past main's dialog fails on the network.
    await writeEnvironmentsFile(temp.home, [
      {
        id: 'prod-like',
        name: 'Prod-like',
        production: true,
        maskinporten: { issuer: `${dead}/`, tokenEndpoint: `${dead}/token` },
        altinn: {
          exchangeUrl: `${dead}/authentication/api/v1/exchange/maskinporten`,
          storageBase: `${dead}/storage/api/v1`,
          appBase: `${dead}/{org}/{app}`,
        },
      },
    ]);
    t = testServices(temp.home);
    const key = await t.services.keys.generate({ name: 'Mottak' });
    const profile = await t.services.profiles.add({
      name: 'Mottak prod',
      environmentId: 'prod-like',
      clientId: 'mottak-klient',
      keyId: key.id,
      scopes: ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'],
      org: 'ttd',
    });
    profileId = profile.id;
    t.desktop.answers.folder = folder;
    await ok('downloads:choose-folder', undefined);
  });
  afterEach(async () => {
    await cleanup();
    await rm(folder, { recursive: true, force: true });
  });

  it('asks before a download job that confirms, naming environment, profile, client, app and folder', async () => {
    t.desktop.answers.confirm = false;
    const start = {
      profileId,
      source: { kind: 'query', filters: { appId: 'ttd/skjema' } },
      target: folder,
      confirm: true,
      confirmProduction: true,
    };
    expect((await fail('downloads:start', start)).code).toBe('CHANGE_NOT_CONFIRMED');
    expect(t.services.downloads.list()).toEqual([]);
    expect(t.desktop.confirmations.at(-1)).toEqual({
      message: 'Laste ned og bekrefte mottak i Prod-like (PRODUKSJON)?',
      detail: [
        'Miljø: Prod-like (PRODUKSJON)',
        'Klientprofil: Mottak prod',
        'Klient-ID: mottak-klient',
        'App: ttd/skjema',
        `Mappe: ${folder}`,
        'Bekreftede instanser kan bli slettet i Altinn.',
        'Dette er produksjon: endringen gjelder ekte virksomheter og ekte data.',
      ],
      confirmLabel: 'Last ned og bekreft',
      cancelLabel: 'Avbryt',
      production: true,
    });
    // Without the window's yes main does not ask: the service refuses with its own code.
    const asked = t.desktop.confirmations.length;
    expect((await fail('downloads:start', { ...start, confirmProduction: undefined })).code).toBe(
      'DOWNLOAD_PRODUCTION_CONFIRM_REQUIRED',
    );
    // A job that only downloads is not asked about.
    t.desktop.answers.confirm = true;
    const job = await ok('downloads:start', { ...start, confirm: false, confirmProduction: undefined });
    await expect.poll(() => t.services.downloads.get(job.jobId).state, { timeout: 10_000 }).not.toBe('running');
    expect(t.desktop.confirmations.length).toBe(asked);
  });

  it('asks before confirming afterwards, with the count', async () => {
    t.desktop.answers.confirm = false;
    const input = { profileId, instanceIds: [INSTANCE], target: folder, confirmProduction: true };
    expect((await fail('instances:confirm', input)).code).toBe('CHANGE_NOT_CONFIRMED');
    expect(t.desktop.confirmations.at(-1)).toMatchObject({
      message: 'Bekrefte mottak av 1 instanser i Prod-like (PRODUKSJON)?',
      production: true,
    });
    expect(t.desktop.confirmations.at(-1)?.detail).toContain('Instanser: 1');
    t.desktop.answers.confirm = true;
    // Past main's yes, the dead Maskinporten is what stops it.
    const envelope = await t.dispatch('instances:confirm', input);
    expect(envelope.ok ? 'ok' : envelope.error.code).not.toBe('CHANGE_NOT_CONFIRMED');
  });
});

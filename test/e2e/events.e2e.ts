/**
 * Hendelser and Historikk in Chromium (issue 20): the built renderer against the real services (temp home), the
 * auth fake's Maskinporten and exchange, and the Storage fake with the app API's writes and Altinn Events on
 * 127.0.0.1. One instance's life (created with prefill and a file, substatus, next, complete, confirmed) told as
 * the app's events in plain words, filtered, followed live, and as the instance's timeline; Norwegian and English.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { memorySecretStore } from '../../src/node/keys/secret-store';
import { altinnTokenCheck, type FakeAltinnStorage, startFakeAltinnStorage } from '../fakes/altinn-storage';
import { type AuthFake, startAuthFake } from '../fakes/auth-server';
import {
  addCliProfile,
  localEnvironment,
  mpdIn,
  registerCliKeyOnFakeClient,
  registerKeyOnFakeClient,
  writeEnvironmentsFile,
} from '../helpers/local-world';
import { ORG, PDF, SOKNAD } from '../node/acts/acts-harness';
import { describeWithChromium, type Harness, launchHarness, resultsDir } from './harness';
import { ok, settled, text } from './page-steps';
import { serviceOwnerWorld } from './service-owner-world';

const ORGNO = '991825827';
const APP = SOKNAD.id;
const SCOPES = ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'];

describeWithChromium('events and history in Chromium (built bundle, real services, fake Altinn Events)', () => {
  let h: Harness;
  let auth: AuthFake;
  let storage: FakeAltinnStorage;
  let dir: string;
  let profileId = '';
  let id = '';

  /** A second instance's life as the window's own services make it (issue 19's acts), for the live follow. */
  async function life(substatus: string): Promise<string> {
    const on = (instanceId: string) => ({ profileId, appId: APP, instanceId });
    // The window names a file only by the handle main's dialog gave (issue 17, finding 4).
    h.desktop.answers.openFile = join(dir, 'byggesoknad.pdf');
    const picked = await ok<{ file: { handle: string } | null }>(h, 'act:choose-file', { purpose: 'data' });
    if (!picked.file) throw new Error('the dialog chose nothing');
    const created = await ok<{ instance: { id: string } }>(h, 'act:create', {
      profileId,
      appId: APP,
      owner: { kind: 'org', value: ORG.orgNumber },
      prefill: { 'Soknad.Formaal': 'Nytt tak på låven' },
      files: [{ dataType: 'vedlegg', file: picked.file.handle }],
    });
    const instanceId = created.instance.id;
    await ok(h, 'act:update-status', { ...on(instanceId), substatus: { label: substatus } });
    await ok(h, 'act:process-next', on(instanceId));
    await ok(h, 'act:process-complete', on(instanceId));
    storage.confirmAs(instanceId, 'ttd');
    return instanceId;
  }

  /**
   * The first instance's life made with `mpd` in its own home (a client of the same organisation): created with
   * prefill and a file, substatus, process next, complete, downloaded and confirmed (POST …/complete).
   */
  async function lifeWithMpd(): Promise<string> {
    const cliHome = join(dir, 'mpd-home');
    await mkdir(cliHome);
    const mpd = mpdIn(() => cliHome, memorySecretStore());
    await writeEnvironmentsFile(cliHome, [localEnvironment({ auth, storage, name: 'Lokal test' })]);
    const key = await registerCliKeyOnFakeClient(mpd, auth, 'Saksbehandling', {
      clientId: 'mpd-klient',
      orgNo: ORGNO,
      scopes: SCOPES,
    });
    await addCliProfile(mpd, {
      name: 'P',
      env: 'local',
      clientId: 'mpd-klient',
      keyId: key.id,
      scopes: SCOPES,
      org: 'ttd',
      app: APP,
    });
    const on = ['--profile', 'P', '--app', APP];
    const run = async (...args: string[]) => {
      const result = await mpd(...args);
      expect(result.code, `mpd ${args.join(' ')}: ${result.err}`).toBe(0);
      return result.out;
    };
    await writeFile(
      join(dir, 'prefill.json'),
      JSON.stringify({ 'Soknad.Formaal': 'Nytt tak på låven', 'Soknad.Belop': 125000 }),
    );
    const created = await run(
      'instances',
      'create',
      ...on,
      '--org-no',
      ORG.orgNumber,
      '--prefill',
      join(dir, 'prefill.json'),
      '--data',
      `vedlegg=${join(dir, 'byggesoknad.pdf')}`,
    );
    const instanceId = created.trim().split('\n').at(-1) as string;
    await run('instances', 'update', ...on, '--instance', instanceId, '--substatus', 'Under behandling');
    await run('process', 'next', ...on, '--instance', instanceId);
    await run('process', 'complete', ...on, '--instance', instanceId);
    await run('download', ...on, '--not-confirmed', '--out', join(dir, 'mottak'), '--confirm');
    // The same life told by `mpd` (next to the screenshots).
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const events = await mpd('events', ...on, '--from', since);
    const history = await mpd('instances', 'history', ...on, '--instance', instanceId);
    await mkdir(resultsDir, { recursive: true });
    await writeFile(
      join(resultsDir, 'events-demo-mpd.txt'),
      `$ mpd events --profile P --app ${APP} --from ${since}\n${events.out}${events.err}\n` +
        `$ mpd instances history --profile P --app ${APP} --instance ${instanceId}\n${history.out}${history.err}`,
    );
    return instanceId;
  }

  beforeAll(async () => {
    auth = await startAuthFake();
    auth.registerServiceOwner(ORGNO, 'ttd');
    // Altinn's own check, except that a valid token without a service-owner org is still someone (org ''), as Altinn
    // Events sees it: its 401 then says "Only orgs can call this api" (§3.8 check 2).
    const check = altinnTokenCheck((t) => auth.verifyAltinnToken(t));
    storage = await startFakeAltinnStorage({
      validateToken: async (token) => {
        const known = await check(token);
        if (known) return known;
        const claims = await auth.verifyAltinnToken(token).catch(() => undefined);
        return claims ? { org: '', scopes: String(claims.scope ?? '').split(/\s+/) } : null;
      },
    });
    storage.writes.defineApp(SOKNAD);
    storage.writes.addParty({ ...ORG, partyTypeName: 2, unitType: 'AS' });
    // The test does not wait Altinn's 30 s; events.test.ts and the fake's own tests hold the delay.
    storage.events.visibilityDelayMs = 0;
    dir = await mkdtemp(join(tmpdir(), 'mpd-e2e-events-'));
    await writeFile(join(dir, 'byggesoknad.pdf'), PDF);
    h = await launchHarness({
      viewport: { width: 1280, height: 1000 },
      services: { appEvents: { followBackoff: { firstMs: 200, maxMs: 400 } } },
    });
    await serviceOwnerWorld(
      h,
      { auth, storage },
      {
        orgNo: ORGNO,
        org: 'ttd',
        scopes: SCOPES,
        kid: 'e2e-events-kid',
        apps: [APP],
        prodApps: [APP],
        prodName: 'Saksbehandling prod',
      },
    );
    profileId = (await ok<{ id: string; name: string }[]>(h, 'profiles:list', { environmentId: 'local' }))[0]?.id ?? '';
    id = await lifeWithMpd();
    await h.open();
  });

  afterAll(async () => {
    await h?.close();
    await storage?.close();
    await auth?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('Hendelser: the app’s events in plain words, with the owner and the instance', async () => {
    const { page } = h;
    await page.getByTestId('nav-events').click();
    await page.getByTestId('view-events').waitFor();
    // The only profile and its only app are chosen and read from a week back.
    await page.getByTestId('events-table').waitFor();
    const words = await page.getByTestId('event-words').allInnerTexts();
    expect(words).toEqual([
      'Instans opprettet',
      'Understatus endret',
      'Flyttet til steget Task_2',
      'Prosessen fullført',
    ]);
    expect(await page.getByTestId('event-owner').allInnerTexts()).toEqual(Array(4).fill('org.nr. 910 753 614'));
    expect(await text(page.getByTestId('events-count'))).toBe('4 hendelser – ingen flere nå.');
    expect(await page.getByTestId('event-open-instance').first().getAttribute('title')).toBe(`Åpne instansen: ${id}`);
    await settled(page);
    await h.screenshot('events-view-nb');
    h.assertNoProblems();
  });

  it('filters by type and owner; an owner with no events shows the empty state', async () => {
    const { page } = h;
    await page.getByTestId('events-more').getByText('Flere filtre').click();
    await page.getByTestId('events-type-moved').check();
    expect(await text(page.getByTestId('events-more').getByText('Flere filtre (1 i bruk)'))).toBeTruthy();
    await page.getByTestId('events-show').click();
    await expect.poll(() => page.getByTestId('event-words').allInnerTexts()).toEqual(['Flyttet til steget Task_2']);
    const sent = storage.requests.filter((r) => r.path.startsWith('/events/')).at(-1);
    expect(new URLSearchParams(sent?.query).getAll('type')).toEqual(['app.instance.process.movedTo.%']);
    await page.getByTestId('events-party').fill('123');
    await page.getByTestId('events-show').click();
    await page.getByTestId('empty-state').waitFor();
    expect(await text(page.getByTestId('empty-state'))).toContain('Ingen hendelser');
    await settled(page);
    await h.screenshot('events-empty-nb');
    await page.getByTestId('events-party').fill('');
    await page.getByTestId('events-type-moved').uncheck();
    await page.getByTestId('events-show').click();
    await expect.poll(() => page.getByTestId('event-row').count()).toBe(4);
  });

  it('follows live: a new instance’s events arrive while the switch is on', async () => {
    const { page } = h;
    await page.getByTestId('events-live').click();
    await expect.poll(() => page.getByTestId('events-live-status').getAttribute('data-state')).toBe('waiting');
    expect(await text(page.getByTestId('events-live-status'))).toMatch(
      /^Følger med\. Spør Altinn igjen kl\. \d\d:\d\d\./,
    );
    const second = await life('Mottatt');
    await expect.poll(() => page.getByTestId('event-row').count(), { timeout: 15_000 }).toBe(8);
    await expect.poll(() => text(page.getByTestId('events-live-status'))).toMatch(/4 nye hendelser kom til kl\./);
    expect(await page.getByTestId('event-open-instance').last().getAttribute('title')).toBe(
      `Åpne instansen: ${second}`,
    );
    await settled(page);
    await h.screenshot('events-live-nb');
    await page.getByTestId('events-live').click();
    await expect.poll(() => page.getByTestId('events-live-status').count()).toBe(0);
    h.assertNoProblems();
  });

  it('an event opens its instance in the details, whose Historikk tells its life', async () => {
    const { page } = h;
    await page.getByTestId('event-open-instance').first().click();
    const details = page.getByTestId('instance-details');
    const timeline = details.getByTestId('history-timeline');
    await timeline.waitFor();
    expect(await timeline.getByTestId('history-words').allInnerTexts()).toEqual([
      'Prosessen startet',
      'Flyttet til steget Utfylling (Task_1)',
      'Instansen opprettet',
      'Data lagt til: model',
      'Data lagt til: vedlegg (byggesoknad.pdf)',
      'Understatus satt: «Under behandling»',
      'Steget Utfylling (Task_1) fullført',
      'Flyttet til steget Saksbehandling (Task_2)',
      'Steget Saksbehandling (Task_2) fullført',
      'Prosessen avsluttet',
      'Sendt inn',
      'Mottak bekreftet',
    ]);
    expect(await text(timeline.getByTestId('history-entry').first())).toContain('av ttd (tjenesteeier)');
    expect(await text(details.getByTestId('history-tasks'))).toMatch(
      /^Steg: Utfylling \(Task_1\) .+, Saksbehandling \(Task_2\) /,
    );
    await details.getByTestId('instance-history').scrollIntoViewIfNeeded();
    await settled(page);
    await h.screenshot('events-history-nb');
    h.assertNoProblems();
  });

  it('in English, at 900×600 too', async () => {
    const { page } = h;
    await page.keyboard.press('Escape');
    await page.getByTestId('instance-details').waitFor({ state: 'hidden' });
    await ok(h, 'settings:update', { language: 'en' });
    await h.open();
    await page.getByTestId('nav-events').click();
    await page.getByTestId('events-table').waitFor();
    expect((await page.getByTestId('event-words').allInnerTexts()).slice(0, 4)).toEqual([
      'Instance created',
      'Substatus changed',
      'Moved to step Task_2',
      'Process completed',
    ]);
    expect(await text(page.getByTestId('event-owner').first())).toBe('org. no. 910 753 614');
    await settled(page);
    await h.screenshot('events-view-en');
    await page.getByTestId('event-open-instance').first().click();
    const details = page.getByTestId('instance-details');
    await details.getByTestId('history-timeline').waitFor();
    expect((await details.getByTestId('history-words').allInnerTexts()).slice(-4)).toEqual([
      'Step Saksbehandling (Task_2) completed',
      'Process ended',
      'Submitted',
      'Receipt confirmed',
    ]);
    await details.getByTestId('instance-history').scrollIntoViewIfNeeded();
    await settled(page);
    await h.screenshot('events-history-en');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 900, height: 600 });
    await settled(page);
    await h.screenshot('events-view-en-900');
    h.assertNoProblems();
  });

  it('explains a refusal: a profile whose organisation is not a service owner gets “Only orgs can call this api”', async () => {
    const { page } = h;
    const key = await registerKeyOnFakeClient(
      h.dispatch,
      auth,
      { name: 'Fremmed nøkkel', kid: 'e2e-events-stranger' },
      {
        clientId: 'fremmed-klient',
        orgNo: '310904473',
        scopes: [SCOPES[0] as string],
      },
    );
    await ok(h, 'profiles:add', {
      name: 'Fremmed',
      environmentId: 'local',
      clientId: 'fremmed-klient',
      keyId: key.id,
      scopes: [SCOPES[0]],
      apps: [APP],
    });
    await ok(h, 'settings:update', { language: 'nb' });
    await page.setViewportSize({ width: 1280, height: 1000 });
    await h.open();
    await page.getByTestId('nav-events').click();
    await page.getByTestId('events-profile').selectOption({ label: 'Fremmed' });
    const alert = page.locator('[data-error-code="EVENTS_NOT_AN_ORG"]');
    await alert.waitFor();
    expect(await text(alert)).toContain('Kunne ikke hente hendelsene');
    expect(await text(alert)).toContain('Bare tjenesteeiere kan lese en apps hendelser');
    expect(await text(alert)).toContain('Only orgs can call this api');
    await settled(page);
    await h.screenshot('events-error-nb');
  });
});

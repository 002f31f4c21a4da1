/**
 * The Mottak (intake) view in Chromium: the built renderer against the real services (temp home) with the
 * scheduler running as in the app, the fake Maskinporten + Altinn exchange and the fake Storage on
 * 127.0.0.1. Empty, two watches made through the dialog (the production one needs its extra yes), a pass
 * running with its progress, the history with the submissions and their files (a file opens its preview),
 * and a stopped watch with its reason. Screenshots: test-results/intake-*.png.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { scriptedDesktop } from '../../src/node/platform/desktop';
import { altinnTokenCheck, type FakeAltinnStorage, startFakeAltinnStorage } from '../fakes/altinn-storage';
import { type AuthFake, startAuthFake } from '../fakes/auth-server';
import { sampleXml } from '../helpers/sample-files';
import { fastRetry } from '../node/downloads/harness';
import { describeWithChromium, type Harness, launchHarness } from './harness';
import { ok, settled, text } from './page-steps';
import { serviceOwnerWorld } from './service-owner-world';

const ORGNO = '910753614';
const ORG = 'ttd';
const APP = 'ttd/mottak';
const TASK_APP = 'ttd/skjema';
const SCOPES = ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'];

const submission = (i: number) => ({
  appId: APP,
  isComplete: true,
  owner: i % 2 ? { organisationNumber: '974760673' } : { personNumber: '01019012345' },
  elements: [
    { size: 120_000 + i * 1_000, filename: `soknad-${i}.pdf`, contentType: 'application/pdf' },
    {
      size: sampleXml.length,
      body: sampleXml,
      filename: `skjema-${i}.xml`,
      contentType: 'application/xml',
      dataType: 'model',
    },
  ],
});

describeWithChromium('the Mottak view in Chromium (built bundle, real services, scheduler running)', () => {
  let h: Harness;
  let auth: AuthFake;
  let storage: FakeAltinnStorage;
  let folders: string[] = [];
  let desktop: ReturnType<typeof scriptedDesktop>;

  async function newFolder(): Promise<string> {
    const folder = await mkdtemp(join(tmpdir(), 'mpd-e2e-intake-'));
    folders.push(folder);
    (desktop.answers as { folder?: string | null }).folder = folder;
    return folder;
  }

  beforeAll(async () => {
    auth = await startAuthFake();
    auth.registerServiceOwner(ORGNO, ORG);
    // Storage accepts only Altinn tokens the auth fake's exchange signed, with the org and scopes of their claims.
    storage = await startFakeAltinnStorage({
      validateToken: altinnTokenCheck((token) => auth.verifyAltinnToken(token)),
    });
    storage.add([1, 2, 3].map(submission));
    storage.add([{ appId: TASK_APP, currentTask: 'Task_2', elements: [{ size: 30_000, filename: 'utkast.json' }] }]);

    h = await launchHarness({
      viewport: { width: 1280, height: 1000 },
      services: { intake: { downloads: { retry: fastRetry, idleTimeoutMs: 5_000, progressIntervalMs: 50 } } },
    });
    await serviceOwnerWorld(
      h,
      { auth, storage },
      {
        orgNo: ORGNO,
        org: ORG,
        scopes: SCOPES,
        kid: 'e2e-intake-kid',
        apps: [APP, TASK_APP],
        prodApps: [APP],
        prodName: 'Mottak prod',
      },
    );
    desktop = h.services.desktop as ReturnType<typeof scriptedDesktop>;
    // As in the app: the scheduler runs in main from the start (src/electron-main/main.ts).
    await h.services.intake.scheduler.start();
    await h.open();
  });

  afterAll(async () => {
    await h?.services.intake.scheduler.stop();
    await h?.close();
    await storage?.close();
    await auth?.close();
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
    folders = [];
  });

  it('shows the empty view with what an intake is and the window-close setting', async () => {
    const { page } = h;
    await page.getByTestId('nav-intake').click();
    await page.getByTestId('view-intake').waitFor();
    await page.getByTestId('empty-state').waitFor();
    expect(await text(page.getByTestId('empty-state'))).toContain('Ingen mottak ennå');
    expect(await page.getByTestId('intake-close-setting').inputValue()).toBe('ask');
    await settled(page);
    await h.screenshot('intake-empty');
    h.assertNoProblems();
  });

  it('makes two watches through the dialog; the first pass runs at once and downloads and confirms', async () => {
    const { page } = h;
    const first = await newFolder();
    await page.getByTestId('intake-create').click();
    const dialog = page.getByTestId('watch-dialog');
    await dialog.getByTestId('watch-profile').waitFor();
    await expect.poll(() => dialog.getByTestId('watch-profile').inputValue()).not.toBe('');
    await dialog.getByTestId('watch-app').selectOption(APP);
    await dialog.getByTestId('watch-choose-folder').click();
    await expect.poll(() => text(dialog.getByTestId('watch-folder-chosen'))).toBe(first);
    await dialog.getByTestId('watch-confirm').check();
    await dialog.getByTestId('watch-interval').selectOption('10');
    await settled(page);
    await h.screenshot('intake-dialog');
    await dialog.getByTestId('watch-save').click();
    await dialog.waitFor({ state: 'hidden' });

    const card = page.getByTestId('watch').first();
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 20_000 }).toBe('idle');
    await expect.poll(() => text(card.getByTestId('watch-last')), { timeout: 20_000 }).toMatch(/3 nye · 3 lastet ned/);
    expect(await text(card.getByTestId('watch-last'))).toMatch(/3 bekreftet/);
    expect(await text(card.getByTestId('watch-next'))).toMatch(/^Neste kjøring \d\d:\d\d$/);
    const mottak = storage.instances;
    for (const instance of [...mottak.values()].filter((i) => i.spec.appId === APP)) {
      expect(storage.confirmations(instance.id).map((c) => c.stakeholderId)).toEqual([ORG]);
    }
    const notices = desktop.calls.filter((c) => c.kind === 'notify').map((c) => c.value);
    expect(notices).toContain(`3 nye innsendinger i ${APP}: Lagret og kontrollert i ${first}; 3 bekreftet mottatt.`);

    // The second: the task app, instances at Task_2, no confirm, every 30 minutes.
    const second = await newFolder();
    await page.getByTestId('intake-create').click();
    await dialog.getByTestId('watch-app').selectOption(TASK_APP);
    await dialog.getByTestId('watch-choose-folder').click();
    await expect.poll(() => text(dialog.getByTestId('watch-folder-chosen'))).toBe(second);
    await dialog.getByTestId('watch-selection-task').check();
    await dialog.getByTestId('watch-task').fill('Task_2');
    await dialog.getByTestId('watch-interval').selectOption('30');
    await dialog.getByTestId('watch-save').click();
    await dialog.waitFor({ state: 'hidden' });
    const cards = page.getByTestId('watch');
    await expect.poll(() => cards.count()).toBe(2);
    await expect
      .poll(() => text(cards.nth(1).getByTestId('watch-last')), { timeout: 20_000 })
      .toMatch(/1 ny · 1 lastet ned/);
    expect(await text(cards.nth(1))).toContain('Instanser på oppgave Task_2 · hvert 30 min · Profil: Mottak');
    expect(await text(cards.nth(1))).toContain('Bekrefter ikke');
    await settled(page);
    await h.screenshot('intake-two-watches');
    h.assertNoProblems();
  });

  it('shows a pass running with its progress, then its result', async () => {
    const { page } = h;
    storage.add([4, 5, 6, 7].map(submission));
    storage.addFault({ kind: 'data', type: 'slow', delayMs: 700, times: 8 });
    const card = page.getByTestId('watch').first();
    await card.getByTestId('watch-run-now').click();
    const running = card.getByTestId('watch-running');
    await expect.poll(() => running.getAttribute('data-phase'), { timeout: 10_000 }).toBe('downloading');
    expect(await card.getAttribute('data-state')).toBe('running');
    expect(await text(card.getByTestId('watch-state'))).toBe('Kjører');
    await expect.poll(() => text(running), { timeout: 10_000 }).toMatch(/^[1-3] av 4 instanser/);
    await h.screenshot('intake-pass-running');
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 30_000 }).toBe('idle');
    expect(await text(card.getByTestId('watch-last'))).toMatch(/4 nye · 4 lastet ned · 8 filer/);
    h.assertNoProblems();
  });

  it('lists the passes in the history with the submissions and their files', async () => {
    const { page } = h;
    const card = page.getByTestId('watch').first();
    await card.getByTestId('watch-history').locator('summary').click();
    const rows = card.getByTestId('pass-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().getAttribute('data-outcome')).toBe('completed');
    expect(await text(rows.first().getByTestId('pass-result'))).toMatch(/^4 nye · 4 lastet ned/);
    await rows.first().getByTestId('pass-instances').locator('summary').click();
    const instances = rows.first().getByTestId('pass-instance');
    await instances.first().waitFor();
    expect(await instances.count()).toBe(4);
    expect(await text(instances.first())).toMatch(/bekreftet/);
    const files = instances.first().getByTestId('pass-file');
    expect(await files.count()).toBe(2);
    expect(await text(files.first())).toMatch(/soknad-\d\.pdf/);
    // Which check each saved file had: Storage has no hash for these (issue 18, point 4).
    expect(await files.first().getByTestId('pass-file-check').getAttribute('data-check')).toBe('size');
    expect(await text(files.first().getByTestId('pass-file-check'))).toBe('Størrelse kontrollert');
    await instances.first().getByTestId('pass-instance-folder').click();
    await expect
      .poll(() => desktop.calls.filter((c) => c.kind === 'openPath').map((c) => c.value))
      .toContainEqual(expect.stringMatching(/ttd_mottak\/\d+_[0-9a-f-]{36}$/));
    await rows.first().scrollIntoViewIfNeeded();
    await settled(page);
    await h.screenshot('intake-history');

    // A file's name opens its preview (fetched from Altinn with the watch's profile).
    await files.nth(1).getByTestId('preview-open').click();
    const preview = page.getByTestId('preview-dialog');
    const tree = preview.getByTestId('preview-xml');
    await tree.waitFor();
    expect(await text(tree)).toContain('<Navn>Bærum kommune</Navn>');
    await settled(page);
    await h.screenshot('intake-history-preview');
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'hidden' });
    h.assertNoProblems();
  });

  it('stops a watch that Altinn refuses, with the reason, and resumes it', async () => {
    const { page } = h;
    // The first watch's history is closed again, so the page shows the second.
    await page.getByTestId('watch').first().getByTestId('watch-history').locator('summary').first().click();
    const card = page.getByTestId('watch').nth(1);
    storage.addFault({ kind: 'query', type: 'status', status: 403, times: 1 });
    await card.getByTestId('watch-run-now').click();
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 20_000 }).toBe('stopped');
    const stop = card.getByTestId('watch-stop');
    expect(await stop.getAttribute('data-error-code')).toBe('STORAGE_FORBIDDEN');
    expect(await text(stop)).toContain('Mottaket stoppet: Altinn nekter tilgang');
    expect(await card.getByTestId('watch-run-now').isDisabled()).toBe(true);
    await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await settled(page);
    await h.screenshot('intake-stopped');
    await card.getByTestId('watch-resume').click();
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 20_000 }).toBe('idle');
    expect(await card.getByTestId('watch-stop').count()).toBe(0);
    h.assertNoProblems();
  });

  it('asks once more before a production watch that confirms, and remembers the close choice', async () => {
    const { page } = h;
    await page.getByTestId('intake-close-setting').selectOption('background');
    await expect.poll(async () => (await h.services.intake.settings()).whenWindowCloses).toBe('background');
    await page.getByTestId('environment-switcher').locator('select, input[value="localprod"]').first().waitFor();
    await ok(h, 'settings:update', { environmentId: 'localprod' });
    await page.reload();
    await page.getByTestId('nav-intake').click();
    await newFolder();
    await page.getByTestId('intake-create').click();
    const dialog = page.getByTestId('watch-dialog');
    await expect.poll(() => dialog.getByTestId('watch-app').inputValue()).toBe(APP);
    await dialog.getByTestId('watch-choose-folder').click();
    await dialog.getByTestId('watch-confirm').check();
    await dialog.getByTestId('watch-save').click();
    await dialog.getByTestId('watch-production').waitFor();
    await settled(page);
    await h.screenshot('intake-production-yes');
    await dialog.getByTestId('watch-production-yes').click();
    await dialog.waitFor({ state: 'hidden' });
    const cards = page.getByTestId('watch');
    await expect.poll(() => cards.count()).toBe(3);
    expect(await text(cards.nth(2))).toContain('Produksjon');
    const views = await h.services.intake.list();
    expect(views[2]?.productionConfirmedAt).toBeDefined();
    expect(await page.getByTestId('intake-close-setting').inputValue()).toBe('background');
    h.assertNoProblems();
  });
});

/**
 * The Instances and Downloads views in Chromium: the built renderer against the real services (temp home),
 * with the fake Maskinporten + Altinn token exchange (test/fakes/auth-server.ts) and the fake Altinn
 * Storage and app API (test/fakes/altinn-storage.ts) behind them on 127.0.0.1. Storage only accepts
 * Altinn tokens the auth fake issued. List with "not confirmed by us", open an instance, download three
 * with confirm on while the progress bar moves, check every file byte for byte, see them leave the list,
 * reload and still see the job; then 10,000 instances (100 pages) in a virtualized table.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { scriptedDesktop } from '../../src/node/platform/desktop';
import { type FakeAltinnStorage, type FakeTokenInfo, startFakeAltinnStorage } from '../fakes/altinn-storage';
import { type AuthFake, startAuthFake } from '../fakes/auth-server';
import { describeWithChromium, type Harness, launchHarness } from './harness';
import { ok, settled, text } from './page-steps';
import { serviceOwnerWorld } from './service-owner-world';

const ORGNO = '910753614';
const ORG = 'ttd';
const APP = 'ttd/mottak';
const BIG_APP = 'ttd/stor';
const SCOPES = ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'];
const OWNERS = ['974760673', '991825827', '01019012345', '910753614', '02029054321'];
/** The owners' names as Altinn's Register knows them (the app's InstanceResponse carries them). */
const NAMES: Record<string, string> = {
  '974760673': 'Brønnøysundregistrene',
  '991825827': 'Digitaliseringsdirektoratet',
  '01019012345': 'Kari Nordmann',
  '910753614': 'Testbedrift AS',
  '02029054321': 'Ola Nordmann',
};

/**
 * Storage's token check, done as Altinn does it: only Altinn tokens the auth fake issued, not expired on
 * its clock, with the org and scopes from their claims. (The storage fake's validator is synchronous, so
 * the signature is checked afterwards with `verifyAltinnToken` for every token Storage saw.)
 */
function altinnTokenCheck(auth: AuthFake) {
  return (token: string): FakeTokenInfo | null => {
    if (!auth.issuedTokens().altinnTokens.includes(token)) return null;
    const claims = decodeJwt(token);
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < auth.now()) return null;
    const org = claims['urn:altinn:org'];
    if (typeof org !== 'string') return null;
    return { org, scopes: typeof claims.scope === 'string' ? claims.scope.split(' ') : [] };
  };
}

describeWithChromium('instances and downloads in Chromium (built bundle, real services, fake Altinn)', () => {
  let h: Harness;
  let auth: AuthFake;
  let storage: FakeAltinnStorage;
  let target: string;
  let downloadedIds: string[] = [];
  const mottak: ReturnType<FakeAltinnStorage['add']> = [];

  beforeAll(async () => {
    auth = await startAuthFake();
    auth.registerServiceOwner(ORGNO, ORG);
    storage = await startFakeAltinnStorage({ validateToken: altinnTokenCheck(auth) });
    mottak.push(
      ...storage.add(
        Array.from({ length: 11 }, (_, i) => {
          const owner = OWNERS[i % OWNERS.length] as string;
          return {
            appId: APP,
            isComplete: i % 3 !== 2,
            currentTask: i % 3 === 2 ? 'Task_2' : undefined,
            owner:
              owner.length === 9
                ? { organisationNumber: owner, name: NAMES[owner] }
                : { personNumber: owner, name: NAMES[owner] },
            readStatus: i === 0 ? ('Unread' as const) : undefined,
            // Storage lists the last changed first (readinstancefromquery.sql): mottak[0] is the newest.
            lastChanged: new Date(Date.UTC(2025, 5, 1) - i * 60_000).toISOString(),
            // The last two were confirmed by us before: "not confirmed by us" hides them.
            confirmedBy: i >= 9 ? [ORG] : [],
            elements: [
              { size: 180_000 + i * 1_000, filename: `soknad-${i + 1}.pdf`, contentType: 'application/pdf' },
              {
                size: 40_000 + i * 100,
                filename: `skjema-${i + 1}.xml`,
                dataType: 'model',
                contentType: 'application/xml',
                ...(i === 0 ? { fileScanResult: 'Clean' } : {}),
              },
            ],
          };
        }),
      ),
    );
    storage.add(
      Array.from({ length: 10_000 }, () => ({ appId: BIG_APP, isComplete: true, elements: [{ size: 100 }] })),
    );

    h = await launchHarness({ viewport: { width: 1280, height: 1000 } });
    await serviceOwnerWorld(
      h,
      { auth, storage },
      {
        orgNo: ORGNO,
        org: ORG,
        scopes: SCOPES,
        kid: 'e2e-instances-kid',
        apps: [APP, BIG_APP],
        prodApps: [APP],
        prodName: 'Mottak produksjon',
      },
    );
    target = await mkdtemp(join(tmpdir(), 'mpd-e2e-download-'));
    const desktop = h.services.desktop as ReturnType<typeof scriptedDesktop>;
    if (!desktop.answers) throw new Error('the harness desktop is not scripted');
    desktop.answers.folder = target;
    await h.open();
  });

  afterAll(async () => {
    await h?.close();
    await storage?.close();
    await auth?.close();
    if (target) await rm(target, { recursive: true, force: true });
  });

  it('lists the instances we have not confirmed and opens one with its files', async () => {
    const { page } = h;
    await page.getByTestId('nav-instances').click();
    const view = page.getByTestId('view-instances');
    await view.waitFor();
    // The only profile with apps is chosen; the app is the person's choice (it has two).
    await expect.poll(() => page.getByTestId('instances-profile').inputValue()).not.toBe('');
    expect(await page.getByTestId('filter-not-confirmed').isChecked()).toBe(true);
    await page.getByTestId('instances-app').selectOption(APP);

    const count = page.getByTestId('instances-count');
    await count.waitFor();
    expect(await count.getAttribute('data-count')).toBe('9');
    expect(await text(count)).toBe('Alle 9 er lastet.');
    const query = storage.requests.find((r) => r.kind === 'query' && r.query.includes('appId=ttd%2Fmottak'));
    expect(query?.query).toContain('excludeConfirmedBy=ttd');
    const rows = page.getByTestId('instance-row');
    expect(await rows.count()).toBe(9);
    const shown = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-instance-id')));
    expect(shown).toEqual(mottak.slice(0, 9).map((i) => i.id));
    // The owner, in the form case workers know.
    const firstOwner = rows.first().getByTestId('instance-open');
    expect(await text(firstOwner)).toBe('974 760 673');
    expect(await firstOwner.getAttribute('aria-label')).toBe('Vis detaljer for instansen til Org.nr. 974 760 673');
    expect(await text(rows.nth(2).getByTestId('instance-open'))).toBe('010190 12345');
    const firstCells = await rows.first().locator('td').allInnerTexts();
    expect(firstCells.slice(5)).toEqual(['Ja', 'Ingen', '2', '220 kB']);
    // The list as a case worker sees it after the search: the selection bar, the table, the count.
    await page.getByTestId('filter-not-confirmed').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await h.screenshot('instances-list');

    await rows.first().getByTestId('instance-open').click();
    const details = page.getByTestId('instance-details');
    await details.getByTestId('instance-files').waitFor();
    await settled(page);
    const files = details.getByTestId('instance-file');
    expect(await files.count()).toBe(2);
    const first = mottak[0];
    expect(await files.first().locator('td').allInnerTexts()).toEqual([
      'soknad-1.pdf',
      'attachment',
      '180 kB',
      // Created after Storage stopped hashing (2023): checked by size when downloaded (issue 18, point 4).
      'Størrelse',
      'Ikke sjekket',
    ]);
    expect(await files.nth(1).locator('td').allInnerTexts()).toEqual([
      'skjema-1.xml',
      'model',
      '40 kB',
      'Størrelse',
      'Ren',
    ]);
    expect(await text(details.getByTestId('instance-facts'))).toContain(first?.id ?? 'missing');
    // The app API's InstanceResponse names the owner (instanceOwner.party.name); its read status is a number
    // there ("Unread" in Storage), shown in words.
    expect(await text(details.getByRole('heading', { level: 2 }))).toBe('Brønnøysundregistrene');
    expect(await text(details.getByTestId('instance-owner'))).toBe('Org.nr. 974 760 673');
    expect(await text(details.getByTestId('instance-read-status'))).toBe('Ikke lest');
    // The details from the app, read once: the panel of what the service owner can do (issue 19) shows that
    // read, and Historikk (issue 20) borrows it at the same lastChanged, reading only its events and process
    // history from Storage (issue 19 review: it was three reads of the same instance).
    await details.getByTestId('history-timeline').or(details.getByText('Altinn har ingen hendelser')).first().waitFor();
    await details.getByTestId('status-panel').waitFor();
    await settled(page);
    expect(storage.requests.filter((r) => r.kind === 'instance').map((r) => r.via)).toEqual(['app']);
    expect(await text(details.getByTestId('instance-confirmations'))).toBe('Ingen har bekreftet mottak ennå.');
    await h.screenshot('instances-details');
    await page.keyboard.press('Escape');
    await expect.poll(() => details.isVisible()).toBe(false);
    h.assertNoProblems();
  });

  it('downloads three selected instances with confirm on: the bar moves, every file matches byte for byte', async () => {
    const { page } = h;
    const rows = page.getByTestId('instance-row');
    for (const i of [0, 1, 2]) await rows.nth(i).locator('input[type="checkbox"]').check();
    expect(await text(page.getByTestId('selection-summary'))).toBe('3 instanser valgt');
    downloadedIds = mottak.slice(0, 3).map((i) => i.id);

    // Slow enough to watch: each file waits before its bytes come, one file at a time.
    storage.addFault({ kind: 'data', type: 'slow', delayMs: 450, times: 1000 });
    await page.getByTestId('instances-download').click();
    const dialog = page.getByTestId('download-dialog');
    await dialog.getByTestId('download-what').waitFor();
    expect(await text(dialog.getByTestId('download-what'))).toBe('Du laster ned 3 instanser med alle filene deres.');
    await dialog.getByTestId('download-concurrency').fill('1');
    await dialog.getByTestId('download-confirm').check();
    await dialog.getByTestId('download-start').click();
    await page.getByTestId('download-started').waitFor();
    expect(await text(page.getByTestId('download-started'))).toContain(target);

    await page.getByTestId('go-to-downloads').click();
    const job = page.getByTestId('download-job').first();
    await job.waitFor();
    const bar = job.getByTestId('job-progress');
    const seen = new Set<number>();
    let shot = false;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const state = await job.getAttribute('data-state');
      const value = Number(await bar.getAttribute('value'));
      if (state === 'running') {
        seen.add(value);
        if (!shot && value > 20 && value < 90) {
          expect(await text(job.getByTestId('job-rate'))).toMatch(/\/s$/);
          await h.screenshot('downloads-progress');
          shot = true;
        }
      } else break;
      await page.waitForTimeout(100);
    }
    expect(await job.getAttribute('data-state')).toBe('completed');
    // The bar moved: at least two different values while the job ran, below 100 %.
    expect([...seen].filter((v) => v < 100).length).toBeGreaterThanOrEqual(2);
    expect(shot).toBe(true);
    expect(Number(await bar.getAttribute('value'))).toBe(100);
    expect(await text(job.getByTestId('job-state'))).toBe('Fullført');
    expect(await text(job.getByTestId('job-files'))).toBe('6 av 6 filer · 663 kB av 663 kB');
    expect(await text(job.getByTestId('job-counts'))).toBe('Instanser: 3 ferdige · 3 bekreftet mottatt');
    // Which check the files had, honestly: Storage has no hash for them (issue 18, point 4).
    expect(await text(job.getByTestId('job-checks-line'))).toBe('Størrelse kontrollert: 6 filer');
    await settled(page);
    await h.screenshot('downloads-done');

    for (const instance of mottak.slice(0, 3)) {
      const [partyId, guid] = instance.id.split('/');
      for (const [i, element] of instance.elements.entries()) {
        const filename = element.spec.filename as string;
        const bytes = await readFile(join(target, 'ttd_mottak', `${partyId}_${guid}`, filename));
        expect(createHash('md5').update(bytes).digest('base64'), `${filename} (#${i})`).toBe(storage.md5(element.id));
        expect(bytes.equals(storage.content(element.id))).toBe(true);
      }
      expect(storage.confirmations(instance.id).map((c) => c.stakeholderId)).toEqual([ORG]);
    }
    // The OS notification comes from main when the job ends.
    const notes = (h.services.desktop as ReturnType<typeof scriptedDesktop>).calls.filter((c) => c.kind === 'notify');
    expect(notes.at(-1)?.value).toContain('Nedlasting fullført');
    h.assertNoProblems();
  });

  it('no longer lists the confirmed instances under "not confirmed by us"', async () => {
    const { page } = h;
    storage.clearFaults();
    await page.getByTestId('nav-instances').click();
    await page.getByTestId('instances-refreshed').waitFor();
    const count = page.getByTestId('instances-count');
    await expect.poll(() => count.getAttribute('data-count')).toBe('6');
    const shown = await page
      .getByTestId('instance-row')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-instance-id')));
    expect(shown).toEqual(mottak.slice(3, 9).map((i) => i.id));
    for (const id of downloadedIds) expect(shown).not.toContain(id);
    h.assertNoProblems();
  });

  it('refuses to confirm an instance whose files are not in the folder, and says why', async () => {
    const { page } = h;
    await page.getByTestId('instance-row').first().locator('input[type="checkbox"]').check();
    await page.getByTestId('instances-confirm').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.getByTestId('confirm-job').first().waitFor();
    expect(await dialog.getByTestId('confirm-job').first().isChecked()).toBe(true);
    await dialog.getByTestId('confirm-run').click();
    const refused = dialog.getByTestId('confirm-refused');
    await refused.waitFor();
    expect(await text(dialog.getByTestId('confirm-count-confirmed'))).toBe('0 bekreftet');
    expect(await text(refused)).toContain('Ikke alle filene er bekreftet på disk');
    expect(await refused.locator('li').first().getAttribute('data-error-code')).toBe('DOWNLOAD_NOT_VERIFIED');
    expect(storage.confirmations(mottak[3]?.id ?? '')).toEqual([]);
    await dialog.getByTestId('confirm-done').click();
    await page.getByTestId('clear-selection').click();
    h.assertNoProblems();
  });

  it('still shows the finished job after the window reloads (jobs live in main)', async () => {
    const { page } = h;
    await h.open();
    await page.getByTestId('nav-downloads').click();
    const job = page.getByTestId('download-job').first();
    await job.waitFor();
    expect(await job.getAttribute('data-state')).toBe('completed');
    expect(Number(await job.getByTestId('job-progress').getAttribute('value'))).toBe(100);
    expect(await text(job)).toContain(target);
    h.assertNoProblems();
  });

  it('loads 10,000 instances (100 pages) by scrolling, with only a window of rows in the DOM', async () => {
    const { page } = h;
    await page.getByTestId('nav-instances').click();
    await page.getByTestId('instances-app').selectOption(BIG_APP);
    const count = page.getByTestId('instances-count');
    await expect.poll(() => count.getAttribute('data-count')).toBe('100');
    const scroller = page.getByTestId('instances-scroll');
    const started = performance.now();
    const frames: number[] = [];
    while ((await count.getAttribute('data-more')) === 'true') {
      const t0 = performance.now();
      await scroller.evaluate((el) => {
        el.scrollTop = el.scrollHeight;
      });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
      frames.push(performance.now() - t0);
      await page.waitForTimeout(20);
      if (performance.now() - started > 90_000) break;
    }
    const elapsed = performance.now() - started;
    expect(await count.getAttribute('data-count')).toBe('10000');
    expect(await text(count)).toBe('Alle 10\u00a0000 er lastet.');
    // 100 full pages, then the empty one Storage answers after a full last page (a token comes with every
    // full page: PgInstanceRepository.cs).
    expect(storage.count('query', (r) => r.query.includes('appId=ttd%2Fstor'))).toBe(101);
    const inDom = await page.getByTestId('instance-row').count();
    expect(inDom).toBeGreaterThan(5);
    expect(inDom).toBeLessThan(60);
    // The last rows are really there at the bottom of the list.
    await scroller.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    const last = await page.getByTestId('instance-row').last().getAttribute('aria-rowindex');
    expect(last).toBe('10001');
    // Jump to the middle: the window follows, still small.
    await scroller.evaluate((el) => {
      el.scrollTop = el.scrollHeight / 2;
    });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    const middle = await page.getByTestId('instance-row').first().getAttribute('aria-rowindex');
    expect(Number(middle)).toBeGreaterThan(4000);
    expect(Number(middle)).toBeLessThan(6000);
    expect(await page.getByTestId('instance-row').count()).toBeLessThan(60);
    // Smoothness, measured in the page: jump to 60 places in the list and time each until the frame
    // after the new rows are painted.
    const jumps = await scroller.evaluate(async (el) => {
      const times: number[] = [];
      const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
      for (let i = 0; i < 60; i++) {
        await frame();
        const t0 = performance.now();
        el.scrollTop = ((i * 7919) % 60) * (el.scrollHeight / 60);
        el.dispatchEvent(new Event('scroll'));
        await frame();
        await frame();
        times.push(performance.now() - t0);
      }
      return times.sort((x, y) => x - y);
    });
    // The same two frames with nothing to do, for scale (headless Chromium paces frames itself).
    const idle = await page.evaluate(async () => {
      const times: number[] = [];
      const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
      for (let i = 0; i < 20; i++) {
        await frame();
        const t0 = performance.now();
        await frame();
        await frame();
        times.push(performance.now() - t0);
      }
      return times.sort((x, y) => x - y)[10] ?? 0;
    });
    const median = jumps[Math.floor(jumps.length / 2)] ?? Number.POSITIVE_INFINITY;
    // Against the idle frames of the same moment: a shared, loaded CI machine slows both (a fixed 100 ms
    // failed at 100.8 under a load of 8), while rows that are not virtualized cost seconds, not frames.
    expect(median).toBeLessThan(idle + 150);
    console.info(
      `[e2e] 10,000 instances: ${Math.round(elapsed)} ms to load 100 pages by scrolling (slowest scroll while loading ${Math.round(Math.max(...frames))} ms); ${inDom} rows in the DOM; a jump in the loaded list takes ${median.toFixed(1)} ms (median), ${jumps.at(-1)?.toFixed(1)} ms (worst) to two frames; two idle frames ${idle.toFixed(1)} ms`,
    );
    // Every token Storage saw was an Altinn token signed by the auth fake.
    const tokens = new Set(storage.requests.map((r) => r.token).filter((t): t is string => Boolean(t)));
    expect(tokens.size).toBeGreaterThan(0);
    for (const token of tokens) expect((await auth.verifyAltinnToken(token))['urn:altinn:org']).toBe(ORG);
    h.assertNoProblems();
  });

  it('asks once more before confirming receipt in production, and tells main the person said yes', async () => {
    const { page } = h;
    const select = page.getByTestId('environment-switcher').locator('select');
    await select.selectOption('localprod');
    await expect.poll(() => select.inputValue()).toBe('localprod');
    // The only profile and its only app are chosen, and the list comes at once.
    const count = page.getByTestId('instances-count');
    await expect.poll(() => count.getAttribute('data-count')).toBe('6');
    const row = page.getByTestId('instance-row').last();
    const instanceId = (await row.getAttribute('data-instance-id')) ?? '';
    expect(instanceId).toBe(mottak[8]?.id);
    await row.locator('input[type="checkbox"]').check();
    await page.getByTestId('instances-download').click();
    const dialog = page.getByTestId('download-dialog');
    await dialog.getByTestId('download-confirm').check();
    await dialog.getByTestId('download-start').click();
    const ask = dialog.getByTestId('production-confirm');
    await ask.waitFor();
    expect(await text(ask)).toContain('Dette er PRODUKSJON (Lokal produksjon)');
    // Nothing has started yet.
    expect((await ok<unknown[]>(h, 'downloads:list')).length).toBe(1);
    await settled(page);
    await dialog.getByTestId('production-confirm-yes').click();
    await page.getByTestId('download-started').waitFor();
    const jobs = await ok<{ production: boolean; confirm: boolean }[]>(h, 'downloads:list');
    expect(jobs.find((j) => j.production)).toMatchObject({ production: true, confirm: true });
    await expect
      .poll(() => storage.confirmations(instanceId).map((c) => c.stakeholderId), { timeout: 15_000 })
      .toEqual([ORG]);
    h.assertNoProblems();
  });
});

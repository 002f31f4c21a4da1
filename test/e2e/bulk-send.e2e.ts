/**
 * The bulk send in Chromium (issue 22): the built renderer against the real services (temp home), the auth fake
 * and the Storage fake with the app API's writes on 127.0.0.1. The spreadsheet from main's dialog; the columns
 * mapped with an unknown one flagged; the dry run with bad rows by row number; the send with progress; the
 * results opening an instance in the details; the report exported; Production's yes naming the count and the
 * app, then main's own question; English at 900×600; the grouped navigation.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { groupOrgNumber as orgNumberText } from '../../src/common/format/owner-numbers';
import type { scriptedDesktop } from '../../src/node/platform/desktop';
import { altinnTokenCheck, type FakeAltinnStorage, startFakeAltinnStorage } from '../fakes/altinn-storage';
import { type AuthFake, startAuthFake } from '../fakes/auth-server';
import { orgNumberFor } from '../helpers/party-numbers';
import { PDF, SOKNAD } from '../node/acts/acts-harness';
import { describeWithChromium, type Harness, launchHarness } from './harness';
import { chooseEnvironment, ok, settled, text } from './page-steps';
import { serviceOwnerWorld } from './service-owner-world';

const ORGNO = '991825827';
const APP = SOKNAD.id;
const SCOPES = ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'];
const orgs = Array.from({ length: 8 }, (_, i) => ({ partyId: 80_000 + i, orgNumber: orgNumberFor(500 + i) }));

describeWithChromium('bulk send in Chromium (built bundle, real services, fake app API)', () => {
  let h: Harness;
  let auth: AuthFake;
  let storage: FakeAltinnStorage;
  let dir: string;
  let desktop: ReturnType<typeof scriptedDesktop>;
  const answers = () => desktop.answers as NonNullable<typeof desktop.answers>;
  const instancesOf = (orgNumber: string) =>
    [...storage.instances.values()].filter((i) => i.spec.owner?.organisationNumber === orgNumber);

  beforeAll(async () => {
    auth = await startAuthFake();
    auth.registerServiceOwner(ORGNO, 'ttd');
    storage = await startFakeAltinnStorage({ validateToken: altinnTokenCheck((t) => auth.verifyAltinnToken(t)) });
    storage.writes.defineApp(SOKNAD);
    for (const [i, o] of orgs.entries())
      storage.writes.addParty({ ...o, name: `BEDRIFT ${i} AS`, partyTypeName: 2, unitType: 'AS' });
    dir = await mkdtemp(join(tmpdir(), 'mpd-e2e-send-'));
    await writeFile(join(dir, 'brev.pdf'), PDF);
    await writeFile(
      join(dir, 'feil.csv'),
      [
        'orgno;fnr;prefill.Soknad.Formaal;visibleAfter;attachment.vedlegg',
        '910753615;;Feil sjekksiffer;;', // 2: an organisation number with a wrong check digit
        ';15058550122;Feil fødselsnummer;;', // 3: a national identity number with a wrong check digit
        ';;Ingen mottaker;;', // 4: no owner
        `${orgs[4]?.orgNumber};15058550121;To mottakere;;`, // 5: two owners
        `${orgs[4]?.orgNumber};;Dato;i morgen;`, // 6: a date that is not one
        `${orgs[4]?.orgNumber};;Vedlegg;;mangler.pdf`, // 7: a file that is not there
        `${orgs[4]?.orgNumber};;Utenfor;;../utenfor.pdf`, // 8: a file outside the folder
        `${orgs[7]?.orgNumber};;I orden;;`, // 9: fine
      ].join('\r\n'),
    );
    await writeFile(
      join(dir, 'arsmelding.csv'),
      [
        'orgno;prefill.Soknad.Formaal;attachment.vedlegg;Kommentar',
        `${orgs[0]?.orgNumber};Årsmelding 2026;brev.pdf;ok`,
        `910753615;Feil sjekksiffer;;`,
        `${orgs[1]?.orgNumber};Årsmelding 2026;;`,
        `${orgs[2]?.orgNumber};Årsmelding 2026;mangler.pdf;`,
        `${orgs[3]?.orgNumber};Årsmelding 2026;;`,
        `${orgs[3]?.orgNumber};Årsmelding 2026;;`,
      ].join('\r\n'),
    );
    h = await launchHarness({ viewport: { width: 1280, height: 1000 } });
    await serviceOwnerWorld(
      h,
      { auth, storage },
      {
        orgNo: ORGNO,
        org: 'ttd',
        scopes: SCOPES,
        kid: 'e2e-send-kid',
        apps: [APP],
        prodApps: [APP],
        prodName: 'Utsending prod',
      },
    );
    desktop = h.services.desktop as ReturnType<typeof scriptedDesktop>;
    if (!desktop.answers) throw new Error('the harness desktop is not scripted');
    await h.open();
  });

  afterAll(async () => {
    await h?.close();
    await storage?.close();
    await auth?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('groups the navigation: daily work first', async () => {
    const { page } = h;
    const groups = await page.locator('.side-nav__group-label').allTextContents();
    expect(groups).toEqual(['Daglig arbeid', 'Oppsett', 'Feilsøking']);
    expect(await page.getByTestId('nav-group-daily').locator('button').allTextContents()).toEqual([
      'Instanser',
      'Mottak',
      'Utsendelse',
      'Hendelser',
      'Nedlastinger',
    ]);
  });

  it('maps the columns and lists the bad rows by row number in the dry run; nothing is sent', async () => {
    const { page } = h;
    await page.getByTestId('nav-send').click();
    await page.getByTestId('view-send').waitFor();
    answers().openFile = join(dir, 'arsmelding.csv');
    await page.getByTestId('send-choose').click();
    await page.getByTestId('send-plan').waitFor();
    expect(await text(page.getByTestId('send-figure-to-send'))).toContain('3');
    expect(await text(page.getByTestId('send-figure-invalid'))).toContain('3');
    const columns = page.getByTestId('send-columns');
    expect(await text(columns.locator('[data-role="unknown"]'))).toContain('Ukjent – brukes ikke');
    expect(await text(columns.locator('[data-role="prefill"]'))).toContain('Forhåndsutfylling: Soknad.Formaal');
    const problems = page.getByTestId('send-problems');
    expect(
      await problems.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row'))),
    ).toEqual(['1', '3', '5', '7']);
    expect(await text(problems.locator('[data-row="3"]'))).toContain('Eieren er ikke gyldig');
    // Each problem in Norwegian with the row's own values, not the service's English message.
    expect(await text(problems.locator('[data-row="3"]'))).toContain(
      'Organisasjonsnummeret 910\u00a0753\u00a0615 har feil kontrollsiffer.',
    );
    expect(await text(problems.locator('[data-row="5"]'))).toContain(
      'Finner ikke filen «mangler.pdf» i mappen der regnearket ligger.',
    );
    expect(await text(problems.locator('[data-row="7"]'))).toContain('Raden er lik en tidligere rad');
    expect(await text(problems.locator('[data-row="7"]'))).toContain('Rad 7 er lik rad 6');
    expect(await text(problems)).not.toMatch(/does not exist|fails its|is the same as row|is not one the send knows/);
    expect(await text(page.getByTestId('send-start'))).toBe('Send 3 skjema');
    expect(storage.instances.size).toBe(0);
    await settled(page);
    await h.screenshot('send-dry-run-bad-rows');
    await page.getByTestId('send-columns').locator('..').locator('summary').first().scrollIntoViewIfNeeded();
    await h.screenshot('send-mapping');
  });

  it('sends with progress; the results open an instance in the details; the report is exported', async () => {
    const { page } = h;
    storage.latencyMs = 300;
    await page.getByTestId('send-start').click();
    await page.getByTestId('send-job').waitFor();
    await page.getByTestId('send-progress-line').waitFor();
    await settled(page);
    await h.screenshot('send-sending');
    storage.latencyMs = 0;
    // The three rows with errors were not sent: the send ends "Ferdig, med feil".
    await page.locator('[data-testid="send-job"][data-state="partial"]').waitFor({ timeout: 20_000 });
    await page.getByTestId('send-results').waitFor();
    expect(await text(page.getByTestId('send-results-summary'))).toBe(
      '3 sendt nå · 0 sendt før · 3 feilet: 3 med feil i raden',
    );
    for (const o of [orgs[0], orgs[1], orgs[3]]) expect(instancesOf(o?.orgNumber as string)).toHaveLength(1);
    expect(instancesOf(orgs[2]?.orgNumber as string)).toHaveLength(0);
    // A refused row shows the owner the file gave and why, with its reason in Norwegian.
    const results = page.getByTestId('send-results');
    expect(await text(results.locator('[data-row="3"] [data-testid="send-owner"]'))).toMatch(
      /^910 753 615\s*\n\s*feil kontrollsiffer$/,
    );
    expect(await text(results.locator('[data-row="3"]'))).toContain('har feil kontrollsiffer');
    expect(await text(results.locator('[data-row="5"] [data-testid="send-owner"]'))).toBe(
      orgNumberText(orgs[2]?.orgNumber as string),
    );
    expect(await text(results)).not.toMatch(/does not exist|fails its|is the same as row/);
    await settled(page);
    await h.screenshot('send-results');
    answers().saveFile = join(dir, 'rapport.csv');
    await page.getByTestId('send-export').click();
    await page.getByTestId('send-exported').waitFor();
    const report = await readFile(join(dir, 'rapport.csv'), 'utf8');
    expect(report).toContain(`orgno:${orgs[0]?.orgNumber};sent;${instancesOf(orgs[0]?.orgNumber as string)[0]?.id}`);
    const id = instancesOf(orgs[1]?.orgNumber as string)[0]?.id as string;
    await page.getByTestId('send-open-4').click();
    await page.getByTestId('view-instances').waitFor();
    await page
      .getByText(id.split('/')[1] as string)
      .first()
      .waitFor();
    await page.keyboard.press('Escape');
  });

  it("in Production: the window's yes names the count and the app, then main's own question", async () => {
    const { page } = h;
    await chooseEnvironment(page, 'localprod');
    await page.getByTestId('nav-send').click();
    await page.getByTestId('view-send').waitFor();
    const newSend = page.getByTestId('send-new');
    if (await newSend.isVisible().catch(() => false)) await newSend.click();
    await writeFile(
      join(dir, 'prod.csv'),
      `orgno;prefill.Soknad.Formaal\n${orgs[5]?.orgNumber};Prod\n${orgs[6]?.orgNumber};Prod\n`,
    );
    answers().openFile = join(dir, 'prod.csv');
    await page
      .getByTestId('send-app')
      .locator('select')
      .waitFor()
      .catch(() => {});
    await page.getByTestId('send-choose').click();
    const prod = page.getByTestId('send-production');
    await prod.waitFor();
    expect(await text(prod)).toContain(`Ja, send 2 skjema i PRODUKSJON for ${APP}`);
    expect(await page.getByTestId('send-start').isDisabled()).toBe(true);
    await settled(page);
    await h.screenshot('send-production-yes');
    answers().confirm = false;
    await page.getByTestId('send-production-yes').check();
    await page.getByTestId('send-start').click();
    await page.locator('[data-error-code="CHANGE_NOT_CONFIRMED"]').waitFor();
    expect(desktop.confirmations.at(-1)).toMatchObject({
      message: `Send 2 skjema i PRODUKSJON for ${APP}?`,
      production: true,
    });
    // The environment first, then the app and the spreadsheet (the shared shape of main's questions).
    expect(desktop.confirmations.at(-1)?.detail.slice(0, 3)).toEqual([
      'Miljø: Lokal produksjon (PRODUKSJON)',
      `App: ${APP}`,
      'Regneark: prod.csv',
    ]);
    expect(instancesOf(orgs[5]?.orgNumber as string)).toHaveLength(0);
    answers().confirm = true;
    await page.getByTestId('send-start').click();
    await page.locator('[data-testid="send-job"][data-state="completed"]').waitFor({ timeout: 20_000 });
    expect(instancesOf(orgs[5]?.orgNumber as string)).toHaveLength(1);
    await page.getByTestId('send-new').click();
    await chooseEnvironment(page, 'local');
  });

  it('a dry run with many kinds of bad rows: each said in Norwegian with its values, and the results at 900×600', async () => {
    const { page } = h;
    await page.getByTestId('nav-send').click();
    await page.getByTestId('view-send').waitFor();
    const newSend = page.getByTestId('send-new');
    if (await newSend.isVisible().catch(() => false)) await newSend.click();
    answers().openFile = join(dir, 'feil.csv');
    await page.getByTestId('send-choose').click();
    await page.getByTestId('send-plan').waitFor();
    const problems = page.getByTestId('send-problems');
    const row = (n: number) => text(problems.locator(`[data-row="${n}"]`));
    expect(await row(2)).toContain('Organisasjonsnummeret 910\u00a0753\u00a0615 har feil kontrollsiffer.');
    expect(await row(3)).toContain('Fødselsnummeret 150585\u00a050122 har feil kontrollsiffer.');
    expect(await row(4)).toContain('Fyll ut nøyaktig én av orgno, fnr og partyId.');
    expect(await row(5)).toContain('Raden har mottaker i flere kolonner (orgno, fnr). Fyll ut bare én.');
    expect(await row(6)).toContain('«i morgen» er ikke en dato vi kan lese.');
    expect(await row(7)).toContain('Finner ikke filen «mangler.pdf» i mappen der regnearket ligger.');
    expect(await row(8)).toContain('«../utenfor.pdf» ligger ikke i mappen til regnearket.');
    expect(await text(problems)).not.toMatch(/ fails | is not an ISO| does not exist|outside the spreadsheet|No owner/);
    await settled(page);
    await h.screenshot('send-dry-run-bad-rows-nb-detail');
    await page.setViewportSize({ width: 900, height: 600 });
    await problems.scrollIntoViewIfNeeded();
    await settled(page);
    await h.screenshot('send-dry-run-bad-rows-nb-900x600');
    await problems.locator('[data-row="8"]').scrollIntoViewIfNeeded();
    await settled(page);
    await h.screenshot('send-dry-run-bad-rows-nb-900x600-end');
    await page.getByTestId('send-start').click();
    await page.locator('[data-testid="send-job"][data-state="partial"]').waitFor({ timeout: 20_000 });
    const results = page.getByTestId('send-results');
    // The owner's number, then (on its own line) why it is not valid.
    const owner = async (n: number) =>
      (await text(results.locator(`[data-row="${n}"] [data-testid="send-owner"]`))).split(/\s*\n\s*/).join(' | ');
    expect(await owner(2)).toBe('910 753 615 | feil kontrollsiffer');
    expect(await owner(3)).toBe('150585 50122 | feil kontrollsiffer');
    expect(await owner(4)).toBe('– | ingen mottaker');
    expect(await owner(5)).toBe(`${orgNumberText(orgs[4]?.orgNumber as string)} | 150585 50121 | flere mottakere`);
    expect(await owner(6)).toBe(orgNumberText(orgs[4]?.orgNumber as string));
    expect(await text(results.locator('[data-row="6"]'))).toContain('«i morgen» er ikke en dato vi kan lese.');
    expect(await text(results)).not.toMatch(/ fails | is not an ISO| does not exist|outside the spreadsheet|No owner/);
    await results.scrollIntoViewIfNeeded();
    await settled(page);
    await h.screenshot('send-results-bad-rows-nb-900x600');
    await page.getByTestId('send-new').click();
    await page.setViewportSize({ width: 1280, height: 1000 });
  });

  it('speaks English, and fits 900×600', async () => {
    const { page } = h;
    await ok(h, 'settings:update', { language: 'en' });
    h.services.events.emit('settings:changed', { language: 'en', environmentId: 'local' });
    await page.setViewportSize({ width: 900, height: 600 });
    await page.getByTestId('nav-send').click();
    answers().openFile = join(dir, 'arsmelding.csv');
    await page.getByTestId('send-choose').click();
    await page.getByTestId('send-plan').waitFor();
    expect(await text(page.getByTestId('send-figure-already-sent'))).toContain('3');
    expect(await text(page.getByTestId('send-problems').locator('[data-row="3"]'))).toContain('The owner is not valid');
    expect(await text(page.getByTestId('nav-group-daily'))).toContain('Bulk send');
    await settled(page);
    await h.screenshot('send-en-900x600');
    // The dry run with bad rows in English: the same values in English sentences.
    answers().openFile = join(dir, 'feil.csv');
    await page.getByTestId('send-choose').click();
    await page.getByTestId('send-plan').waitFor();
    const problems = page.getByTestId('send-problems');
    const row = (n: number) => text(problems.locator(`[data-row="${n}"]`));
    expect(await row(2)).toContain('The organisation number 910\u00a0753\u00a0615 has a wrong check digit.');
    expect(await row(3)).toContain('The national identity number 150585\u00a050122 has a wrong check digit.');
    expect(await row(6)).toContain('"i morgen" is not a date we can read.');
    expect(await row(7)).toContain('The file "mangler.pdf" is not in the spreadsheet’s folder.');
    expect(await text(problems)).not.toMatch(/Organisasjonsnummeret|Finner ikke|kontrollsiffer/);
    await problems.scrollIntoViewIfNeeded();
    await settled(page);
    await h.screenshot('send-dry-run-bad-rows-en-900x600');
  });
});

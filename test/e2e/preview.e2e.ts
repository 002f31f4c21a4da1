/**
 * The preview of data elements and the CSV export, in Chromium over the built renderer with the real
 * services and the fakes behind them (as instances.e2e.ts). A PDF drawn by pdf.js (its worker from the
 * bundle, no CSP violation), an XML and a JSON element as foldable trees, an infected element that is
 * never offered nor read, a Word file opened with the system's app from the verified downloaded copy,
 * an archive and an old Word file only shown in their folder (with the reason), which check each file
 * had (MD5 where Storage's hash still holds, else size), and the filtered list saved as CSV through the
 * (scripted) save dialog and read back with æøå intact.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Profile } from '../../src/common/contract/profiles';
import type { scriptedDesktop } from '../../src/node/platform/desktop';
import { type FakeAltinnStorage, type FakeTokenInfo, startFakeAltinnStorage } from '../fakes/altinn-storage';
import { type AuthFake, startAuthFake } from '../fakes/auth-server';
import { parseCsv } from '../helpers/csv-reader';
import { localEnvironment, registerKeyOnFakeClient, writeEnvironmentsFile } from '../helpers/local-world';
import { sampleJson, samplePdf, sampleXml } from '../helpers/sample-files';
import { describeWithChromium, type Harness, launchHarness } from './harness';
import { ok, settled, text } from './page-steps';

const ORGNO = '910753614';
const APP = 'ttd/soknad';
const SCOPES = ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'];
const TASK = 'Kontroll_i_Bærum_på_Økern';

function tokenCheck(auth: AuthFake) {
  return (token: string): FakeTokenInfo | null => {
    if (!auth.issuedTokens().altinnTokens.includes(token)) return null;
    const claims = decodeJwt(token);
    const org = claims['urn:altinn:org'];
    return typeof org === 'string' ? { org, scopes: String(claims.scope ?? '').split(' ') } : null;
  };
}

describeWithChromium('preview and CSV export in Chromium (built bundle, real services, fake Altinn)', () => {
  let h: Harness;
  let auth: AuthFake;
  let storage: FakeAltinnStorage;
  let folder: string;
  let desktop: ReturnType<typeof scriptedDesktop>;
  let answers: NonNullable<ReturnType<typeof scriptedDesktop>['answers']>;
  const pdf = samplePdf([
    ['Søknad om tilskudd', 'Bærum kommune, org.nr. 974 760 673', 'Beløp: 125 000 kroner', 'Side 1 av 2'],
    ['Vedlegg: budsjett', 'Økonomiavdelingen på Åsen', 'Side 2 av 2'],
  ]);
  let instance: ReturnType<FakeAltinnStorage['add']>[number];

  beforeAll(async () => {
    auth = await startAuthFake();
    auth.registerServiceOwner(ORGNO, 'ttd');
    storage = await startFakeAltinnStorage({ validateToken: tokenCheck(auth) });
    [instance] = storage.add([
      {
        appId: APP,
        isComplete: false,
        currentTask: TASK,
        owner: { organisationNumber: '974760673' },
        // From before Storage stopped hashing (2023): its elements have an MD5, until one is replaced.
        created: '2022-09-14T08:30:00Z',
        elements: [
          {
            size: pdf.length,
            body: pdf,
            filename: 'søknad.pdf',
            contentType: 'application/pdf',
            fileScanResult: 'Clean',
          },
          {
            size: sampleXml.length,
            body: sampleXml,
            filename: 'skjema.xml',
            contentType: 'application/xml',
            dataType: 'model',
          },
          { size: sampleJson.length, body: sampleJson, filename: 'data.json', contentType: 'application/json' },
          { size: 9_000, filename: 'virus.pdf', contentType: 'application/pdf', fileScanResult: 'Infected' },
          {
            size: 4_000,
            filename: 'brev.docx',
            contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          },
          { size: 6_000, filename: 'vedlegg.zip', contentType: 'application/zip' },
          { size: 5_000, filename: 'gammel-søknad.doc', contentType: 'application/msword' },
          // A right-to-left override would show this name as "faktura-exe.pdf" (issue 17, finding 11).
          { size: 3_000, filename: 'faktura-\u202Efdp.exe', contentType: 'application/octet-stream' },
        ],
      },
    ]) as [typeof instance];
    // The JSON was replaced after its hash was set: the hash is stale, the file is checked by size.
    storage.replaceElement(instance.elements[2]?.id as string, { body: sampleJson, at: '2025-06-02T10:00:00Z' });
    storage.add([
      { appId: APP, isComplete: true, owner: { personNumber: '01019012345' }, confirmedBy: ['ttd'], elements: [] },
      { appId: APP, isComplete: true, owner: { organisationNumber: '991825827' }, elements: [{ size: 10 }] },
    ]);

    h = await launchHarness({ viewport: { width: 1360, height: 960 } });
    await writeEnvironmentsFile(h.home, [localEnvironment({ auth, storage, name: 'Lokal test' })]);
    const key = await registerKeyOnFakeClient(
      h.dispatch,
      auth,
      { name: 'Forhåndsvisning', kid: 'e2e-preview-kid' },
      { clientId: 'preview-klient', orgNo: ORGNO, scopes: SCOPES },
    );
    await ok<Profile>(h, 'profiles:add', {
      name: 'Mottak',
      environmentId: 'local',
      clientId: 'preview-klient',
      keyId: key.id,
      scopes: SCOPES,
      org: 'ttd',
      apps: [APP],
    });
    await ok(h, 'settings:update', { environmentId: 'local' });
    folder = await mkdtemp(join(tmpdir(), 'mpd-e2e-preview-'));
    desktop = h.services.desktop as ReturnType<typeof scriptedDesktop>;
    if (!desktop.answers) throw new Error('the harness desktop is not scripted');
    answers = desktop.answers;
    await h.open();
  });

  afterAll(async () => {
    await h?.close();
    await storage?.close();
    await auth?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  async function openDetails() {
    const { page } = h;
    await page.getByTestId('nav-instances').click();
    await page.getByTestId('view-instances').waitFor();
    await page.getByTestId('filter-not-confirmed').uncheck();
    await page.getByTestId('instances-search').click();
    const row = page.locator(`[data-testid="instance-row"][data-instance-id="${instance.id}"]`);
    await row.waitFor();
    await row.getByTestId('instance-open').click();
    await page.getByTestId('instance-files').waitFor();
  }

  function fileRow(name: string) {
    return h.page.getByTestId('instance-file').filter({ hasText: name });
  }

  it('shows a PDF with pdf.js: drawn on a canvas, its text selectable, two pages, zoom', async () => {
    const { page } = h;
    await openDetails();
    await fileRow('søknad.pdf').getByTestId('preview-open').click();
    const dialog = page.getByTestId('preview-dialog');
    const view = dialog.getByTestId('preview-pdf');
    await view.waitFor({ timeout: 20_000 });
    await expect.poll(() => view.getAttribute('data-rendering'), { timeout: 20_000 }).toBe('false');
    expect(await text(dialog.getByTestId('preview-facts'))).toMatch(/^application\/pdf · \d+,\d kB · MD5 kontrollert$/);
    expect(await text(dialog.getByTestId('pdf-page'))).toBe('Side 1 av 2');
    // The text layer holds the page's words, so they can be selected and copied.
    await expect.poll(() => dialog.getByTestId('pdf-text').textContent()).toContain('Søknad om tilskudd');
    expect(await dialog.getByTestId('pdf-text').textContent()).toContain('Bærum kommune');
    // Something was drawn: the canvas is not blank.
    const inked = await dialog.getByTestId('pdf-canvas').evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d');
      if (!ctx) return 0;
      const { data } = ctx.getImageData(0, 0, c.width, Math.floor(c.height / 3));
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] as number) < 128 && (data[i + 3] as number) > 0) dark++;
      return dark;
    });
    expect(inked).toBeGreaterThan(200);
    await settled(page);
    await h.screenshot('preview-pdf');

    await dialog.getByTestId('pdf-next').click();
    await expect.poll(() => text(dialog.getByTestId('pdf-page'))).toBe('Side 2 av 2');
    await expect.poll(() => dialog.getByTestId('pdf-text').textContent()).toContain('Økonomiavdelingen på Åsen');
    expect(await dialog.getByTestId('pdf-next').isDisabled()).toBe(true);
    const fit = await text(dialog.getByTestId('pdf-zoom'));
    await dialog.getByTestId('pdf-zoom-in').click();
    await expect.poll(() => text(dialog.getByTestId('pdf-zoom'))).not.toBe(fit);
    await expect.poll(() => view.getAttribute('data-rendering')).toBe('false');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    // The worker came from the bundle (same origin), and nothing was blocked or refused.
    h.assertNoProblems();
  });

  it('shows XML pretty-printed as a foldable tree', async () => {
    const { page } = h;
    await fileRow('skjema.xml').getByTestId('preview-open').click();
    const dialog = page.getByTestId('preview-dialog');
    const tree = dialog.getByTestId('preview-xml');
    await tree.waitFor();
    const body = await text(tree);
    expect(body).toContain('<Skjema xmlns="urn:no:example:soknad" versjon="2">');
    expect(body).toContain('<Navn>Bærum kommune</Navn>');
    expect(body).toContain('<Tittel>Søknad om tilskudd til næringsutvikling</Tittel>');
    expect(body).toContain('<![CDATA[Utvidelse av produksjonen på Ørland & Åfjord]]>');
    expect(body).toContain('<!-- vedlegg følger som PDF -->');
    await settled(page);
    await h.screenshot('preview-xml');
    // Fold <Innsender>: its children leave the page, a summary stays.
    await tree.locator('summary', { hasText: '<Innsender type=' }).click();
    await expect.poll(() => text(tree)).not.toContain('Bærum kommune');
    await expect.poll(() => text(tree)).toContain('<Innsender type="organisasjon"> 2 elementer </Innsender>');
    expect(await text(tree)).toContain('<Tittel>Søknad om tilskudd til næringsutvikling</Tittel>');
    await dialog.getByTestId('tree-expand-all').click();
    await expect.poll(() => text(tree)).toContain('Bærum kommune');
    await page.keyboard.press('Escape');
    h.assertNoProblems();
  });

  it('shows JSON pretty-printed as a foldable tree', async () => {
    const { page } = h;
    await fileRow('data.json').getByTestId('preview-open').click();
    const dialog = page.getByTestId('preview-dialog');
    const tree = dialog.getByTestId('preview-json');
    await tree.waitFor();
    const body = await text(tree);
    expect(body).toContain('"skjema": "Søknad om tilskudd"');
    expect(body).toContain('"navn": "Bærum kommune"');
    expect(body).toContain('"beløp": 125000');
    expect(body).toContain('"godkjent": false');
    expect(body).toContain('"størrelse": 18234');
    expect(await text(dialog.getByTestId('preview-facts'))).toMatch(/ · Størrelse kontrollert$/);
    await settled(page);
    await h.screenshot('preview-json');
    await dialog.getByTestId('tree-collapse-all').click();
    await expect.poll(() => text(tree)).not.toContain('Bærum kommune');
    await expect.poll(() => text(tree)).toContain('{ 6 felt }');
    await page.keyboard.press('Escape');
    h.assertNoProblems();
  });

  it('never offers nor reads an infected element, and main refuses it if asked', async () => {
    const row = fileRow('virus.pdf');
    expect(await row.getByTestId('preview-open').count()).toBe(0);
    expect(await row.getByTestId('preview-unavailable').getAttribute('title')).toBe('Infisert – kan ikke vises');
    const infected = instance.elements[3]?.id as string;
    const refused = await h.dispatch('preview:element', {
      profileId: (await ok<Profile[]>(h, 'profiles:list', { environmentId: 'local' }))[0]?.id,
      instanceId: instance.id,
      elementId: infected,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PREVIEW_INFECTED' } });
    expect(storage.count('data', (r) => r.elementId === infected)).toBe(0);
    h.assertNoProblems();
  });

  it('opens another type with the system app, from the verified copy in the download folder', async () => {
    const { page } = h;
    await fileRow('brev.docx').getByTestId('preview-open').click();
    const dialog = page.getByTestId('preview-dialog');
    await dialog.getByTestId('preview-other').waitFor();
    const docx = instance.elements[4]?.id as string;
    expect(storage.count('data', (r) => r.elementId === docx)).toBe(0);
    // Not downloaded yet: say so, and offer to pick the folder.
    await dialog.getByTestId('preview-open-system').click();
    await dialog.getByTestId('preview-choose-folder').waitFor();
    expect(await dialog.getByTestId('error-alert').getAttribute('data-error-code')).toBe('PREVIEW_NOT_DOWNLOADED');
    await settled(page);
    await h.screenshot('preview-other-not-downloaded');

    // Download the instance into the folder (as the Downloads task would), then pick that folder.
    answers.folder = folder;
    await ok(h, 'downloads:choose-folder');
    const profileId = (await ok<Profile[]>(h, 'profiles:list', { environmentId: 'local' }))[0]?.id;
    const job = await ok<{ jobId: string }>(h, 'downloads:start', {
      profileId,
      source: { kind: 'instances', instanceIds: [instance.id] },
      target: folder,
    });
    await h.services.downloads.wait(job.jobId);
    await dialog.getByTestId('preview-choose-folder').click();
    await dialog.getByTestId('preview-opened').waitFor();
    const opened = desktop.calls.filter((c) => c.kind === 'openPath').map((c) => c.value);
    expect(opened).toHaveLength(1);
    expect(opened[0]?.startsWith(folder)).toBe(true);
    expect(opened[0]?.endsWith('brev.docx')).toBe(true);
    expect((await readFile(opened[0] as string)).equals(storage.content(docx))).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    h.assertNoProblems();
  });

  it('says which check each file gets, and shows a hidden right-to-left override as what it is', async () => {
    const { page } = h;
    await openDetails();
    const checks = await page.getByTestId('file-check').allInnerTexts();
    expect(checks).toEqual(['MD5', 'MD5', 'Størrelse (MD5-en er eldre enn filen)', 'MD5', 'MD5', 'MD5', 'MD5', 'MD5']);
    expect(await page.getByTestId('instance-file').allInnerTexts()).toContainEqual(
      expect.stringContaining('faktura-_fdp.exe'),
    );
    await page.getByTestId('instance-files').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await settled(page);
    await h.screenshot('preview-file-checks');
    await page.keyboard.press('Escape');
    h.assertNoProblems();
  });

  it('shows an archive or an old Word file in its folder instead of opening it, and says why', async () => {
    const { page } = h;
    await openDetails();
    // The instance was downloaded into the folder in the test before.
    for (const [name, reason] of [
      ['vedlegg.zip', 'Arkiver og e-postfiler kan inneholde andre filer, også programmer.'],
      [
        'gammel-søknad.doc',
        'Filer av denne typen kan inneholde makroer eller innebygde objekter som kjøres når filen åpnes.',
      ],
    ]) {
      await fileRow(name).getByTestId('preview-open').click();
      const dialog = page.getByTestId('preview-dialog');
      const other = dialog.getByTestId('preview-other');
      await other.waitFor();
      expect(await other.getAttribute('data-action')).toBe('show-in-folder');
      expect(await text(other.getByTestId('preview-show-reason'))).toBe(reason);
      expect(await other.getByTestId('preview-open-system').count()).toBe(0);
      if (name === 'vedlegg.zip') {
        await settled(page);
        await h.screenshot('preview-show-in-folder');
      }
      await other.getByTestId('preview-show-folder').click();
      await other.getByTestId('preview-opened').waitFor();
      const shown = desktop.calls.filter((c) => c.kind === 'showItemInFolder').map((c) => c.value);
      expect(shown.at(-1)?.startsWith(folder)).toBe(true);
      expect(shown.at(-1)?.endsWith(name)).toBe(true);
      expect(await text(other.getByTestId('preview-opened'))).toBe(`Filen er vist i mappen: ${shown.at(-1)}`);
      if (name === 'vedlegg.zip') {
        await settled(page);
        await h.screenshot('preview-shown-in-folder');
      }
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.isVisible()).toBe(false);
    }
    // Nothing of these was handed to the system to open; the docx (the test before) was.
    expect(desktop.calls.filter((c) => c.kind === 'openPath').map((c) => c.value)).toHaveLength(1);

    // The Downloads view says which check the job's files had.
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-downloads').click();
    const job = page.getByTestId('download-job').first();
    await job.getByTestId('job-checks').waitFor();
    expect(await text(job.getByTestId('job-checks-line'))).toBe(
      'MD5 kontrollert: 6 filer · Størrelse kontrollert: 1 fil',
    );
    await settled(page);
    await h.screenshot('downloads-job-checks');
    await page.setViewportSize({ width: 900, height: 600 });
    await settled(page);
    await h.screenshot('downloads-job-checks-900x600');
    await page.setViewportSize({ width: 1360, height: 960 });
    await page.getByTestId('nav-instances').click();
    h.assertNoProblems();
  });

  it('saves the filtered list as CSV through the save dialog; read back, æøå are intact', async () => {
    const { page } = h;
    const target = join(folder, 'instanser.csv');
    answers.saveFile = target;
    await page.getByTestId('instances-export-csv').click();
    const dialog = page.getByTestId('export-csv-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('csv-separator-semicolon').isChecked()).toBe(true);
    await settled(page);
    await h.screenshot('export-csv-dialog');
    await dialog.getByTestId('export-csv-start').click();
    const done = dialog.getByTestId('export-csv-done');
    await done.waitFor();
    expect(await text(done)).toBe(`3 instanser er lagret i ${target}.`);
    await settled(page);
    await h.screenshot('export-csv-done');

    const bytes = await readFile(target);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(bytes.toString('utf8'), ';');
    // The header in Norwegian, with ø intact (the columns themselves: test/node/export/instances-export.test.ts).
    expect(rows[0]?.[0]).toBe('Eier');
    expect(rows[0]?.[7]).toBe('Størrelse (byte)');
    const first = rows.find((r) => r[9] === instance.id);
    expect(first?.[0]).toBe('Org.nr. 974 760 673');
    expect(first?.[3]).toBe(TASK);
    expect(first?.[6]).toBe('8');
    expect(rows.map((r) => r[0])).toContain('Fødselsnr. 010190 12345');
    expect(bytes.includes(Buffer.from('Bærum_på_Økern', 'utf8'))).toBe(true);

    // The separator chosen is remembered for the next export.
    await dialog.getByTestId('csv-separator-comma').check();
    await dialog.getByTestId('export-csv-start').click();
    await expect.poll(() => readFile(target, 'utf8').then((t) => t.split('\r\n')[0])).toContain('Eier,Opprettet');
    await dialog.getByTestId('export-csv-close').click();
    expect((await ok<{ csvSeparator?: string }>(h, 'settings:get')).csvSeparator).toBe(',');
    h.assertNoProblems();
  });
});

/**
 * The client profiles view in Chromium: the built renderer against the real services (temp home).
 * Create a profile through the form, see it listed, edit a scope, see a bad org number refused on its
 * field, delete it; then the once-per-session production confirmation.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { KeySummary } from '../../src/common/contract/keys';
import { describeWithChromium, type Harness, launchHarness } from './harness';
import { settled, text } from './page-steps';

/** Wait until a folding element (Details) has stopped changing height: its opening is a CSS transition. */
async function unfolded(locator: Locator): Promise<void> {
  let last = -1;
  await expect
    .poll(async () => {
      const height = (await locator.boundingBox())?.height ?? 0;
      const same = height === last;
      last = height;
      return same;
    })
    .toBe(true);
}

async function chooseEnvironment(page: Page, name: string): Promise<void> {
  const radio = page.getByTestId('environment-switcher').getByRole('radio', { name });
  await radio.locator('xpath=..').click();
  await expect.poll(() => radio.isChecked()).toBe(true);
}

describeWithChromium('client profiles view in Chromium (built bundle, real services)', () => {
  let h: Harness;
  let key: KeySummary;

  beforeAll(async () => {
    h = await launchHarness({ viewport: { width: 1200, height: 900 } });
    const generated = await h.dispatch('keys:generate', { name: 'Testnøkkel', kid: 'e2e-profiles-kid' });
    if (!generated.ok) throw new Error(`keys:generate failed: ${generated.error.code}`);
    key = generated.result as KeySummary;
    await h.open();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shows the endpoints of TT02 and an empty list that explains what a client profile is', async () => {
    const { page } = h;
    await page.getByTestId('nav-profiles').click();
    await page.getByTestId('view-profiles').waitFor();
    const empty = page.getByTestId('empty-state');
    await empty.waitFor();
    expect(await text(empty)).toContain('Ingen klientprofiler i TT02 (test) ennå');
    expect(await text(empty)).toContain('hvilken nøkkel den signerer med');

    const endpoints = page.getByTestId('environment-endpoints');
    // Discovery is off in the harness: the preset addresses, and the tag says so.
    expect(await text(endpoints.getByTestId('endpoints-source'))).toBe('Forhåndsinnstilt');
    await endpoints.locator('summary').click();
    await endpoints.getByTestId('endpoint-issuer').waitFor();
    expect(await text(endpoints.getByTestId('endpoint-issuer'))).toBe('https://test.maskinporten.no/');
    expect(await text(endpoints.getByTestId('endpoint-exchange-url'))).toBe(
      'https://platform.tt02.altinn.no/authentication/api/v1/exchange/maskinporten',
    );
    expect(await text(endpoints.getByTestId('endpoint-storage-base'))).toBe(
      'https://platform.tt02.altinn.no/storage/api/v1',
    );
    await unfolded(endpoints);
    await settled(page);
    await h.screenshot('profiles-empty');
    await endpoints.locator('summary').click();
    h.assertNoProblems();
  });

  it('creates a profile through the form and lists it', async () => {
    const { page } = h;
    await page.getByTestId('profile-new').click();
    const form = page.getByTestId('profile-form');
    await form.waitFor();

    // Saving an empty form names each missing field in words.
    await form.getByTestId('profile-save').click();
    const summary = form.getByTestId('profile-error-summary');
    await summary.waitFor();
    const missing = await text(summary);
    expect(missing).toContain('Skriv et navn på profilen.');
    expect(missing).toContain('Skriv inn klient-ID-en fra Samarbeidsportalen.');
    expect(missing).toContain('Legg til minst ett scope.');

    await form.getByTestId('profile-name').fill('Skatteetaten TT02');
    await form.getByTestId('profile-client-id').fill('0b7c1e2a-1111-4c4c-9a9a-abcdefabcdef');
    await form.getByTestId('profile-key').selectOption(key.id);
    expect(await text(form.getByTestId('profile-key').locator('option:checked'))).toContain('e2e-profiles-kid');

    // A scope with a space is refused at once, before anything is sent.
    const scopes = form.getByTestId('profile-scopes');
    await scopes.getByRole('textbox').fill('altinn:serviceowner/instances.read altinn:x');
    await scopes.getByRole('button', { name: 'Legg til', exact: true }).click();
    expect(await text(scopes.getByTestId('profile-scopes-error'))).toContain('kan ikke inneholde mellomrom');
    await scopes.getByRole('textbox').fill('');
    // The suggestion adds the read scope with one click.
    await form.getByRole('button', { name: 'Legg til altinn:serviceowner/instances.read' }).click();
    expect(await scopes.getByTestId('profile-scopes-error').count()).toBe(0);

    await form.getByTestId('profile-org').fill('ttd');
    const apps = form.getByTestId('profile-apps');
    await apps.getByRole('textbox').fill('ttd/min-app');
    await apps.getByRole('textbox').press('Enter');
    await apps.getByRole('button', { name: 'Fjern ttd/min-app' }).waitFor();
    await form.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await settled(page);
    await h.screenshot('profiles-form');

    await form.getByTestId('profile-save').click();
    const card = page.locator('[data-testid="profile-card"][data-profile-name="Skatteetaten TT02"]');
    await card.waitFor();
    const shown = await text(card);
    expect(shown).toContain('0b7c1e2a-1111-4c4c-9a9a-abcdefabcdef');
    expect(shown).toContain('Testnøkkel');
    expect(shown).toContain('e2e-profiles-kid');
    expect(shown).toContain('altinn:serviceowner/instances.read');
    expect(shown).toContain('ttd/min-app');
    expect(await text(page.getByTestId('profiles-notice'))).toContain('«Skatteetaten TT02» er lagret');

    const stored = await h.services.profiles.list('tt02');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      name: 'Skatteetaten TT02',
      keyId: key.id,
      scopes: ['altinn:serviceowner/instances.read'],
      org: 'ttd',
      apps: ['ttd/min-app'],
      testOrg: false,
    });
    await page.getByTestId('environment-endpoints').locator('summary').click();
    await page.getByTestId('endpoint-issuer').waitFor();
    await unfolded(page.getByTestId('environment-endpoints'));
    await settled(page);
    await h.screenshot('profiles-list');
    await page.getByTestId('environment-endpoints').locator('summary').click();
    h.assertNoProblems();
  });

  it('edits a scope: the write scope replaces the read scope', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Endre Skatteetaten TT02' }).click();
    const form = page.getByTestId('profile-form');
    await form.waitFor();
    expect(await text(form)).toContain('Endre klientprofilen «Skatteetaten TT02»');
    const scopes = form.getByTestId('profile-scopes');
    await scopes.getByRole('textbox').fill('altinn:serviceowner/instances.write');
    await scopes.getByRole('textbox').press('Enter');
    await scopes.getByRole('button', { name: 'Fjern altinn:serviceowner/instances.read' }).click();
    await form.getByTestId('profile-save').click();

    const tags = page.getByTestId('profile-scopes-list');
    await expect.poll(() => text(tags)).toBe('altinn:serviceowner/instances.write');
    const [stored] = await h.services.profiles.list('tt02');
    expect(stored.scopes).toEqual(['altinn:serviceowner/instances.write']);
    h.assertNoProblems();
  });

  it('shows a bad organisation number as an error on its field, and keeps what was typed', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Endre Skatteetaten TT02' }).click();
    const form = page.getByTestId('profile-form');
    await form.waitFor();
    await form.getByTestId('profile-advanced').locator('summary').click();
    const consumerOrg = form.getByTestId('profile-consumer-org');

    // Wrong length: the form says so without asking main.
    await consumerOrg.fill('12345');
    await form.getByTestId('profile-save').click();
    await expect.poll(() => text(form)).toContain('Et organisasjonsnummer har 9 siffer');

    // Nine digits with a wrong check digit (mod-11): main refuses it, and the refusal lands on the field.
    await consumerOrg.fill('123456789');
    await form.getByTestId('profile-save').click();
    const message = form.getByText('kontrollsifferet stemmer ikke', { exact: false }).first();
    await message.waitFor();
    expect(await consumerOrg.getAttribute('aria-invalid')).toBe('true');
    expect(await consumerOrg.inputValue()).toBe('123456789');
    expect(await text(form.getByTestId('profile-error-summary'))).toContain(
      'Organisasjonsnummer du handler på vegne av (consumer_org)',
    );
    const [stored] = await h.services.profiles.list('tt02');
    expect(stored.consumerOrg).toBeUndefined();
    await consumerOrg.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await settled(page);
    await h.screenshot('profiles-error');

    await form.getByRole('button', { name: 'Avbryt' }).click();
    await page.getByTestId('profile-list').waitFor();
    h.assertNoProblems();
  });

  it('deletes the profile after a confirmation', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Slett Skatteetaten TT02' }).click();
    const dialog = page.getByTestId('profile-delete-dialog');
    await dialog.getByTestId('profile-delete-dialog-confirm').waitFor({ state: 'visible' });
    expect(await text(dialog)).toContain('Slette klientprofilen «Skatteetaten TT02»?');
    // Not production: no production warning in the dialog.
    expect(await text(dialog)).not.toContain('Du endrer i produksjon');
    await dialog.getByTestId('profile-delete-dialog-confirm').click();
    await page.getByTestId('empty-state').waitFor();
    expect(await h.services.profiles.list()).toEqual([]);
    expect(await text(page.getByTestId('profiles-notice'))).toContain('er slettet');
    h.assertNoProblems();
  });

  it('in production: the test-org switch is off with the reason, and a save asks once per session', async () => {
    const { page } = h;
    await chooseEnvironment(page, 'Produksjon');
    await page.getByTestId('production-marker').waitFor();
    await expect.poll(() => text(page.getByTestId('empty-state'))).toContain('Ingen klientprofiler i Produksjon');

    await page.getByTestId('profile-new').click();
    const form = page.getByTestId('profile-form');
    await form.getByTestId('profile-name').fill('Produksjon lesing');
    await form.getByTestId('profile-client-id').fill('prod-client');
    await form.getByTestId('profile-key').selectOption(key.id);
    await form.getByRole('button', { name: 'Legg til altinn:serviceowner/instances.read' }).click();
    await form.getByTestId('profile-advanced').locator('summary').click();
    const testOrg = form.getByTestId('profile-test-org');
    expect(await testOrg.isDisabled()).toBe(true);
    await expect.poll(() => text(form.getByTestId('profile-advanced'))).toContain('Ikke tilgjengelig i produksjon');

    await form.getByTestId('profile-save').click();
    const confirm = page.getByTestId('profile-production-dialog');
    await confirm.getByTestId('profile-production-dialog-confirm').waitFor({ state: 'visible' });
    expect(await h.services.profiles.list('prod')).toEqual([]);
    await settled(page);
    await h.screenshot('profiles-production-confirm');
    await confirm.getByTestId('profile-production-dialog-confirm').click();
    await page.locator('[data-testid="profile-card"][data-profile-name="Produksjon lesing"]').waitFor();
    expect(await h.services.profiles.list('prod')).toHaveLength(1);

    // Second write in the same session: no question.
    await page.getByRole('button', { name: 'Endre Produksjon lesing' }).click();
    await form.getByTestId('profile-org').fill('skd');
    await form.getByTestId('profile-save').click();
    await page.getByTestId('profile-list').waitFor();
    expect(await confirm.isVisible()).toBe(false);
    await expect.poll(async () => (await h.services.profiles.list('prod'))[0]?.org).toBe('skd');
    h.assertNoProblems();
  });
});

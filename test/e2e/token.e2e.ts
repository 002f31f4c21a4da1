/**
 * The Token view in Chromium: the built renderer against the real services (temp home), with the strict
 * Maskinporten + Altinn fake (test/fakes/auth-server.ts) behind them on 127.0.0.1. Get a token, read its
 * claims and the live countdown, copy it (into the scripted clipboard), see the warning colour, then make
 * the fake reject the key and see the doctor and the token request explain it in Norwegian.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { KeySummary } from '../../src/common/contract/keys';
import type { Profile } from '../../src/common/contract/profiles';
import type { scriptedDesktop } from '../../src/node/platform/desktop';
import { type AuthFake, startAuthFake } from '../fakes/auth-server';
import { localEnvironment, registerKeyOnFakeClient, writeEnvironmentsFile } from '../helpers/local-world';
import { describeWithChromium, type Harness, launchHarness } from './harness';
import { chooseEnvironment, ok, settled, text } from './page-steps';

const ORGNO = '910753614';
const SCOPES = ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'];
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

describeWithChromium('token view in Chromium (built bundle, real services, fake Maskinporten + Altinn)', () => {
  let h: Harness;
  let fake: AuthFake;
  let key: KeySummary;
  let profile: Profile;

  beforeAll(async () => {
    fake = await startAuthFake();
    fake.registerServiceOwner(ORGNO, 'tst');
    h = await launchHarness({ viewport: { width: 1280, height: 1000 } });
    // environments.json is read on every call, so writing it before the page opens is enough.
    await writeEnvironmentsFile(h.home, [
      localEnvironment({ auth: fake, name: 'Lokal test' }),
      // A production-marked environment that still talks only to the fake on 127.0.0.1.
      localEnvironment({ auth: fake, id: 'localprod', name: 'Lokal produksjon', production: true }),
    ]);
    const client = { orgNo: ORGNO, scopes: SCOPES };
    key = await registerKeyOnFakeClient(
      h.dispatch,
      fake,
      { name: 'Integrasjonsnøkkel', kid: 'e2e-token-kid' },
      { ...client, clientId: 'mottak-klient' },
    );
    const base = { clientId: 'mottak-klient', keyId: key.id, scopes: SCOPES, org: 'tst', apps: ['tst/mottak'] };
    profile = await ok<Profile>(h, 'profiles:add', { ...base, name: 'Mottak', environmentId: 'local' });
    // Production gets its own client and key, so rejecting the test key below leaves it working.
    const prodKey = await registerKeyOnFakeClient(
      h.dispatch,
      fake,
      { name: 'Produksjonsnøkkel', kid: 'e2e-token-prod' },
      { ...client, clientId: 'mottak-prod' },
    );
    await ok<Profile>(h, 'profiles:add', {
      ...base,
      clientId: 'mottak-prod',
      keyId: prodKey.id,
      name: 'Mottak produksjon',
      environmentId: 'localprod',
    });
    await h.open();
  });

  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  it('points to the Profiles view when the environment has no profiles', async () => {
    const { page } = h;
    await page.getByTestId('nav-token').click();
    await page.getByTestId('view-token').waitFor();
    const empty = page.getByTestId('view-token').getByTestId('empty-state');
    await empty.waitFor();
    expect(await text(empty)).toContain('Ingen klientprofiler i TT02 (test)');
    expect(await text(empty)).toContain('Miljø og klientprofiler');
    await expect.poll(() => page.getByTestId('token-go-to-profiles').isVisible()).toBe(true);
    h.assertNoProblems();
  });

  it('gets a token from the fake and shows the claims of both tokens with a live countdown', async () => {
    const { page } = h;
    await chooseEnvironment(page, 'local');
    const select = page.getByTestId('token-profile');
    await select.waitFor();
    // The only profile of the environment is chosen for the person.
    await expect.poll(() => select.inputValue()).toBe(profile.id);
    expect(await page.getByTestId('token-altinn-switch').isChecked()).toBe(true);

    await page.getByTestId('token-get').click();
    const mp = page.getByTestId('token-card-maskinporten');
    const altinn = page.getByTestId('token-card-altinn');
    await mp.waitFor();
    await altinn.waitFor();
    expect(fake.stats()).toMatchObject({ token: 1, exchange: 1 });

    const mpClaims = mp.getByTestId('claims-maskinporten');
    expect(await text(mpClaims.locator('[data-claim="clientId"] dd'))).toBe('mottak-klient');
    expect(await text(mpClaims.locator('[data-claim="consumer"] dd'))).toBe('910 753 614');
    expect(await text(mpClaims.locator('[data-claim="clientAmr"] dd'))).toBe('private_key_jwt');
    expect(await mpClaims.getByTestId('scope-tag').allInnerTexts()).toEqual(SCOPES);
    expect(await text(mpClaims.locator('[data-claim="auth"] dd'))).toBe('Registrert nøkkel (kid)');
    // iat/exp in local time, not epoch seconds.
    expect(await text(mpClaims.locator('[data-claim="exp"] dd'))).toMatch(/\d{2}[:.]\d{2}[:.]\d{2}/);
    const altinnClaims = altinn.getByTestId('claims-altinn');
    expect(await text(altinnClaims.locator('[data-claim="org"] dd'))).toBe('tst');
    expect(await text(altinnClaims.locator('[data-claim="orgNumber"] dd'))).toBe('910 753 614');
    expect(await altinn.getByTestId('token-warning').count()).toBe(0);
    expect(await text(mp.getByTestId('token-status-maskinporten'))).toBe('Gyldig');
    // No token text anywhere in the page: the renderer only ever gets claims.
    expect(await page.content()).not.toMatch(/eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/);

    const time = mp.getByTestId('countdown-maskinporten-time');
    const first = await text(time);
    expect(first).toMatch(/^0[12]:\d{2}$/);
    await page.waitForTimeout(2100);
    const later = await text(time);
    expect(later).toMatch(/^0[12]:\d{2}$/);
    expect(later).not.toBe(first);
    expect(await text(altinn.getByTestId('countdown-altinn-time'))).toMatch(/^(29|30):\d{2}$/);

    await page.getByTestId('token-result').scrollIntoViewIfNeeded();
    await h.screenshot('token-claims');
    // Every claim is there for troubleshooting, folded away.
    const all = altinn.getByTestId('all-claims-altinn');
    await all.locator('summary').click();
    await expect.poll(() => text(all.locator('pre'))).toContain('"urn:altinn:org": "tst"');
    await all.locator('summary').click();
    h.assertNoProblems();
  });

  it('copies the token in main: the clipboard gets a JWT the fake issued, the page gets a confirmation', async () => {
    const { page } = h;
    await page.getByTestId('copy-maskinporten').click();
    const copied = page.getByTestId('copied-maskinporten');
    await expect
      .poll(() => text(copied))
      .toMatch(/^Kopiert til utklippstavlen\. Tømmes derfra når tokenet utløper kl\. \d{2}:\d{2}(:\d{2})?\.$/);
    await copied.scrollIntoViewIfNeeded();
    await h.screenshot('token-copied');
    const clipboard = (h.services.desktop as ReturnType<typeof scriptedDesktop>).clipboard();
    expect(clipboard).toMatch(JWT);
    const claims = await fake.verifyAccessToken(clipboard);
    expect(claims.client_id).toBe('mottak-klient');
    // The copy reused the token on screen: no second request to Maskinporten.
    expect(fake.stats().token).toBe(1);

    await page.getByTestId('copy-altinn').click();
    await expect.poll(() => text(page.getByTestId('copied-altinn'))).toContain('Kopiert');
    const altinnToken = (h.services.desktop as ReturnType<typeof scriptedDesktop>).clipboard();
    expect((await fake.verifyAltinnToken(altinnToken))['urn:altinn:org']).toBe('tst');
    h.assertNoProblems();
  });

  it('turns the countdown into a warning under a minute (a short-lived token, fetched anew)', async () => {
    const { page } = h;
    fake.setAccessTokenExpiresIn(62);
    await page.getByTestId('token-force-refresh').check();
    await page.getByTestId('token-altinn-switch').uncheck();
    await page.getByTestId('token-get').click();
    const mp = page.getByTestId('token-card-maskinporten');
    await expect.poll(() => mp.getAttribute('data-state'), { timeout: 8000 }).toBe('warning');
    expect(await text(mp.getByTestId('token-status-maskinporten'))).toBe('Utløper snart');
    expect(await text(page.getByTestId('token-card-altinn-empty'))).toContain('Ikke hentet');
    expect(fake.stats().exchange).toBe(1);
    fake.setAccessTokenExpiresIn(120);
    await page.getByTestId('token-altinn-switch').check();
    h.assertNoProblems();
  });

  it('explains a key Maskinporten no longer knows: a failing doctor row and a token failure in Norwegian', async () => {
    const { page } = h;
    fake.rejectKid(key.kid);
    await page.getByTestId('token-doctor').click();
    const report = page.getByTestId('doctor-report');
    await report.waitFor({ timeout: 15_000 });
    expect(await report.getAttribute('data-overall')).toBe('fail');
    expect(await text(page.getByTestId('doctor-overall'))).toContain('Noe er feil. Se radene merket «Feil»');
    for (const id of ['wellKnown', 'clock', 'key', 'auth']) {
      expect(await report.getByTestId(`doctor-row-${id}`).getAttribute('data-status')).toBe('pass');
    }
    const row = report.getByTestId('doctor-row-token');
    expect(await row.getAttribute('data-status')).toBe('fail');
    expect(await text(row)).toContain('Maskinporten-token');
    expect(await text(row)).toContain('Feil');
    const hint = await text(row.getByTestId('doctor-hint-token'));
    expect(hint).toContain('Maskinporten kjenner ikke nøkkelen (kid)');
    expect(hint).toContain('Samarbeidsportalen');
    expect(await report.getByTestId('doctor-row-exchange').getAttribute('data-status')).toBe('skip');
    // The failed refresh is reported on the card too (token:changed from main).
    await expect.poll(() => text(page.getByTestId('token-status-maskinporten'))).toBe('Siste henting feilet');
    await report.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await h.screenshot('token-doctor-fail');

    await page.getByTestId('token-get').click();
    const alert = page.getByTestId('token-error');
    await alert.waitFor();
    expect(await alert.getAttribute('data-error-code')).toBe('MASKINPORTEN_UNKNOWN_KID');
    expect(await text(alert)).toContain('Fikk ikke token: Maskinporten kjenner ikke nøkkelen (kid)');
    expect(await text(alert)).toContain('Last opp JWK-en i Samarbeidsportalen');
    // The technical message is folded away until asked for.
    expect(await alert.getByText('MASKINPORTEN_UNKNOWN_KID').isVisible()).toBe(false);
    await alert.getByTestId('token-error-details').locator('summary').click();
    await expect.poll(() => alert.getByText('MASKINPORTEN_UNKNOWN_KID').isVisible()).toBe(true);
    await alert.scrollIntoViewIfNeeded();
    await h.screenshot('token-error');
    h.assertNoProblems();
  });

  it('forgets the shown tokens when the profile changes (token:changed "cleared")', async () => {
    const { page } = h;
    await ok<Profile>(h, 'profiles:update', { id: profile.id, patch: { scopes: [SCOPES[0]] } });
    await page.getByTestId('token-cleared').waitFor();
    expect(await page.getByTestId('token-result').count()).toBe(0);
    h.assertNoProblems();
  });

  it('asks once per session before the first token request in production', async () => {
    const { page } = h;
    await chooseEnvironment(page, 'localprod');
    await page.getByTestId('production-marker').waitFor();
    await expect.poll(() => page.getByTestId('token-profile').inputValue()).not.toBe('');
    const before = fake.stats().token;
    await page.getByTestId('token-get').click();
    const dialog = page.getByTestId('token-production-confirm');
    await dialog.getByTestId('token-production-confirm-yes').waitFor();
    expect(await text(dialog)).toContain('Du henter et token i PRODUKSJON');
    // Nothing was requested before the answer.
    expect(fake.stats().token).toBe(before);
    await settled(page);
    await h.screenshot('token-production-confirm');
    await dialog.getByTestId('token-production-confirm-yes').click();
    await page.getByTestId('token-card-altinn').waitFor();
    await page.getByTestId('token-get').click();
    await expect.poll(() => fake.stats().token).toBeGreaterThan(before + 1);
    expect(await dialog.isVisible()).toBe(false);
    h.assertNoProblems();
  });
});

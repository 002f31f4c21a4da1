/**
 * The Clients view in Chromium: the built renderer against the real services (temp home), with the
 * self-service fake in front of the Maskinporten + Altinn fake on 127.0.0.1 (test/fakes/README-selfservice.md).
 *
 * Admin path: an admin profile signing with an enterprise certificate (.p12 made by openssl at test time)
 * creates a client with a fresh key published on it and the matching profile, and the Token view then gets a
 * token with that profile. Manual path: the guide opens Samarbeidsportalen (scripted desktop), copies the JWK,
 * the client is registered in the fake by hand, the client id is pasted back, and the doctor passes.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { KeySummary } from '../../src/common/contract/keys';
import type { Profile } from '../../src/common/contract/profiles';
import type { scriptedDesktop } from '../../src/node/platform/desktop';
import {
  ADMIN_CLIENT_ID,
  ADMIN_SCOPES,
  ORG_NUMBER,
  P12_PASSWORD,
  type SelfServiceWorld,
  startSelfServiceWorld,
  writeEnvironments,
} from '../node/clients/selfservice-harness';
import { describeWithChromium, type Harness, launchHarness } from './harness';
import { chooseEnvironment, ok, settled, text } from './page-steps';

const SCOPE = 'altinn:serviceowner/instances.read';

function desktop(h: Harness) {
  return h.services.desktop as ReturnType<typeof scriptedDesktop>;
}

describeWithChromium(
  'clients view in Chromium (built bundle, real services, self-service + Maskinporten fakes)',
  () => {
    let h: Harness;
    let world: SelfServiceWorld;
    let adminKey: KeySummary;

    beforeAll(async () => {
      world = await startSelfServiceWorld();
      h = await launchHarness({ viewport: { width: 1280, height: 1000 } });
      // environments.json is read on every call: `local` and `local-prod` carry the self-service fake's address.
      await writeEnvironments(h.home, world);
      const imported = await h.services.keys.importFile({
        path: world.cert.p12Path,
        password: P12_PASSWORD,
        name: 'Virksomhetssertifikat',
      });
      adminKey = imported.key;
      expect(adminKey.certificate?.orgNumber).toBe(ORG_NUMBER);
      const admin = { clientId: ADMIN_CLIENT_ID, keyId: adminKey.id, scopes: ADMIN_SCOPES, admin: true };
      await ok<Profile>(h, 'profiles:add', { ...admin, name: 'Selvbetjening admin', environmentId: 'local' });
      await ok<Profile>(h, 'profiles:add', { ...admin, name: 'Selvbetjening admin prod', environmentId: 'local-prod' });
      await h.open();
    });

    afterAll(async () => {
      await h?.close();
      await world?.close();
    });

    it('offers the two ways, and explains the admin client where there is no admin profile', async () => {
      const { page } = h;
      await page.getByTestId('nav-clients').click();
      const view = page.getByTestId('view-clients');
      await view.waitFor();
      expect(await text(page.getByTestId('nav-clients'))).toBe('Klienter (selvbetjening)');
      const paths = page.getByTestId('clients-path');
      expect(await text(paths)).toContain('Jeg har en admin-klient (virksomhetssertifikat)');
      expect(await text(paths)).toContain('Jeg registrerer klienten selv i Samarbeidsportalen');
      // TT02 has no admin profile here: the view says what an admin client is and how to get one.
      await page.getByTestId('clients-path-admin').check();
      const help = page.getByTestId('clients-no-admin');
      await help.waitFor();
      const said = await text(help);
      expect(said).toContain('Du har ingen admin-profil i TT02');
      expect(said).toContain('servicedesk@digdir.no');
      expect(said).toContain('virksomhetssertifikat');
      expect(said).toContain('idporten:dcr.write');
      h.assertNoProblems();
    });

    it('admin path: creates a client with a new key published and a profile, then gets a token with it', async () => {
      const { page } = h;
      await chooseEnvironment(page, 'local');
      // The only admin profile of the environment is chosen for the person; the org has no clients yet.
      await expect.poll(() => page.getByTestId('clients-admin-profile').inputValue()).not.toBe('');
      const empty = page.getByTestId('clients-list').getByTestId('empty-state');
      await empty.waitFor();
      expect(await text(empty)).toContain('ingen klienter');
      await h.screenshot('clients-admin-empty');

      await page.getByTestId('clients-new').click();
      const form = page.getByTestId('clients-create-form');
      await form.waitFor();
      // Submitting an empty form says what is missing and sends nothing.
      await page.getByTestId('clients-create-submit').click();
      expect(await text(form)).toContain('Legg til minst ett scope');
      expect(world.selfService.requests().filter((r) => r.method === 'POST')).toHaveLength(0);

      await page.getByTestId('clients-create-name').fill('Mottak av søknader');
      await page.getByTestId('clients-create-description').fill('Henter innsendte søknader fra Altinn');
      await form.getByRole('button', { name: `Legg til ${SCOPE}` }).click();
      // A new key is the default, and the profile is made too; its name follows the client's.
      expect(await page.getByTestId('clients-create-key-new').isChecked()).toBe(true);
      expect(await page.getByTestId('clients-create-profile').isChecked()).toBe(true);
      expect(await page.getByTestId('clients-create-profile-name').inputValue()).toBe('Mottak av søknader');
      await page.getByTestId('clients-create-org').fill('digdir');
      await h.screenshot('clients-create-form');
      await page.getByTestId('clients-create-submit').click();

      const notice = page.getByTestId('clients-notice');
      await notice.waitFor({ timeout: 30_000 });
      expect(await notice.getAttribute('data-kind')).toBe('created');
      const said = await text(notice);
      expect(said).toContain('Klienten «Mottak av søknader» er opprettet');
      expect(said).toContain('opptil 2 minutter');
      expect(said).toContain('Klientprofilen «Mottak av søknader» er laget');

      const details = page.getByTestId('clients-details');
      await details.waitFor();
      const clientId = await text(page.getByTestId('clients-details-id'));
      const keys = await ok<KeySummary[]>(h, 'keys:list');
      const newKey = keys.find((k) => k.name === 'Mottak av søknader');
      expect(newKey).toBeDefined();
      // The fake stored exactly this client with exactly the new key; the publish date is on the key.
      const stored = world.selfService.client(clientId);
      expect(stored?.client).toMatchObject({
        client_name: 'Mottak av søknader',
        scopes: [SCOPE],
        client_orgno: ORG_NUMBER,
      });
      expect(stored?.keys.map((k) => k.kid)).toEqual([newKey?.kid]);
      expect(newKey?.registeredAt).toBe(new Date().toISOString().slice(0, 10));
      const row = details.getByTestId('clients-key-row');
      expect(await row.count()).toBe(1);
      expect(await row.getAttribute('data-kid')).toBe(newKey?.kid);
      expect(await row.getAttribute('data-expiry')).toBe('ok');
      expect(await text(row)).toContain('Mottak av søknader');
      expect(await text(page.getByTestId('clients-details-profiles'))).toContain('Mottak av søknader');
      await h.screenshot('clients-admin');

      // The list shows the client with its key count.
      await page.getByTestId('clients-back').click();
      const listRow = page.locator(`[data-testid="clients-row"][data-client-id="${clientId}"]`);
      await listRow.waitFor();
      await expect.poll(() => text(listRow.getByTestId('clients-row-keys'))).toBe('1');
      expect(await text(listRow)).toContain(SCOPE);
      await listRow.getByTestId('clients-open').click();
      await details.waitFor();

      // Then the Token view, with the new profile, against the fake Maskinporten.
      const profiles = await ok<Profile[]>(h, 'profiles:list', { environmentId: 'local' });
      const profile = profiles.find((p) => p.clientId === clientId);
      expect(profile).toMatchObject({ keyId: newKey?.id, scopes: [SCOPE], admin: false, org: 'digdir' });
      await page.getByTestId('nav-token').click();
      await page.getByTestId('view-token').waitFor();
      await page.getByTestId('token-profile').selectOption(profile?.id ?? '');
      await page.getByTestId('token-get').click();
      const card = page.getByTestId('token-card-maskinporten');
      await card.waitFor({ timeout: 30_000 });
      expect(await text(card.locator('[data-claim="clientId"] dd'))).toBe(clientId);
      expect(await text(card.locator('[data-claim="auth"] dd'))).toBe('Registrert nøkkel (kid)');
      await page.getByTestId('token-card-altinn').waitFor();
      h.assertNoProblems();
    });

    it('admin path: rotates a key — publish a new one (the old stays), then remove the old with a warning', async () => {
      const { page } = h;
      await page.getByTestId('nav-clients').click();
      const details = page.getByTestId('clients-details');
      await details.waitFor();
      const clientId = await text(page.getByTestId('clients-details-id'));
      const oldKid = world.selfService.client(clientId)?.keys[0]?.kid;

      await page.getByTestId('clients-publish').click();
      const publish = page.getByTestId('clients-publish-dialog');
      await publish.getByTestId('clients-publish-dialog-confirm').waitFor();
      const explained = await text(publish);
      expect(explained).toContain('De andre nøklene beholdes');
      expect(explained).toContain('høyst 5 nøkler');
      expect(explained).toContain('opptil 2 minutter');
      expect(explained).toContain(
        'viser Maskinporten Desktop en egen bekreftelse med miljø, klient-ID, nøkkel-ID (kid)',
      );
      await settled(page);
      await h.screenshot('clients-publish-dialog');
      await publish.getByTestId('clients-publish-dialog-confirm').click();
      const notice = page.getByTestId('clients-notice');
      await expect.poll(() => notice.getAttribute('data-kind'), { timeout: 30_000 }).toBe('published');
      // A key change, even in test: main asked first, naming the client, the kid and its thumbprint.
      const newKid = world.selfService.client(clientId)?.keys.find((k) => k.kid !== oldKid)?.kid ?? '';
      const stored = (await h.services.keys.list()).find((k) => k.kid === newKid);
      expect(h.desktop.confirmations.at(-1)?.message).toBe(
        `Publisere nøkkelen ${newKid} på klienten ${clientId} i Local local?`,
      );
      expect(h.desktop.confirmations.at(-1)?.detail).toContain(`SHA-256-tommelavtrykk (JWK): ${stored?.thumbprint}`);
      expect(await text(notice)).toContain(`De andre nøklene (${oldKid}) virker fortsatt`);
      await expect.poll(() => details.getByTestId('clients-key-row').count()).toBe(2);
      expect(world.selfService.client(clientId)?.keys).toHaveLength(2);

      // Removing the old key: the profile still signs with it, and the dialog says so before anything happens.
      await details
        .locator(`[data-testid="clients-key-row"][data-kid="${oldKid}"]`)
        .getByTestId('clients-remove-key')
        .click();
      const remove = page.getByTestId('clients-remove-dialog');
      await remove.getByTestId('clients-remove-dialog-confirm').waitFor();
      expect(await text(remove)).toContain('får ikke lenger token');
      expect(await text(remove.getByTestId('clients-remove-consequence'))).toContain('«Mottak av søknader»');
      expect(world.selfService.client(clientId)?.keys).toHaveLength(2);
      await remove.getByTestId('clients-remove-dialog-confirm').click();
      await expect.poll(() => notice.getAttribute('data-kind'), { timeout: 30_000 }).toBe('removed');
      await expect.poll(() => details.getByTestId('clients-key-row').count()).toBe(1);
      expect(world.selfService.client(clientId)?.keys.map((k) => k.kid)).not.toContain(oldKid);
      h.assertNoProblems();
    });

    it('admin path in production: a write waits for the confirmation and sends nothing before it', async () => {
      const { page } = h;
      await chooseEnvironment(page, 'local-prod');
      await page.getByTestId('production-marker').waitFor();
      await page.getByTestId('clients-path-admin').check();
      // The same organisation (the same fake) as in test: its clients are listed here too.
      await page.getByTestId('clients-list').getByTestId('clients-row').first().waitFor();
      await page.getByTestId('clients-new').click();
      await page.getByTestId('clients-create-name').fill('Produksjonsmottak');
      await page.getByTestId('clients-create-description').fill('Henter søknader i produksjon');
      await page
        .getByTestId('clients-create-form')
        .getByRole('button', { name: `Legg til ${SCOPE}` })
        .click();
      await page.getByTestId('clients-create-key-none').check();
      const before = world.selfService.requests().filter((r) => r.method !== 'GET').length;
      await page.getByTestId('clients-create-submit').click();
      const confirm = page.getByTestId('clients-production-confirm');
      await confirm.getByTestId('clients-production-confirm-confirm').waitFor();
      expect(await text(confirm)).toContain('PRODUKSJON');
      expect(await text(confirm)).toContain('opprette klienten «Produksjonsmottak»');
      expect(world.selfService.requests().filter((r) => r.method !== 'GET').length).toBe(before);
      await settled(page);
      await h.screenshot('clients-production-confirm');
      // The window's yes is the first step; main then asks in its own dialog. A no there sends nothing.
      h.desktop.answers.confirm = false;
      const asked = h.desktop.confirmations.length;
      await confirm.getByTestId('clients-production-confirm-confirm').click();
      await expect.poll(() => text(confirm), { timeout: 30_000 }).toContain('Endringen ble ikke bekreftet');
      expect(await text(confirm)).toContain(
        'Du svarte nei i Maskinporten Desktops egen bekreftelse. Ingenting ble sendt.',
      );
      expect(h.desktop.confirmations).toHaveLength(asked + 1);
      expect(h.desktop.confirmations.at(-1)).toMatchObject({
        message: 'Opprette Maskinporten-klienten «Produksjonsmottak» i Local production local-prod (PRODUKSJON)?',
        confirmLabel: 'Opprett klienten',
        production: true,
      });
      expect(world.selfService.requests().filter((r) => r.method !== 'GET').length).toBe(before);
      await settled(page);
      await h.screenshot('clients-production-main-no');
      h.desktop.answers.confirm = true;
      await confirm.getByTestId('clients-production-confirm-confirm').click();
      await expect
        .poll(() => page.getByTestId('clients-notice').getAttribute('data-kind'), { timeout: 30_000 })
        .toBe('created');
      expect(world.selfService.requests().filter((r) => r.method === 'POST').length).toBeGreaterThan(0);
      h.assertNoProblems();
    });

    it('manual path: guide, JWK, client registered by hand, client id pasted back, doctor passes', async () => {
      const { page } = h;
      await chooseEnvironment(page, 'local');
      await page.getByTestId('nav-clients').click();
      await page.getByTestId('clients-path-manual').check();
      const manual = page.getByTestId('clients-manual');
      await manual.waitFor();
      expect(await text(page.getByTestId('clients-step-choose-environment'))).toContain('TEST');

      // A new key, made from the guide.
      await page.getByTestId('clients-guide-new-key-name').fill('Manuell nøkkel');
      await page.getByTestId('clients-guide-generate').click();
      let made: KeySummary | undefined;
      await expect
        .poll(async () => {
          made = (await ok<KeySummary[]>(h, 'keys:list')).find((k) => k.name === 'Manuell nøkkel');
          return made;
        })
        .toBeDefined();
      const key = made as KeySummary;
      await expect.poll(() => page.getByTestId('clients-guide-key').inputValue()).toBe(key.id);
      await expect.poll(() => text(page.getByTestId('clients-guide-jwk-text'))).toContain(key.kid);

      await h.screenshot('clients-manual-guide');
      await page.getByTestId('clients-open-portal').click();
      await page.getByTestId('clients-portal-opened').waitFor();
      const opened = desktop(h).calls.filter((c) => c.kind === 'openExternal');
      expect(opened.at(-1)?.value).toBe('https://samarbeid.digdir.no/');

      await page.getByTestId('clients-copy-jwk').click();
      await page.getByTestId('clients-jwk-copied').waitFor();
      const jwk = JSON.parse(desktop(h).clipboard()) as Record<string, unknown> & { kid: string; kty: string };
      expect(jwk).toMatchObject({ kid: key.kid, kty: 'RSA', alg: 'RS256', use: 'sig' });
      expect(jwk).not.toHaveProperty('d');

      // What Samarbeidsportalen does when the person pastes the JWK there.
      const clientId = world.selfService.seedClient({
        orgNo: ORG_NUMBER,
        clientName: 'Manuelt registrert',
        scopes: [SCOPE],
        keys: [jwk],
      });

      await page.getByTestId('clients-manual-client-id').fill(clientId);
      await page.getByTestId('clients-manual-profile-name').fill('Manuell klient');
      await page
        .getByTestId('clients-manual-profile')
        .getByRole('button', { name: `Legg til ${SCOPE}` })
        .click();
      await page.getByTestId('clients-manual-org').fill('digdir');
      await page.getByTestId('clients-manual-save').click();
      await expect.poll(() => text(page.getByTestId('clients-manual-saved'))).toContain('«Manuell klient» er lagret');
      const profile = (await ok<Profile[]>(h, 'profiles:list', { environmentId: 'local' })).find(
        (p) => p.clientId === clientId,
      );
      expect(profile).toMatchObject({ name: 'Manuell klient', keyId: key.id, scopes: [SCOPE], org: 'digdir' });

      await page.getByTestId('clients-run-doctor').click();
      const report = manual.getByTestId('doctor-report');
      await report.waitFor({ timeout: 30_000 });
      expect(await report.getAttribute('data-overall')).toBe('pass');
      for (const id of ['key', 'auth', 'token', 'scopes']) {
        expect(await report.getByTestId(`doctor-row-${id}`).getAttribute('data-status')).toBe('pass');
      }
      await page.getByTestId('clients-step-paste-client-id').scrollIntoViewIfNeeded();
      await h.screenshot('clients-manual');
      await report.scrollIntoViewIfNeeded();
      await h.screenshot('clients-manual-doctor');
      h.assertNoProblems();
    });
  },
);

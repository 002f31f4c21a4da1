/**
 * The Systems view in Chromium: the built renderer against the real services (temp home), with the
 * system-register fake in front of the Maskinporten + Altinn fake on 127.0.0.1 (test/fakes/README-system-register.md).
 *
 * A vendor registers a system with the profiles' client id, asks a customer for a system user, shows the
 * approval link (copied in main, opened through the allowlist, drawn as a QR code); the customer approves on
 * the fake and the view's polling finds it; a profile is made from the system user and the Token view gets a
 * system-user token with its authorization_details. Rejected and timed-out requests, a 403, a production
 * write and the English texts are on screen too; so are Altinn's validation items (issue 18: validationErrors, listed
 * per field in nb and en) and a repeated request Altinn answers with the old one, renewed from the notice.
 * Screenshots in test-results/systems-*.png.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Profile } from '../../src/common/contract/profiles';
import type { CreateRequestResult } from '../../src/common/contract/systems';
import type { scriptedDesktop } from '../../src/node/platform/desktop';
import {
  CUSTOMER_ORG,
  OTHER_CUSTOMER_ORG,
  type SystemsWorld,
  setUpVendor,
  startSystemsWorld,
  VENDOR_CLIENT_ID,
  VENDOR_ORG,
  type VendorSetup,
  writeSystemsEnvironments,
} from '../node/systems/systems-harness';
import { describeWithChromium, type Harness, launchHarness } from './harness';
import { chooseEnvironment, ok, settled, text } from './page-steps';

const SYSTEM_ID = `${VENDOR_ORG}_regnskap`;

function desktop(h: Harness) {
  return h.services.desktop as ReturnType<typeof scriptedDesktop>;
}

describeWithChromium(
  'systems view in Chromium (built bundle, real services, system-register + Maskinporten fakes)',
  () => {
    let h: Harness;
    let world: SystemsWorld;
    let v: VendorSetup;

    beforeAll(async () => {
      world = await startSystemsWorld({ pageSize: 10 });
      h = await launchHarness({ viewport: { width: 1280, height: 1100 } });
      await writeSystemsEnvironments(h.home, world);
      v = await setUpVendor(h, world);
      await h.open();
    });

    afterAll(async () => {
      await h?.close();
      await world?.close();
    });

    it('explains the vendor profile where there is none (TT02)', async () => {
      const { page } = h;
      await page.getByTestId('nav-systems').click();
      await page.getByTestId('view-systems').waitFor();
      expect(await text(page.getByTestId('nav-systems'))).toBe('Systemer og systembrukere');
      const help = page.getByTestId('systems-no-vendor');
      await help.waitFor();
      const said = await text(help);
      expect(said).toContain('Du har ingen leverandørprofil i TT02');
      expect(said).toContain('altinn:authentication/systemregister.write');
      expect(said).toContain('altinn:authentication/systemuser.request.write');
      await h.screenshot('systems-no-vendor');
      h.assertNoProblems();
    });

    it('registers a system with the profiles’ client id offered', async () => {
      const { page } = h;
      await chooseEnvironment(page, 'local');
      // Two vendor profiles here (the full one and the reader): the person chooses.
      const select = page.getByTestId('systems-vendor-profile');
      await select.waitFor();
      await select.selectOption(v.vendor.id);
      const empty = page.getByTestId('systems-list').getByTestId('empty-state');
      await empty.waitFor();
      expect(await text(empty)).toContain('Du har ingen systemer i');
      expect(await text(page.getByTestId('systems-vendor-org'))).toBe(`Leverandør: ${VENDOR_ORG}`);
      await h.screenshot('systems-empty');

      await page.getByTestId('systems-new').click();
      const form = page.getByTestId('systems-form');
      await form.waitFor();
      // The id starts with the vendor's org number; the profiles' client id is already on the system.
      expect(await page.getByTestId('systems-form-id').inputValue()).toBe(`${VENDOR_ORG}_`);
      expect(await text(page.getByTestId('systems-form-clients'))).toContain(VENDOR_CLIENT_ID);
      // Submitting without a name says what is missing and sends nothing.
      await page.getByTestId('systems-form-submit').click();
      expect(await text(form)).toContain('Skriv navnet på bokmål.');
      expect(world.register.requests().filter((r) => r.method === 'POST')).toHaveLength(0);

      await page.getByTestId('systems-form-id').fill(SYSTEM_ID);
      await page.getByTestId('systems-form-name-nb').fill('Regnskap i skyen');
      await page.getByTestId('systems-form-name-en').fill('Accounting in the cloud');
      await page.getByTestId('systems-form-description-nb').fill('Leverer mva-meldinger for kundene');
      const resources = page.getByTestId('systems-form-resources');
      await resources.getByRole('textbox').fill('ske-krav-og-betalinger');
      await resources.getByRole('button', { name: 'Legg til ressurs' }).click();
      const packages = page.getByTestId('systems-form-packages');
      await packages.getByRole('textbox').fill('skattnaering');
      await packages.getByRole('button', { name: 'Legg til tilgangspakke' }).click();
      expect(await text(packages)).toContain('En tilgangspakke skrives urn:altinn:accesspackage:navn.');
      await packages.getByRole('textbox').fill('urn:altinn:accesspackage:skattnaering');
      await packages.getByRole('button', { name: 'Legg til tilgangspakke' }).click();
      await form.scrollIntoViewIfNeeded();
      await h.screenshot('systems-form');
      await page.getByTestId('systems-form-submit').click();

      const panel = page.getByTestId('systems-panel');
      await panel.waitFor();
      expect(await text(page.getByTestId('systems-notice'))).toContain('Systemet «Regnskap i skyen» er registrert.');
      const facts = await text(page.getByTestId('systems-facts'));
      expect(facts).toContain(SYSTEM_ID);
      expect(facts).toContain('ske-krav-og-betalinger');
      expect(facts).toContain(VENDOR_CLIENT_ID);
      expect(world.register.system(SYSTEM_ID)?.name).toEqual({
        nb: 'Regnskap i skyen',
        nn: 'Regnskap i skyen',
        en: 'Accounting in the cloud',
      });
      expect(await text(page.getByTestId('systems-requests-empty'))).toContain('Ingen forespørsler ennå');
      h.assertNoProblems();
    });

    it('lists Altinn’s validation items when the system exists already (nb)', async () => {
      const { page } = h;
      await page.getByTestId('systems-back').click();
      const row = page.getByTestId('systems-row').first();
      await row.waitFor();
      // Altinn's list (RegisteredSystemDTO) has rights and packages, not client ids.
      expect(await text(row.getByTestId('systems-access'))).toBe(
        'ske-krav-og-betalinger\nurn:altinn:accesspackage:skattnaering',
      );
      await h.screenshot('systems-list');
      await page.getByTestId('systems-new').click();
      const form = page.getByTestId('systems-form');
      await form.waitFor();
      await page.getByTestId('systems-form-id').fill(SYSTEM_ID);
      await page.getByTestId('systems-form-name-nb').fill('Regnskap i skyen igjen');
      await page.getByTestId('systems-form-description-nb').fill('Samme id en gang til');
      await page.getByTestId('systems-form-submit').click();
      const alert = form.getByTestId('error-alert');
      await alert.waitFor();
      // AUTH.VLD-00002 under validationErrors decides the code; every item is listed with its field and path.
      expect(await alert.getAttribute('data-error-code')).toBe('SYSTEMS_ALREADY_EXISTS');
      expect(await text(alert)).toContain('Et system med denne id-en finnes allerede');
      const items = alert.getByTestId('error-problem');
      expect(await items.allInnerTexts()).toEqual([
        'System-id: System-id-en finnes allerede.\nAUTH.VLD-00002 · /registersystemrequest/systemid',
        'Klient-id-er: En av klient-id-ene er allerede knyttet til et annet system.\nAUTH.VLD-00004 · /registersystemrequest/clientid',
      ]);
      await alert.scrollIntoViewIfNeeded();
      await settled(page);
      await h.screenshot('systems-validation-errors');
      await form.getByRole('button', { name: 'Avbryt' }).click();
      await page.getByTestId('systems-row').first().getByTestId('systems-open').click();
      await page.getByTestId('systems-panel').waitFor();
      h.assertNoProblems();
    });

    it('asks a customer, shows the approval link, and finds the approval by polling', async () => {
      const { page } = h;
      await page.getByTestId('systems-request-customer').fill('310 904 473');
      await page.getByTestId('systems-request-external-ref').fill('kunde-1001');
      expect(await text(page.getByTestId('systems-request-rights'))).toContain(
        'ske-krav-og-betalinger, urn:altinn:accesspackage:skattnaering',
      );
      await page.getByTestId('systems-request-submit').click();
      const row = page.getByTestId('systems-request-row').first();
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('new');
      expect(await text(row.getByTestId('systems-status'))).toBe('Venter på kunden');
      expect(await text(page.getByTestId('systems-notice'))).toContain('Forespørselen er sendt til 310904473');
      await expect.poll(() => text(page.getByTestId('systems-poll'))).toMatch(/Ser etter svar igjen om \d+ s/);
      const requestId = (await row.getAttribute('data-request-id')) ?? '';
      expect(world.register.request(requestId)).toMatchObject({ externalRef: 'kunde-1001', status: 'New' });
      await h.screenshot('systems-request-new');

      await row.getByTestId('systems-request-link').click();
      const dialog = page.getByTestId('systems-link-dialog');
      await dialog.waitFor();
      const url = await page.getByTestId('systems-link-url').inputValue();
      expect(url).toBe(
        `https://am.ui.tt02.altinn.no/accessmanagement/ui/systemuser/request?id=${requestId}&DONTCHOOSEREPORTEE=true`,
      );
      const qr = page.getByTestId('systems-qr');
      await qr.waitFor();
      expect(Number(await qr.getAttribute('data-size'))).toBeGreaterThanOrEqual(25);
      await page.getByTestId('systems-link-copy').click();
      await expect.poll(() => text(page.getByTestId('systems-link-copy'))).toBe('Kopiert');
      expect(desktop(h).clipboard()).toBe(url);
      await page.getByTestId('systems-link-open').click();
      await expect
        .poll(() =>
          desktop(h)
            .calls.filter((c) => c.kind === 'openExternal')
            .map((c) => c.value),
        )
        .toEqual([url]);
      await settled(page);
      await h.screenshot('systems-approval-link');
      await page.keyboard.press('Escape');

      // The customer approves in Altinn; the view's next read (a few seconds away) sees it.
      world.register.approve(requestId);
      await expect.poll(() => row.getAttribute('data-status'), { timeout: 20_000 }).toBe('accepted');
      expect(await text(row.getByTestId('systems-status'))).toBe('Godkjent');
      await page.getByTestId('systems-user-row').first().waitFor();
      expect(await text(page.getByTestId('systems-notice'))).toContain('310904473 har godkjent');
      expect(await page.getByTestId('systems-poll').count()).toBe(0);
      await page.getByTestId('systems-users').scrollIntoViewIfNeeded();
      await h.screenshot('systems-accepted');
      h.assertNoProblems();
    });

    it('shows rejected, denied and timed-out requests', async () => {
      const { page } = h;
      const ask = (externalRef: string) =>
        ok<CreateRequestResult>(h, 'systemusers:request', {
          vendorProfileId: v.vendor.id,
          systemId: SYSTEM_ID,
          partyOrgNo: OTHER_CUSTOMER_ORG,
          externalRef,
        });
      world.register.reject((await ask('avvist')).request.id);
      world.register.deny((await ask('avslatt')).request.id);
      world.register.timeOut((await ask('for-sent')).request.id);
      await page.getByTestId('systems-requests').getByRole('button', { name: 'Oppdater' }).click();
      await expect.poll(() => page.getByTestId('systems-request-row').count()).toBe(4);
      const statuses = await page.getByTestId('systems-status').allInnerTexts();
      expect(statuses.sort()).toEqual(['Avslått', 'Avvist av kunden', 'Godkjent', 'Utløpt']);
      await page.getByTestId('systems-requests').scrollIntoViewIfNeeded();
      await h.screenshot('systems-statuses');
      h.assertNoProblems();
    });

    it('says when Altinn answers with the old, rejected request, and renews it (nb)', async () => {
      const { page } = h;
      const rejected = world.register
        .requests()
        .filter((r) => r.method === 'POST' && (r.body as { externalRef?: string })?.externalRef === 'avvist')
        .at(0);
      expect(rejected?.status).toBe(201);
      await page.getByTestId('systems-request-customer').fill(OTHER_CUSTOMER_ORG);
      await page.getByTestId('systems-request-external-ref').fill('avvist');
      await page.getByTestId('systems-request-submit').click();
      const notice = page.getByTestId('systems-notice');
      await expect.poll(() => notice.getAttribute('data-kind')).toBe('reused');
      expect(await notice.getAttribute('data-status')).toBe('rejected');
      const said = await text(notice);
      expect(said).toContain('Kunden ble ikke spurt på nytt');
      expect(said).toContain(
        `Altinn svarte med forespørselen den allerede har for ${OTHER_CUSTOMER_ORG} med referansen avvist: «Avvist av kunden»`,
      );
      expect(said).toContain('Vil du spørre kunden igjen, må den gamle forespørselen slettes først.');
      expect(await text(page.getByTestId('systems-renew'))).toBe('Slett den gamle og spør på nytt');
      expect(world.register.requests().filter((r) => r.method === 'DELETE')).toHaveLength(0);
      await notice.scrollIntoViewIfNeeded();
      await settled(page);
      await h.screenshot('systems-request-reused');
      await page.setViewportSize({ width: 900, height: 600 });
      await notice.scrollIntoViewIfNeeded();
      await settled(page);
      await h.screenshot('systems-request-reused-900');
      await page.setViewportSize({ width: 1280, height: 1100 });

      await page.getByTestId('systems-renew').click();
      await expect.poll(() => notice.getAttribute('data-kind')).toBe('requested');
      expect(await text(notice)).toContain(
        `Den gamle forespørselen («Avvist av kunden») er slettet, og ${OTHER_CUSTOMER_ORG} er spurt på nytt.`,
      );
      const deletes = world.register.requests().filter((r) => r.method === 'DELETE');
      expect(deletes).toHaveLength(1);
      expect(deletes[0]?.status).toBe(202);
      await expect.poll(() => page.getByTestId('systems-status').allInnerTexts()).toContain('Venter på kunden');
      const statuses = await page.getByTestId('systems-status').allInnerTexts();
      expect(statuses.sort()).toEqual(['Avslått', 'Godkjent', 'Utløpt', 'Venter på kunden']);
      await settled(page);
      await h.screenshot('systems-request-renewed');
      h.assertNoProblems();
    });

    it('makes a profile from the system user and gets a system-user token in the Token view', async () => {
      const { page } = h;
      const user = page.getByTestId('systems-user-row').first();
      const systemUserId = (await user.getAttribute('data-user-id')) ?? '';
      await user.getByTestId('systems-user-make-profile').click();
      const dialog = page.getByTestId('systems-profile-dialog');
      await dialog.waitFor();
      expect(await text(dialog)).toContain('systemuser_org 310904473 og externalRef kunde-1001');
      // The API profile (the system's client, not only vendor scopes) is chosen for the person.
      expect(await page.getByTestId('systems-profile-client').inputValue()).toBe(v.api.id);
      expect(await page.getByTestId('systems-profile-name').inputValue()).toBe('310904473 (systembruker)');
      await settled(page);
      await h.screenshot('systems-make-profile');
      await page.getByTestId('systems-profile-submit').click();
      await expect
        .poll(() => text(page.getByTestId('systems-notice')))
        .toContain('Profilen «310904473 (systembruker)» er laget');
      expect(await text(user.getByTestId('systems-user-profiles'))).toBe('310904473 (systembruker)');
      const profiles = await ok<Profile[]>(h, 'profiles:list', { environmentId: 'local' });
      const made = profiles.find((p) => p.name === '310904473 (systembruker)');
      expect(made?.systemUser).toEqual({ org: CUSTOMER_ORG, externalRef: 'kunde-1001' });

      await page.getByTestId('systems-notice-next').click();
      await page.getByTestId('view-token').waitFor();
      await page.getByTestId('token-profile').selectOption(made?.id ?? '');
      await page.getByTestId('token-altinn-switch').uncheck();
      await page.getByTestId('token-get').click();
      const claims = page.getByTestId('claims-maskinporten');
      await claims.waitFor();
      expect(await text(claims.locator('[data-claim="systemUser"] dd'))).toBe('310 904 473');
      expect(await text(claims.locator('[data-claim="systemUserId"] dd'))).toBe(systemUserId);
      expect(await text(claims.locator('[data-claim="systemId"] dd'))).toBe(SYSTEM_ID);
      await page.getByTestId('token-result').scrollIntoViewIfNeeded();
      await h.screenshot('systems-token');
      h.assertNoProblems();
    });

    it('explains a 403 for a vendor profile without the register scope', async () => {
      const { page } = h;
      await page.getByTestId('nav-systems').click();
      await page.getByTestId('systems-vendor-profile').selectOption(v.reader.id);
      const alert = page.getByTestId('systems-list').getByTestId('error-alert');
      await alert.waitFor();
      expect(await alert.getAttribute('data-error-code')).toBe('SYSTEMS_FORBIDDEN_SCOPE');
      expect(await text(alert)).toContain('Mangler tilgang i Altinn (403)');
      await h.screenshot('systems-forbidden');
      h.assertNoProblems();
    });

    it('speaks English', async () => {
      const { page } = h;
      await ok(h, 'settings:update', { language: 'en' });
      h.services.events.emit('settings:changed', { language: 'en', environmentId: 'local' });
      await page.getByTestId('systems-vendor-profile').selectOption(v.vendor.id);
      await page.getByTestId('systems-row').first().getByTestId('systems-open').click();
      await page.getByTestId('systems-panel').waitFor();
      await page.getByTestId('systems-request-row').first().waitFor();
      expect(await text(page.getByTestId('nav-systems'))).toBe('Systems and system users');
      expect(await text(page.getByTestId('systems-requests'))).toContain('Requests for system users');
      const statuses = await page.getByTestId('systems-status').allInnerTexts();
      expect(statuses.sort()).toEqual(['Approved', 'Denied', 'Expired', 'Waiting for the customer']);
      await h.screenshot('systems-panel-en');

      // The denied request again: Altinn answers with it, and the renewal is offered in English.
      await page.getByTestId('systems-request-customer').fill(OTHER_CUSTOMER_ORG);
      await page.getByTestId('systems-request-external-ref').fill('avslatt');
      await page.getByTestId('systems-request-submit').click();
      const notice = page.getByTestId('systems-notice');
      await expect.poll(() => notice.getAttribute('data-kind')).toBe('reused');
      expect(await text(notice)).toContain('The customer was not asked again');
      expect(await text(notice)).toContain(
        `Altinn answered with the request it already has for ${OTHER_CUSTOMER_ORG} with the reference avslatt: “Denied”`,
      );
      expect(await text(page.getByTestId('systems-renew'))).toBe('Delete the old one and ask again');
      await notice.scrollIntoViewIfNeeded();
      await settled(page);
      await h.screenshot('systems-request-reused-en');
      await notice.getByRole('button', { name: 'Close' }).click();

      await page.getByTestId('systems-edit').click();
      await page.getByTestId('systems-form').waitFor();
      expect(await page.getByTestId('systems-form-id').isEditable()).toBe(false);
      await h.screenshot('systems-edit-en');
      // Altinn's resource register is not faked: its answer to a resource it does not know, as
      // SystemRegisterController.ValidateRights and ValidateAccessPackages write it (validationErrors, extensions).
      world.register.failNext(
        400,
        JSON.stringify({
          type: 'urn:altinn:error:STD-00000',
          title: 'One or more validation errors occurred.',
          status: 400,
          code: 'STD-00000',
          validationErrors: [
            {
              code: 'AUTH.VLD-00003',
              title: "One or more resources specified in rights were not found in Altinn's resource register.",
              paths: ['/registersystemrequest/rights/resource'],
              'ResourceIds Not Found : ': 'ske-krav-og-betalinger',
            },
            {
              code: 'AUTH.VLD-00008',
              title: "One or all the accesspackage(s) is not found in altinn's access packages or is not delegable",
              paths: ['/registersystemrequest/accesspackages'],
              'Invalid Urn Details : ': 'Not found: urn:altinn:accesspackage:skattnaering',
            },
          ],
        }),
        { route: 'system', method: 'PUT' },
      );
      await page.getByTestId('systems-form-name-en').fill('Accounting in the cloud, again');
      await page.getByTestId('systems-form-submit').click();
      const alert = page.getByTestId('systems-form').getByTestId('error-alert');
      await alert.waitFor();
      expect(await alert.getAttribute('data-error-code')).toBe('SYSTEMS_RESOURCE_INVALID');
      expect(await text(alert)).toContain('Altinn did not accept one of the rights (resources)');
      expect(await alert.getByTestId('error-problem').allInnerTexts()).toEqual([
        "Rights: One or more resources are not in Altinn's resource register.\nResourceIds Not Found: ske-krav-og-betalinger\nAUTH.VLD-00003 · /registersystemrequest/rights/resource",
        'Access packages: One or more access packages do not exist or cannot be delegated.\nInvalid Urn Details: Not found: urn:altinn:accesspackage:skattnaering\nAUTH.VLD-00008 · /registersystemrequest/accesspackages',
      ]);
      await alert.scrollIntoViewIfNeeded();
      await settled(page);
      await h.screenshot('systems-validation-errors-en');
      await ok(h, 'settings:update', { language: 'nb' });
      h.services.events.emit('settings:changed', { language: 'nb', environmentId: 'local' });
      await page.getByRole('button', { name: 'Avbryt' }).click();
      h.assertNoProblems();
    });

    it('asks before a production write, and the yes makes it', async () => {
      const { page } = h;
      await chooseEnvironment(page, 'local-prod');
      // Both environments use the same fake register here, so the system made in `local` is listed too.
      await page.getByTestId('systems-row').first().waitFor();
      await expect.poll(() => page.getByTestId('systems-vendor-profile').inputValue()).toBe(v.vendorProd.id);
      await page.getByTestId('systems-new').click();
      await page.getByTestId('systems-form-id').fill(`${VENDOR_ORG}_prod`);
      await page.getByTestId('systems-form-name-nb').fill('Regnskap');
      await page.getByTestId('systems-form-description-nb').fill('I produksjon');
      const before = world.register.requests().filter((r) => r.method === 'POST').length;
      await page.getByTestId('systems-form-submit').click();
      const confirm = page.getByTestId('systems-production-confirm');
      await confirm.waitFor();
      expect(await text(confirm)).toContain('PRODUKSJON');
      await settled(page);
      await h.screenshot('systems-production-confirm');
      expect(world.register.requests().filter((r) => r.method === 'POST').length).toBe(before);
      await page.getByTestId('systems-production-confirm-confirm').click();
      // The client id offered from the profiles belongs to the first system: Altinn says 400, in its own words.
      const refused = confirm.getByTestId('error-alert');
      await refused.waitFor();
      expect(await refused.getAttribute('data-error-code')).toBe('SYSTEMS_CLIENT_ID_TAKEN');
      expect(await text(refused)).toContain('One of the client id is already tagged with an existing system');
      expect(await refused.getByTestId('error-problem').allInnerTexts()).toEqual([
        'Klient-id-er: En av klient-id-ene er allerede knyttet til et annet system.\nAUTH.VLD-00004 · /registersystemrequest/clientid',
      ]);
      await settled(page);
      await h.screenshot('systems-invalid-400');
      expect(world.register.system(`${VENDOR_ORG}_prod`)).toBeUndefined();
      await confirm.getByRole('button', { name: 'Avbryt' }).click();
      await page
        .getByTestId('systems-form-clients')
        .getByRole('button', { name: new RegExp(VENDOR_CLIENT_ID) })
        .click();
      await page.getByTestId('systems-form-submit').click();
      await page.getByTestId('systems-production-confirm-confirm').click();
      await page.getByTestId('systems-panel').waitFor();
      expect(await page.getByTestId('systems-no-client').count()).toBe(1);
      expect(world.register.system(`${VENDOR_ORG}_prod`)).toBeDefined();
      h.assertNoProblems();
    });
  },
);

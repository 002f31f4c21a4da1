import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenSummary } from '../../../src/common/contract/token-status';
import { englishHint } from '../../../src/common/i18n/hints';
import { channelCalls } from '../../helpers/channel-calls';
import { tempHome } from '../../helpers/temp-home';
import { testServices } from '../../helpers/test-services';
import {
  API_SCOPE,
  CUSTOMER_ORG,
  OTHER_CUSTOMER_ORG,
  type SystemsWorld,
  setUpVendor,
  startSystemsWorld,
  systemInput,
  VENDOR_CLIENT_ID,
  VENDOR_ORG,
  type VendorSetup,
  writeSystemsEnvironments,
} from './systems-harness';

const SYSTEM_ID = `${VENDOR_ORG}_smartcloud`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The systems area end to end: channels → dispatch → SystemsService → the token service (the vendor profile's
 * Maskinporten token) → the system-register fake → the auth fake, which then issues system-user tokens only
 * for the system users the customer approved on the fake.
 */
describe('systems and system users through the channels, against the fakes', () => {
  let world: SystemsWorld;
  let cleanup: () => Promise<void>;
  let t: ReturnType<typeof testServices>;
  let v: VendorSetup;

  const { ok, fail } = channelCalls(() => t.dispatch);
  const sent = () => world.register.requests().filter((r) => r.method !== 'GET');

  beforeAll(async () => {
    world = await startSystemsWorld();
    const temp = await tempHome('mpd-systems-');
    cleanup = temp.cleanup;
    t = testServices(temp.home);
    await writeSystemsEnvironments(temp.home, world);
    v = await setUpVendor(t, world);
  });

  afterAll(async () => {
    await world?.close();
    await cleanup?.();
  });

  it('registers a system with every language filled, lists it from Altinn’s list shape, and shows its clients', async () => {
    const created = await ok('systems:create', systemInput(v.vendor.id));
    expect(created).toMatchObject({
      id: SYSTEM_ID,
      vendorOrgNo: VENDOR_ORG,
      // nn was left out: Altinn shows all three, so the app sent the bokmål text for it.
      name: { nb: 'SmartCloud', nn: 'SmartCloud', en: 'SmartCloud' },
      resourceIds: ['ske-krav-og-betalinger'],
      accessPackages: ['urn:altinn:accesspackage:skattnaering'],
      clientIds: [VENDOR_CLIENT_ID],
      isVisible: true,
    });
    // The body Altinn got, in its model: vendor as 0192:<orgno>, rights as urn:altinn:resource pairs.
    const post = sent().find((r) => r.route === 'systems');
    expect(post?.body).toMatchObject({
      id: SYSTEM_ID,
      vendor: { authority: 'iso6523-actorid-upis', ID: `0192:${VENDOR_ORG}` },
      rights: [{ resource: [{ id: 'urn:altinn:resource', value: 'ske-krav-og-betalinger' }] }],
      accessPackages: [{ urn: 'urn:altinn:accesspackage:skattnaering' }],
      clientId: [VENDOR_CLIENT_ID],
    });
    // GET /systemregister/vendor answers RegisteredSystemDTOs (systemId, systemVendorOrgNumber without 0192:, …),
    // not the single-system shape: before issue 18 this was SYSTEMS_BAD_RESPONSE against Altinn.
    const listing = await ok('systems:list', { vendorProfileId: v.vendor.id });
    expect(listing.vendorOrgNo).toBe(VENDOR_ORG);
    expect(listing.systems).toEqual([
      {
        id: SYSTEM_ID,
        vendorOrgNo: VENDOR_ORG,
        name: { nb: 'SmartCloud', nn: 'SmartCloud', en: 'SmartCloud' },
        description: { nb: 'Regnskap i skyen', nn: 'Regnskap i skyen', en: 'Accounting in the cloud' },
        rights: [{ resource: [{ id: 'urn:altinn:resource', value: 'ske-krav-og-betalinger' }] }],
        resourceIds: ['ske-krav-og-betalinger'],
        accessPackages: ['urn:altinn:accesspackage:skattnaering'],
        isVisible: true,
      },
    ]);
    // Client ids, redirect URLs and the local profiles of the client come with one system.
    const one = await ok('systems:get', { vendorProfileId: v.vendor.id, systemId: SYSTEM_ID });
    expect(one.clientIds).toEqual([VENDOR_CLIENT_ID]);
    expect(one.allowedRedirectUrls).toEqual(['https://smartcloud.example/receipt']);
    expect(one.profileIds.sort()).toEqual([v.vendor.id, v.api.id].sort());
  });

  it('refuses an existing id (400 AUTH.VLD-00002, and 409) and an id of another vendor, explained', async () => {
    const before = sent().length;
    const again = await fail('systems:create', systemInput(v.vendor.id));
    // Altinn's validation problem: STD-00000 on top, the reason under validationErrors (AUTH.VLD-00002).
    expect(again.code).toBe('SYSTEMS_ALREADY_EXISTS');
    expect(again.message).toContain('The system id already exists');
    expect(again.hint).toBe(englishHint('SYSTEMS_ALREADY_EXISTS'));
    // Every item is kept, in Altinn's order (ValidateRegisteredSystem): the id, then the client id it also has.
    expect(again.details?.problems).toEqual([
      {
        code: 'AUTH.VLD-00002',
        title: 'The system id already exists',
        paths: ['/registersystemrequest/systemid'],
        details: [],
      },
      {
        code: 'AUTH.VLD-00004',
        title: 'One of the client id is already tagged with an existing system',
        paths: ['/registersystemrequest/clientid'],
        details: [],
      },
    ]);

    world.register.failNext(409, `The System already exist: ${VENDOR_ORG}_race`, { route: 'systems', method: 'POST' });
    const race = await fail('systems:create', systemInput(v.vendor.id, `${VENDOR_ORG}_race`));
    expect(race.code).toBe('SYSTEMS_ALREADY_EXISTS');
    expect(race.message).toContain('The System already exist');

    const foreign = await fail('systems:create', systemInput(v.vendor.id, '910753614_not-mine'));
    expect(foreign.code).toBe('SYSTEMS_WRONG_VENDOR');
    expect(sent().length).toBe(before + 2);
  });

  it('shows the server’s validation items on a 400 (a client id another system has, a duplicate package)', async () => {
    const taken = await fail(
      'systems:create',
      systemInput(v.vendor.id, `${VENDOR_ORG}_second`, { clientIds: [VENDOR_CLIENT_ID] }),
    );
    expect(taken.code).toBe('SYSTEMS_CLIENT_ID_TAKEN');
    expect(taken.message).toContain('One of the client id is already tagged with an existing system');
    expect(taken.message).toContain('/registersystemrequest/clientid');
    expect(taken.details?.problems).toEqual([
      expect.objectContaining({ code: 'AUTH.VLD-00004', paths: ['/registersystemrequest/clientid'] }),
    ]);
    expect(world.register.system(`${VENDOR_ORG}_second`)).toBeUndefined();
  });

  it('updates by replacing the whole system, keeping what was not changed', async () => {
    const updated = await ok('systems:update', {
      vendorProfileId: v.vendor.id,
      systemId: SYSTEM_ID,
      changes: { name: { nb: 'SmartCloud Regnskap', en: 'SmartCloud Accounting' } },
    });
    expect(updated.name).toEqual({ nb: 'SmartCloud Regnskap', nn: 'SmartCloud Regnskap', en: 'SmartCloud Accounting' });
    expect(updated.clientIds).toEqual([VENDOR_CLIENT_ID]);
    expect(updated.resourceIds).toEqual(['ske-krav-og-betalinger']);
    const put = sent().find((r) => r.route === 'system' && r.method === 'PUT');
    expect(put?.body).toMatchObject({ id: SYSTEM_ID, allowedRedirectUrls: ['https://smartcloud.example/receipt'] });
    const unknown = await fail('systems:update', {
      vendorProfileId: v.vendor.id,
      systemId: `${VENDOR_ORG}_nothing`,
      changes: { isVisible: false },
    });
    expect(unknown.code).toBe('SYSTEMS_NOT_FOUND');
  });

  it('explains 403: a profile without the register scope sends nothing; another vendor’s system is refused', async () => {
    const before = world.register.requests().length;
    const local = await fail('systems:list', { vendorProfileId: v.reader.id });
    expect(local.code).toBe('SYSTEMS_FORBIDDEN_SCOPE');
    expect(local.message).toContain('altinn:authentication/systemregister.write');
    expect(local.hint).toMatch(/systemregister\.write/);
    expect(world.register.requests().length).toBe(before);

    world.register.seedSystem({
      id: '910753614_theirs',
      vendorOrgNo: '910753614',
      name: { nb: 'Deres' },
      description: { nb: 'Deres' },
      rights: [],
      accessPackages: [],
      clientId: [],
      allowedRedirectUrls: [],
    });
    const server = await fail('systems:get', { vendorProfileId: v.vendor.id, systemId: '910753614_theirs' });
    expect(server.code).toBe('SYSTEMS_FORBIDDEN_SCOPE');
    expect(server.message).toContain('(403)');
  });

  it('requests a system user with externalRef, follows it to accepted, makes a profile and gets its token', async () => {
    const { request, reused } = await ok('systemusers:request', {
      vendorProfileId: v.vendor.id,
      systemId: SYSTEM_ID,
      partyOrgNo: CUSTOMER_ORG,
      externalRef: 'kunde-42',
    });
    expect(reused).toBe(false);
    expect(request).toMatchObject({
      kind: 'standard',
      systemId: SYSTEM_ID,
      partyOrgNo: CUSTOMER_ORG,
      externalRef: 'kunde-42',
      externalRefInGrant: true,
      status: 'new',
      serverStatus: 'New',
      confirmUrlOpenable: true,
    });
    expect(request.id).toMatch(UUID);
    expect(request.confirmUrl).toBe(
      `https://am.ui.tt02.altinn.no/accessmanagement/ui/systemuser/request?id=${request.id}&DONTCHOOSEREPORTEE=true`,
    );
    // Defaults: every right and access package of the system.
    expect(sent().at(-1)?.body).toMatchObject({
      rights: [{ resource: [{ id: 'urn:altinn:resource', value: 'ske-krav-og-betalinger' }] }],
      accessPackages: [{ urn: 'urn:altinn:accesspackage:skattnaering' }],
    });

    // Asking again for the same system, customer and externalRef gives the same request back (200).
    const again = await ok('systemusers:request', {
      vendorProfileId: v.vendor.id,
      systemId: SYSTEM_ID,
      partyOrgNo: CUSTOMER_ORG,
      externalRef: 'kunde-42',
    });
    expect(again).toMatchObject({ reused: true, request: { id: request.id } });

    // No system user and no token before the customer answers.
    expect(await ok('systemusers:list', { vendorProfileId: v.vendor.id, systemId: SYSTEM_ID })).toEqual([]);

    world.register.approve(request.id);
    const status = await ok('systemusers:status', { vendorProfileId: v.vendor.id, requestId: request.id });
    expect(status).toMatchObject({ status: 'accepted', serverStatus: 'Accepted' });

    const users = await ok('systemusers:list', { vendorProfileId: v.vendor.id, systemId: SYSTEM_ID });
    expect(users).toEqual([
      expect.objectContaining({
        id: request.id,
        reporteeOrgNo: CUSTOMER_ORG,
        externalRef: 'kunde-42',
        externalRefInGrant: true,
        kind: 'standard',
        profileIds: [],
      }),
    ]);

    const profile = await ok('systemusers:make-profile', {
      vendorProfileId: v.vendor.id,
      systemId: SYSTEM_ID,
      systemUserId: request.id,
      clientProfileId: v.api.id,
      name: 'Kunde 42 (systembruker)',
    });
    expect(profile).toMatchObject({
      clientId: VENDOR_CLIENT_ID,
      keyId: v.key.id,
      scopes: [API_SCOPE],
      systemUser: { org: CUSTOMER_ORG, externalRef: 'kunde-42' },
    });
    const listed = await ok('systemusers:list', { vendorProfileId: v.vendor.id, systemId: SYSTEM_ID });
    expect(listed[0]?.profileIds).toEqual([profile.id]);

    const token = (await ok('token:get', { profileId: profile.id })) as TokenSummary;
    expect(token.maskinporten.claims.authorization_details).toEqual([
      {
        type: 'urn:altinn:systemuser',
        systemuser_org: { authority: 'iso6523-actorid-upis', ID: `0192:${CUSTOMER_ORG}` },
        systemuser_id: [request.id],
        system_id: SYSTEM_ID,
      },
    ]);
    const grant = world.auth.receivedGrants().at(-1);
    expect(grant?.claims.authorization_details).toEqual([
      {
        type: 'urn:altinn:systemuser',
        systemuser_org: { authority: 'iso6523-actorid-upis', ID: `0192:${CUSTOMER_ORG}` },
        externalRef: 'kunde-42',
      },
    ]);

    // The doctor works with the system-user profile: its token check passes with the system-user grant.
    const doctor = await ok('token:doctor', { profileId: profile.id });
    expect(doctor.rows.find((r) => r.id === 'token')?.status).toBe('pass');

    // The same request again now meets the system user: AUTH-00004, explained.
    const conflict = await fail('systemusers:request', {
      vendorProfileId: v.vendor.id,
      systemId: SYSTEM_ID,
      partyOrgNo: CUSTOMER_ORG,
      externalRef: 'kunde-42',
    });
    expect(conflict.code).toBe('SYSTEMUSER_REQUEST_CONFLICT');
    expect(conflict.message).toContain('existing SystemUser');

    // A grant without the externalRef the request used: Maskinporten says MP-303, and the app says why.
    await ok('profiles:update', { id: profile.id, patch: { systemUser: { org: CUSTOMER_ORG } } });
    const missingRef = await fail('token:get', { profileId: profile.id });
    expect(missingRef.code).toBe('MASKINPORTEN_RAR_INVALID');
    expect(missingRef.message).toContain('MP-303');
    expect(missingRef.hint).toMatch(/externalRef/);
  });

  it('follows rejected and timed-out requests to their end, and waits with backoff until the answer', async () => {
    const ask = async (partyOrgNo: string, externalRef: string) =>
      (
        await ok('systemusers:request', {
          vendorProfileId: v.vendor.id,
          systemId: SYSTEM_ID,
          partyOrgNo,
          externalRef,
        })
      ).request;
    const rejected = await ask(OTHER_CUSTOMER_ORG, 'avvist');
    const timedOut = await ask(OTHER_CUSTOMER_ORG, 'for-sent');
    world.register.reject(rejected.id);
    world.register.timeOut(timedOut.id);
    expect(await ok('systemusers:status', { vendorProfileId: v.vendor.id, requestId: rejected.id })).toMatchObject({
      status: 'rejected',
    });
    expect(await ok('systemusers:status', { vendorProfileId: v.vendor.id, requestId: timedOut.id })).toMatchObject({
      status: 'timed-out',
      serverStatus: 'Timedout',
    });

    // All requests of the system, over several pages (2 per page in this fake), newest first.
    const all = await ok('systemusers:requests', { vendorProfileId: v.vendor.id, systemId: SYSTEM_ID });
    expect(all.map((r) => r.status).sort()).toEqual(['accepted', 'rejected', 'timed-out']);
    expect(world.register.requests().some((r) => r.route === 'requests' && r.path.includes('bysystem'))).toBe(true);

    // Waiting: the customer answers after three reads; the waits grow (REQUEST_POLL).
    const waiting = await ask(OTHER_CUSTOMER_ORG, 'venter');
    const waits: number[] = [];
    const service = t.services.systems as unknown as { deps: { sleep?: (ms: number) => Promise<void> } };
    service.deps.sleep = async (ms) => {
      waits.push(ms);
      if (waits.length === 3) world.register.deny(waiting.id);
    };
    const seen: string[] = [];
    const decided = await t.services.systems.waitForDecision(v.vendor.id, waiting.id, undefined, {
      onPoll: (r) => seen.push(r.status),
    });
    expect(decided.status).toBe('denied');
    expect(seen).toEqual(['new', 'new', 'new', 'denied']);
    expect(waits[1]).toBeGreaterThan(waits[0] ?? 0);
    expect(waits[2]).toBeGreaterThan(waits[1] ?? 0);
    service.deps.sleep = undefined;
  });

  it('a repeated request returns the old one whatever its status; renew deletes it and asks again (issue 18)', async () => {
    const input = {
      vendorProfileId: v.vendor.id,
      systemId: SYSTEM_ID,
      partyOrgNo: OTHER_CUSTOMER_ORG,
      externalRef: 'ny-sjanse',
    };
    const first = await ok('systemusers:request', input);
    world.register.reject(first.request.id);
    // Altinn answers 200 with the rejected request: the customer is not asked again.
    const again = await ok('systemusers:request', input);
    expect(again).toMatchObject({ reused: true, request: { id: first.request.id, status: 'rejected' } });
    expect(again.replaced).toBeUndefined();
    expect(world.register.requests().filter((r) => r.method === 'DELETE')).toEqual([]);

    // Production asks first, and sends nothing without the yes.
    const before = world.register.requests().length;
    const prod = await fail('systemusers:request', { ...input, vendorProfileId: v.vendorProd.id, renew: true });
    expect(prod.code).toBe('SYSTEMS_PRODUCTION_CONFIRM_REQUIRED');
    expect(world.register.requests().length).toBe(before);

    // Renew: the old request is deleted (DELETE …/systemuser/request/vendor/{id}, 202) and the customer asked again.
    const renewed = await ok('systemusers:request', { ...input, renew: true });
    expect(renewed).toMatchObject({
      reused: false,
      request: { status: 'new', partyOrgNo: OTHER_CUSTOMER_ORG, externalRef: 'ny-sjanse' },
      replaced: { id: first.request.id, status: 'rejected' },
    });
    expect(renewed.request.id).not.toBe(first.request.id);
    const deletes = world.register.requests().filter((r) => r.method === 'DELETE');
    expect(deletes.map((d) => [d.path, d.status])).toEqual([
      [`/authentication/api/v1/systemuser/request/vendor/${first.request.id}`, 202],
    ]);
    expect(world.register.request(first.request.id)?.deleted).toBe(true);

    // The old id is gone on both routes: AUTH-00010, also on the agent route (not AUTH-00030).
    const gone = await fail('systemusers:status', { vendorProfileId: v.vendor.id, requestId: first.request.id });
    expect(gone.code).toBe('SYSTEMUSER_REQUEST_NOT_FOUND');
    expect(gone.details?.codes).toEqual(['AUTH-00010']);
    const lists = await ok('systemusers:requests', { vendorProfileId: v.vendor.id, systemId: SYSTEM_ID });
    expect(lists.map((r) => r.id)).not.toContain(first.request.id);

    // Renew with nothing to replace is a plain new request: nothing is deleted.
    const fresh = await ok('systemusers:request', { ...input, externalRef: 'helt-ny', renew: true });
    expect(fresh.reused).toBe(false);
    expect(fresh.replaced).toBeUndefined();
    expect(world.register.requests().filter((r) => r.method === 'DELETE')).toHaveLength(1);

    // An agent request is deleted through the same route (there is no …/vendor/agent/{id} DELETE).
    const agentInput = { ...input, externalRef: 'klient-igjen', agent: true };
    const agent = await ok('systemusers:request', agentInput);
    world.register.deny(agent.request.id);
    const agentAgain = await ok('systemusers:request', { ...agentInput, renew: true });
    expect(agentAgain).toMatchObject({ request: { kind: 'agent', status: 'new' }, replaced: { id: agent.request.id } });
    expect(
      world.register
        .requests()
        .filter((r) => r.method === 'DELETE')
        .at(-1)?.path,
    ).toBe(`/authentication/api/v1/systemuser/request/vendor/${agent.request.id}`);
    const agentGone = await fail('systemusers:status', {
      vendorProfileId: v.vendor.id,
      requestId: agent.request.id,
      kind: 'agent',
    });
    expect(agentGone.code).toBe('SYSTEMUSER_REQUEST_NOT_FOUND');
    expect(agentGone.details?.codes).toEqual(['AUTH-00010']);
  });

  it('makes agent requests (access packages only) and finds them without being told the kind', async () => {
    const { request } = await ok('systemusers:request', {
      vendorProfileId: v.vendor.id,
      systemId: SYSTEM_ID,
      partyOrgNo: OTHER_CUSTOMER_ORG,
      agent: true,
    });
    expect(request).toMatchObject({
      kind: 'agent',
      externalRef: OTHER_CUSTOMER_ORG,
      externalRefInGrant: false,
      accessPackages: ['urn:altinn:accesspackage:skattnaering'],
    });
    expect(request.confirmUrl).toContain('/accessmanagement/ui/systemuser/agentrequest?id=');
    expect(sent().at(-1)?.body).not.toHaveProperty('rights');
    const read = await ok('systemusers:status', { vendorProfileId: v.vendor.id, requestId: request.id });
    expect(read).toMatchObject({ id: request.id, kind: 'agent', status: 'new' });
  });

  it('refuses a redirect URL the system does not list, with Altinn’s words', async () => {
    const error = await fail('systemusers:request', {
      vendorProfileId: v.vendor.id,
      systemId: SYSTEM_ID,
      partyOrgNo: CUSTOMER_ORG,
      externalRef: 'omdirigert',
      redirectUrl: 'https://elsewhere.example/back',
    });
    expect(error.code).toBe('SYSTEMS_REDIRECT_URL_INVALID');
    expect(error.message).toContain('The RedirectUri was not found or not valid.');
    const unknown = await fail('systemusers:request', {
      vendorProfileId: v.vendor.id,
      systemId: `${VENDOR_ORG}_ukjent`,
      partyOrgNo: CUSTOMER_ORG,
      resourceIds: ['ske-krav-og-betalinger'],
    });
    expect(unknown.code).toBe('SYSTEMS_NOT_FOUND');
    const missing = await fail('systemusers:status', {
      vendorProfileId: v.vendor.id,
      requestId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.code).toBe('SYSTEMUSER_REQUEST_NOT_FOUND');
  });

  it('refuses a profile for a client the system does not list (it would get MP-303)', async () => {
    const [user] = await ok('systemusers:list', { vendorProfileId: v.vendor.id, systemId: SYSTEM_ID });
    const error = await fail('systemusers:make-profile', {
      vendorProfileId: v.vendor.id,
      systemId: SYSTEM_ID,
      systemUserId: user?.id,
      clientProfileId: v.reader.id,
      name: 'Feil klient',
    });
    expect(error.code).toBe('SYSTEMUSER_CLIENT_NOT_ON_SYSTEM');
    expect(error.message).toContain(VENDOR_CLIENT_ID);
  });

  it('asks before production writes and sends nothing without the yes', async () => {
    const before = world.register.requests().length;
    const error = await fail('systems:create', systemInput(v.vendorProd.id, `${VENDOR_ORG}_prod`));
    expect(error.code).toBe('SYSTEMS_PRODUCTION_CONFIRM_REQUIRED');
    expect(world.register.requests().length).toBe(before);
    const made = await ok('systems:create', {
      ...systemInput(v.vendorProd.id, `${VENDOR_ORG}_prod`, { clientIds: [] }),
      confirmProduction: true,
    });
    expect(made.id).toBe(`${VENDOR_ORG}_prod`);
  });

  it("adds a client id to a production system only on main's own yes, even with confirmProduction: true (issue 17, finding 4)", async () => {
    const id = `${VENDOR_ORG}_prodclients`;
    await ok('systems:create', { ...systemInput(v.vendorProd.id, id, { clientIds: [] }), confirmProduction: true });
    const planted = 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';
    const before = sent().length;
    t.desktop.answers.confirm = false;
    try {
      const refused = await fail('systems:update', {
        vendorProfileId: v.vendorProd.id,
        systemId: id,
        changes: { clientIds: [planted] },
        confirmProduction: true,
      });
      expect(refused.code).toBe('CHANGE_NOT_CONFIRMED');
      expect(sent().length).toBe(before);
      expect(world.register.system(id)?.clientId ?? []).not.toContain(planted);
      const asked = t.desktop.confirmations.at(-1);
      const env = 'Local production local-prod (PRODUKSJON)';
      expect(asked).toMatchObject({ message: `Endre systemet ${id} i ${env}?`, production: true });
      expect(asked?.detail).toEqual([
        `Miljø: ${env}`,
        `System-ID: ${id}`,
        `Klient-ID-er som legges til: ${planted}`,
        'Klient-ID-er som fjernes: ingen',
        `Klient-ID-er på systemet etterpå: ${planted}`,
        'Rettigheter og tilgangspakker: 2',
        'Dette er produksjon: endringen gjelder ekte virksomheter og ekte data.',
      ]);
      // Outside production, a change of client ids is asked too; other changes are not.
      const testId = `${VENDOR_ORG}_testclients`;
      t.desktop.answers.confirm = true;
      await ok('systems:create', systemInput(v.vendor.id, testId, { clientIds: [] }));
      t.desktop.answers.confirm = false;
      const asks = t.desktop.confirmations.length;
      expect(
        (
          await fail('systems:update', {
            vendorProfileId: v.vendor.id,
            systemId: testId,
            changes: { clientIds: [planted] },
          })
        ).code,
      ).toBe('CHANGE_NOT_CONFIRMED');
      expect(t.desktop.confirmations.at(-1)).toMatchObject({ production: false });
      await ok('systems:update', { vendorProfileId: v.vendor.id, systemId: testId, changes: { isVisible: false } });
      expect(t.desktop.confirmations.length).toBe(asks + 1);
    } finally {
      t.desktop.answers.confirm = true;
    }
  });

  it('draws the approval link as a QR code and copies it in main', async () => {
    const url =
      'https://am.ui.tt02.altinn.no/accessmanagement/ui/systemuser/request?id=bb4955d4-6c44-4716-841c-911205dadade';
    const qr = await ok('systemusers:qr', { url });
    expect(qr.size).toBeGreaterThanOrEqual(25);
    expect(qr.path).toMatch(/^M\d+ \d+h\d+v1h-\d+z/);
    expect((await fail('systemusers:qr', { url: 'javascript:alert(1)' })).code).toBe('INVALID_INPUT');
    expect(await ok('systemusers:copy-link', { url })).toEqual({ copied: true });
    expect(t.desktop.clipboard()).toBe(url);
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelCalls } from '../../helpers/channel-calls';
import { tempHome } from '../../helpers/temp-home';
import { testServices } from '../../helpers/test-services';
import {
  ADMIN_CLIENT_ID,
  ADMIN_SCOPES,
  foreignJwks,
  ORG_NUMBER,
  P12_PASSWORD,
  type SelfServiceWorld,
  startSelfServiceWorld,
  writeEnvironments,
} from './selfservice-harness';

const SCOPES = ['altinn:serviceowner/instances.read'];
const JWT = /eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/;

/**
 * The self-service area end to end: channels → dispatch → SelfServiceService → the token service (an admin
 * profile authenticating with its enterprise certificate) → the self-service fake → the auth fake, which then
 * issues tokens to the clients made here.
 */
describe('self-service through the channels, against the fakes', () => {
  let world: SelfServiceWorld;
  let home: string;
  let cleanup: () => Promise<void>;
  let t: ReturnType<typeof testServices>;
  let adminId = '';
  let prodAdminId = '';

  const { ok, fail } = channelCalls(() => t.dispatch);
  const newKey = (name: string) => t.services.keys.generate({ name });
  /** clients:create input for a client of the (test) admin profile with one key of ours. */
  const clientInput = (keyId: string, clientName: string, description: string, extra: object = {}) => ({
    adminProfileId: adminId,
    clientName,
    description,
    scopes: SCOPES,
    keyId,
    ...extra,
  });
  const createClient = (...args: Parameters<typeof clientInput>) => ok('clients:create', clientInput(...args));
  const jwksWrites = () => world.selfService.requests().filter((r) => r.route === 'jwks' && r.method !== 'GET').length;
  const storedFiles = async () => ({
    keys: await readFile(join(home, 'keys', 'index.json'), 'utf8'),
    profiles: await readFile(join(home, 'profiles.json'), 'utf8').catch(() => ''),
  });
  async function tokenFor(profileId: string) {
    const summary = await t.services.tokens.getToken(profileId, { altinn: false, forceRefresh: true });
    const raw = await t.services.tokens.getRawToken(profileId, 'maskinporten');
    return { summary, claims: await world.auth.verifyAccessToken(raw) };
  }

  beforeAll(async () => {
    world = await startSelfServiceWorld();
    ({ home, cleanup } = await tempHome());
    await writeEnvironments(home, world);
    t = testServices(home);
    const imported = await t.services.keys.importFile({ path: world.cert.p12Path, password: P12_PASSWORD });
    expect(imported.key.certificate?.orgNumber).toBe(ORG_NUMBER);
    const admin = { clientId: ADMIN_CLIENT_ID, keyId: imported.key.id, scopes: ADMIN_SCOPES, admin: true };
    adminId = (await ok('profiles:add', { ...admin, name: 'Admin', environmentId: 'local' })).id;
    prodAdminId = (await ok('profiles:add', { ...admin, name: 'Admin prod', environmentId: 'local-prod' })).id;
  }, 60_000);
  afterAll(async () => {
    await world?.close();
    await cleanup?.();
  });

  it('creates a client, publishes a key on it and gets a token with the new client', async () => {
    const key = await newKey('Mottak');
    const created = await createClient(key.id, 'Mottak', 'Henter skjema fra Altinn', {
      createProfile: { name: 'Mottak', org: 'digdir' },
    });
    const clientId = created.client.clientId;
    // The fake stored the client as a Maskinporten client of the admin's org, with exactly our key.
    const stored = world.selfService.client(clientId);
    expect(stored?.client).toMatchObject({
      integration_type: 'maskinporten',
      token_endpoint_auth_method: 'private_key_jwt',
      grant_types: ['urn:ietf:params:oauth:grant-type:jwt-bearer'],
      client_orgno: ORG_NUMBER,
      scopes: SCOPES,
    });
    expect(stored?.keys.map((k) => k.kid)).toEqual([key.kid]);
    expect(stored?.keys[0]).not.toHaveProperty('d');
    expect(created.published).toMatchObject({ action: 'added', kid: key.kid, propagationMinutes: 2, otherKids: [] });
    // The publish date is recorded on the key, so the one-year warning is exact.
    const today = new Date().toISOString().slice(0, 10);
    const after = await t.services.keys.get(key.id);
    expect(after.registeredAt).toBe(today);
    expect(after.expiry).toBe('ok');
    expect(created.published?.registeredAt).toBe(today);
    // The matching profile: a normal (non-admin) profile with the client's scopes and the key.
    expect(created.profile).toMatchObject({ clientId, keyId: key.id, scopes: SCOPES, admin: false, org: 'digdir' });
    // The real token service, a kid grant by the new client, accepted by the fake Maskinporten.
    const { summary, claims } = await tokenFor(created.profile!.id);
    expect(summary.maskinporten.auth).toBe('kid');
    expect(claims.client_id).toBe(clientId);
    expect(claims.scope).toBe(SCOPES[0]);
    // And the admin itself authenticated with its certificate.
    const adminGrant = world.auth.receivedGrants().find((g) => g.claims.iss === ADMIN_CLIENT_ID);
    expect(Array.isArray(adminGrant?.header.x5c)).toBe(true);
    expect(adminGrant?.header.kid).toBeUndefined();
  });

  it('lists the clients and shows one with its keys and their expiry', async () => {
    const key = await newKey('Vis');
    const created = await createClient(key.id, 'Vis meg', 'Til visning');
    // Without createProfile the result offers the matching profile input instead.
    expect(created.profile).toBeUndefined();
    expect(created.profileInput).toMatchObject({ clientId: created.client.clientId, keyId: key.id, admin: false });
    const list = await ok('clients:list', { adminProfileId: adminId });
    expect(list.map((c) => c.clientId)).toContain(created.client.clientId);
    const shown = await ok('clients:get', { adminProfileId: adminId, clientId: created.client.clientId });
    expect(shown).toMatchObject({ clientName: 'Vis meg', integrationType: 'maskinporten', scopes: SCOPES, maxKeys: 5 });
    expect(shown.keys).toHaveLength(1);
    expect(shown.keys[0]).toMatchObject({ kid: key.kid, localKeyId: key.id, expirySource: 'server', expiry: 'ok' });
    expect(shown.keys[0].daysToExpiry).toBeGreaterThanOrEqual(364);
    expect(JSON.stringify(shown)).not.toMatch(JWT);
  });

  it('publishes into a client with 4 keys: 5 remain and none is lost', async () => {
    const foreign = foreignJwks(4, 'four');
    const clientId = world.selfService.seedClient({ orgNo: ORG_NUMBER, scopes: SCOPES, keys: foreign });
    const before = world.selfService.client(clientId)!.keys;
    const key = await newKey('Femte');
    const result = await ok('clients:publish-key', { adminProfileId: adminId, clientId, keyId: key.id });
    expect(result.action).toBe('added');
    expect(result.keys).toHaveLength(5);
    expect(result.otherKids).toEqual(foreign.map((k) => k.kid));
    const after = world.selfService.client(clientId)!.keys;
    expect(after).toHaveLength(5);
    // The four old keys went back member for member: same material, same expiry.
    for (const old of before) expect(after.find((k) => k.kid === old.kid)).toEqual(old);
  });

  it('refuses a sixth key and loses nothing, here or there', async () => {
    const clientId = world.selfService.seedClient({ orgNo: ORG_NUMBER, scopes: SCOPES, keys: foreignJwks(5, 'five') });
    const before = world.selfService.client(clientId)!.keys;
    const key = await newKey('Sjette');
    const files = await storedFiles();
    const writesBefore = jwksWrites();
    const error = await fail('clients:publish-key', { adminProfileId: adminId, clientId, keyId: key.id });
    expect(error.code).toBe('SELFSERVICE_KEY_LIMIT');
    expect(error.hint).toMatch(/at most 5 keys/);
    expect(world.selfService.client(clientId)!.keys).toEqual(before);
    expect(jwksWrites()).toBe(writesBefore);
    expect(await storedFiles()).toEqual(files);
    expect((await t.services.keys.get(key.id)).registeredAt).toBeNull();
  });

  it('re-publishing a key that is there renews it without adding one', async () => {
    const key = await newKey('Fornyes');
    const created = await createClient(key.id, 'Fornying', 'Fornyes');
    const clientId = created.client.clientId;
    const again = await ok('clients:publish-key', { adminProfileId: adminId, clientId, keyId: key.id });
    expect(again.action).toBe('renewed');
    expect(again.keys.map((k) => k.kid)).toEqual([key.kid]);
  });

  it('rotates: the old key works until it is removed, and a profile on it blocks the removal', async () => {
    const oldKey = await newKey('Gammel');
    const created = await createClient(oldKey.id, 'Rotasjon', 'Bytter nøkkel', { createProfile: { name: 'Rotasjon' } });
    const clientId = created.client.clientId;
    const profileId = created.profile!.id;
    const newer = await newKey('Ny');
    const published = await ok('clients:publish-key', { adminProfileId: adminId, clientId, keyId: newer.id });
    expect(published.otherKids).toEqual([oldKey.kid]);
    // Both keys work now: the profile still signs with the old one.
    expect((await tokenFor(profileId)).claims.client_id).toBe(clientId);
    // Retiring the old key while the profile uses it is refused, and nothing changes.
    const inUse = await fail('clients:remove-key', { adminProfileId: adminId, clientId, kid: oldKey.kid });
    expect(inUse.code).toBe('SELFSERVICE_KEY_IN_USE');
    expect(world.selfService.client(clientId)!.keys).toHaveLength(2);
    // Switch the profile to the new key: it works.
    await ok('profiles:update', { id: profileId, patch: { keyId: newer.id } });
    expect((await tokenFor(profileId)).summary.maskinporten.auth).toBe('kid');
    // Retire the old key: the set keeps the new one, and the old key's registration date is cleared.
    const removed = await ok('clients:remove-key', { adminProfileId: adminId, clientId, kid: oldKey.kid });
    expect(removed.keys.map((k) => k.kid)).toEqual([newer.kid]);
    expect(removed.localKeyId).toBe(oldKey.id);
    expect((await t.services.keys.get(oldKey.id)).registeredAt).toBeNull();
    // A grant signed with the old key is now refused by the fake Maskinporten.
    const stale = await ok('profiles:add', {
      name: 'Gammel nøkkel',
      environmentId: 'local',
      clientId,
      keyId: oldKey.id,
      scopes: SCOPES,
    });
    const refused = await t.dispatch('token:get', { profileId: stale.id, altinn: false });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('MASKINPORTEN_UNKNOWN_KID');
    expect((await tokenFor(profileId)).claims.client_id).toBe(clientId);
  });

  it("refuses to remove a client's last key unless allowed", async () => {
    const key = await newKey('Eneste');
    const created = await createClient(key.id, 'Eneste nøkkel', 'Siste nøkkel');
    const clientId = created.client.clientId;
    const error = await fail('clients:remove-key', { adminProfileId: adminId, clientId, kid: key.kid });
    expect(error.code).toBe('SELFSERVICE_LAST_KEY');
    expect(world.selfService.client(clientId)!.keys).toHaveLength(1);
    const unknown = await fail('clients:remove-key', { adminProfileId: adminId, clientId, kid: 'not-there' });
    expect(unknown.code).toBe('SELFSERVICE_KEY_NOT_ON_CLIENT');
    const emptied = await ok('clients:remove-key', {
      adminProfileId: adminId,
      clientId,
      kid: key.kid,
      allowEmpty: true,
    });
    expect(emptied.keys).toEqual([]);
    expect(world.selfService.client(clientId)!.keys).toEqual([]);
  });

  it('a failing API loses nothing locally: not the key store, not the profiles', async () => {
    const key = await newKey('Feiler');
    const clientId = world.selfService.seedClient({ orgNo: ORG_NUMBER, scopes: SCOPES, keys: foreignJwks(1, 'keep') });
    const keysBefore = world.selfService.client(clientId)!.keys;
    const files = await storedFiles();
    world.selfService.failNext(500, '{"error":"server_error","error_description":"database down"}', {
      route: 'jwks',
      method: 'POST',
    });
    const publish = await fail('clients:publish-key', { adminProfileId: adminId, clientId, keyId: key.id });
    expect(publish.code).toBe('SELFSERVICE_SERVER_ERROR');
    expect(publish.message).toContain('database down');
    expect(world.selfService.client(clientId)!.keys).toEqual(keysBefore);
    expect(await storedFiles()).toEqual(files);

    world.selfService.failNext(503, '', { route: 'clients', method: 'POST' });
    const create = await fail(
      'clients:create',
      clientInput(key.id, 'Aldri', 'Feiler', { createProfile: { name: 'Aldri' } }),
    );
    expect(create.code).toBe('SELFSERVICE_SERVER_ERROR');
    expect(await storedFiles()).toEqual(files);
    expect((await t.services.profiles.list()).some((p) => p.name === 'Aldri')).toBe(false);
  });

  it('says which client exists when a later step of create fails', async () => {
    const key = await newKey('Halvveis');
    world.selfService.failNext(502, '', { route: 'jwks', method: 'POST' });
    const error = await fail(
      'clients:create',
      clientInput(key.id, 'Halvveis', 'Nøkkelen feiler', { createProfile: { name: 'Halvveis' } }),
    );
    expect(error.code).toBe('SELFSERVICE_SERVER_ERROR');
    const createdClientId = error.details?.createdClientId as string;
    expect(world.selfService.client(createdClientId)?.keys).toEqual([]);
    expect(error.message).toContain(createdClientId);
    expect((await t.services.profiles.list()).some((p) => p.name === 'Halvveis')).toBe(false);
    expect((await t.services.keys.get(key.id)).registeredAt).toBeNull();
  });

  it('refuses production writes without confirmation and sends nothing; reads need none', async () => {
    const key = await newKey('Prod');
    const requestsBefore = world.selfService.requests().length;
    const input = {
      adminProfileId: prodAdminId,
      clientName: 'Prod',
      description: 'Ekte',
      scopes: SCOPES,
      keyId: key.id,
    };
    const refused = await fail('clients:create', input);
    expect(refused.code).toBe('SELFSERVICE_PRODUCTION_CONFIRM_REQUIRED');
    const notTrue = await fail('clients:create', { ...input, confirmProduction: false });
    expect(notTrue.code).toBe('SELFSERVICE_PRODUCTION_CONFIRM_REQUIRED');
    expect(world.selfService.requests().length).toBe(requestsBefore);
    const created = await ok('clients:create', { ...input, confirmProduction: true });
    const clientId = created.client.clientId;
    const other = await newKey('Prod 2');
    for (const [channel, extra] of [
      ['clients:publish-key', { clientId, keyId: other.id }],
      ['clients:remove-key', { clientId, kid: key.kid, allowEmpty: true }],
      ['clients:update', { clientId, description: 'Endret' }],
    ] as const) {
      const error = await fail(channel, { adminProfileId: prodAdminId, ...extra });
      expect(error.code).toBe('SELFSERVICE_PRODUCTION_CONFIRM_REQUIRED');
    }
    expect(world.selfService.client(clientId)!.keys.map((k) => k.kid)).toEqual([key.kid]);
    expect((await ok('clients:list', { adminProfileId: prodAdminId })).length).toBeGreaterThan(0);
    await ok('clients:update', {
      adminProfileId: prodAdminId,
      clientId,
      description: 'Endret',
      confirmProduction: true,
    });
    expect(world.selfService.client(clientId)!.client.description).toBe('Endret');
  });

  it('asks main itself before a production write or a key change, whatever the window sent (issue 17, finding 4)', async () => {
    const key = await newKey('Hovedbekreftelse');
    const created = await ok('clients:create', {
      adminProfileId: prodAdminId,
      clientName: 'Hoved',
      description: 'Ekte',
      scopes: SCOPES,
      keyId: key.id,
      confirmProduction: true,
    });
    const clientId = created.client.clientId;
    const env = 'Local production local-prod (PRODUKSJON)';
    expect(t.desktop.confirmations.at(-1)).toMatchObject({
      message: `Opprette Maskinporten-klienten «Hoved» i ${env}?`,
      production: true,
    });
    expect(t.desktop.confirmations.at(-1)?.detail).toEqual(
      expect.arrayContaining([`Nøkkel-ID (kid): ${key.kid}`, `SHA-256-tommelavtrykk (JWK): ${key.thumbprint}`]),
    );
    // A key a stranger sent as an attachment, imported by a window that is no longer ours.
    const planted = await newKey('Plantet');
    const writesBefore = jwksWrites();
    t.desktop.answers.confirm = false;
    try {
      const refused = await fail('clients:publish-key', {
        adminProfileId: prodAdminId,
        clientId,
        keyId: planted.id,
        confirmProduction: true,
      });
      expect(refused.code).toBe('CHANGE_NOT_CONFIRMED');
      const asked = t.desktop.confirmations.at(-1);
      expect(asked).toMatchObject({
        message: `Publisere nøkkelen ${planted.kid} på klienten ${clientId} i ${env}?`,
        confirmLabel: 'Publiser nøkkelen',
        cancelLabel: 'Avbryt',
        production: true,
      });
      expect(asked?.detail).toEqual([
        `Miljø: ${env}`,
        `Klient-ID: ${clientId}`,
        `Nøkkel-ID (kid): ${planted.kid}`,
        `SHA-256-tommelavtrykk (JWK): ${planted.thumbprint}`,
        'Nøkler på klienten etterpå: 2 / 5',
        'Dette er produksjon: endringen gjelder ekte virksomheter og ekte data.',
      ]);
      for (const [channel, extra] of [
        ['clients:remove-key', { clientId, kid: key.kid, allowEmpty: true, force: true }],
        ['clients:update', { clientId, description: 'Endret av vinduet' }],
      ] as const) {
        const error = await fail(channel, { adminProfileId: prodAdminId, ...extra, confirmProduction: true });
        expect(error.code).toBe('CHANGE_NOT_CONFIRMED');
      }
      expect(t.desktop.confirmations.at(-2)?.detail).toContain(`SHA-256-tommelavtrykk (JWK): ${key.thumbprint}`);
      // A key change outside production is asked too.
      const testClient = (await createClientAnswered((await newKey('Testklient')).id)).client.clientId;
      expect(
        (await fail('clients:publish-key', { adminProfileId: adminId, clientId: testClient, keyId: planted.id })).code,
      ).toBe('CHANGE_NOT_CONFIRMED');
      expect(t.desktop.confirmations.at(-1)).toMatchObject({ production: false });
      expect(jwksWrites()).toBe(writesBefore + 1);
      expect(world.selfService.client(clientId)!.keys.map((k) => k.kid)).toEqual([key.kid]);
      expect(world.selfService.client(clientId)!.client.description).toBe('Ekte');
      expect((await t.services.keys.get(planted.id)).registeredAt).toBeNull();
    } finally {
      t.desktop.answers.confirm = true;
    }
    // In English when the person uses English; and a yes goes through.
    await ok('settings:update', { language: 'en' });
    try {
      await ok('clients:publish-key', {
        adminProfileId: prodAdminId,
        clientId,
        keyId: planted.id,
        confirmProduction: true,
      });
      expect(t.desktop.confirmations.at(-1)?.message).toBe(
        `Publish key ${planted.kid} on client ${clientId} in Local production local-prod (PRODUCTION)?`,
      );
      expect(world.selfService.client(clientId)!.keys.map((k) => k.kid)).toEqual([key.kid, planted.kid]);
    } finally {
      await ok('settings:update', { language: 'nb' });
    }
  });

  /** A client in the test environment with one key, created while main's confirmation answers yes. */
  async function createClientAnswered(keyId: string) {
    const before = t.desktop.answers.confirm;
    t.desktop.answers.confirm = true;
    try {
      return await createClient(keyId, `Test ${Date.now()}`, 'Test');
    } finally {
      t.desktop.answers.confirm = before;
    }
  }

  it('updates scopes and description; the new scope works for the client at once', async () => {
    const key = await newKey('Oppdater');
    const created = await createClient(key.id, 'Oppdater', 'Før', { createProfile: { name: 'Oppdater' } });
    const clientId = created.client.clientId;
    const both = [...SCOPES, 'altinn:serviceowner/instances.write'];
    const updated = await ok('clients:update', {
      adminProfileId: adminId,
      clientId,
      description: 'Etter',
      scopes: both,
    });
    expect(updated).toMatchObject({ description: 'Etter', scopes: both, integrationType: 'maskinporten' });
    expect(updated.keys.map((k) => k.kid)).toEqual([key.kid]);
    expect(updated.profileIds).toEqual([created.profile!.id]);
    await ok('profiles:update', { id: created.profile!.id, patch: { scopes: both } });
    expect(
      String((await tokenFor(created.profile!.id)).claims.scope)
        .split(' ')
        .sort(),
    ).toEqual([...both].sort());
  });

  it('maps refusals: not admin, missing scope, no self-service API, unknown client, unreachable, 401', async () => {
    const key = await newKey('Vanlig');
    const plain = await ok('profiles:add', {
      name: 'Vanlig',
      environmentId: 'local',
      clientId: 'x',
      keyId: key.id,
      scopes: SCOPES,
    });
    expect((await fail('clients:list', { adminProfileId: plain.id })).code).toBe('SELFSERVICE_NOT_ADMIN');

    const adminKeyId = (await t.services.profiles.get(adminId)).keyId;
    const adminOn = (name: string, environmentId: string, scopes = ADMIN_SCOPES) =>
      ok('profiles:add', { name, environmentId, clientId: ADMIN_CLIENT_ID, keyId: adminKeyId, scopes, admin: true });
    const readOnly = await adminOn('Bare lese', 'local', ['idporten:dcr.read']);
    const noWrite = await fail('clients:create', {
      adminProfileId: readOnly.id,
      clientName: 'x',
      description: 'x',
      scopes: SCOPES,
    });
    expect(noWrite.code).toBe('SELFSERVICE_FORBIDDEN_SCOPE');
    expect(noWrite.message).toContain('idporten:dcr.write');

    const onPlainEnv = await adminOn('Admin plain', 'plain');
    expect((await fail('clients:list', { adminProfileId: onPlainEnv.id })).code).toBe('SELFSERVICE_NOT_CONFIGURED');

    const missing = await fail('clients:get', { adminProfileId: adminId, clientId: 'no-such-client' });
    expect(missing.code).toBe('SELFSERVICE_NOT_FOUND');

    const onDeadEnv = await adminOn('Admin dead', 'dead');
    expect((await fail('clients:list', { adminProfileId: onDeadEnv.id })).code).toBe('SELFSERVICE_UNREACHABLE');

    // A 401 drops the cached admin token, so the next call fetches a fresh one.
    await ok('clients:list', { adminProfileId: adminId });
    world.selfService.failNext(401, '', { route: 'clients' });
    expect((await fail('clients:list', { adminProfileId: adminId })).code).toBe('SELFSERVICE_UNAUTHORIZED');
    const tokensBefore = world.auth.stats().token;
    await ok('clients:list', { adminProfileId: adminId });
    expect(world.auth.stats().token).toBe(tokensBefore + 1);
  });

  it('the fake API refuses an admin token got with a kid instead of the enterprise certificate', async () => {
    const key = await newKey('Uten sertifikat');
    const jwk = await t.services.keys.publicJwk(key.id);
    world.auth.registerClient({ clientId: 'kid-admin', orgNo: ORG_NUMBER, scopes: ADMIN_SCOPES, keys: [jwk] });
    const kidAdmin = await ok('profiles:add', {
      name: 'Kid admin',
      environmentId: 'local',
      clientId: 'kid-admin',
      keyId: key.id,
      scopes: ADMIN_SCOPES,
      admin: true,
    });
    const error = await fail('clients:list', { adminProfileId: kidAdmin.id });
    expect(error.code).toBe('SELFSERVICE_FORBIDDEN_SCOPE');
    expect(error.message).toContain('virksomhetssertifikat');
  });

  it('gives the manual path: the portal to open, the public JWK to paste, and the steps', async () => {
    const key = await newKey('Manuell');
    const guide = await ok('clients:manual-guide', { environmentId: 'tt02', keyId: key.id });
    expect(guide).toMatchObject({
      environmentId: 'tt02',
      portalUrl: 'https://samarbeid.digdir.no/',
      portalAllowed: true,
      portalEnvironment: 'TEST',
      propagationMinutes: 2,
    });
    expect(guide.steps[0]).toBe('open-portal');
    expect(guide.steps.at(-1)).toBe('run-doctor');
    expect(guide.jwk).toMatchObject({ kid: key.kid, kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(guide.jwk).not.toHaveProperty('d');
    expect(JSON.parse(guide.jwkText!)).toEqual(guide.jwk);
    // The portal URL passes the allowlisted shell:open-external.
    expect((await ok('shell:open-external', { url: guide.portalUrl })).opened).toBe(true);
    const prod = await ok('clients:manual-guide', { environmentId: 'prod' });
    expect(prod).toMatchObject({ production: true, portalEnvironment: 'PROD', jwk: null, jwkText: null });
  });

  it('never puts a token in a result, a file or the log', async () => {
    const { accessTokens } = world.auth.issuedTokens();
    expect(accessTokens.length).toBeGreaterThan(0);
    const files = await storedFiles();
    const log = t.logLines.join('\n');
    for (const token of accessTokens) {
      expect(files.keys.includes(token) || files.profiles.includes(token)).toBe(false);
      expect(log.includes(token)).toBe(false);
    }
  });
});

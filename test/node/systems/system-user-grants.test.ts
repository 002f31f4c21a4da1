import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyMaskinportenError } from '../../../src/node/auth/diagnostics';
import { type AuthFake, startAuthFake } from '../../fakes/auth-server';
import { type SystemRegisterFake, startSystemRegisterFake } from '../../fakes/system-register';
import { API_SCOPE, CUSTOMER_ORG, OTHER_CUSTOMER_ORG, VENDOR_CLIENT_ID, VENDOR_ORG } from './systems-harness';

const SYSTEM_ID = `${VENDOR_ORG}_grants`;
const OTHER_CLIENT = 'e6c5d3f4-7f80-4b92-acbd-2e3f4a5b6c7d';

/**
 * The fakes check system-user grants as Maskinporten checks them with Altinn (docs/system-vendors.md §3):
 * the type (MP-301), the fields (MP-302), and an approved system user for the org, the client and the
 * externalRef (MP-303; a missing externalRef is looked up as the org number, SystemUserController.cs).
 */
describe('system-user grants against the fakes', () => {
  let auth: AuthFake;
  let register: SystemRegisterFake;
  let privateKey: CryptoKey;
  const kid = 'grant-test-key';

  beforeAll(async () => {
    auth = await startAuthFake();
    register = await startSystemRegisterFake({ auth });
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid };
    auth.registerClient({ clientId: VENDOR_CLIENT_ID, orgNo: VENDOR_ORG, scopes: [API_SCOPE], keys: [jwk] });
    auth.registerClient({ clientId: OTHER_CLIENT, orgNo: VENDOR_ORG, scopes: [API_SCOPE], keys: [jwk] });
    auth.registerClient({
      clientId: 'vendor-admin',
      orgNo: VENDOR_ORG,
      scopes: ['altinn:authentication/systemuser.request.write'],
      keys: [jwk],
    });
    register.seedSystem({
      id: SYSTEM_ID,
      vendorOrgNo: VENDOR_ORG,
      name: { nb: 'Grants' },
      description: { nb: 'Grants' },
      rights: [{ resource: [{ id: 'urn:altinn:resource', value: 'krr' }] }],
      accessPackages: [],
      clientId: [VENDOR_CLIENT_ID],
      allowedRedirectUrls: [],
    });
  });

  afterAll(async () => {
    await register?.close();
    await auth?.close();
  });

  /** An approved system user, made the way Altinn makes one: a request, then the customer's yes. */
  async function approvedSystemUser(org: string, externalRef?: string): Promise<string> {
    const token = await vendorToken();
    const response = await fetch(`${register.authenticationApi}/systemuser/request/vendor`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        systemId: SYSTEM_ID,
        partyOrgNo: org,
        ...(externalRef ? { externalRef } : {}),
        rights: [{ resource: [{ id: 'urn:altinn:resource', value: 'krr' }] }],
      }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    return register.approve(id).id;
  }

  async function vendorToken(): Promise<string> {
    const answer = await token('vendor-admin', { scope: 'altinn:authentication/systemuser.request.write' });
    return answer.body.access_token as string;
  }

  async function token(clientId: string, claims: Record<string, unknown>) {
    const now = Math.floor(auth.now() / 1000);
    const assertion = await new SignJWT({ scope: API_SCOPE, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setAudience(auth.issuer)
      .setIssuer(clientId)
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .setJti(randomUUID())
      .sign(privateKey);
    const response = await fetch(auth.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const details = (org: string, extra: Record<string, unknown> = {}) => ({
    authorization_details: [
      {
        type: 'urn:altinn:systemuser',
        systemuser_org: { authority: 'iso6523-actorid-upis', ID: `0192:${org}` },
        ...extra,
      },
    ],
  });

  /** The app's reading of the answer: the AppError code the GUI and the CLI explain. */
  const appCode = (body: Record<string, unknown>) =>
    classifyMaskinportenError(400, body as { error?: string; error_description?: string }).code;

  it('issues a system-user token for an approved system user, without externalRef when the request had none', async () => {
    const id = await approvedSystemUser(CUSTOMER_ORG);
    const answer = await token(VENDOR_CLIENT_ID, details(CUSTOMER_ORG));
    expect(answer.status).toBe(200);
    const claims = await auth.verifyAccessToken(answer.body.access_token as string);
    expect(claims.authorization_details).toEqual([
      {
        type: 'urn:altinn:systemuser',
        systemuser_org: { authority: 'iso6523-actorid-upis', ID: `0192:${CUSTOMER_ORG}` },
        systemuser_id: [id],
        system_id: SYSTEM_ID,
      },
    ]);
    // Sending the default (the org number) as externalRef finds the same system user.
    expect((await token(VENDOR_CLIENT_ID, details(CUSTOMER_ORG, { externalRef: CUSTOMER_ORG }))).status).toBe(200);
  });

  it('MP-303 without the externalRef the request used, and with a wrong one', async () => {
    await approvedSystemUser(OTHER_CUSTOMER_ORG, 'tenant-7');
    const missing = await token(VENDOR_CLIENT_ID, details(OTHER_CUSTOMER_ORG));
    expect(missing.status).toBe(400);
    expect(missing.body.error_description).toContain('MP-303');
    expect(appCode(missing.body)).toBe('MASKINPORTEN_RAR_INVALID');
    expect((await token(VENDOR_CLIENT_ID, details(OTHER_CUSTOMER_ORG, { externalRef: 'tenant-8' }))).status).toBe(400);
    expect((await token(VENDOR_CLIENT_ID, details(OTHER_CUSTOMER_ORG, { externalRef: 'tenant-7' }))).status).toBe(200);
  });

  it('MP-303 for an org without a system user, the vendor’s own org, and a client the system does not list', async () => {
    for (const answer of [
      await token(VENDOR_CLIENT_ID, details('910753614')),
      await token(VENDOR_CLIENT_ID, details(VENDOR_ORG)),
      await token(OTHER_CLIENT, details(CUSTOMER_ORG)),
    ]) {
      expect(answer.status).toBe(400);
      expect(appCode(answer.body)).toBe('MASKINPORTEN_RAR_INVALID');
    }
  });

  it('MP-303 once the request is only pending, rejected or timed out', async () => {
    const t = await vendorToken();
    const make = async (externalRef: string) => {
      const response = await fetch(`${register.authenticationApi}/systemuser/request/vendor`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          systemId: SYSTEM_ID,
          partyOrgNo: CUSTOMER_ORG,
          externalRef,
          rights: [{ resource: [{ id: 'urn:altinn:resource', value: 'krr' }] }],
        }),
      });
      return ((await response.json()) as { id: string }).id;
    };
    const pending = await make('pending');
    register.reject(await make('rejected'));
    register.timeOut(await make('late'));
    for (const ref of ['pending', 'rejected', 'late']) {
      const answer = await token(VENDOR_CLIENT_ID, details(CUSTOMER_ORG, { externalRef: ref }));
      expect(appCode(answer.body), ref).toBe('MASKINPORTEN_RAR_INVALID');
    }
    expect(register.request(pending)?.status).toBe('New');
  });

  it('MP-301 for another type, MP-302 for fields Maskinporten does not know', async () => {
    const wrongType = await token(VENDOR_CLIENT_ID, {
      authorization_details: [{ type: 'urn:altinn:consent', systemuser_org: { ID: `0192:${CUSTOMER_ORG}` } }],
    });
    expect(wrongType.body.error_description).toContain('MP-301');
    expect(appCode(wrongType.body)).toBe('MASKINPORTEN_RAR_UNKNOWN_TYPE');
    const extraField = await token(VENDOR_CLIENT_ID, details(CUSTOMER_ORG, { systemuser_id: 'x' }));
    expect(extraField.body.error_description).toContain('MP-302');
    expect(appCode(extraField.body)).toBe('MASKINPORTEN_RAR_UNKNOWN_FIELD');
  });
});

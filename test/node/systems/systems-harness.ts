import type { KeySummary } from '../../../src/common/contract/keys';
import type { Profile } from '../../../src/common/contract/profiles';
import { VENDOR_SCOPES } from '../../../src/common/contract/systems-limits';
import { type AuthFake, startAuthFake } from '../../fakes/auth-server';
import { type SystemRegisterFake, startSystemRegisterFake } from '../../fakes/system-register';
import { dispatchOk, registerKeyOnFakeClient, writeEnvironmentsFile } from '../../helpers/local-world';
import type { testServices } from '../../helpers/test-services';

/** The vendor: Digdir's org number (valid mod-11). Its client both administers systems and gets system-user tokens. */
export const VENDOR_ORG = '991825827';
/** A customer org number from Altinn's docs (valid mod-11). */
export const CUSTOMER_ORG = '310904473';
export const OTHER_CUSTOMER_ORG = '314250052';
export const VENDOR_CLIENT_ID = 'c4a3b1f2-5d6e-4f70-8a9b-0c1d2e3f4a5b';
/** A client of the same vendor with only the read scope (the 403 cases). */
export const READER_CLIENT_ID = 'd5b4c2e3-6e7f-4a81-9bac-1d2e3f4a5b6c';
/** An API scope the system-user tokens are for (Altinn's token example uses KRR's). */
export const API_SCOPE = 'krr:global/kontaktinformasjon.read';
export const VENDOR_SCOPE_SET = [VENDOR_SCOPES.register, VENDOR_SCOPES.requestWrite, VENDOR_SCOPES.requestRead];

export interface SystemsWorld {
  auth: AuthFake;
  register: SystemRegisterFake;
  close(): Promise<void>;
}

/** The auth fake with the system-register fake in front of it (2 items per page, so listings follow `next`). */
export async function startSystemsWorld(options: { pageSize?: number } = {}): Promise<SystemsWorld> {
  const auth = await startAuthFake();
  const register = await startSystemRegisterFake({ auth, pageSize: options.pageSize ?? 2 });
  return {
    auth,
    register,
    async close() {
      await register.close();
      await auth.close();
    },
  };
}

/** <home>/environments.json: `local` (test) and `local-prod` (production) over the fakes. */
export async function writeSystemsEnvironments(home: string, world: SystemsWorld): Promise<void> {
  await writeEnvironmentsFile(home, [
    world.register.environmentsFileEntry('local'),
    world.register.environmentsFileEntry('local-prod', true),
  ]);
}

export interface VendorSetup {
  key: KeySummary;
  vendor: Profile;
  api: Profile;
  reader: Profile;
  vendorProd: Profile;
}

/**
 * A key registered on the vendor's client (vendor scopes + the API scope) and on a reader client, and the
 * profiles a vendor would make: the vendor profile, a plain API profile on the same client (whose client id
 * and key the system-user profiles reuse), a reader-only profile, and the vendor profile in production.
 */
export async function setUpVendor(
  t: Pick<ReturnType<typeof testServices>, 'dispatch'>,
  world: SystemsWorld,
): Promise<VendorSetup> {
  const key = await registerKeyOnFakeClient(
    t.dispatch,
    world.auth,
    { name: 'Leverandørnøkkel' },
    { clientId: VENDOR_CLIENT_ID, orgNo: VENDOR_ORG, scopes: [...VENDOR_SCOPE_SET, API_SCOPE] },
  );
  const jwk = await dispatchOk<object>(t.dispatch, 'keys:export-public-jwk', { id: key.id });
  world.auth.registerClient({
    clientId: READER_CLIENT_ID,
    orgNo: VENDOR_ORG,
    scopes: [VENDOR_SCOPES.requestRead],
    keys: [jwk],
  });
  const add = (input: object) => dispatchOk<Profile>(t.dispatch, 'profiles:add', input);
  const common = { environmentId: 'local', clientId: VENDOR_CLIENT_ID, keyId: key.id };
  return {
    key,
    vendor: await add({ ...common, name: 'Leverandør', scopes: VENDOR_SCOPE_SET }),
    api: await add({ ...common, name: 'KRR-klient', scopes: [API_SCOPE] }),
    reader: await add({
      ...common,
      clientId: READER_CLIENT_ID,
      name: 'Bare lesing',
      scopes: [VENDOR_SCOPES.requestRead],
    }),
    vendorProd: await add({
      ...common,
      environmentId: 'local-prod',
      name: 'Leverandør prod',
      scopes: VENDOR_SCOPE_SET,
    }),
  };
}

/** A system for the vendor's client with one right and one access package. */
export function systemInput(vendorProfileId: string, id = `${VENDOR_ORG}_smartcloud`, extra: object = {}) {
  return {
    vendorProfileId,
    system: {
      id,
      name: { nb: 'SmartCloud', en: 'SmartCloud' },
      description: { nb: 'Regnskap i skyen', en: 'Accounting in the cloud' },
      resourceIds: ['ske-krav-og-betalinger'],
      accessPackages: ['urn:altinn:accesspackage:skattnaering'],
      clientIds: [VENDOR_CLIENT_ID],
      allowedRedirectUrls: ['https://smartcloud.example/receipt'],
      isVisible: true,
      ...extra,
    },
  };
}

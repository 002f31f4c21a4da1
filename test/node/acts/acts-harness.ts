import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Profile } from '../../../src/common/schemas/profile';
import type { ActWorld } from '../../../src/node/acts/act-world';
import { createAppMetadataSource } from '../../../src/node/acts/app-metadata';
import { createInstanceActsService } from '../../../src/node/acts/instance-acts-service';
import type { Environment } from '../../../src/node/environments/environments';
import { type MainConfirmRequest, scriptedDesktop } from '../../../src/node/platform/desktop';
import { StorageClient } from '../../../src/node/storage/storage-client';
import { type FakeStorageOptions, simpleTokenCheck, startFakeAltinnStorage } from '../../fakes/altinn-storage';
import type { FakeAppDefinition } from '../../fakes/fake-apps';
import { fastRetry, tokenStub } from '../downloads/harness';

/** A test app: a prefilled form and attachments in Task_1, a case worker's task Task_2, then the end. */
export const SOKNAD: FakeAppDefinition = {
  id: 'ttd/soknad',
  title: { nb: 'Søknad om tilskudd', en: 'Grant application' },
  dataTypes: [
    { id: 'ref-data-as-pdf', allowedContentTypes: ['application/pdf'], maxCount: 0 },
    {
      id: 'model',
      allowedContentTypes: ['application/xml'],
      appLogic: { autoCreate: true, classRef: 'Altinn.App.Models.Soknad' },
      taskId: 'Task_1',
      maxCount: 1,
      minCount: 1,
    },
    {
      id: 'vedlegg',
      allowedContentTypes: ['application/pdf', 'image/png'],
      maxSize: 1,
      maxCount: 2,
      minCount: 1,
      taskId: 'Task_1',
    },
    { id: 'vedtak', allowedContentTypes: ['application/pdf'], maxCount: 1, taskId: 'Task_2' },
  ],
  partyTypesAllowed: { organisation: true, person: true },
  process: [
    { id: 'Task_1', type: 'data', name: 'Utfylling' },
    { id: 'Task_2', type: 'data', name: 'Saksbehandling' },
  ],
};

/** An app whose second task is a confirmation: the template policy gives the owner no `confirm`. */
export const BEKREFT: FakeAppDefinition = {
  id: 'ttd/bekreft',
  dataTypes: [{ id: 'vedlegg', allowedContentTypes: ['application/pdf'], maxCount: 5 }],
  partyTypesAllowed: { organisation: true },
  process: [
    { id: 'Task_1', type: 'data', name: 'Utfylling' },
    { id: 'Task_2', type: 'confirmation', name: 'Bekreftelse', actions: ['confirm'] },
  ],
};

/** Valid numbers (mod 11): two organisations, a sub-unit and a (synthetic) person. */
export const ORG = { partyId: 50001, orgNumber: '910753614', name: 'TILSKUDD AS' };
export const ORG2 = { partyId: 50002, orgNumber: '313367002', name: 'ANDRE BEDRIFT AS' };
export const SUBUNIT = { partyId: 50003, orgNumber: '311654306', name: 'TILSKUDD AS AVD BERGEN' };
export const PERSON = { partyId: 50010, ssn: '15058550121', name: 'KARI NORDMANN' };

export const WRITE = 'altinn:serviceowner/instances.write';
export const READ = 'altinn:serviceowner/instances.read';

export function profile(scopes: string[] = [READ, WRITE]): Profile {
  return {
    id: 'p1',
    name: 'Saksbehandling',
    environmentId: 'fake',
    clientId: 'client-1',
    keyId: 'key-1',
    scopes,
    org: 'ttd',
    apps: ['ttd/soknad'],
    testOrg: false,
    admin: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  } as Profile;
}

/**
 * The Storage and app fake with SOKNAD and BEKREFT defined and four parties in Register, a real StorageClient
 * over it, the plain writes' world, and the service (a scripted desktop answers main's question).
 */
export async function actsHarness(
  options: Partial<FakeStorageOptions> = {},
  extra: {
    env?: Partial<Environment>;
    scopes?: string[];
    confirm?: boolean | ((request: MainConfirmRequest) => boolean);
    now?: () => Date;
  } = {},
) {
  const fake = await startFakeAltinnStorage({ validateToken: simpleTokenCheck, ...options });
  fake.writes.defineApp(SOKNAD);
  fake.writes.defineApp(BEKREFT);
  fake.writes.addParty({ ...ORG, partyTypeName: 2, unitType: 'AS' });
  fake.writes.addParty({ ...ORG2, partyTypeName: 2, unitType: 'AS' });
  fake.writes.addParty({ ...SUBUNIT, partyTypeName: 2, unitType: 'BEDR' });
  fake.writes.addParty({ ...PERSON, partyTypeName: 1 });
  const environment = fake.environment(extra.env);
  const tokens = tokenStub();
  const client = new StorageClient({ fetch, tokens, profileId: 'p1', environment, retry: fastRetry });
  let clock = extra.now ?? (() => new Date());
  const metadata = createAppMetadataSource({ fetch, now: () => clock().getTime() });
  const world: ActWorld = { api: client, metadata, now: () => clock() };
  const desktop = scriptedDesktop({ confirm: extra.confirm });
  const service = createInstanceActsService({
    getProfile: async () => profile(extra.scopes),
    storageFor: async () => ({ client, environment }),
    metadata,
    desktop,
    language: async () => 'nb',
    now: () => clock(),
  });
  const dir = await mkdtemp(join(tmpdir(), 'mpd-acts-'));
  return {
    fake,
    client,
    environment,
    world,
    service,
    desktop,
    dir,
    setClock(next: () => Date) {
      clock = next;
    },
    /** A file in the test's folder. */
    async file(name: string, content: string | Uint8Array): Promise<string> {
      const path = join(dir, name);
      await writeFile(path, content);
      return path;
    },
    /** The writes that reached the fake (the metadata GET is a read). */
    writes() {
      return fake.requests.filter((r) => r.op !== undefined && r.op !== 'metadata' && r.op !== 'process-get');
    },
    async cleanup() {
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A small valid PDF's bytes (enough for the fake: it checks types by name and header, not content). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

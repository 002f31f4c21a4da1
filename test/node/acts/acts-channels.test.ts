import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PickedFile } from '../../../src/common/contract/files';
import type { LocalFileInfo } from '../../../src/common/contract/instance-acts';
import type { Profile } from '../../../src/common/contract/profiles';
import { ACT_DATA_HANDLE_TTL_MS, FILE_HANDLE_TTL_MS } from '../../../src/node/platform/file-handles';
import { altinnTokenCheck, type FakeAltinnStorage, startFakeAltinnStorage } from '../../fakes/altinn-storage';
import { type AuthFake, startAuthFake } from '../../fakes/auth-server';
import { channelCalls } from '../../helpers/channel-calls';
import {
  dispatchOk,
  localEnvironment,
  registerKeyOnFakeClient,
  writeEnvironmentsFile,
} from '../../helpers/local-world';
import { tempHome } from '../../helpers/temp-home';
import { testServices } from '../../helpers/test-services';
import { ORG, PDF, SOKNAD } from './acts-harness';

const ORGNO = '991825827';
const SCOPES = ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'];

/**
 * The window's channels (src/node/handlers/instance-acts-handlers.ts) over the real services, token service
 * and dispatch: in Production a write needs the window's `confirmProduction` and then main's own yes; files
 * come only as one-time handles from main's own dialog or its confirmation of a drop (issue 17, finding 4).
 */
describe('act channels from the window', () => {
  let auth: AuthFake;
  let storage: FakeAltinnStorage;
  let t: ReturnType<typeof testServices>;
  let cleanup: () => Promise<void>;
  let prod: Profile;
  let test: Profile;
  let dir: string;
  let pdf: string;
  let prefillFile: string;
  /** Main's clock runs this far ahead (a handle's life); the fakes keep the real time. */
  let skew = 0;
  const { ok, fail } = channelCalls(() => t.dispatch);

  beforeAll(async () => {
    auth = await startAuthFake();
    auth.registerServiceOwner(ORGNO, 'ttd');
    storage = await startFakeAltinnStorage({ validateToken: altinnTokenCheck((x) => auth.verifyAltinnToken(x)) });
    storage.writes.defineApp(SOKNAD);
    storage.writes.addParty({ ...ORG, partyTypeName: 2, unitType: 'AS' });
    const temp = await tempHome();
    cleanup = temp.cleanup;
    t = testServices(temp.home, { now: () => new Date(Date.now() + skew) });
    dir = await mkdtemp(join(tmpdir(), 'mpd-act-files-'));
    pdf = join(dir, 'vedtak.pdf');
    await writeFile(pdf, PDF);
    prefillFile = join(dir, 'prefill.json');
    await writeFile(prefillFile, JSON.stringify({ 'Soknad.Belop': 125000 }));
    await writeEnvironmentsFile(temp.home, [
      localEnvironment({ auth, storage, name: 'Lokal test' }),
      localEnvironment({ auth, storage, id: 'localprod', name: 'Lokal produksjon', production: true }),
    ]);
    const key = await registerKeyOnFakeClient(
      t.dispatch,
      auth,
      { name: 'k' },
      { clientId: 'c1', orgNo: ORGNO, scopes: SCOPES },
    );
    const base = { clientId: 'c1', keyId: key.id, scopes: SCOPES, org: 'ttd', apps: [SOKNAD.id] };
    test = await dispatchOk<Profile>(t.dispatch, 'profiles:add', { ...base, name: 'Test', environmentId: 'local' });
    prod = await dispatchOk<Profile>(t.dispatch, 'profiles:add', { ...base, name: 'Prod', environmentId: 'localprod' });
  });
  afterAll(async () => {
    await storage?.close();
    await auth?.close();
    await cleanup?.();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    t.desktop.confirmations.length = 0;
    t.desktop.answers.confirm = true;
    skew = 0;
  });

  const create = (profileId: string, extra: Record<string, unknown> = {}) =>
    t.dispatch('act:create', { profileId, appId: SOKNAD.id, owner: { kind: 'org', value: ORG.orgNumber }, ...extra });

  it('outside Production: created at once, main is not asked', async () => {
    const envelope = await create(test.id);
    expect(envelope).toMatchObject({
      ok: true,
      result: { party: { name: ORG.name }, instance: { currentTask: 'Task_1' } },
    });
    expect(t.desktop.confirmations).toHaveLength(0);
  });

  it("in Production: no confirmProduction → refused; main's no → declined; main's yes → created", async () => {
    const before = storage.instances.size;
    expect(await create(prod.id)).toMatchObject({ ok: false, error: { code: 'ACT_PRODUCTION_CONFIRM_REQUIRED' } });
    expect(t.desktop.confirmations).toHaveLength(0);
    t.desktop.answers!.confirm = false;
    const declined = await create(prod.id, { confirmProduction: true });
    expect(declined).toMatchObject({
      ok: false,
      error: {
        code: 'CHANGE_NOT_CONFIRMED',
        details: { outcome: 'not-sent' },
        hint: expect.stringContaining('Nothing was sent'),
      },
    });
    expect(storage.instances.size).toBe(before);
    t.desktop.answers!.confirm = true;
    expect(await create(prod.id, { confirmProduction: true })).toMatchObject({ ok: true });
    expect(storage.instances.size).toBe(before + 1);
    expect(t.desktop.confirmations.map((c) => c.message)).toEqual([
      `Opprette en instans av ${SOKNAD.id} i Lokal produksjon (PRODUKSJON)?`,
      `Opprette en instans av ${SOKNAD.id} i Lokal produksjon (PRODUKSJON)?`,
    ]);
  });

  it("main's question names the instance and the change of every other write", async () => {
    t.desktop.answers!.confirm = true;
    const created = await dispatchOk<{ instance: { id: string } }>(t.dispatch, 'act:create', {
      profileId: prod.id,
      appId: SOKNAD.id,
      owner: { kind: 'org', value: ORG.orgNumber },
      confirmProduction: true,
    });
    t.desktop.confirmations.length = 0;
    const on = { profileId: prod.id, appId: SOKNAD.id, instanceId: created.instance.id, confirmProduction: true };
    await dispatchOk(t.dispatch, 'act:update-status', { ...on, substatus: { label: 'Under behandling' } });
    t.desktop.answers!.confirm = false;
    const refused = await t.dispatch('act:delete', { ...on, hard: true, hardConfirmed: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CHANGE_NOT_CONFIRMED' } });
    // The shape of every question main asks (confirm-in-main.ts): the environment first, then the change.
    expect(t.desktop.confirmations.map((c) => [c.message, c.detail, c.confirmLabel])).toEqual([
      [
        'Endre det brukeren ser av en instans i Lokal produksjon (PRODUKSJON)?',
        [
          'Miljø: Lokal produksjon (PRODUKSJON)',
          `App: ${SOKNAD.id}`,
          `Instans: ${created.instance.id}`,
          'Understatus: Under behandling',
          'Dette er produksjon: endringen gjelder ekte virksomheter og ekte data.',
        ],
        'Lagre statusen',
      ],
      [
        'Slette en instans PERMANENT i Lokal produksjon (PRODUKSJON)?',
        [
          'Miljø: Lokal produksjon (PRODUKSJON)',
          `App: ${SOKNAD.id}`,
          `Instans: ${created.instance.id}`,
          'Permanent sletting: kan ikke angres.',
          'Dette er produksjon: endringen gjelder ekte virksomheter og ekte data.',
        ],
        'Slett permanent',
      ],
    ]);
  });

  /** Main's dialog picks `path` (the scripted desktop answers it): the handle and what main read. */
  async function choose(path: string, purpose: 'data' | 'prefill' = 'data'): Promise<LocalFileInfo> {
    t.desktop.answers.openFile = path;
    const { file } = await ok('act:choose-file', { purpose });
    if (!file) throw new Error('the dialog chose nothing');
    return file;
  }
  const writesSent = () => storage.requests.filter((r) => r.op && r.op !== 'metadata').length;
  const newInstance = async (profileId = test.id) =>
    (
      await ok('act:create', {
        profileId,
        appId: SOKNAD.id,
        owner: { kind: 'org', value: ORG.orgNumber },
        ...(profileId === prod.id ? { confirmProduction: true } : {}),
      })
    ).instance.id;
  const addInput = (instanceId: string, file: unknown, profileId = test.id) => ({
    profileId,
    appId: SOKNAD.id,
    instanceId,
    dataType: 'vedlegg',
    file,
    ...(profileId === prod.id ? { confirmProduction: true } : {}),
  });

  it("choose-file: main's dialog answers a handle with the file's name, size and content type, or null", async () => {
    const picked = await choose(pdf);
    expect(picked).toEqual({
      handle: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      name: 'vedtak.pdf',
      size: PDF.length,
      contentType: 'application/pdf',
    });
    expect(JSON.stringify(picked)).not.toContain(dir);
    t.desktop.answers.openFile = null;
    expect(await ok('act:choose-file', { purpose: 'data' })).toEqual({ file: null });
  });

  it('a handle from choose-file sends its file once; a path, a forged, used, expired or UNC handle is PATH_NOT_FROM_DIALOG', async () => {
    const instanceId = await newInstance();
    const picked = await choose(pdf);
    const added = await ok('act:data-add', addInput(instanceId, picked.handle));
    expect(added.element).toMatchObject({ dataType: 'vedlegg', filename: 'vedtak.pdf' });
    const sent = writesSent();

    const late = await choose(pdf);
    skew = ACT_DATA_HANDLE_TTL_MS;
    const refused = [
      await fail('act:data-add', addInput(instanceId, picked.handle)), // used
      await fail('act:data-add', addInput(instanceId, pdf)), // a raw path of a real file
      await fail('act:data-add', addInput(instanceId, 'A'.repeat(43))), // forged
      await fail('act:data-add', addInput(instanceId, late.handle)), // expired (30 minutes after the pick)
      await fail('act:data-add', addInput(instanceId, '\\\\attacker\\share\\vedtak.pdf')),
      await fail('act:data-add', addInput(instanceId, '//attacker/share/vedtak.pdf')),
      await fail('act:data-replace', {
        profileId: test.id,
        appId: SOKNAD.id,
        instanceId,
        elementId: added.element.id,
        file: pdf,
      }),
      await fail('act:inspect-file', { file: pdf }),
      await fail('act:read-prefill', { file: prefillFile }),
      await fail('act:create', {
        profileId: test.id,
        appId: SOKNAD.id,
        owner: { kind: 'org', value: ORG.orgNumber },
        files: [{ dataType: 'vedlegg', file: pdf }],
      }),
    ];
    expect(refused.map((e) => e.code)).toEqual(Array(refused.length).fill('PATH_NOT_FROM_DIALOG'));
    // One message for all: it tells nothing about whether a file exists.
    expect(new Set(refused.map((e) => e.message)).size).toBe(1);
    expect(writesSent()).toBe(sent);
  });

  it('a network or device path from the dialog is refused before anything reads it', async () => {
    for (const unc of ['\\\\attacker\\share\\vedtak.pdf', '//attacker/share/x.json']) {
      t.desktop.answers.openFile = unc;
      expect((await fail('act:choose-file', { purpose: 'data' })).code).toBe('NETWORK_PATH_REFUSED');
      expect((await fail('act:choose-file', { purpose: 'prefill' })).code).toBe('NETWORK_PATH_REFUSED');
    }
  });

  it('a handle is for its purpose: a prefill handle uploads nothing, an upload handle is no prefill', async () => {
    const instanceId = await newInstance();
    const prefill = await choose(prefillFile, 'prefill');
    expect(prefill.name).toBe('prefill.json');
    expect((await fail('act:data-add', addInput(instanceId, prefill.handle))).code).toBe('PATH_NOT_FROM_DIALOG');
    const data = await choose(pdf);
    expect((await fail('act:read-prefill', { file: data.handle })).code).toBe('PATH_NOT_FROM_DIALOG');

    const again = await choose(prefillFile, 'prefill');
    expect(await ok('act:read-prefill', { file: again.handle })).toEqual({ prefill: { 'Soknad.Belop': '125000' } });
    expect((await fail('act:read-prefill', { file: again.handle })).code).toBe('PATH_NOT_FROM_DIALOG');
    // A prefill file is read right after its pick: its handle keeps the short life.
    const late = await choose(prefillFile, 'prefill');
    skew = FILE_HANDLE_TTL_MS;
    expect((await fail('act:read-prefill', { file: late.handle })).code).toBe('PATH_NOT_FROM_DIALOG');
  });

  it("a file kept while the form is filled in: alive after 29 minutes, the pick's deadline kept through renewals", async () => {
    const instanceId = await newInstance();
    const picked = await choose(pdf);
    skew = ACT_DATA_HANDLE_TTL_MS - 60_000;
    const added = await ok('act:data-add', addInput(instanceId, picked.handle));
    expect(added.element.filename).toBe('vedtak.pdf');
  });

  it("main's no hands the file back under a new handle (the old one is used up); the yes then sends it", async () => {
    const instanceId = await newInstance(prod.id);
    const picked = await choose(pdf);
    t.desktop.answers.confirm = false;
    const sent = writesSent();
    const declined = await fail('act:data-add', addInput(instanceId, picked.handle, prod.id));
    expect(declined.code).toBe('CHANGE_NOT_CONFIRMED');
    expect(writesSent()).toBe(sent);
    const renewed = (declined.details?.renewed ?? {}) as Record<string, PickedFile>;
    expect(Object.keys(renewed)).toEqual([picked.handle]);
    const again = renewed[picked.handle] as PickedFile;
    expect(again).toEqual({ handle: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), name: 'vedtak.pdf' });
    expect(again.handle).not.toBe(picked.handle);
    t.desktop.answers.confirm = true;
    expect((await fail('act:data-add', addInput(instanceId, picked.handle, prod.id))).code).toBe(
      'PATH_NOT_FROM_DIALOG',
    );
    const added = await ok('act:data-add', addInput(instanceId, again.handle, prod.id));
    expect(added.element.filename).toBe('vedtak.pdf');
    expect(t.desktop.confirmations.map((c) => c.message)).toEqual([
      `Opprette en instans av ${SOKNAD.id} i Lokal produksjon (PRODUKSJON)?`,
      'Laste opp «vedtak.pdf» til en instans i Lokal produksjon (PRODUKSJON)?',
      'Laste opp «vedtak.pdf» til en instans i Lokal produksjon (PRODUKSJON)?',
    ]);
    expect(t.desktop.confirmations[1]?.detail).toEqual([
      'Miljø: Lokal produksjon (PRODUKSJON)',
      `App: ${SOKNAD.id}`,
      `Instans: ${instanceId}`,
      'Fil: vedtak.pdf',
      'Datatype: vedlegg',
      'Dette er produksjon: endringen gjelder ekte virksomheter og ekte data.',
    ]);
  });

  it("Altinn's refusal hands the file back too; a renewal keeps the pick's deadline", async () => {
    // An instance whose process has ended: the app refuses new data (409, instance not active).
    const first = await choose(pdf);
    const created = await ok('act:create', {
      profileId: test.id,
      appId: SOKNAD.id,
      owner: { kind: 'org', value: ORG.orgNumber },
      files: [{ dataType: 'vedlegg', file: first.handle }],
    });
    const on = { profileId: test.id, appId: SOKNAD.id, instanceId: created.instance.id };
    await ok('act:process-next', on);
    await ok('act:process-complete', on);
    const picked = await choose(pdf);
    skew = 20 * 60_000;
    const refused = await fail('act:data-add', addInput(created.instance.id, picked.handle));
    expect(refused.details).toMatchObject({ outcome: 'refused' });
    const again = ((refused.details?.renewed ?? {}) as Record<string, PickedFile>)[picked.handle] as PickedFile;
    expect(again.name).toBe('vedtak.pdf');
    // Still the pick's 30 minutes, not 30 more: 20 + 10 is the end of it.
    skew = ACT_DATA_HANDLE_TTL_MS;
    const late = await fail('act:data-add', addInput(created.instance.id, again.handle));
    expect(late.code).toBe('PATH_NOT_FROM_DIALOG');
  });

  it('a create with a handle that is not live sends nothing and hands the live files back', async () => {
    const live = await choose(pdf);
    const sent = writesSent();
    const before = storage.instances.size;
    const refused = await fail('act:create', {
      profileId: test.id,
      appId: SOKNAD.id,
      owner: { kind: 'org', value: ORG.orgNumber },
      files: [
        { dataType: 'vedlegg', file: live.handle },
        { dataType: 'vedlegg', file: 'A'.repeat(43) },
      ],
    });
    expect(refused.code).toBe('PATH_NOT_FROM_DIALOG');
    expect(Object.keys(refused.details?.renewed as object)).toEqual([live.handle]);
    expect(writesSent()).toBe(sent);
    expect(storage.instances.size).toBe(before);
  });

  it("a dropped file: main's question, then inspected by handle (a new handle in the answer), then sent", async () => {
    const instanceId = await newInstance();
    const dropped = await t.droppedFile({ paths: [pdf], purpose: 'act-data' });
    if (!dropped.ok || !dropped.result?.[0]) throw new Error('no handle for a confirmed drop');
    expect(t.desktop.confirmations.at(-1)?.message).toBe('Legge til filen «vedtak.pdf» for opplasting?');
    const handed = dropped.result[0];
    const info = await ok('act:inspect-file', { file: handed.handle });
    expect(info).toMatchObject({ name: 'vedtak.pdf', size: PDF.length, contentType: 'application/pdf' });
    expect(info.handle).not.toBe(handed.handle);
    expect((await fail('act:inspect-file', { file: handed.handle })).code).toBe('PATH_NOT_FROM_DIALOG');
    const added = await ok('act:data-add', addInput(instanceId, info.handle));
    expect(added.element.filename).toBe('vedtak.pdf');
  });

  it('validates input at the seam: an instance id that is not partyId/guid, an owner kind that does not exist', async () => {
    expect(await t.dispatch('act:process', { profileId: test.id, appId: SOKNAD.id, instanceId: '../x' })).toMatchObject(
      {
        ok: false,
        error: { code: 'INVALID_INPUT' },
      },
    );
    expect(await create(test.id, { owner: { kind: 'ssn', value: '1' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createInstance } from '../../../src/node/acts/create-instance';
import { actsHarness, ORG, PDF, READ } from './acts-harness';

let h: Awaited<ReturnType<typeof actsHarness>>;
afterEach(async () => h?.cleanup());

describe('a local refusal sends nothing (issue 19, item 1)', () => {
  it.each([
    ['an org number with a wrong check digit', { kind: 'org', value: '910753615' }, 'checksum'],
    ['an org number of 8 digits', { kind: 'org', value: '91075361' }, 'length'],
    ['a national identity number with a wrong check digit', { kind: 'person', value: '15058550122' }, 'checksum'],
    ['letters in a party id', { kind: 'party', value: '5000x' }, 'not-digits'],
  ] as const)('%s: ACT_OWNER_INVALID, no request at all', async (_name, owner, problem) => {
    h = await actsHarness();
    const error = await createInstance(h.world, { appId: 'ttd/soknad', owner }).catch((e) => e);
    expect(error.code).toBe('ACT_OWNER_INVALID');
    expect(error.details).toMatchObject({ kind: owner.kind, problem, outcome: 'not-sent' });
    // A national identity number is personal data: it is not repeated in the message.
    expect(error.message).not.toContain(owner.value);
    expect(h.fake.requests).toHaveLength(0);
  });

  it.each([
    ['a nested object', { Soknad: { Belop: 1 } }],
    ['a list', { 'Soknad.Vedlegg': ['a'] }],
    ['null', { 'Soknad.Belop': null }],
    ['a path with spaces', { 'Soknad Belop': '1' }],
  ])('prefill with %s: ACT_PREFILL_INVALID, no request', async (_name, prefill) => {
    h = await actsHarness();
    const error = await createInstance(h.world, {
      appId: 'ttd/soknad',
      owner: { kind: 'org', value: ORG.orgNumber },
      prefill,
    }).catch((e) => e);
    expect(error.code).toBe('ACT_PREFILL_INVALID');
    expect(h.fake.requests).toHaveLength(0);
  });

  it('a date that is not ISO 8601: ACT_DATE_INVALID, no request', async () => {
    h = await actsHarness();
    const error = await createInstance(h.world, {
      appId: 'ttd/soknad',
      owner: { kind: 'org', value: ORG.orgNumber },
      dueBefore: '31.12.2026',
    }).catch((e) => e);
    expect(error.code).toBe('ACT_DATE_INVALID');
    expect(h.fake.requests).toHaveLength(0);
  });

  const part = (over: Partial<{ dataType: string; filename: string; contentType: string; bytes: Uint8Array }>) => ({
    dataType: 'vedlegg',
    filename: 'a.pdf',
    contentType: 'application/pdf',
    bytes: PDF,
    ...over,
  });

  it.each([
    ['a data type the app does not have', [part({ dataType: 'bilag' })], 'ACT_DATA_TYPE_UNKNOWN'],
    [
      'a content type the data type does not allow',
      [part({ filename: 'a.txt', contentType: 'text/plain' })],
      'ACT_CONTENT_TYPE_NOT_ALLOWED',
    ],
    ['a file over maxSize (1 MB)', [part({ bytes: new Uint8Array(1024 * 1024 + 1) })], 'ACT_FILE_TOO_LARGE'],
    ['an empty file', [part({ bytes: new Uint8Array(0) })], 'ACT_FILE_EMPTY'],
    ['a file name without extension', [part({ filename: 'vedlegg' })], 'ACT_FILE_NAME_INVALID'],
    ['more files than maxCount (2)', [part({}), part({}), part({})], 'ACT_TOO_MANY_FILES'],
    ['the receipt ref-data-as-pdf', [part({ dataType: 'ref-data-as-pdf' })], 'ACT_ELEMENT_READ_ONLY'],
    [
      'form data that is neither XML nor JSON',
      [part({ dataType: 'model', filename: 'f.txt', contentType: 'text/plain' })],
      'ACT_CONTENT_TYPE_NOT_ALLOWED',
    ],
  ])('%s: %s, only the metadata read reached the fake', async (_name, parts, code) => {
    h = await actsHarness();
    const error = await createInstance(h.world, {
      appId: 'ttd/soknad',
      owner: { kind: 'org', value: ORG.orgNumber },
      parts,
    }).catch((e) => e);
    expect(error.code).toBe(code);
    expect(error.details.outcome).toBe('not-sent');
    expect(h.fake.requests.map((r) => r.op)).toEqual(['metadata']);
    expect(h.fake.instances.size).toBe(0);
  });

  it('the content type is matched without case and sent as the app spells it (the multipart check is exact)', async () => {
    h = await actsHarness();
    const created = await createInstance(h.world, {
      appId: 'ttd/soknad',
      owner: { kind: 'org', value: ORG.orgNumber },
      parts: [part({ contentType: 'Application/PDF' })],
    });
    expect(created.instance.data?.[0]?.contentType).toBe('application/pdf');
  });
});

describe('the service checks the profile and Production before it sends', () => {
  it('a profile without the write scope: ACT_WRITE_SCOPE_MISSING naming altinn:serviceowner/instances.write, nothing sent', async () => {
    h = await actsHarness({}, { scopes: [READ] });
    const error = await h.service
      .create({ profileId: 'p1', appId: 'ttd/soknad', owner: { kind: 'org', value: ORG.orgNumber } })
      .catch((e) => e);
    expect(error.code).toBe('ACT_WRITE_SCOPE_MISSING');
    expect(error.message).toContain('altinn:serviceowner/instances.write');
    expect(h.fake.requests).toHaveLength(0);
  });

  it('in Production a write needs confirmProduction: ACT_PRODUCTION_CONFIRM_REQUIRED, nothing sent', async () => {
    h = await actsHarness({}, { env: { production: true, name: 'Produksjon' } });
    const error = await h.service
      .create({ profileId: 'p1', appId: 'ttd/soknad', owner: { kind: 'org', value: ORG.orgNumber } })
      .catch((e) => e);
    expect(error.code).toBe('ACT_PRODUCTION_CONFIRM_REQUIRED');
    expect(h.fake.requests).toHaveLength(0);
  });

  it("from the window, main's own question follows the window's yes; a no sends nothing", async () => {
    h = await actsHarness({}, { env: { production: true, name: 'Produksjon' }, confirm: false });
    const path = await h.file('vedtak.pdf', PDF);
    const error = await h.service
      .create(
        {
          profileId: 'p1',
          appId: 'ttd/soknad',
          owner: { kind: 'org', value: ORG.orgNumber },
          files: [{ dataType: 'vedlegg', path }],
          prefill: { 'Soknad.Belop': '1' },
          confirmProduction: true,
        },
        { confirmInMain: true },
      )
      .catch((e) => e);
    // The same refusal as every question main asks (confirm-in-main.ts), and the acts' outcome: nothing sent.
    expect(error.code).toBe('CHANGE_NOT_CONFIRMED');
    expect(error.details).toEqual({ outcome: 'not-sent' });
    expect(h.writes()).toHaveLength(0);
    const [question] = h.desktop.confirmations;
    // The shared shape: the environment first (PRODUKSJON named), the app, the concrete change, production's note.
    expect(question).toEqual({
      message: 'Opprette en instans av ttd/soknad i Produksjon (PRODUKSJON)?',
      detail: [
        'Miljø: Produksjon (PRODUKSJON)',
        'App: ttd/soknad',
        'Eier: organisasjonsnummer 910 753 614',
        'Filer: vedtak.pdf (vedlegg)',
        'Forhåndsutfylte felt: 1',
        'Dette er produksjon: endringen gjelder ekte virksomheter og ekte data.',
      ],
      confirmLabel: 'Opprett instansen',
      cancelLabel: 'Avbryt',
      production: true,
    });
  });

  it("main's yes lets the write through; outside Production main is not asked", async () => {
    h = await actsHarness({}, { env: { production: true, name: 'Produksjon' }, confirm: true });
    const created = await h.service.create(
      { profileId: 'p1', appId: 'ttd/soknad', owner: { kind: 'org', value: ORG.orgNumber }, confirmProduction: true },
      { confirmInMain: true },
    );
    expect(created.instance.currentTask).toBe('Task_1');
    expect(h.desktop.confirmations).toHaveLength(1);
    await h.cleanup();
    h = await actsHarness({}, { confirm: false });
    await h.service.create(
      { profileId: 'p1', appId: 'ttd/soknad', owner: { kind: 'org', value: ORG.orgNumber } },
      { confirmInMain: true },
    );
    expect(h.desktop.confirmations).toHaveLength(0);
  });

  it('a file that cannot be read: ACT_FILE_UNREADABLE before anything is sent', async () => {
    h = await actsHarness();
    const error = await h.service
      .create({
        profileId: 'p1',
        appId: 'ttd/soknad',
        owner: { kind: 'org', value: ORG.orgNumber },
        files: [{ dataType: 'vedlegg', path: `${h.dir}/finnes-ikke.pdf` }],
      })
      .catch((e) => e);
    expect(error.code).toBe('ACT_FILE_UNREADABLE');
    expect(error.message).toBe('finnes-ikke.pdf does not exist');
    expect(h.fake.requests).toHaveLength(0);
  });
});

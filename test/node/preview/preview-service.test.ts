import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/common/errors/app-error';
import { createPreviewService } from '../../../src/node/preview/preview-service';
import { StorageClient } from '../../../src/node/storage/storage-client';
import {
  type FakeElementSpec,
  type FakeStorageOptions,
  simpleTokenCheck,
  startFakeAltinnStorage,
} from '../../fakes/altinn-storage';
import { sampleJson, samplePdf, samplePng, sampleXml } from '../../helpers/sample-files';
import { fastRetry, tokenStub } from '../downloads/harness';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Before Storage stopped computing contentHash (test/fakes/altinn-storage.ts STORAGE_STOPPED_HASHING). */
const HASHED_ERA = '2022-06-01T08:00:00Z';

async function setup(
  elements: FakeElementSpec[],
  options: { maxBytes?: number; fake?: Partial<FakeStorageOptions>; created?: string } = {},
) {
  const fake = await startFakeAltinnStorage({ validateToken: simpleTokenCheck, ...options.fake });
  closers.push(() => fake.close());
  const environment = fake.environment();
  const client = new StorageClient({ fetch, tokens: tokenStub(), profileId: 'p1', environment, retry: fastRetry });
  const preview = createPreviewService({
    storageFor: async () => ({ client, environment }),
    maxBytes: options.maxBytes,
    retry: fastRetry,
  });
  const [instance] = fake.add([{ appId: 'ttd/mottak', isComplete: true, created: options.created, elements }]);
  if (!instance) throw new Error('no instance');
  const show = (index: number) => preview.element('p1', instance.id, (instance.elements[index] as { id: string }).id);
  return { fake, preview, instance, show };
}

const file = (body: Buffer, contentType: string, extra: Partial<FakeElementSpec> = {}): FakeElementSpec => ({
  size: body.length,
  body,
  contentType,
  filename: `fil.${contentType.split('/')[1]}`,
  ...extra,
});

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return (await errorOf(promise)).code;
}

describe('preview of a data element', () => {
  it('returns a PDF and an image as base64 and XML and JSON as text, from the app API', async () => {
    const pdf = samplePdf([['Søknad'], ['Side 2']]);
    const { fake, show } = await setup([
      file(pdf, 'application/pdf'),
      file(sampleXml, 'application/xml'),
      file(sampleJson, 'application/json; charset=utf-8'),
      file(samplePng, 'image/png'),
    ]);
    const p = await show(0);
    expect(p).toMatchObject({ kind: 'pdf', contentType: 'application/pdf', encoding: 'base64', size: pdf.length });
    expect(Buffer.from(p.data as string, 'base64').equals(pdf)).toBe(true);
    expect(await show(1)).toMatchObject({ kind: 'xml', encoding: 'text', data: sampleXml.toString('utf8') });
    expect(await show(2)).toMatchObject({
      kind: 'json',
      contentType: 'application/json',
      data: sampleJson.toString('utf8'),
    });
    const png = await show(3);
    expect(png).toMatchObject({ kind: 'image', contentType: 'image/png', encoding: 'base64' });
    expect(png.data).toBe(samplePng.toString('base64'));
    expect(fake.requests.filter((r) => r.kind === 'data').every((r) => r.via === 'app')).toBe(true);
    // Fresh metadata for each preview: the instance is read again every time.
    expect(fake.count('instance')).toBe(4);
  });

  it('falls back to Storage when the app does not serve data', async () => {
    const { fake, show } = await setup([file(sampleJson, 'application/json')], { fake: { appApi: false } });
    expect((await show(0)).kind).toBe('json');
    expect(fake.requests.filter((r) => r.kind === 'data').map((r) => r.via)).toEqual(['storage']);
  });

  it('never reads an infected, pending or unknown-scan element', async () => {
    const { fake, show } = await setup([
      file(samplePdf([['x']]), 'application/pdf', { fileScanResult: 'Infected' }),
      file(samplePdf([['x']]), 'application/pdf', { fileScanResult: 'Pending' }),
      file(samplePdf([['x']]), 'application/pdf', { fileScanResult: 'SomethingNew' }),
      file(samplePdf([['x']]), 'application/pdf', { fileScanResult: 'Clean' }),
    ]);
    expect(await codeOf(show(0))).toBe('PREVIEW_INFECTED');
    expect(await codeOf(show(1))).toBe('PREVIEW_NOT_SCANNED');
    expect(await codeOf(show(2))).toBe('PREVIEW_NOT_SCANNED');
    expect(fake.count('data')).toBe(0);
    expect((await show(3)).kind).toBe('pdf');
    expect(fake.count('data')).toBe(1);
  });

  it('refuses an element over the cap by its declared size, before reading', async () => {
    const { fake, show } = await setup([{ size: 2_000, contentType: 'application/pdf', filename: 'stor.pdf' }], {
      maxBytes: 1_000,
    });
    expect(await codeOf(show(0))).toBe('PREVIEW_TOO_LARGE');
    expect(fake.count('data')).toBe(0);
  });

  it('stops reading when the bytes pass the cap, whatever the metadata said', async () => {
    const body = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300_000, 0x20)]);
    const { fake, show } = await setup([file(body, 'application/pdf', { size: 500 })], { maxBytes: 100_000 });
    // Content-Length already says too much: refused from the headers.
    const fromHeader = await errorOf(show(0));
    expect(fromHeader.code).toBe('PREVIEW_TOO_LARGE');
    expect(fromHeader.details?.size).toBe(body.length);
    expect(fake.count('data')).toBe(1);
    // No length given (chunked): counted while it arrives, and dropped just past the cap.
    fake.addFault({ kind: 'data', type: 'truncate', afterBytes: 250_000 });
    const whileStreaming = await errorOf(show(0));
    expect(whileStreaming.code).toBe('PREVIEW_TOO_LARGE');
    expect(whileStreaming.details?.size).toBeGreaterThan(100_000);
    expect(whileStreaming.details?.size).toBeLessThan(250_000);
    expect(fake.count('data')).toBe(2);
  });

  it('refuses bytes that are not what the type says', async () => {
    const { show } = await setup([
      file(Buffer.from('<html><script>alert(1)</script></html>'), 'application/pdf'),
      file(sampleJson, 'application/xml'),
      file(Buffer.from('{"a":'), 'application/json'),
      file(samplePng, 'image/jpeg'),
    ]);
    for (const i of [0, 1, 2, 3]) expect(await codeOf(show(i))).toBe('PREVIEW_TYPE_MISMATCH');
  });

  it('does not read types it cannot show: they open from the downloaded copy, or show in its folder', async () => {
    const { fake, show } = await setup([
      {
        size: 4_000,
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        filename: 'brev.docx',
      },
      { size: 5_000, contentType: 'application/msword', filename: 'gammel.doc' },
      { size: 6_000, contentType: 'application/zip', filename: null },
      { size: 7_000, contentType: 'application/octet-stream', filename: 'x\u202Efdp.exe' },
    ]);
    expect(await show(0)).toEqual({
      kind: 'other',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      filename: 'brev.docx',
      size: 4_000,
      systemOpen: { action: 'open' },
    });
    expect((await show(1)).systemOpen).toEqual({ action: 'show-in-folder', reason: 'macros' });
    // No name: it is saved as <dataType>-<id>.zip.
    expect((await show(2)).systemOpen).toEqual({ action: 'show-in-folder', reason: 'container' });
    expect((await show(3)).systemOpen).toEqual({ action: 'show-in-folder', reason: 'other' });
    expect(fake.count('data')).toBe(0);
  });

  it('refuses a torn or corrupted body (size, MD5) and an element the instance does not have', async () => {
    // From before Storage stopped hashing: its contentHash describes the bytes.
    const { fake, show, instance, preview } = await setup([file(sampleJson, 'application/json')], {
      created: HASHED_ERA,
    });
    fake.addFault({ kind: 'data', type: 'corrupt', times: 10 });
    expect(await codeOf(show(0))).toBe('PREVIEW_INCOMPLETE');
    fake.clearFaults();
    fake.addFault({ kind: 'data', type: 'truncate', afterBytes: 10, times: 10 });
    expect(await codeOf(show(0))).toBe('PREVIEW_INCOMPLETE');
    fake.clearFaults();
    expect(await codeOf(preview.element('p1', instance.id, '00000000-0000-4000-a000-000000000000'))).toBe(
      'PREVIEW_ELEMENT_NOT_FOUND',
    );
  });

  it('checks by MD5 only where Storage’s hash still describes the bytes, and says which check it made (issue 18)', async () => {
    const { fake, show, instance } = await setup(
      [file(sampleXml, 'application/xml'), file(sampleJson, 'application/json')],
      {
        created: HASHED_ERA,
      },
    );
    // The JSON is replaced after its hash was set: the hash is stale, the new bytes are good.
    const json = Buffer.from('{"ny":"versjon"}');
    fake.replaceElement(instance.elements[1]!.id, { body: json, at: '2025-05-05T05:05:05Z' });
    expect(await show(0)).toMatchObject({ kind: 'xml', check: 'md5' });
    expect(await show(1)).toMatchObject({ kind: 'json', check: 'size', data: json.toString('utf8') });
  });

  it('checks an element without a hash by its size', async () => {
    const { fake, show } = await setup([file(sampleJson, 'application/json')]);
    expect(await show(0)).toMatchObject({ kind: 'json', check: 'size' });
    fake.addFault({ kind: 'data', type: 'truncate', afterBytes: 10, times: 10 });
    expect(await codeOf(show(0))).toBe('PREVIEW_INCOMPLETE');
  });

  it('retries a dropped connection', async () => {
    const { fake, show } = await setup([file(sampleXml, 'application/xml')]);
    fake.addFault({ kind: 'data', type: 'reset', afterBytes: 20 });
    expect((await show(0)).kind).toBe('xml');
    expect(fake.count('data')).toBe(2);
  });
});

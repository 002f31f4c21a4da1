import { afterEach, describe, expect, it } from 'vitest';
import { createInstance } from '../../../src/node/acts/create-instance';
import { addData, deleteData, replaceData } from '../../../src/node/acts/data-writes';
import { completeProcess } from '../../../src/node/acts/process-writes';
import { actsHarness, ORG, PDF, PNG } from './acts-harness';

let h: Awaited<ReturnType<typeof actsHarness>>;
afterEach(async () => h?.cleanup());

const pdf = (filename = 'vedlegg.pdf', bytes: Uint8Array = PDF) => ({
  dataType: 'vedlegg',
  filename,
  contentType: 'application/pdf',
  bytes,
});

async function newInstance(appId = 'ttd/soknad') {
  const created = await createInstance(h.world, { appId, owner: { kind: 'org', value: ORG.orgNumber } });
  return created.instance;
}

/** The raw request Altinn answers, for the checks our client does not let through. */
async function raw(
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: Uint8Array | string; token?: string } = {},
) {
  const response = await fetch(`${h.fake.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${init.token ?? 'tok-1'}`, ...init.headers },
    body: init.body as never,
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text };
}

describe('data: add, replace, delete (§3.7 Data elements via the app)', () => {
  it('adds a file: 200 with newDataElementId; no contentHash; isRead false; lastChanged moves; event Created with dataId', async () => {
    h = await actsHarness();
    const instance = await newInstance();
    const before = h.fake.instances.get(instance.id)?.lastChanged;
    await new Promise((r) => setTimeout(r, 5));
    const added = await addData(h.world, {
      appId: 'ttd/soknad',
      instanceId: instance.id,
      part: pdf('bilde av tak.pdf'),
    });
    const element = added.instance.data?.find((d) => d.id === added.elementId) as Record<string, unknown>;
    expect(element).toMatchObject({
      dataType: 'vedlegg',
      filename: 'bilde av tak.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      isRead: false,
    });
    expect(element.contentHash).toBeUndefined();
    expect(h.fake.content(added.elementId)).toEqual(PDF);
    expect(h.fake.instances.get(instance.id)?.lastChanged).not.toBe(before);
    expect(h.fake.events.instanceEvents(instance.id).at(-1)).toMatchObject({
      eventType: 'Created',
      dataId: added.elementId,
    });
  });

  it('replaces a file: 201, same id and created, new content; a stale hash is not made; event Saved', async () => {
    h = await actsHarness();
    const instance = await newInstance();
    const added = await addData(h.world, { appId: 'ttd/soknad', instanceId: instance.id, part: pdf() });
    const replaced = await replaceData(h.world, {
      appId: 'ttd/soknad',
      instanceId: instance.id,
      elementId: added.elementId,
      part: { dataType: 'vedlegg', filename: 'kart.png', contentType: 'image/png', bytes: PNG },
    });
    expect(replaced).toMatchObject({
      id: added.elementId,
      filename: 'kart.png',
      contentType: 'image/png',
      size: PNG.length,
    });
    expect(h.fake.content(added.elementId)).toEqual(PNG);
    expect(h.fake.events.instanceEvents(instance.id).at(-1)).toMatchObject({
      eventType: 'Saved',
      dataId: added.elementId,
    });
  });

  it('deletes a file: 200 with the instance; event Deleted with dataId', async () => {
    h = await actsHarness();
    const instance = await newInstance();
    const added = await addData(h.world, { appId: 'ttd/soknad', instanceId: instance.id, part: pdf() });
    const after = await deleteData(h.world, {
      appId: 'ttd/soknad',
      instanceId: instance.id,
      elementId: added.elementId,
    });
    expect(after.data?.some((d) => d.id === added.elementId)).toBe(false);
    expect(h.fake.events.instanceEvents(instance.id).at(-1)).toMatchObject({
      eventType: 'Deleted',
      dataId: added.elementId,
    });
  });

  it('the main form (classRef, min = max = 1) cannot be deleted: ACT_MAIN_ELEMENT', async () => {
    h = await actsHarness();
    const instance = await newInstance();
    const form = instance.data?.find((d) => d.dataType === 'model');
    const error = await deleteData(h.world, {
      appId: 'ttd/soknad',
      instanceId: instance.id,
      elementId: form?.id as string,
    }).catch((e) => e);
    expect(error.code).toBe('ACT_MAIN_ELEMENT');
    expect(error.details.outcome).toBe('refused');
  });
});

describe('data: refusals in the order the app checks them', () => {
  it('1. the PEP (write) comes first: another org gets 403 with no body, even for an unknown instance', async () => {
    h = await actsHarness();
    h.fake.writes.defineApp({ ...h.fake.writes.app('ttd/soknad'), id: 'skd/soknad' });
    const answer = await raw('POST', '/skd/soknad/instances/1/00000000-0000-4000-a000-000000000000/data/vedlegg', {
      headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="a.pdf"' },
      body: PDF,
    });
    expect(answer).toMatchObject({ status: 403, text: '' });
    const error = await addData(h.world, {
      appId: 'skd/soknad',
      instanceId: '1/00000000-0000-4000-a000-000000000000',
      part: pdf(),
      checked: true,
    }).catch((e) => e);
    expect(error.code).toBe('ACT_POLICY_REFUSED');
    expect(error.details.action).toBe('write');
  });

  it('2. an unknown instance is 404 "Instance Not Found" before an unknown data type (400)', async () => {
    h = await actsHarness();
    const answer = await raw('POST', '/ttd/soknad/instances/1/00000000-0000-4000-a000-000000000000/data/bilag', {
      body: PDF,
    });
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text)).toMatchObject({ title: 'Instance Not Found' });
    const instance = await newInstance();
    const unknownType = await raw('POST', `/ttd/soknad/instances/${instance.id}/data/bilag`, { body: PDF });
    expect(unknownType.status).toBe(400);
    expect(JSON.parse(unknownType.text)).toMatchObject({
      title: 'Data Type Not Found',
      detail: 'Could not find the specified data type: "bilag" in applicationmetadata.json',
    });
  });

  it('3. ref-data-as-pdf cannot be created (403) — before "not active" (409)', async () => {
    h = await actsHarness();
    const instance = await newInstance();
    await addData(h.world, { appId: 'ttd/soknad', instanceId: instance.id, part: pdf() });
    await completeProcess(h.world, { appId: 'ttd/soknad', instanceId: instance.id });
    const pdfElement = await raw('POST', `/ttd/soknad/instances/${instance.id}/data/ref-data-as-pdf`, { body: PDF });
    expect(pdfElement.status).toBe(403);
    expect(JSON.parse(pdfElement.text).detail).toBe('Data element of type ref-data-as-pdf cannot be modified');
    const error = await addData(h.world, { appId: 'ttd/soknad', instanceId: instance.id, part: pdf() }).catch((e) => e);
    expect(error.code).toBe('ACT_INSTANCE_NOT_ACTIVE');
    expect(error.details.status).toBe(409);
  });

  it('4. a full data type is 409 "Max Count Exceeded" → ACT_DATA_TYPE_FULL (the local count needs the instance)', async () => {
    h = await actsHarness();
    const instance = await newInstance();
    for (const name of ['a.pdf', 'b.pdf'])
      await addData(h.world, { appId: 'ttd/soknad', instanceId: instance.id, part: pdf(name) });
    const error = await addData(h.world, { appId: 'ttd/soknad', instanceId: instance.id, part: pdf('c.pdf') }).catch(
      (e) => e,
    );
    expect(error.code).toBe('ACT_DATA_TYPE_FULL');
    expect(error.message).toContain('Cannot create more than 2 data elements of type vedlegg');
    // The service counts first: no write is sent.
    const path = await h.file('c.pdf', PDF);
    const writes = h.writes().length;
    const local = await h.service
      .addData({ profileId: 'p1', appId: 'ttd/soknad', instanceId: instance.id, dataType: 'vedlegg', path })
      .catch((e) => e);
    expect(local.code).toBe('ACT_TOO_MANY_FILES');
    expect(h.writes()).toHaveLength(writes);
  });

  it('5. binary restrictions: the content type must match the extension, then be allowed (400 File validation failed)', async () => {
    h = await actsHarness();
    const instance = await newInstance();
    const mismatch = await raw('POST', `/ttd/soknad/instances/${instance.id}/data/vedlegg`, {
      headers: { 'Content-Type': 'image/png', 'Content-Disposition': 'attachment; filename="a.pdf"' },
      body: PDF,
    });
    expect(mismatch.status).toBe(400);
    expect(JSON.parse(mismatch.text)).toMatchObject({
      title: 'File validation failed',
      detail: 'Common checks failed',
      uploadValidationIssues: [
        expect.objectContaining({
          code: 'InvalidFileNameFormat',
          description: expect.stringContaining(
            'Content type header image/png does not match mime type application/pdf',
          ),
          source: 'DataRestrictionValidation',
        }),
      ],
    });
    const error = await addData(h.world, {
      appId: 'ttd/soknad',
      instanceId: instance.id,
      part: { dataType: 'vedlegg', filename: 'a.txt', contentType: 'text/plain', bytes: PDF },
      checked: true,
    }).catch((e) => e);
    expect(error.code).toBe('ACT_FILE_REFUSED');
    expect(error.details.issues).toEqual([expect.objectContaining({ code: 'ContentTypeNotAllowed' })]);
  });

  it('6. an empty body (400 zero bytes); a body over maxSize is refused by its Content-Length (400 DataElementTooLarge)', async () => {
    h = await actsHarness();
    const instance = await newInstance();
    const empty = await addData(h.world, {
      appId: 'ttd/soknad',
      instanceId: instance.id,
      part: pdf('a.pdf', new Uint8Array(0)),
      checked: true,
    }).catch((e) => e);
    expect(empty.code).toBe('ACT_FILE_EMPTY');
    const big = await addData(h.world, {
      appId: 'ttd/soknad',
      instanceId: instance.id,
      part: pdf('a.pdf', new Uint8Array(1024 * 1024 + 10)),
      checked: true,
    }).catch((e) => e);
    expect(big.code).toBe('ACT_FILE_TOO_LARGE');
    expect(big.details.issues).toEqual([expect.objectContaining({ code: 'DataElementTooLarge' })]);
  });

  it('the obsolete POST …/data?dataType= answers its 400s as plain text', async () => {
    h = await actsHarness();
    const instance = await newInstance();
    const answer = await raw('POST', `/ttd/soknad/instances/${instance.id}/data?dataType=vedlegg`, {
      headers: { 'Content-Type': 'application/pdf' },
      body: PDF,
    });
    expect(answer.status).toBe(400);
    expect(answer.type).toContain('text/plain');
    expect(answer.text).toBe('Invalid data provided. Error: The request must include a Content-Disposition header');
    const ok = await raw('POST', `/ttd/soknad/instances/${instance.id}/data?dataType=vedlegg`, {
      headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename=a.pdf' },
      body: PDF,
    });
    expect(ok.status).toBe(201);
    expect(JSON.parse(ok.text)).toMatchObject({ dataType: 'vedlegg', filename: 'a.pdf' });
  });

  it('replace: the binary checks answer plain text; a /type/ that does not match is a plain-text 400', async () => {
    h = await actsHarness();
    const instance = await newInstance();
    const added = await addData(h.world, { appId: 'ttd/soknad', instanceId: instance.id, part: pdf() });
    const wrongType = await raw('PUT', `/ttd/soknad/instances/${instance.id}/data/${added.elementId}/type/model`, {
      body: PDF,
    });
    expect(wrongType).toMatchObject({
      status: 400,
      text: `Data type model does not match data element ${added.elementId}, which is of type vedlegg`,
    });
    const error = await replaceData(h.world, {
      appId: 'ttd/soknad',
      instanceId: instance.id,
      elementId: added.elementId,
      part: pdf('a.pdf', new Uint8Array(0)),
    }).catch((e) => e);
    expect(error.code).toBe('ACT_FILE_EMPTY');
    expect(error.details.outcome).toBe('not-sent');
  });
});

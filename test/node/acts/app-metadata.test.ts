import { afterEach, describe, expect, it } from 'vitest';
import { createAppMetadataSource } from '../../../src/node/acts/app-metadata';
import { actsHarness } from './acts-harness';

let h: Awaited<ReturnType<typeof actsHarness>>;
afterEach(async () => h?.cleanup());

describe('application metadata: anonymous, kept 60 s', () => {
  it('reads it without a token, once a minute per app, one request for concurrent readers', async () => {
    h = await actsHarness();
    let now = 1_000_000;
    const source = createAppMetadataSource({ fetch, now: () => now });
    const base = h.client.appBase('ttd/soknad');
    const [a, b] = await Promise.all([source.get(base, 'ttd/soknad'), source.get(base, 'ttd/soknad')]);
    expect(a).toBe(b);
    expect(a.dataTypes.map((d) => d.id)).toEqual(['ref-data-as-pdf', 'model', 'vedlegg', 'vedtak']);
    now += 59_000;
    await source.get(base, 'ttd/soknad');
    const reads = () => h.fake.requests.filter((r) => r.op === 'metadata');
    expect(reads()).toHaveLength(1);
    expect(reads()[0]?.token).toBeUndefined();
    now += 2_000;
    await source.get(base, 'ttd/soknad');
    expect(reads()).toHaveLength(2);
  });

  it("gives the window the data types' limits", async () => {
    h = await actsHarness();
    const view = await h.service.appMetadata('p1', 'ttd/soknad');
    expect(view.title.nb).toBe('Søknad om tilskudd');
    expect(view.dataTypes.find((d) => d.id === 'vedlegg')).toEqual({
      id: 'vedlegg',
      allowedContentTypes: ['application/pdf', 'image/png'],
      maxSizeMb: 1,
      maxCount: 2,
      minCount: 1,
      taskId: 'Task_1',
      form: false,
      autoCreate: false,
      readOnly: false,
    });
    expect(view.dataTypes.find((d) => d.id === 'ref-data-as-pdf')?.readOnly).toBe(true);
    expect(view.partyTypesAllowed).toEqual({
      person: true,
      organisation: true,
      subUnit: false,
      bankruptcyEstate: false,
    });
  });

  it('without a fetch, reads over node:http: never through the global fetch (undici stays unloaded)', async () => {
    h = await actsHarness();
    const global = globalThis.fetch;
    globalThis.fetch = (() => Promise.reject(new Error('the global fetch was used'))) as typeof fetch;
    try {
      const source = createAppMetadataSource({ now: Date.now });
      const metadata = await source.get(h.client.appBase('ttd/soknad'), 'ttd/soknad');
      expect(metadata.id).toBe('ttd/soknad');
      expect(h.fake.requests.filter((r) => r.op === 'metadata').at(-1)?.token).toBeUndefined();
      const missing = await source.get(`${h.fake.url}/ttd/finnes-ikke/x`, 'ttd/finnes-ikke').catch((e) => e);
      expect(missing.code).toBe('ACT_APP_NOT_FOUND');
      const other = await createAppMetadataSource({ now: Date.now })
        .get(h.client.appBase('ttd/soknad'), 'ttd/annen')
        .catch((e) => e);
      expect(other.code).toBe('ACT_APP_METADATA_UNAVAILABLE');
      expect(other.message).toContain('of another app');
    } finally {
      globalThis.fetch = global;
    }
  });

  it('an app that is not deployed: ACT_APP_NOT_FOUND', async () => {
    h = await actsHarness();
    const source = createAppMetadataSource({ fetch, now: Date.now });
    const error = await source.get(`${h.fake.url}/ttd/finnes-ikke/x`, 'ttd/finnes-ikke').catch((e) => e);
    expect(error.code).toBe('ACT_APP_NOT_FOUND');
  });
});

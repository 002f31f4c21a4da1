import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { StorageClient } from '../../../src/node/storage/storage-client';
import { buildInstanceQuery } from '../../../src/node/storage/storage-query';
import { type FakeAltinnStorage, simpleTokenCheck, startFakeAltinnStorage } from '../../fakes/altinn-storage';
import { fastRetry, tokenStub } from '../downloads/harness';

let fake: FakeAltinnStorage;
afterEach(async () => fake?.close());

async function setup() {
  fake = await startFakeAltinnStorage({ validateToken: simpleTokenCheck });
  const tokens = tokenStub();
  const client = new StorageClient({
    fetch,
    tokens,
    profileId: 'p1',
    environment: fake.environment(),
    retry: fastRetry,
  });
  return { tokens, client };
}

describe('instance query', () => {
  it('turns filters into Storage parameters, repeating a parameter for a range', () => {
    const { url, headers } = buildInstanceQuery('https://platform.tt02.altinn.no/storage/api/v1', {
      appId: 'ttd/app',
      isComplete: true,
      currentTask: 'Task_2',
      excludeConfirmedBy: 'ttd',
      created: { gte: '2025-01-01', lt: '2025-02-01' },
      lastChanged: { gt: '2025-01-15T10:00:00Z' },
      isArchived: false,
      isSoftDeleted: false,
      isHardDeleted: false,
      instanceOwner: { kind: 'organisation', orgNumber: '310000001' },
      size: 50,
    });
    const u = new URL(url);
    expect(u.pathname).toBe('/storage/api/v1/instances');
    expect(u.searchParams.get('appId')).toBe('ttd/app');
    expect(u.searchParams.get('process.isComplete')).toBe('true');
    expect(u.searchParams.get('process.currentTask')).toBe('Task_2');
    expect(u.searchParams.get('excludeConfirmedBy')).toBe('ttd');
    expect(u.searchParams.getAll('created')).toEqual(['gte:2025-01-01', 'lt:2025-02-01']);
    expect(u.searchParams.getAll('lastChanged')).toEqual(['gt:2025-01-15T10:00:00Z']);
    expect(u.searchParams.get('status.isArchived')).toBe('false');
    expect(u.searchParams.get('size')).toBe('50');
    // The owner travels in the header, never in the URL.
    expect(url).not.toContain('310000001');
    expect(headers['X-Ai-InstanceOwnerIdentifier']).toBe('Organisation:310000001');
  });
});

describe('"not confirmed by us" (confirming-org.ts): one rule for the GUI, mpd and downloads', () => {
  const base = 'https://platform.tt02.altinn.no/storage/api/v1';
  const excluded = (url: string) => new URL(url).searchParams.get('excludeConfirmedBy');

  it("means the profile's org when it names one, else the app owner's", () => {
    const filters = { appId: 'ttd/mottak', notConfirmedByUs: true };
    expect(excluded(buildInstanceQuery(base, filters, 'skd').url)).toBe('skd');
    expect(excluded(buildInstanceQuery(base, filters).url)).toBe('ttd');
    expect(excluded(buildInstanceQuery(base, { appId: 'ttd/mottak' }, 'skd').url)).toBeNull();
  });

  it('lets an explicit excludeConfirmedBy win', () => {
    const filters = { appId: 'ttd/mottak', notConfirmedByUs: true, excludeConfirmedBy: 'nav' };
    expect(excluded(buildInstanceQuery(base, filters, 'skd').url)).toBe('nav');
  });

  it("is the client's profile org for its queries and its already-confirmed check", () => {
    const client = new StorageClient({
      fetch,
      tokens: tokenStub(),
      profileId: 'p1',
      profileOrg: 'skd',
      environment: { altinn: { storageBase: base } } as never,
    });
    expect(excluded(client.firstPageUrl({ appId: 'ttd/mottak', notConfirmedByUs: true }))).toBe('skd');
    expect(client.confirmingOrg('ttd/mottak')).toBe('skd');
  });
});

describe('StorageClient against the fake', () => {
  it('follows `next` exactly until it is absent, sending the owner header on every page', async () => {
    const { client } = await setup();
    fake.add(
      Array.from({ length: 7 }, (_, i) => ({
        appId: 'ttd/app',
        owner: { personNumber: i % 2 ? '01017012345' : undefined },
        elements: [],
      })),
    );
    fake.add([{ appId: 'ttd/else', elements: [] }]);
    const seen: string[] = [];
    let pages = 0;
    const filters = {
      appId: 'ttd/app',
      size: 2,
      instanceOwner: { kind: 'person' as const, nationalId: '01017012345' },
    };
    const nexts: (string | undefined)[] = [];
    for await (const page of client.pages(filters)) {
      pages++;
      seen.push(...page.instances.map((i) => i.id));
      nexts.push(page.next);
    }
    expect(seen).toHaveLength(3);
    expect(pages).toBe(2);
    const queries = fake.requests.filter((r) => r.kind === 'query');
    expect(queries.every((r) => r.owner === 'Person:01017012345')).toBe(true);
    // The second request is exactly the `next` link of the first page.
    expect(`${fake.url}${queries[1]!.path}${queries[1]!.query}`).toBe(nexts[0]);
  });

  it("pages as Storage's SQL does: lastChanged newest first, a token whenever a page is full, keyed not counted", async () => {
    const { client } = await setup();
    const t = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString();
    const [a, b, c, d] = fake.add(
      [3, 1, 4, 2].map((m) => ({ appId: 'ttd/app', lastChanged: t(m), created: t(0), elements: [] })),
    );
    const list = async (filters: Parameters<typeof client.firstPageUrl>[0], order?: string) => {
      const pages: string[][] = [];
      let url: string | undefined = client.firstPageUrl(filters) + (order ? `&order=${order}` : '');
      while (url) {
        const page = await client.page(url, filters);
        pages.push(page.instances.map((i) => i.id));
        url = page.next;
      }
      return pages;
    };
    // readinstancefromquery.sql L124-128: ORDER BY lastChanged DESC (the default), then the row id.
    expect(await list({ appId: 'ttd/app', size: 2 })).toEqual([[c!.id, a!.id], [d!.id, b!.id], []]);
    expect(await list({ appId: 'ttd/app', size: 3 }, 'asc:lastChanged')).toEqual([[b!.id, d!.id, a!.id], [c!.id]]);
    // The token is "<lastChanged ticks>;<row id>" (PgInstanceRepository.cs L424-427).
    const first = await client.page(client.firstPageUrl({ appId: 'ttd/app', size: 1 }), {});
    const ticks = BigInt(Date.parse(t(4))) * 10_000n + 621_355_968_000_000_000n;
    expect(new URL(first.next as string).searchParams.get('continuationToken')).toBe(`${ticks};3`);
    // A change between pages makes an instance the newest. One already listed (c) is not listed again and
    // shifts nothing (the token is a key, not an offset); one not yet listed (d) is missed by this listing —
    // a later `lastChanged=gt:` pass finds it. A download confirms only what it has listed.
    const one = await client.page(client.firstPageUrl({ appId: 'ttd/app', size: 2 }), {});
    await client.complete(one.instances[0]!);
    await client.complete(fake.instanceJson(fake.instances.get(d!.id)!) as never);
    const two = await client.page(one.next as string, {});
    expect([...one.instances, ...two.instances].map((i) => i.id)).toEqual([c!.id, a!.id, b!.id]);
  });

  it("shows Storage's tie at a page boundary in descending order: earlier rows again, later ones skipped", async () => {
    const { client } = await setup();
    const same = new Date(Date.UTC(2025, 0, 2)).toISOString();
    const tied = fake.add(Array.from({ length: 4 }, () => ({ appId: 'ttd/app', lastChanged: same, elements: [] })));
    // ORDER BY lastChanged DESC, id (ascending), but the next page takes `id <` the last one (L76).
    const seen: string[] = [];
    for await (const page of client.pages({ appId: 'ttd/app', size: 2 })) seen.push(...page.instances.map((i) => i.id));
    expect(seen).toEqual([tied[0]!.id, tied[1]!.id, tied[0]!.id]);
  });

  it('filters by created range, task, status and confirmation', async () => {
    const { client } = await setup();
    fake.add([
      { appId: 'ttd/app', created: '2025-01-10T00:00:00Z', currentTask: 'Task_2', elements: [] },
      { appId: 'ttd/app', created: '2025-02-10T00:00:00Z', elements: [] },
      { appId: 'ttd/app', created: '2025-01-20T00:00:00Z', isComplete: true, confirmedBy: ['ttd'], elements: [] },
      { appId: 'ttd/app', created: '2025-01-21T00:00:00Z', isArchived: true, isComplete: true, elements: [] },
    ]);
    const count = async (filters: Parameters<typeof client.firstPageUrl>[0]) => {
      let n = 0;
      for await (const page of client.pages(filters)) n += page.instances.length;
      return n;
    };
    expect(await count({ appId: 'ttd/app', created: { gte: '2025-01-01', lt: '2025-02-01' } })).toBe(3);
    expect(await count({ appId: 'ttd/app', currentTask: 'Task_2' })).toBe(1);
    expect(await count({ appId: 'ttd/app', isComplete: true, excludeConfirmedBy: 'ttd' })).toBe(1);
    expect(await count({ appId: 'ttd/app', isArchived: true })).toBe(1);
  });

  it('passes unknown fields through and rejects a malformed page with STORAGE_BAD_RESPONSE', async () => {
    const { client } = await setup();
    const [i] = fake.add([{ appId: 'ttd/app', elements: [{ size: 3 }] }]);
    const got = await client.getInstance(i!.id);
    expect((got as Record<string, unknown>).createdBy).toBe('12345');
    expect((got.data![0] as Record<string, unknown>).blobStoragePath).toBeTypeOf('string');
    const evil = new StorageClient({
      fetch,
      // A server that answers the query with an instance that has no valid id.
      streamGet: async (url) => {
        const body = Readable.from([Buffer.from(JSON.stringify({ instances: [{ id: 'nope' }] }))]);
        return {
          status: 200,
          url,
          header: () => undefined,
          body,
          text: async () => JSON.stringify({ instances: [{ id: 'nope' }] }),
          discard: () => body.resume(),
        };
      },
      tokens: tokenStub(),
      profileId: 'p1',
      environment: fake.environment(),
      retry: fastRetry,
    });
    await expect(evil.page(evil.firstPageUrl({ appId: 'ttd/app' }), {})).rejects.toMatchObject({
      code: 'STORAGE_BAD_RESPONSE',
    });
  });

  it('never sends the token to a `next` link outside this environment', async () => {
    const { client } = await setup();
    await expect(client.page('https://evil.example/storage/api/v1/instances?x=1', {})).rejects.toMatchObject({
      code: 'STORAGE_UNTRUSTED_URL',
    });
    expect(fake.requests).toEqual([]);
  });

  it('uses a data selfLink only under the expected base', async () => {
    const { client } = await setup();
    const [i] = fake.add([{ appId: 'ttd/app', elements: [{ size: 3 }] }]);
    const instance = await client.getInstance(i!.id);
    const element = {
      ...instance.data![0]!,
      selfLinks: { apps: 'https://evil.example/x', platform: 'https://evil.example/y' },
    };
    const urls = client.dataUrls(instance, element);
    expect(urls.app).toBe(`${fake.url}/ttd/app/instances/${i!.id}/data/${element.id}`);
    expect(urls.storage).toBe(`${fake.storageBase}/instances/${i!.id}/data/${element.id}`);
  });

  it('refreshes the token once on 401 and retries the request', async () => {
    const { client, tokens } = await setup();
    fake.add([{ appId: 'ttd/app', elements: [] }]);
    fake.expireToken('tok-1');
    const page = await client.page(client.firstPageUrl({ appId: 'ttd/app' }), {});
    expect(page.instances).toHaveLength(1);
    expect(tokens.calls.refresh).toBe(1);
    expect(fake.requests.map((r) => [r.token, r.status])).toEqual([
      ['tok-1', 401],
      ['tok-2', 200],
    ]);
  });

  it('asks the token source for every request, so a token it renews is used from the next request on', async () => {
    const { client, tokens } = await setup();
    const [i] = fake.add([{ appId: 'ttd/app', elements: [] }]);
    await client.getInstance(i!.id);
    // The token service renewed the token (near its expiry, or for another caller's 401).
    await tokens.getAltinnToken('p1', { forceRefresh: true });
    await client.getInstance(i!.id);
    expect(fake.requests.map((r) => r.token)).toEqual(['tok-1', 'tok-2']);
    expect(tokens.calls.profiles).toEqual(['p1', 'p1', 'p1']);
  });

  it('completes with POST on the app API, idempotently', async () => {
    const { client } = await setup();
    const [i] = fake.add([{ appId: 'ttd/app', elements: [] }]);
    const instance = await client.getInstance(i!.id);
    const once = await client.complete(instance);
    const twice = await client.complete(instance);
    expect(once.completeConfirmations?.map((c) => c.stakeholderId)).toEqual(['ttd']);
    expect(twice.completeConfirmations).toHaveLength(1);
    const posts = fake.requests.filter((r) => r.kind === 'complete');
    expect(posts.map((r) => [r.method, r.via])).toEqual([
      ['POST', 'app'],
      ['POST', 'app'],
    ]);
  });

  it('retries a 503 query and gives up with STORAGE_UNAVAILABLE after the bounded attempts', async () => {
    const { client } = await setup();
    fake.add([{ appId: 'ttd/app', elements: [] }]);
    fake.addFault({ kind: 'query', type: 'status', status: 503, times: 10 });
    await expect(client.page(client.firstPageUrl({ appId: 'ttd/app' }), {})).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
    });
    expect(fake.count('query')).toBe(fastRetry.maxAttempts);
  });
});

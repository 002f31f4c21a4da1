import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DownloadManager } from '../../../src/node/downloads/download-manager';
import { TransferSlots } from '../../../src/node/downloads/transfer-slots';
import { StorageClient } from '../../../src/node/storage/storage-client';
import { nodeStreamGet, type StreamGet } from '../../../src/node/storage/stream-get';
import { type FakeAltinnStorage, simpleTokenCheck, startFakeAltinnStorage } from '../../fakes/altinn-storage';
import { fastRetry, listFiles, tokenStub } from './harness';

describe('transfer slots', () => {
  it('hands out at most `size` slots and the next waiter gets a released one', async () => {
    const slots = new TransferSlots(2);
    await slots.acquire();
    await slots.acquire();
    let third = false;
    const waiting = slots.acquire().then(() => {
      third = true;
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(third).toBe(false);
    slots.release();
    await waiting;
    expect(third).toBe(true);
  });

  it('an abort while waiting rejects and holds no slot', async () => {
    const slots = new TransferSlots(1);
    await slots.acquire();
    const controller = new AbortController();
    const waiting = slots.acquire(controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    slots.release();
    // The aborted waiter did not take the released slot: the next one gets it at once.
    await slots.acquire();
    await expect(slots.acquire(AbortSignal.abort(new Error('late')))).rejects.toThrow('late');
  });
});

describe('download concurrency', () => {
  let fake: FakeAltinnStorage | undefined;
  let target: string | undefined;
  afterEach(async () => {
    await fake?.close();
    if (target) await rm(target, { recursive: true, force: true });
  });

  it('never has more data responses open than the job concurrency, while files commit meanwhile (main thread)', async () => {
    fake = await startFakeAltinnStorage({ validateToken: simpleTokenCheck });
    target = await mkdtemp(join(tmpdir(), 'mpd-slots-'));
    fake.add(specs());
    // The real node:http GET, counting data bodies from the request until they end or close.
    const real = nodeStreamGet();
    let open = 0;
    let most = 0;
    const counting: StreamGet = async (url, headers, signal) => {
      const isData = url.includes('/data/');
      if (isData) most = Math.max(most, ++open);
      try {
        const response = await real(url, headers, signal);
        if (isData) response.body.once('close', () => open--);
        return response;
      } catch (error) {
        if (isData) open--;
        throw error;
      }
    };
    const environment = fake.environment();
    const client = new StorageClient({
      fetch,
      tokens: tokenStub(),
      profileId: 'p1',
      environment,
      retry: fastRetry,
      streamGet: counting,
    });
    const manager = new DownloadManager({
      storageFor: async () => ({ client, environment }),
      retry: fastRetry,
      transferThreads: 0,
    });
    const end = await download(manager, target);
    expect(end.state).toBe('completed');
    expect(end.elements).toMatchObject({ done: 18, failed: 0 });
    expect(most).toBeGreaterThanOrEqual(1);
    expect(most).toBeLessThanOrEqual(2);
    // Kept-alive connections: 19 requests (a page and 18 elements) over a handful of sockets.
    expect(fake.connections).toBeLessThanOrEqual(4);
    expect((await listFiles(target)).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('holds the same bound with the transfers on worker threads, each with its own kept-alive connections', async () => {
    fake = await startFakeAltinnStorage({ validateToken: simpleTokenCheck });
    target = await mkdtemp(join(tmpdir(), 'mpd-slots-'));
    fake.add(specs());
    const environment = fake.environment();
    const client = new StorageClient({ fetch, tokens: tokenStub(), profileId: 'p1', environment, retry: fastRetry });
    const manager = new DownloadManager({
      storageFor: async () => ({ client, environment }),
      retry: fastRetry,
      transferThreads: 2,
    });
    const end = await download(manager, target);
    expect(end.state).toBe('completed');
    expect(end.transferThreads).toBe(2);
    expect(end.elements).toMatchObject({ done: 18, failed: 0 });
    // Seen by the server: a data request arrives after its slot was taken and is answered before the slot
    // is given back (its bytes verified), so the answers being written at once are at most the concurrency.
    const data = fake.requests.filter((r) => r.kind === 'data');
    expect(data).toHaveLength(18);
    const edges = data.flatMap((r) => [
      [r.at, 1],
      [r.doneAt as number, -1],
    ]);
    edges.sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
    let open = 0;
    let most = 0;
    for (const [, step] of edges) {
      open += step as number;
      most = Math.max(most, open);
    }
    expect(most).toBeGreaterThanOrEqual(1);
    expect(most).toBeLessThanOrEqual(2);
    // The listing's connections and each worker's own: still a handful for 19 requests.
    expect(fake.connections).toBeLessThanOrEqual(6);
    expect((await listFiles(target)).filter((f) => f.endsWith('.part'))).toEqual([]);
  });
});

/** Six instances of three elements (40 KB, 700 KB streamed, 3 KB). */
function specs() {
  return Array.from({ length: 6 }, () => ({
    appId: 'ttd/app-a',
    isComplete: true,
    elements: [{ size: 40_000 }, { size: 700_000 }, { size: 3_000 }],
  }));
}

async function download(manager: DownloadManager, target: string) {
  const job = await manager.start({
    profileId: 'p1',
    source: { kind: 'query', filters: { appId: 'ttd/app-a' } },
    target,
    concurrency: 2,
  });
  return manager.wait(job.jobId);
}

import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fullDiskForParts } from '../../helpers/full-disk';
import { harness, listFiles } from './harness';

let h: Awaited<ReturnType<typeof harness>>;
afterEach(async () => h?.cleanup());

const dataRequests = () => h.fake.requests.filter((r) => r.kind === 'data');
/** Before Storage stopped computing contentHash (test/fakes/altinn-storage.ts STORAGE_STOPPED_HASHING). */
const HASHED_ERA = '2022-06-01T08:00:00Z';
const folderOf = (id: string, app = 'ttd_app') => join(h.target, app, id.replace('/', '_'));
/**
 * Both byte paths (atomic-file.ts): bodies up to 512 KiB are received whole and written in one go,
 * larger ones stream to disk slab by slab. Each fault is tried on both, on the transfer workers (the
 * harness's default, transfer-threads.ts) and in the main thread; `at` scales a fault's offset.
 */
const paths = [
  { path: 'a small body (in memory)', size: (n: number) => n, at: (n: number) => n, manager: {} },
  {
    path: 'a small body, in the main thread',
    size: (n: number) => n,
    at: (n: number) => n,
    manager: { transferThreads: 0 },
  },
  {
    path: 'a large body, in the main thread',
    size: (n: number) => n * 4 + 600_000,
    at: (n: number) => n * 4,
    manager: { transferThreads: 0 },
  },
  {
    // every blocking call counts as slow: the job writes its small files through the thread pool
    path: 'a small body on a slow disk',
    size: (n: number) => n,
    at: (n: number) => n,
    manager: { blockingCallLimitMs: -1 },
  },
  { path: 'a large body (streamed)', size: (n: number) => n * 4 + 600_000, at: (n: number) => n * 4, manager: {} },
];

async function runQuery(options: { confirm?: boolean; concurrency?: number } = {}) {
  const job = await h.manager.start({
    profileId: 'p1',
    source: { kind: 'query', filters: { appId: 'ttd/app' } },
    target: h.target,
    ...options,
  });
  return h.manager.wait(job.jobId);
}

describe('download faults against the fake Storage', () => {
  it.each(paths)('continues a connection reset mid-body with Range and verifies the bytes: $path', async (p) => {
    h = await harness({}, { manager: p.manager });
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: p.size(400_000), filename: 'big.bin' }] }]);
    const el = i!.elements[0]!;
    h.fake.addFault({ kind: 'data', elementId: el.id, type: 'reset', afterBytes: p.at(150_000) });
    const end = await runQuery();
    expect(end.state).toBe('completed');
    expect(end.transferThreads).toBe('transferThreads' in p.manager ? 0 : 2);
    const reqs = dataRequests();
    expect(reqs).toHaveLength(2);
    expect(reqs[1]!.range).toMatch(/^bytes=\d+-$/);
    expect(Number(reqs[1]!.range!.slice(6, -1))).toBeGreaterThan(0);
    expect((await readFile(join(folderOf(i!.id), 'big.bin'))).equals(h.fake.content(el.id))).toBe(true);
  });

  it.each(paths)('treats a truncated body as incomplete and resumes it: $path', async (p) => {
    h = await harness({}, { manager: p.manager });
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: p.size(200_000), filename: 'a.pdf' }] }]);
    h.fake.addFault({ kind: 'data', type: 'truncate', afterBytes: p.at(70_000) });
    const end = await runQuery();
    expect(end.state).toBe('completed');
    expect(dataRequests().map((r) => r.range)).toEqual([undefined, `bytes=${p.at(70_000)}-`]);
    expect((await readFile(join(folderOf(i!.id), 'a.pdf'))).equals(h.fake.content(i!.elements[0]!.id))).toBe(true);
  });

  it.each(paths)('discards corrupt bytes (MD5 mismatch) and downloads the element again: $path', async (p) => {
    h = await harness({}, { manager: p.manager });
    // Created before Storage stopped hashing, never replaced: its contentHash still describes the bytes.
    const [i] = h.fake.add([
      { appId: 'ttd/app', created: HASHED_ERA, elements: [{ size: p.size(50_000), filename: 'x.xml' }] },
    ]);
    h.fake.addFault({ kind: 'data', type: 'corrupt' });
    const end = await runQuery();
    expect(end.state).toBe('completed');
    expect(dataRequests().map((r) => r.range)).toEqual([undefined, undefined]);
    expect((await readFile(join(folderOf(i!.id), 'x.xml'))).equals(h.fake.content(i!.elements[0]!.id))).toBe(true);
  });

  it('retries 500 and honours 429 Retry-After', async () => {
    h = await harness();
    h.fake.add([{ appId: 'ttd/app', elements: [{ size: 1000 }] }]);
    h.fake.addFault({ kind: 'data', type: 'status', status: 500 });
    h.fake.addFault({ kind: 'data', type: 'retry-after', retryAfter: '1' });
    const end = await runQuery();
    expect(end.state).toBe('completed');
    const reqs = dataRequests();
    expect(reqs.map((r) => r.status)).toEqual([500, 429, 200]);
    // fastRetry's own backoff is ≤ 20 ms: a gap of about a second is the server's Retry-After.
    expect(reqs[2]!.at - reqs[1]!.at).toBeGreaterThanOrEqual(950);
  });

  it('fails an element that keeps failing, keeps nothing under its name, and confirms only complete instances', async () => {
    h = await harness();
    const [bad, good] = h.fake.add([
      {
        appId: 'ttd/app',
        isComplete: true,
        elements: [
          { size: 1000, filename: 'ok.txt' },
          { size: 2000, filename: 'broken.txt' },
        ],
      },
      { appId: 'ttd/app', isComplete: true, elements: [{ size: 3000, filename: 'fine.txt' }] },
    ]);
    h.fake.addFault({ kind: 'data', elementId: bad!.elements[1]!.id, type: 'status', status: 503, times: 100 });
    const end = await runQuery({ confirm: true });
    expect(end.state).toBe('partial');
    expect(end.instances).toMatchObject({ done: 1, failed: 1, confirmed: 1 });
    const files = await listFiles(h.target);
    expect(files.some((f) => f.endsWith('/broken.txt'))).toBe(false);
    expect(files).toContain(`ttd_app/${bad!.id.replace('/', '_')}/ok.txt`);
    expect(h.fake.confirmations(bad!.id)).toEqual([]);
    expect(h.fake.confirmations(good!.id).map((c) => c.stakeholderId)).toEqual(['ttd']);
    const detail = h.manager.get(end.jobId);
    expect(detail.failures).toEqual([
      expect.objectContaining({ instanceId: bad!.id, elementId: bad!.elements[1]!.id, code: 'STORAGE_UNAVAILABLE' }),
    ]);

    // A rerun into the same folder fetches only what is missing.
    h.fake.clearFaults();
    h.fake.requests.length = 0;
    const rerun = await runQuery({ confirm: true });
    expect(rerun.state).toBe('completed');
    expect(dataRequests().map((r) => r.elementId)).toEqual([bad!.elements[1]!.id]);
    expect(rerun.elements).toMatchObject({ done: 1, skipped: 2 });
    expect(h.fake.confirmations(bad!.id).map((c) => c.stakeholderId)).toEqual(['ttd']);
    // The good instance was confirmed before: Storage already lists our confirmation, nothing is posted again.
    expect(h.fake.count('complete')).toBe(1);
  });

  it('retry-failed on the same job fetches only what failed', async () => {
    h = await harness();
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: 1000 }, { size: 2000 }, { size: 3000 }] }]);
    h.fake.addFault({ kind: 'data', elementId: i!.elements[2]!.id, type: 'status', status: 500, times: 4 });
    const end = await runQuery();
    expect(end.state).toBe('partial');
    h.fake.requests.length = 0;
    await h.manager.retryFailed(end.jobId);
    const again = await h.manager.wait(end.jobId);
    expect(again.state).toBe('completed');
    expect(again.elements).toMatchObject({ done: 3, failed: 0 });
    expect(dataRequests().map((r) => r.elementId)).toEqual([i!.elements[2]!.id]);
  });

  it('refreshes the token once when it expires mid-job (401), with four transfers in flight', async () => {
    h = await harness();
    h.fake.add(Array.from({ length: 6 }, () => ({ appId: 'ttd/app', elements: [{ size: 20_000 }, { size: 30_000 }] })));
    h.fake.addFault({ kind: 'data', type: 'expire-token' });
    const end = await runQuery({ concurrency: 4 });
    expect(end.state).toBe('completed');
    expect(h.tokens.calls.refresh).toBe(1);
    expect(h.fake.requests.filter((r) => r.status === 401).every((r) => r.token === 'tok-1')).toBe(true);
    expect(dataRequests().filter((r) => r.status === 200).length).toBe(12);
  });

  it('stops with STORAGE_UNAUTHORIZED when even a fresh token is refused', async () => {
    h = await harness({}, { tokenPrefix: 'bad' });
    h.fake.add([{ appId: 'ttd/app', elements: [{ size: 10 }] }]);
    const end = await runQuery();
    expect(end.state).toBe('failed');
    expect(end.error?.code).toBe('STORAGE_UNAUTHORIZED');
    expect(h.tokens.calls.refresh).toBe(1);
  });

  it('keeps every hostile filename inside the target folder, sanitized and unique', async () => {
    h = await harness();
    const hostile = [
      '../../../../etc/passwd',
      '/etc/shadow',
      'C:\\Windows\\system32\\evil.dll',
      'CON',
      'aux.txt',
      'nul\u0000.txt',
      `${'x'.repeat(300)}.pdf`,
      `${'æ'.repeat(150)}.pdf`,
      'Report.PDF',
      'report.pdf',
      'caf\u00e9.txt',
      'cafe\u0301.txt',
      'trailing. . .',
      '.hidden',
      '..',
      'instance.json',
      'x\u202Efdp.exe',
      '',
      null,
    ];
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: hostile.map((filename) => ({ size: 100, filename })) }]);
    const end = await runQuery();
    expect(end.state).toBe('completed');
    const folder = folderOf(i!.id);
    const files = (await listFiles(h.target)).filter((f) => !f.endsWith('.mpd-manifest.json'));
    const names = files.map((f) => f.split('/').at(-1)!);
    expect(files.every((f) => f.startsWith(`ttd_app/${i!.id.replace('/', '_')}/`))).toBe(true);
    expect(files).toHaveLength(hostile.length + 1);
    expect(new Set(names.map((n) => n.normalize('NFC').toLowerCase())).size).toBe(names.length);
    for (const name of names) {
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not appear
      expect(name).not.toMatch(/[\\/\u0000-\u001f<>:"|?*]/);
      expect(name).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i);
      expect(name).not.toMatch(/[. ]$/);
    }
    expect(names.filter((n) => n === 'instance.json')).toHaveLength(1);
    expect(JSON.parse(await readFile(join(folder, 'instance.json'), 'utf8')).id).toBe(i!.id);
    expect(names).toContain('_CON');
    // A right-to-left override would show this name as "xexe.pdf" (issue 17, finding 11).
    expect(names).toContain('x_fdp.exe');
    expect(names.some((n) => n.endsWith('.pdf') && n.startsWith('xxxx'))).toBe(true);
    // Every element landed byte for byte somewhere in the instance folder.
    const manifest = JSON.parse(await readFile(join(h.target, '.mpd-manifest.json'), 'utf8'));
    for (const el of i!.elements) {
      expect((await readFile(join(h.target, manifest.elements[el.id].path))).equals(h.fake.content(el.id))).toBe(true);
    }
  });

  it('does not save infected elements, reports them, and does not confirm their instance', async () => {
    h = await harness();
    const [i] = h.fake.add([
      {
        appId: 'ttd/app',
        isComplete: true,
        elements: [
          { size: 100, filename: 'clean.txt' },
          { size: 100, filename: 'virus.exe', fileScanResult: 'Infected' },
        ],
      },
    ]);
    const end = await runQuery({ confirm: true });
    expect(end.state).toBe('partial');
    expect(end.elements).toMatchObject({ done: 1, infected: 1 });
    expect((await listFiles(h.target)).some((f) => f.includes('virus'))).toBe(false);
    expect(h.manager.get(end.jobId).infected).toEqual([
      { instanceId: i!.id, elementId: i!.elements[1]!.id, filename: 'virus.exe' },
    ]);
    const manifest = JSON.parse(await readFile(join(h.target, '.mpd-manifest.json'), 'utf8'));
    expect(Object.keys(manifest.infected)).toEqual([i!.elements[1]!.id]);
    expect(h.fake.count('complete')).toBe(0);
    expect(dataRequests().map((r) => r.elementId)).toEqual([i!.elements[0]!.id]);
  });

  it('cancel leaves no half file under a final name, and a new job resumes the part with Range', async () => {
    h = await harness();
    // A kept part is continued by a later run only when an MD5 can catch a damaged prefix.
    const [i] = h.fake.add([
      { appId: 'ttd/app', created: HASHED_ERA, elements: [{ size: 3_000_000, filename: 'movie.mp4' }] },
    ]);
    h.fake.addFault({ kind: 'data', type: 'stall', afterBytes: 1_000_000 });
    const job = await h.manager.start({
      profileId: 'p1',
      source: { kind: 'query', filters: { appId: 'ttd/app' } },
      target: h.target,
    });
    await waitFor(() => h.manager.get(job.jobId).bytes.done >= 1_000_000);
    h.manager.cancel(job.jobId);
    const end = await h.manager.wait(job.jobId);
    expect(end.state).toBe('cancelled');
    const files = await listFiles(h.target);
    expect(files.some((f) => f.endsWith('/movie.mp4'))).toBe(false);
    expect(files.filter((f) => f.endsWith('.part'))).toHaveLength(1);

    const second = await runQuery();
    expect(second.state).toBe('completed');
    expect(dataRequests().at(-1)!.range).toBe('bytes=1000000-');
    expect((await readFile(join(folderOf(i!.id), 'movie.mp4'))).equals(h.fake.content(i!.elements[0]!.id))).toBe(true);
    expect((await listFiles(h.target)).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it.each(paths)('restarts from byte 0 when the server ignores Range: $path', async (p) => {
    h = await harness({ rangeSupport: false }, { manager: p.manager });
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: p.size(300_000), filename: 'f.bin' }] }]);
    h.fake.addFault({ kind: 'data', type: 'reset', afterBytes: p.at(100_000) });
    const end = await runQuery();
    expect(end.state).toBe('completed');
    expect(dataRequests()[1]!.range).toMatch(/^bytes=/);
    expect((await readFile(join(folderOf(i!.id), 'f.bin'))).equals(h.fake.content(i!.elements[0]!.id))).toBe(true);
  });

  it.each(paths)('retries a stalled transfer after the idle timeout: $path', async (p) => {
    h = await harness({}, { manager: { ...p.manager, idleTimeoutMs: 300 } });
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: p.size(100_000), filename: 's.bin' }] }]);
    h.fake.addFault({ kind: 'data', type: 'stall', afterBytes: p.at(10_000) });
    const end = await runQuery();
    expect(end.state).toBe('completed');
    expect((await readFile(join(folderOf(i!.id), 's.bin'))).equals(h.fake.content(i!.elements[0]!.id))).toBe(true);
  });

  it('tolerates slow responses', async () => {
    h = await harness();
    h.fake.add([{ appId: 'ttd/app', elements: [{ size: 1000 }] }]);
    h.fake.addFault({ kind: 'data', type: 'slow', delayMs: 400 });
    h.fake.addFault({ kind: 'query', type: 'slow', delayMs: 300 });
    expect((await runQuery()).state).toBe('completed');
  });

  it.each(paths)('fails the job with DOWNLOAD_DISK_FULL on ENOSPC, nothing under a final name: $path', async (p) => {
    // The temp files open on /dev/full, which answers every write with ENOSPC.
    h = await harness({}, { manager: { ...p.manager, files: fullDiskForParts } });
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: p.size(50_000), filename: 'full.bin' }] }]);
    const end = await runQuery();
    expect(end.state).toBe('failed');
    expect(end.error?.code).toBe('DOWNLOAD_DISK_FULL');
    const files = await listFiles(h.target);
    expect(files.some((f) => f.endsWith('full.bin'))).toBe(false);
    await expect(lstat(join(folderOf(i!.id), `.${i!.elements[0]!.id}.part`))).rejects.toThrow();
  });

  it('falls back to Storage when the app API does not serve data', async () => {
    h = await harness({ appApi: false });
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: 1234, filename: 'a.txt' }] }]);
    const end = await runQuery();
    expect(end.state).toBe('completed');
    const attempts = h.fake.requests.filter((r) => r.path.includes('/data/'));
    expect(attempts.map((r) => [r.path.startsWith('/storage/') ? 'storage' : 'app', r.status])).toEqual([
      ['app', 404],
      ['storage', 200],
    ]);
    expect((await readFile(join(folderOf(i!.id), 'a.txt'))).equals(h.fake.content(i!.elements[0]!.id))).toBe(true);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

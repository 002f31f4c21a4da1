import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DownloadJobSummary } from '../../../src/common/contract/downloads';
import { JobRegistry } from '../../../src/node/downloads/job-registry';
import { fastRetry, harness, listFiles } from './harness';

let h: Awaited<ReturnType<typeof harness>>;
let other: string | undefined;
afterEach(async () => {
  await h?.cleanup();
  if (other) await rm(other, { recursive: true, force: true });
  other = undefined;
});

async function setup() {
  h = await harness();
  const jobs = new JobRegistry({
    storageFor: async () => ({ client: h.client, environment: h.environment }),
    retry: fastRetry,
    idleTimeoutMs: 2_000,
    progressIntervalMs: 20,
  });
  return jobs;
}

const query = { kind: 'query', filters: { appId: 'ttd/app' } } as const;

async function failure(promise: Promise<unknown>): Promise<{ code: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  return error as { code: string };
}

describe('job registry', () => {
  it('asks for the token before it claims the folder, and the first page takes that answer (issue 21)', async () => {
    const jobs = await setup();
    h.fake.add([{ appId: 'ttd/app', elements: [{ size: 10 }] }]);
    const lock = join(h.target, '.mpd-download.lock');
    const seen: boolean[] = [];
    const asked = h.tokens.getAltinnToken.bind(h.tokens);
    h.tokens.getAltinnToken = async (profileId, options) => {
      seen.push(existsSync(lock));
      return asked(profileId, options);
    };
    const job = await jobs.start({ profileId: 'p1', source: query, target: h.target });
    expect((await jobs.wait(job.jobId)).state).toBe('completed');
    // The first ask came before the folder was claimed; the listing's first page took its answer.
    expect(seen[0]).toBe(false);
    expect(h.fake.requests.filter((r) => r.kind === 'query')[0]?.token).toBe('tok-1');
    expect(h.tokens.calls.refresh).toBe(0);
  });

  it('runs one job per folder: a second one there is refused however the path is spelled, another folder is not', async () => {
    const jobs = await setup();
    h.fake.add([{ appId: 'ttd/app', elements: [{ size: 10 }, { size: 20 }] }]);
    h.fake.addFault({ kind: 'data', type: 'slow', delayMs: 300, times: 2 });
    const first = await jobs.start({ profileId: 'p1', source: query, target: h.target });
    expect(first.state).toBe('running');
    for (const spelling of [h.target, `${h.target}/`, join(h.target, 'x', '..')]) {
      expect((await failure(jobs.start({ profileId: 'p1', source: query, target: spelling }))).code).toBe(
        'DOWNLOAD_TARGET_BUSY',
      );
    }
    expect(jobs.runningIn(h.target)?.id).toBe(first.jobId);
    other = await mkdtemp(join(tmpdir(), 'mpd-dl-other-'));
    const second = await jobs.start({ profileId: 'p1', source: query, target: other });
    expect(second.jobId).not.toBe(first.jobId);
    expect(jobs.targets().sort()).toEqual([h.target, other].sort());

    expect((await jobs.wait(first.jobId)).state).toBe('completed');
    await jobs.wait(second.jobId);
    expect(jobs.runningIn(h.target)).toBeUndefined();
    // Once the first has ended, the folder is free again.
    const third = await jobs.start({ profileId: 'p1', source: query, target: h.target });
    expect((await jobs.wait(third.jobId)).state).toBe('completed');
    expect(jobs.list().map((j) => j.jobId)).toEqual([first.jobId, second.jobId, third.jobId]);
  });

  it('refuses a bad concurrency or a relative folder before touching anything', async () => {
    const jobs = await setup();
    for (const spec of [
      { target: h.target, concurrency: 0 },
      { target: h.target, concurrency: 17 },
      { target: h.target, concurrency: 1.5 },
      { target: 'relative/folder' },
    ]) {
      expect((await failure(jobs.start({ profileId: 'p1', source: query, ...spec }))).code).toBe(
        'DOWNLOAD_TARGET_INVALID',
      );
    }
    expect(jobs.list()).toEqual([]);
    expect(h.fake.requests).toEqual([]);
  });

  it('cancels a running job (it ends cancelled), and cancelling an ended job changes nothing', async () => {
    const jobs = await setup();
    h.fake.add([{ appId: 'ttd/app', elements: [{ size: 500_000 }] }]);
    h.fake.addFault({ kind: 'data', type: 'stall', afterBytes: 100_000 });
    const finished: DownloadJobSummary[] = [];
    jobs.onFinished((job) => finished.push(job));
    const job = await jobs.start({ profileId: 'p1', source: query, target: h.target });
    await waitFor(() => jobs.get(job.jobId).bytes.done >= 100_000);
    expect(jobs.cancel(job.jobId).state).toBe('running');
    const end = await jobs.wait(job.jobId);
    expect(end.state).toBe('cancelled');
    expect(end.endedAt).toBeDefined();
    expect(end.error).toBeUndefined();
    expect(jobs.cancel(job.jobId)).toMatchObject({ state: 'cancelled', endedAt: end.endedAt });
    expect(finished.map((j) => [j.jobId, j.state])).toEqual([[job.jobId, 'cancelled']]);
    expect(jobs.runningIn(h.target)).toBeUndefined();
  });

  it('drains: the transfer in flight finishes, verified and confirmed; nothing new starts; it ends cancelled', async () => {
    const jobs = await setup();
    const made = h.fake.add(
      Array.from({ length: 3 }, (_, i) => ({ appId: 'ttd/app', isComplete: true, elements: [{ size: 300_000 + i }] })),
    );
    // Each answer waits 300 ms: the first transfer is surely in flight when the drain comes.
    h.fake.addFault({ kind: 'data', type: 'slow', delayMs: 300, times: 3 });
    const job = await jobs.start({ profileId: 'p1', source: query, target: h.target, concurrency: 1, confirm: true });
    await waitFor(() => h.fake.requests.some((r) => r.kind === 'data'));
    expect(jobs.drain(job.jobId).state).toBe('running');
    const end = await jobs.wait(job.jobId);

    expect(end.state).toBe('cancelled');
    expect(end.error).toBeUndefined();
    const data = h.fake.requests.filter((r) => r.kind === 'data');
    expect(data).toHaveLength(1);
    expect(end.elements).toMatchObject({ done: 1, failed: 0 });
    // The file in flight is whole under its final name, in the manifest, and its instance is confirmed.
    const files = await listFiles(h.target);
    const done = made.find((i) => i.elements[0]?.id === data[0]?.elementId);
    expect(files.filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(files.filter((f) => !f.endsWith('instance.json') && !f.startsWith('.mpd'))).toHaveLength(1);
    expect(h.fake.confirmations(done?.id as string).map((c) => c.stakeholderId)).toEqual(['ttd']);
    expect(end.instances.confirmed).toBe(1);
    // A second call changes nothing.
    expect(jobs.drain(job.jobId).state).toBe('cancelled');
  });

  it('retries only what failed, refuses to retry a running job, and knows no unknown job', async () => {
    const jobs = await setup();
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: 1000 }, { size: 2000 }] }]);
    const failing = i!.elements[1]!.id;
    h.fake.addFault({ kind: 'data', elementId: failing, type: 'status', status: 500, times: 4 });
    h.fake.addFault({ kind: 'data', elementId: i!.elements[0]!.id, type: 'slow', delayMs: 200 });
    const job = await jobs.start({ profileId: 'p1', source: query, target: h.target });
    expect((await failure(jobs.retryFailed(job.jobId))).code).toBe('DOWNLOAD_JOB_RUNNING');
    const end = await jobs.wait(job.jobId);
    expect(end.state).toBe('partial');
    expect(jobs.get(job.jobId).failures.map((f) => f.elementId)).toEqual([failing]);

    h.fake.requests.length = 0;
    const again = await jobs.retryFailed(job.jobId);
    expect(again).toMatchObject({ jobId: job.jobId, state: 'running', endedAt: undefined });
    const retried = await jobs.wait(job.jobId);
    expect(retried.state).toBe('completed');
    expect(retried.elements).toMatchObject({ done: 2, failed: 0, total: 2 });
    expect(jobs.get(job.jobId).failures).toEqual([]);
    expect(h.fake.requests.filter((r) => r.kind === 'data').map((r) => r.elementId)).toEqual([failing]);

    for (const call of [() => jobs.get('nope'), () => jobs.cancel('nope'), () => jobs.targetOf('nope')]) {
      expect(call).toThrow(expect.objectContaining({ code: 'DOWNLOAD_JOB_NOT_FOUND' }));
    }
    expect((await failure(jobs.wait('nope'))).code).toBe('DOWNLOAD_JOB_NOT_FOUND');
    expect((await failure(jobs.retryFailed('nope'))).code).toBe('DOWNLOAD_JOB_NOT_FOUND');
  });

  it('tells the progress listeners while a job runs and once more when it has ended', async () => {
    const jobs = await setup();
    h.fake.add([{ appId: 'ttd/app', elements: [{ size: 10 }] }]);
    h.fake.addFault({ kind: 'data', type: 'slow', delayMs: 150 });
    const seen: string[] = [];
    const stop = jobs.onProgress((p) => seen.push(p.state));
    const job = await jobs.start({ profileId: 'p1', source: query, target: h.target });
    await jobs.wait(job.jobId);
    expect(seen.filter((s) => s === 'running').length).toBeGreaterThanOrEqual(2);
    expect(seen.at(-1)).toBe('completed');
    // The ticker (every 20 ms here) stopped with the job.
    const count = seen.length;
    await new Promise((r) => setTimeout(r, 80));
    expect(seen).toHaveLength(count);
    stop();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

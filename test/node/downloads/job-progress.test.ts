import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/common/errors/app-error';
import type { DownloadJob } from '../../../src/node/downloads/download-job';
import { FlushBatch } from '../../../src/node/downloads/flush-batch';
import { jobDetail, jobProgress, jobSummary, progressTicker } from '../../../src/node/downloads/job-progress';
import type { Manifest } from '../../../src/node/downloads/manifest';
import { RateMeter } from '../../../src/node/downloads/rate-meter';
import { SmallFileWriter } from '../../../src/node/downloads/small-file';
import type { StorageContext } from '../../../src/node/storage/storage-context';

afterEach(() => {
  vi.useRealTimers();
});

const environment = {
  id: 'tt02',
  name: 'TT02',
  production: false,
  custom: false,
  maskinporten: { issuer: 'https://test.maskinporten.no/', tokenEndpoint: 'https://test.maskinporten.no/token' },
  altinn: {
    exchangeUrl: 'https://x/exchange',
    storageBase: 'https://x/storage',
    appBase: 'https://{org}.x/{org}/{app}',
  },
};

/** A job as the runner leaves it: three instances (one failed), six elements of every state. */
function job(overrides: Partial<DownloadJob> = {}): DownloadJob {
  const infected = [
    { elementId: 'e5', instanceId: 'i2', filename: 'virus.exe' },
    { elementId: 'x9', instanceId: 'other-job', filename: null },
  ];
  return {
    id: 'job-1',
    spec: {
      profileId: 'p1',
      source: { kind: 'query', filters: { appId: 'ttd/app' } },
      target: '/data/out',
      concurrency: 4,
      confirm: true,
    },
    target: '/data/out',
    adaptive: false,
    flusher: new FlushBatch(),
    finishing: new Set(),
    context: { client: {}, environment } as unknown as StorageContext,
    manifest: { infected: () => infected } as unknown as Manifest,
    smallFiles: new SmallFileWriter(),
    state: 'running',
    controller: new AbortController(),
    cancelled: false,
    listingDone: true,
    instances: new Map([
      ['i1', { state: 'done', confirmed: true }],
      ['i2', { state: 'failed', confirmed: false }],
      ['i3', { state: 'pending', confirmed: false }],
    ]),
    elements: new Map([
      ['e1', { state: 'done', size: 1000 }],
      ['e2', { state: 'skipped', size: 50_000 }],
      ['e3', { state: 'failed', size: 300 }],
      ['e4', { state: 'pending', size: 2000 }],
      ['e5', { state: 'infected', size: 70_000 }],
      ['e6', { state: 'done', size: 700 }],
    ]),
    failures: [{ instanceId: 'i2', elementId: 'e3', filename: 'a.pdf', code: 'STORAGE_UNAVAILABLE', message: '503' }],
    bytesDone: 1200,
    // 500 more received by the transfer workers, which add to a shared counter.
    sharedBytes: new BigInt64Array([500n]),
    transferThreads: 2,
    diskSettings: {},
    rate: new RateMeter(),
    startedAt: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

describe('job progress', () => {
  it('counts instances and elements by state; skipped and infected bytes are not to be downloaded', () => {
    const p = jobProgress(job(), () => new Date(0));
    expect(p).toMatchObject({
      jobId: 'job-1',
      state: 'running',
      instances: { done: 1, failed: 1, total: 3, totalKnown: true, confirmed: 1 },
      elements: { done: 2, failed: 1, infected: 1, skipped: 1, total: 6 },
      bytes: { done: 1700, total: 4000 },
    });
  });

  it('samples the rate while running and gives an ETA only when the total is known', () => {
    const j = job({ bytesDone: 0, sharedBytes: new BigInt64Array(1) });
    let now = 0;
    const clock = () => new Date(now);
    expect(jobProgress(j, clock).rate).toBe(0);
    now = 1000;
    // Half from this thread, half from a transfer worker.
    j.bytesDone = 500;
    Atomics.add(j.sharedBytes, 0, 500n);
    const p = jobProgress(j, clock);
    expect(p.rate).toBe(1000);
    expect(p.etaSeconds).toBe(3);
    j.listingDone = false;
    now = 2000;
    j.bytesDone = 1500;
    const unknownTotal = jobProgress(j, clock);
    expect(unknownTotal.instances.totalKnown).toBe(false);
    expect(unknownTotal.etaSeconds).toBeUndefined();
  });

  it('keeps the last rate and gives no ETA once the job has ended', () => {
    const j = job({ bytesDone: 0, sharedBytes: new BigInt64Array(1) });
    jobProgress(j, () => new Date(0));
    j.bytesDone = 2000;
    expect(jobProgress(j, () => new Date(1000)).rate).toBe(2000);
    j.state = 'partial';
    j.bytesDone = 3000;
    const ended = jobProgress(j, () => new Date(60_000));
    expect(ended.rate).toBe(2000);
    expect(ended.etaSeconds).toBeUndefined();
  });

  it('summarises what the job is: its app or its chosen instances, folder, options, times and error', () => {
    const byQuery = jobSummary(job(), () => new Date(0));
    expect(byQuery).toMatchObject({
      profileId: 'p1',
      environmentId: 'tt02',
      production: false,
      target: '/data/out',
      appId: 'ttd/app',
      chosenInstances: undefined,
      concurrency: 4,
      transferThreads: 2,
      confirm: true,
      startedAt: '2026-03-01T10:00:00.000Z',
      endedAt: undefined,
      error: undefined,
    });
    const chosen = job({ state: 'failed', endedAt: '2026-03-01T10:05:00.000Z' });
    chosen.spec = { ...chosen.spec, source: { kind: 'instances', instanceIds: ['a/1', 'a/2'] } };
    chosen.fatal = new AppError('DOWNLOAD_DISK_FULL', 'The disk is full');
    expect(jobSummary(chosen, () => new Date(0))).toMatchObject({
      appId: undefined,
      chosenInstances: 2,
      state: 'failed',
      endedAt: '2026-03-01T10:05:00.000Z',
      error: { code: 'DOWNLOAD_DISK_FULL', message: 'The disk is full' },
    });
  });

  it("details the problems and only this job's infected elements", () => {
    const j = job();
    const detail = jobDetail(j, () => new Date(0));
    expect(detail.failures).toEqual(j.failures);
    expect(detail.failures).not.toBe(j.failures);
    expect(detail.infected).toEqual([{ instanceId: 'i2', elementId: 'e5', filename: 'virus.exe' }]);
  });

  it('ticks at its interval until stopped', () => {
    vi.useFakeTimers();
    let ticks = 0;
    const stop = progressTicker(250, () => ticks++);
    vi.advanceTimersByTime(1000);
    expect(ticks).toBe(4);
    stop();
    vi.advanceTimersByTime(1000);
    expect(ticks).toBe(4);
  });
});

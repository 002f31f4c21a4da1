import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/common/errors/app-error';
import { defaultTransferThreads, sharedTransferThreads } from '../../../src/node/downloads/transfer-threads';
import { fromWire, toWire } from '../../../src/node/downloads/transfer-wire';
import { classifyError } from '../../../src/node/platform/retry';
import { harness } from './harness';

let h: Awaited<ReturnType<typeof harness>>;
afterEach(async () => h?.cleanup());

describe('transfers on worker threads (issue 21)', () => {
  it('chooses as many workers as the machine has cores, at most 4, and none for one core', () => {
    expect([1, 2, 3, 4, 8, 64].map((cores) => defaultTransferThreads(cores))).toEqual([0, 2, 3, 4, 4, 4]);
  });

  it('carries errors across: an AppError keeps its code and details, an errno error its code', () => {
    const app = fromWire(
      toWire(new AppError('DOWNLOAD_SIZE_MISMATCH', 'Got 3 bytes', { details: { retryable: true, discard: true } })),
    );
    expect(app).toBeInstanceOf(AppError);
    expect(app).toMatchObject({ code: 'DOWNLOAD_SIZE_MISMATCH', message: 'Got 3 bytes', details: { discard: true } });
    expect(classifyError(app).retryable).toBe(true);
    const reset = fromWire(toWire(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })));
    expect(reset).not.toBeInstanceOf(AppError);
    expect(classifyError(reset).retryable).toBe(true);
  });

  it('a worker that stops mid-transfer fails that attempt as retryable; a new worker takes it and the job completes', async () => {
    h = await harness({}, { manager: { transferThreads: 1 } });
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: 300_000, filename: 'a.bin' }] }]);
    // The first answer waits, long enough to stop the worker while the transfer is in flight.
    h.fake.addFault({ kind: 'data', type: 'slow', delayMs: 800 });
    const job = await h.manager.start({
      profileId: 'p1',
      source: { kind: 'query', filters: { appId: 'ttd/app' } },
      target: h.target,
    });
    const deadline = Date.now() + 5_000;
    while (!h.fake.requests.some((r) => r.kind === 'data') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await sharedTransferThreads(1).close();
    const end = await h.manager.wait(job.jobId);
    expect(end.state).toBe('completed');
    expect(end.transferThreads).toBe(1);
    expect(h.fake.requests.filter((r) => r.kind === 'data')).toHaveLength(2);
    const file = join(h.target, 'ttd_app', i!.id.replace('/', '_'), 'a.bin');
    expect((await readFile(file)).equals(h.fake.content(i!.elements[0]!.id))).toBe(true);
  });
});

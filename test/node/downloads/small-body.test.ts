import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { receiveSmallBody } from '../../../src/node/downloads/small-body';

describe('receiving a small body', () => {
  const controller = () => new AbortController();

  it('collects the whole body and counts its bytes', async () => {
    const body = new PassThrough();
    let counted = 0;
    const got = receiveSmallBody({ body, limit: 10, signal: controller().signal, onBytes: (n) => (counted += n) });
    body.write('abc');
    body.end('def');
    const result = await got;
    expect(Buffer.concat(result.chunks).toString()).toBe('abcdef');
    expect(result.tooLong).toBe(false);
    expect(result.readError).toBeUndefined();
    expect(counted).toBe(6);
  });

  it('cuts off a body longer than its limit (memory stays bounded)', async () => {
    const body = new PassThrough();
    const got = receiveSmallBody({ body, limit: 4, signal: controller().signal });
    body.write('abc');
    body.write('def');
    const result = await got;
    expect(result.tooLong).toBe(true);
    expect(result.size).toBeLessThanOrEqual(4);
    expect(body.destroyed).toBe(true);
  });

  it('keeps the clean prefix and reports the error when the connection breaks', async () => {
    const body = new PassThrough();
    const got = receiveSmallBody({ body, limit: 100, signal: controller().signal });
    body.write('abc');
    await new Promise((r) => setImmediate(r));
    body.destroy(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    const result = await got;
    expect(Buffer.concat(result.chunks).toString()).toBe('abc');
    expect(result.readError).toMatchObject({ code: 'ECONNRESET' });
  });

  it('stops at once when the transfer is cancelled', async () => {
    const body = new PassThrough();
    const c = controller();
    const got = receiveSmallBody({ body, limit: 100, signal: c.signal });
    body.write('ab');
    await new Promise((r) => setImmediate(r));
    c.abort(new Error('cancelled'));
    const result = await got;
    expect(result.readError).toBeDefined();
    expect(body.destroyed).toBe(true);
  });

  it('calls onIdle when nothing arrives for idleTimeoutMs', async () => {
    const body = new PassThrough();
    const c = controller();
    let idle = false;
    const got = receiveSmallBody({
      body,
      limit: 100,
      signal: c.signal,
      idleTimeoutMs: 50,
      onIdle: () => {
        idle = true;
        c.abort();
      },
    });
    body.write('a');
    const result = await got;
    expect(idle).toBe(true);
    expect(result.readError).toBeDefined();
  });
});

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/electron-main/content-security-policy';

const handlers = vi.hoisted(() => new Map<string, (request: Request) => Promise<Response>>());
vi.mock('electron', () => ({
  protocol: {
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => handlers.set(scheme, handler),
    registerSchemesAsPrivileged: () => {},
  },
  BrowserWindow: class {},
}));

const { serveRenderer } = await import('../../src/electron-main/window');

describe('the app:// handler (issue 17, finding 12)', () => {
  const root = join(tmpdir(), `mpd-renderer-${process.pid}`);
  beforeAll(async () => {
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>x</title>');
    await writeFile(join(root, 'assets', 'pdf.worker.min.mjs'), 'self.onmessage = () => {};');
    serveRenderer(root);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const get = (url: string) => {
    const handler = handlers.get('app');
    if (!handler) throw new Error('serveRenderer registered no app:// handler');
    return handler(new Request(url));
  };

  it.each([
    ['app://maskinporten/index.html', 200],
    ['app://maskinporten/assets/pdf.worker.min.mjs', 200],
    ['app://maskinporten/missing.js', 404],
    ['app://maskinporten/../../etc/passwd', 404],
  ])('sends the CSP as a header with %s', async (url, status) => {
    const response = await get(url);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the worker as JavaScript (a module worker needs it)', async () => {
    expect((await get('app://maskinporten/assets/pdf.worker.min.mjs')).headers.get('content-type')).toContain(
      'text/javascript',
    );
  });
});

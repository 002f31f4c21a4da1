import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelNames } from '../../src/common/contract';

// A sandboxed preload may require only 'electron' (and a few polyfilled modules); one stray value import
// of a Node module through the contract would leave the window without window.api. Checked on the build.
describe('the built preload', () => {
  const bundle = readFileSync(join(__dirname, '..', '..', 'out', 'preload', 'preload.cjs'), 'utf8');

  it('requires nothing but electron', () => {
    const required = new Set([...bundle.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]));
    expect([...required]).toEqual(['electron']);
  });

  it('knows every contract channel and exposes only window.api', () => {
    for (const name of channelNames) expect(bundle).toContain(`"${name}"`);
    const exposed = [...bundle.matchAll(/exposeInMainWorld\(\s*["']([^"']+)["']/g)].map((m) => m[1]);
    expect(exposed).toEqual(['api']);
  });
});

describe('the built renderer', () => {
  it('carries the one CSP main also sends as a header (issue 17, finding 12)', async () => {
    const { CONTENT_SECURITY_POLICY } = await import('../../src/electron-main/content-security-policy');
    const html = readFileSync(join(__dirname, '..', '..', 'out', 'renderer', 'index.html'), 'utf8');
    const metas = [...html.matchAll(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/g)].map((m) => m[1]);
    expect(metas).toEqual([CONTENT_SECURITY_POLICY]);
  });
});

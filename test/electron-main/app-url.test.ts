import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTrustedOrigin, resolveAppUrl } from '../../src/electron-main/app-url';

const root = '/opt/mpd/out/renderer';

describe('resolveAppUrl', () => {
  it('serves files inside the renderer folder with a content type', () => {
    expect(resolveAppUrl('app://maskinporten/index.html', root)).toEqual({
      path: join(root, 'index.html'),
      mime: 'text/html; charset=utf-8',
    });
    expect(resolveAppUrl('app://maskinporten/', root)?.path).toBe(join(root, 'index.html'));
    expect(resolveAppUrl('app://maskinporten/assets/index-abc.js', root)?.mime).toContain('javascript');
  });

  it.each([
    'app://maskinporten/../../etc/passwd',
    'app://maskinporten/%2e%2e/%2e%2e/etc/passwd',
    'app://maskinporten/assets/..%2f..%2f..%2fetc/passwd',
    'app://maskinporten/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  ])('never leaves the renderer folder for %s', (url) => {
    const resolved = resolveAppUrl(url, root);
    if (resolved) expect(resolved.path.startsWith(`${root}/`)).toBe(true);
    expect(resolved?.path).not.toBe('/etc/passwd');
  });

  it.each([
    'app://maskinporten/assets/..%2f..%2f..%2f..%2f..%2fetc/passwd',
    'app://maskinporten/%00index.html',
    'app://maskinporten/%E0%A4%A',
    'app://other-host/index.html',
    'file:///etc/passwd',
    'https://maskinporten/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppUrl(url, root)).toBeNull();
  });
});

describe('isTrustedOrigin', () => {
  it('trusts only app://maskinporten', () => {
    expect(isTrustedOrigin('app://maskinporten/index.html')).toBe(true);
    expect(isTrustedOrigin('app://evil/index.html')).toBe(false);
    expect(isTrustedOrigin('https://maskinporten.no/')).toBe(false);
    expect(isTrustedOrigin('file:///index.html')).toBe(false);
    expect(isTrustedOrigin(undefined)).toBe(false);
  });
});

describe('isTrustedOrigin in a dev session', () => {
  it('trusts the loopback dev server only when one is given', () => {
    expect(isTrustedOrigin('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedOrigin('http://localhost:5173/')).toBe(false);
    expect(isTrustedOrigin('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedOrigin('https://evil.example/', 'https://evil.example/')).toBe(false);
  });
});

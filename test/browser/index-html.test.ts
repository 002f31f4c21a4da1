import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appResponseHeaders,
  CONTENT_SECURITY_POLICY,
  developmentContentSecurityPolicy,
  withContentSecurityPolicy,
} from '../../src/electron-main/content-security-policy';

const source = readFileSync(join(__dirname, '../../src/browser/index.html'), 'utf8');
/** index.html as the build writes it (electron.vite.config.ts fills the meta tag from the one policy). */
const html = withContentSecurityPolicy(source);

/** The CSP meta tag's content, parsed into directive → sources. */
function parseCsp(source: string): Map<string, string[]> {
  const tag = source.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i);
  if (!tag) throw new Error('no CSP meta tag in renderer/index.html');
  const directives = new Map<string, string[]>();
  for (const part of tag[1].split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

describe('renderer/index.html CSP', () => {
  const csp = parseCsp(html);

  it('is the one policy main sends as a header, filled in by the build (issue 17, finding 12)', () => {
    expect(parseCsp(html)).toEqual(
      parseCsp(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`),
    );
    expect(source).not.toContain("default-src 'self'");
    expect(() => withContentSecurityPolicy('<html><head></head></html>')).toThrow(
      /no Content-Security-Policy meta tag/,
    );
  });

  it('goes out as a header on every app:// response, with nosniff', () => {
    for (const type of ['text/html; charset=utf-8', 'text/javascript; charset=utf-8', 'text/plain; charset=utf-8']) {
      expect(appResponseHeaders(type)).toEqual({
        'content-type': type,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      });
    }
  });

  it('is looser only for the dev server, and only in style-src and connect-src', () => {
    const dev = parseCsp(withContentSecurityPolicy(source, developmentContentSecurityPolicy()));
    expect(dev.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:*', 'http://localhost:*']);
    expect(dev.get('script-src')).toEqual(["'self'"]);
  });

  it('has exactly one CSP meta tag, before any script', () => {
    expect(html.match(/http-equiv="Content-Security-Policy"/gi)).toHaveLength(1);
    const scriptAt = html.search(/<script/i);
    expect(html.search(/Content-Security-Policy/i)).toBeLessThan(scriptAt);
  });

  it("defaults to 'self' and lets only main talk to the network", () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'none'"]);
  });

  it('allows scripts and styles from the app itself only, never inline or eval', () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    const all = [...csp.values()].flat();
    for (const loose of [
      "'unsafe-inline'",
      "'unsafe-eval'",
      "'unsafe-hashes'",
      "'wasm-unsafe-eval'",
      '*',
      'http:',
      'https:',
    ]) {
      expect(all).not.toContain(loose);
    }
  });

  it('shuts plugins, framing, base and form targets', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('has no inline script or style in the page itself', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoveryCacheFile } from '../../../src/node/environments/discovery-cache-file';
import { createWellKnownDiscovery } from '../../../src/node/environments/environment-discovery';
import { createEnvironmentRegistry, TT02 } from '../../../src/node/environments/environments';
import { writeEnvironmentsFile } from '../../helpers/local-world';
import { tempHome } from '../../helpers/temp-home';

const WELL_KNOWN = '/.well-known/oauth-authorization-server';

/** A tiny authorization server on 127.0.0.1 whose well-known answer each test sets. */
async function startMetadataServer() {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    base,
    requests,
    answer(next: (req: IncomingMessage, res: ServerResponse) => void) {
      handler = next;
    },
    json(body: unknown, status = 200) {
      handler = (_req, res) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let server: Awaited<ReturnType<typeof startMetadataServer>>;
let home: string;
let cleanup: () => Promise<void>;
let clock: Date;
const now = () => clock;

beforeEach(async () => {
  server = await startMetadataServer();
  ({ home, cleanup } = await tempHome());
  clock = new Date('2026-03-01T10:00:00Z');
  await writeEnvironmentsFile(home, [
    {
      id: 'local',
      name: 'Local',
      production: false,
      maskinporten: {
        issuer: server.base,
        tokenEndpoint: `${server.base}token`,
        wellKnown: `${server.base}.well-known/oauth-authorization-server`,
      },
      altinn: {
        exchangeUrl: `${server.base}authentication/api/v1/exchange/maskinporten`,
        storageBase: `${server.base}storage/api/v1`,
        appBase: `${server.base}{org}/{app}`,
      },
    },
  ]);
});

afterEach(async () => {
  await server.close();
  await cleanup();
});

function registry(options: { timeoutMs?: number } = {}) {
  const discovery = createWellKnownDiscovery({ fetch: globalThis.fetch, now, timeoutMs: options.timeoutMs });
  return createEnvironmentRegistry({ file: join(home, 'environments.json'), discovery });
}

function metadata(overrides: Record<string, unknown> = {}) {
  return {
    issuer: server.base,
    token_endpoint: `${server.base}oauth/token`,
    jwks_uri: `${server.base}jwk`,
    grant_types_supported: ['urn:ietf:params:oauth:grant-type:jwt-bearer'],
    ...overrides,
  };
}

describe('well-known discovery', () => {
  it('uses the token endpoint from the metadata and records when', async () => {
    server.json(metadata());
    const resolved = await registry().resolve('local');
    expect(resolved.discovered).toBe(true);
    expect(resolved.discoveredAt).toBe('2026-03-01T10:00:00.000Z');
    expect(resolved.maskinporten.tokenEndpoint).toBe(`${server.base}oauth/token`);
    expect(resolved.maskinporten.issuer).toBe(server.base);
    expect(resolved.discoveryError).toBeUndefined();
    expect(server.requests).toEqual([WELL_KNOWN]);
  });

  it('falls back to the configured endpoints on HTTP 500', async () => {
    server.json({ error: 'boom' }, 500);
    const resolved = await registry().resolve('local');
    expect(resolved.discovered).toBe(false);
    expect(resolved.discoveryError).toBe('HTTP 500');
    expect(resolved.maskinporten.tokenEndpoint).toBe(`${server.base}token`);
  });

  it('falls back when the server does not answer in time', async () => {
    server.answer(() => {
      // never answers
    });
    const started = Date.now();
    const resolved = await registry({ timeoutMs: 200 }).resolve('local');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(resolved.discovered).toBe(false);
    expect(resolved.discoveryError).toBe('no answer within 200 ms');
    expect(resolved.maskinporten.tokenEndpoint).toBe(`${server.base}token`);
  });

  it.each([
    ['text that is not JSON', (res: ServerResponse) => res.end('<html>hello</html>'), 'response is not JSON'],
    [
      'JSON without token_endpoint',
      (res: ServerResponse) => res.end(JSON.stringify({ issuer: 'x' })),
      'response lacks issuer or token_endpoint',
    ],
    ['a JSON array', (res: ServerResponse) => res.end('[1,2]'), 'response lacks issuer or token_endpoint'],
  ])('falls back on garbage: %s', async (_label, write, expected) => {
    server.answer((_req, res) => write(res));
    const resolved = await registry().resolve('local');
    expect(resolved.discovered).toBe(false);
    expect(resolved.discoveryError).toBe(expected);
  });

  it('refuses metadata whose issuer differs from the configured one (RFC 8414 §3.3)', async () => {
    server.json(metadata({ issuer: 'https://evil.example/' }));
    const resolved = await registry().resolve('local');
    expect(resolved.discovered).toBe(false);
    expect(resolved.discoveryError).toContain('differs from the configured');
    expect(resolved.maskinporten.issuer).toBe(server.base);
  });

  it('refuses a plain-http token endpoint off loopback', async () => {
    server.json(metadata({ token_endpoint: 'http://example.com/token' }));
    const resolved = await registry().resolve('local');
    expect(resolved.discovered).toBe(false);
    expect(resolved.discoveryError).toBe('token_endpoint must be https (or http on loopback)');
  });

  it('does not follow redirects', async () => {
    server.answer((_req, res) => {
      res.writeHead(302, { location: `${server.base}elsewhere` });
      res.end();
    });
    const resolved = await registry().resolve('local');
    expect(resolved.discovered).toBe(false);
    expect(server.requests).toEqual([WELL_KNOWN]);
  });

  it('caches good metadata for an hour (injected clock)', async () => {
    server.json(metadata());
    const envs = registry();
    await envs.resolve('local');
    clock = new Date(clock.getTime() + 59 * 60_000);
    expect((await envs.resolve('local')).discoveredAt).toBe('2026-03-01T10:00:00.000Z');
    expect(server.requests).toHaveLength(1);
    clock = new Date(clock.getTime() + 2 * 60_000);
    server.json(metadata({ token_endpoint: `${server.base}v2/token` }));
    const refreshed = await envs.resolve('local');
    expect(server.requests).toHaveLength(2);
    expect(refreshed.maskinporten.tokenEndpoint).toBe(`${server.base}v2/token`);
    expect(refreshed.discoveredAt).toBe('2026-03-01T11:01:00.000Z');
  });

  it('remembers a failure for a minute only', async () => {
    server.json({}, 503);
    const envs = registry();
    expect((await envs.resolve('local')).discovered).toBe(false);
    clock = new Date(clock.getTime() + 30_000);
    server.json(metadata());
    expect((await envs.resolve('local')).discovered).toBe(false);
    expect(server.requests).toHaveLength(1);
    clock = new Date(clock.getTime() + 31_000);
    expect((await envs.resolve('local')).discovered).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it('shares one request between concurrent callers', async () => {
    server.json(metadata());
    const envs = registry();
    const results = await Promise.all(Array.from({ length: 10 }, () => envs.resolve('local')));
    expect(results.every((r) => r.discovered)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('never fetches when discovery is off, nor on list() or get()', async () => {
    server.json(metadata());
    const off = createEnvironmentRegistry({ file: join(home, 'environments.json'), discovery: false });
    expect((await off.resolve('local')).discovered).toBe(false);
    const on = registry();
    await on.list();
    await on.get('local');
    expect(server.requests).toHaveLength(0);
  });

  it('skips discovery for a custom environment without a well-known URL', async () => {
    const calls: string[] = [];
    const discovery = createWellKnownDiscovery({
      fetch: async (url) => {
        calls.push(String(url));
        throw new Error('must not be called');
      },
      now,
    });
    await writeEnvironmentsFile(home, [
      {
        id: 'plain',
        name: 'Plain',
        production: false,
        maskinporten: { issuer: server.base, tokenEndpoint: `${server.base}token` },
        altinn: { exchangeUrl: server.base, storageBase: server.base, appBase: `${server.base}{org}/{app}` },
      },
    ]);
    const resolved = await createEnvironmentRegistry({ file: join(home, 'environments.json'), discovery }).resolve(
      'plain',
    );
    expect(resolved.discovered).toBe(false);
    expect(resolved.discoveryError).toBeUndefined();
    expect(calls).toEqual([]);
  });
});

describe('well-known answers kept on disk for the next process (discovery-cache-file.ts)', () => {
  const process = () =>
    createEnvironmentRegistry({
      file: join(home, 'environments.json'),
      discovery: createWellKnownDiscovery({ fetch: globalThis.fetch, now, persisted: discoveryCacheFile(home) }),
    });

  it('lets a new process use what the last one read within the hour, and asks again after it', async () => {
    server.json(metadata({ token_endpoint: `${server.base}token-from-metadata` }));
    expect((await process().resolve('local')).maskinporten.tokenEndpoint).toBe(`${server.base}token-from-metadata`);
    expect(server.requests).toHaveLength(1);

    clock = new Date(clock.getTime() + 59 * 60_000);
    const next = await process().resolve('local');
    expect(next).toMatchObject({
      discovered: true,
      maskinporten: { tokenEndpoint: `${server.base}token-from-metadata` },
    });
    expect(server.requests).toHaveLength(1);

    clock = new Date(clock.getTime() + 2 * 60_000);
    server.json(metadata({ token_endpoint: `${server.base}token-moved` }));
    expect((await process().resolve('local')).maskinporten.tokenEndpoint).toBe(`${server.base}token-moved`);
    expect(server.requests).toHaveLength(2);
  });

  it('keeps no failure, and takes a damaged file or an entry that breaks the URL rule as no entry', async () => {
    server.json({}, 500);
    expect((await process().resolve('local')).discovered).toBe(false);
    server.json(metadata());
    expect((await process().resolve('local')).discovered).toBe(true);
    expect(server.requests).toHaveLength(2);

    const file = join(home, 'cache', 'well-known.json');
    await writeFile(file, '{ not json');
    expect((await process().resolve('local')).discovered).toBe(true);
    expect(server.requests).toHaveLength(3);

    // An entry whose token endpoint is plain http on another host is refused, as a fetched one would be.
    const kept = JSON.parse(await readFile(file, 'utf8'));
    for (const entry of Object.values(kept.entries) as { tokenEndpoint: string }[]) {
      entry.tokenEndpoint = 'http://evil.example/token';
    }
    await writeFile(file, JSON.stringify(kept));
    const resolved = await process().resolve('local');
    expect(resolved.maskinporten.tokenEndpoint).not.toContain('evil.example');
    expect(server.requests).toHaveLength(4);
  });
});

describe('discovery for the presets (fake fetch: the real hosts are never contacted)', () => {
  it('reads the TT02 metadata from its well-known URL', async () => {
    const calls: string[] = [];
    const discovery = createWellKnownDiscovery({
      fetch: async (url) => {
        calls.push(String(url));
        return new Response(
          JSON.stringify({
            issuer: 'https://test.maskinporten.no/',
            token_endpoint: 'https://test.maskinporten.no/token2',
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        );
      },
      now,
    });
    const resolved = await createEnvironmentRegistry({ discovery }).resolve('tt02');
    expect(calls).toEqual([TT02.maskinporten.wellKnown]);
    expect(resolved.discovered).toBe(true);
    expect(resolved.maskinporten.tokenEndpoint).toBe('https://test.maskinporten.no/token2');
  });

  it('falls back to the preset when the network fails', async () => {
    const discovery = createWellKnownDiscovery({
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
      now,
    });
    const resolved = await createEnvironmentRegistry({ discovery }).resolve('prod');
    expect(resolved.discovered).toBe(false);
    expect(resolved.discoveryError).toBe('unreachable: fetch failed');
    expect(resolved.maskinporten).toEqual({
      issuer: 'https://maskinporten.no/',
      tokenEndpoint: 'https://maskinporten.no/token',
      wellKnown: 'https://maskinporten.no/.well-known/oauth-authorization-server',
    });
  });

  it('holds preset metadata to https: a loopback http token endpoint is refused', async () => {
    const discovery = createWellKnownDiscovery({
      fetch: async () =>
        new Response(
          JSON.stringify({ issuer: 'https://test.maskinporten.no/', token_endpoint: 'http://127.0.0.1/token' }),
        ),
      now,
    });
    const resolved = await createEnvironmentRegistry({ discovery }).resolve('tt02');
    expect(resolved.discovered).toBe(false);
    expect(resolved.discoveryError).toBe('token_endpoint must be https');
  });

  it('does not fetch a plain-http well-known URL unless loopback http is allowed', async () => {
    let called = false;
    const discovery = createWellKnownDiscovery({
      fetch: async () => {
        called = true;
        return new Response('{}');
      },
      now,
    });
    const outcome = await discovery.lookup(`${server.base}${WELL_KNOWN.slice(1)}`, { allowLoopbackHttp: false });
    expect(outcome).toMatchObject({ ok: false, error: 'well-known URL must be https' });
    expect(called).toBe(false);
  });
});

describe('the presets keep their own token endpoint (issue 17, finding 7)', () => {
  const hostile = (issuer: string) =>
    new Response(JSON.stringify({ issuer, token_endpoint: 'https://evil.example/token' }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });

  it.each([
    ['tt02', 'https://test.maskinporten.no/', 'https://test.maskinporten.no/token'],
    ['prod', 'https://maskinporten.no/', 'https://maskinporten.no/token'],
  ])('refuses metadata for %s that sends the grant to another host', async (id, issuer, preset) => {
    const discovery = createWellKnownDiscovery({ fetch: async () => hostile(issuer), now });
    const resolved = await createEnvironmentRegistry({ discovery }).resolve(id);
    expect(resolved.discovered).toBe(false);
    expect(resolved.maskinporten.tokenEndpoint).toBe(preset);
    expect(resolved.discoveryError).toContain('https://evil.example/token');
  });

  it('refuses it from the disk cache too (cache/well-known.json)', async () => {
    const file = join(home, 'cache', 'well-known.json');
    await discoveryCacheFile(home).put(
      TT02.maskinporten.wellKnown ?? '',
      { issuer: TT02.maskinporten.issuer, tokenEndpoint: 'https://evil.example/token' },
      clock,
    );
    expect(await readFile(file, 'utf8')).toContain('evil.example');
    const fetched: string[] = [];
    const discovery = createWellKnownDiscovery({
      fetch: async (url) => {
        fetched.push(String(url));
        throw new TypeError('offline');
      },
      now,
      persisted: discoveryCacheFile(home),
    });
    const resolved = await createEnvironmentRegistry({ discovery }).resolve('tt02');
    expect(fetched).toEqual([]);
    expect(resolved.discovered).toBe(false);
    expect(resolved.maskinporten.tokenEndpoint).toBe('https://test.maskinporten.no/token');
  });

  it("follows a path Digdir moves on the preset's own host", async () => {
    const discovery = createWellKnownDiscovery({
      fetch: async () =>
        new Response(
          JSON.stringify({ issuer: 'https://maskinporten.no/', token_endpoint: 'https://maskinporten.no/v2/token' }),
        ),
      now,
    });
    expect((await createEnvironmentRegistry({ discovery }).resolve('prod')).maskinporten.tokenEndpoint).toBe(
      'https://maskinporten.no/v2/token',
    );
  });
});

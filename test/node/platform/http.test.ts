import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClockOffset } from '../../../src/node/auth/clock-offset';
import { createHttpClient, NetworkFailure, parseHttpDate } from '../../../src/node/platform/http';
import { createLogger, memorySink } from '../../../src/node/platform/log';
import { type AuthFake, startAuthFake } from '../../fakes/auth-server';

let fake: AuthFake;
beforeAll(async () => {
  fake = await startAuthFake();
});
afterAll(() => fake.close());

// Both transports: fetch when one is given, node:http otherwise (what the token service uses).
describe.each([
  ['fetch', { fetch }],
  ['node:http', {}],
] as const)('http over %s', (_, transport) => {
  it('reads the Date header, and logs no body and no query', async () => {
    const sink = memorySink();
    const http = createHttpClient({ ...transport, logger: createLogger(sink, { level: 'debug' }) });
    fake.setClockOffsetSeconds(42);
    const response = await http.request(`${fake.wellKnownUrl}?secret=abc`);
    fake.setClockOffsetSeconds(0);
    expect(response.status).toBe(200);
    const offset = new ClockOffset();
    const learned = offset.observe(response)!;
    expect(Math.abs(learned - 42_000)).toBeLessThan(1_500);
    expect(sink.lines.join('\n')).not.toContain('secret=abc');
    expect(sink.lines.join('\n')).not.toContain('token_endpoint');
  });

  it('turns a timeout and a refused connection into NetworkFailure', async () => {
    const http = createHttpClient({ ...transport, logger: createLogger(memorySink()) });
    fake.setDelayMs(300);
    await expect(http.request(fake.wellKnownUrl, { timeoutMs: 50 })).rejects.toMatchObject({ kind: 'timeout' });
    fake.setDelayMs(0);
    const error = await http.request('http://127.0.0.1:9/').catch((e) => e);
    expect(error).toBeInstanceOf(NetworkFailure);
    expect(error.kind).toBe('network');
  });

  it('sends a form body and refuses a redirect instead of following it', async () => {
    const http = createHttpClient({ ...transport, logger: createLogger(memorySink()) });
    const bad = await http.request(fake.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=nonsense',
    });
    // The fake read the form: it names the grant type it got.
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error).toBe('unsupported_grant_type');
    expect(bad.headers.get('content-type')).toMatch(/json/);
    const { createServer } = await import('node:http');
    const redirecting = createServer((_req, res) => {
      res.writeHead(302, { location: fake.wellKnownUrl }).end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    const port = (redirecting.address() as { port: number }).port;
    const error = await http.request(`http://127.0.0.1:${port}/`).catch((e) => e);
    redirecting.close();
    expect(error).toBeInstanceOf(NetworkFailure);
  });
});

describe('http dates', () => {
  it('parses IMF-fixdate', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')?.toISOString()).toBe('1994-11-06T08:49:37.000Z');
    expect(parseHttpDate('nonsense')).toBeUndefined();
    expect(parseHttpDate(null)).toBeUndefined();
  });
});

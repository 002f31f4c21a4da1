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

describe('http', () => {
  it('reads the Date header, and logs no body and no query', async () => {
    const sink = memorySink();
    const http = createHttpClient({ fetch, logger: createLogger(sink, { level: 'debug' }) });
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
    const http = createHttpClient({ fetch, logger: createLogger(memorySink()) });
    fake.setDelayMs(300);
    await expect(http.request(fake.wellKnownUrl, { timeoutMs: 50 })).rejects.toMatchObject({ kind: 'timeout' });
    fake.setDelayMs(0);
    const error = await http.request('http://127.0.0.1:9/').catch((e) => e);
    expect(error).toBeInstanceOf(NetworkFailure);
    expect(error.kind).toBe('network');
  });

  it('parses IMF-fixdate', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')?.toISOString()).toBe('1994-11-06T08:49:37.000Z');
    expect(parseHttpDate('nonsense')).toBeUndefined();
    expect(parseHttpDate(null)).toBeUndefined();
  });
});

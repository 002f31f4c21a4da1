import { describe, expect, it } from 'vitest';
import { createLogger, memorySink, redact } from '../../../src/node/platform/log';

const JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzY29wZSI6ImFsdGlubjpzZXJ2aWNlb3duZXIvaW5zdGFuY2VzLnJlYWQifQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU';

describe('redacting logger', () => {
  it('removes JWTs, PEM blocks and long base64 runs from messages', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
    const text = redact(`token ${JWT} and ${pem} and ${'A'.repeat(200)}`);
    expect(text).not.toContain('eyJhbGci');
    expect(text).not.toContain('MIIEvQ');
    expect(text).not.toContain('A'.repeat(120));
    expect(text).toContain('[REDACTED JWT]');
  });

  it('redacts secret-named fields and nested values, keeps ordinary ones', () => {
    const sink = memorySink();
    const log = createLogger(sink);
    log.info('grant', { password: 'hunter2', nested: { access_token: 'abc', d: 'xyz', scope: 'a:b' }, note: JWT });
    const line = sink.lines.join('\n');
    expect(line).not.toContain('hunter2');
    expect(line).not.toContain('"abc"');
    expect(line).not.toContain('xyz');
    expect(line).not.toContain('eyJhbGci');
    expect(line).toContain('a:b');
  });

  it('drops messages below the level and never throws when the sink fails', () => {
    const sink = memorySink();
    createLogger(sink, { level: 'warn' }).info('quiet');
    expect(sink.lines).toHaveLength(0);
    const broken = createLogger({
      write: () => {
        throw new Error('ENOSPC');
      },
    });
    expect(() => broken.error('still fine')).not.toThrow();
  });
});

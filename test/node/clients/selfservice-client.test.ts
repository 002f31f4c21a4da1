import { describe, expect, it } from 'vitest';
import { apiError } from '../../../src/node/clients/selfservice-client';
import type { HttpResponse } from '../../../src/node/platform/http';

const response = (status: number, text = ''): HttpResponse => ({
  status,
  text,
  headers: new Headers(),
  sentAt: 0,
  receivedAt: 0,
});

describe('apiError: HTTP answers of the self-service API to AppError codes', () => {
  it.each([
    [401, 'SELFSERVICE_UNAUTHORIZED'],
    [403, 'SELFSERVICE_FORBIDDEN_SCOPE'],
    [404, 'SELFSERVICE_NOT_FOUND'],
    [400, 'SELFSERVICE_INVALID_REQUEST'],
    [409, 'SELFSERVICE_INVALID_REQUEST'],
    [500, 'SELFSERVICE_SERVER_ERROR'],
    [503, 'SELFSERVICE_SERVER_ERROR'],
  ])('HTTP %i → %s', (status, code) => {
    expect(apiError(response(status), 'list clients').code).toBe(code);
  });

  it("reads a key-limit refusal from the server's words, and quotes them", () => {
    const error = apiError(
      response(400, '{"error":"invalid_request","error_description":"Too many keys: max 5 allowed"}'),
      'write the keys of c1',
    );
    expect(error.code).toBe('SELFSERVICE_KEY_LIMIT');
    expect(error.message).toContain('Too many keys');
    expect(error.details).toMatchObject({ status: 400, error: 'invalid_request' });
  });

  it('redacts anything token-like the server echoes back', () => {
    const jwt = `eyJhbGciOiJSUzI1NiJ9.${'a'.repeat(40)}.${'b'.repeat(40)}`;
    const error = apiError(response(400, `bad token ${jwt}`), 'create a client');
    expect(error.message).not.toContain(jwt);
    expect(error.message).toContain('[REDACTED');
  });
});

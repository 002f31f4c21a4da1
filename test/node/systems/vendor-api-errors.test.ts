import { describe, expect, it } from 'vitest';
import { SystemsErrors } from '../../../src/common/errors/systems-errors';
import { errorTexts } from '../../../src/common/i18n/errors';
import type { HttpResponse } from '../../../src/node/platform/http';
import { readProblem, vendorApiError } from '../../../src/node/systems/vendor-api-errors';
import { requestStatus } from '../../../src/node/systems/vendor-api-shapes';

const response = (status: number, text: string) => ({ status, text }) as HttpResponse;
const context = {
  what: 'do it',
  notFound: SystemsErrors.NOT_FOUND,
  scope: 'altinn:authentication/systemregister.write',
};

describe('Altinn problem details', () => {
  it('reads a validation problem: codes, titles and paths, without the generic title', () => {
    const problem = readProblem(
      JSON.stringify({
        title: 'One or more validation errors occurred.',
        status: 400,
        code: 'STD-00000',
        errors: [
          { code: 'AUTH.VLD-00002', title: 'The system id already exists', paths: ['/registersystemrequest/systemid'] },
          { code: 'AUTH.VLD-00008', title: 'Access package not valid', 'Invalid Urn Details : ': 'Not found: urn:x' },
        ],
      }),
    );
    expect(problem.codes).toEqual(['STD-00000', 'AUTH.VLD-00002', 'AUTH.VLD-00008']);
    expect(problem.text).toBe(
      'The system id already exists (/registersystemrequest/systemid); Access package not valid; Invalid Urn Details: Not found: urn:x',
    );
  });

  it('reads ASP.NET model errors, a JSON string, plain text and nothing', () => {
    expect(
      readProblem(
        '{"title":"One or more validation errors occurred.","errors":{"Name":["The Name field is required."]}}',
      ).text,
    ).toBe('Name: The Name field is required.');
    expect(readProblem('"Cannot update a system marked as deleted."').text).toBe(
      'Cannot update a system marked as deleted.',
    );
    expect(readProblem("System with ID 'x' not found.").text).toBe("System with ID 'x' not found.");
    expect(readProblem('')).toEqual({ codes: [] });
  });

  it('redacts a token the server might echo', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl';
    expect(readProblem(`bad token ${jwt}`).text).not.toContain(jwt);
  });

  it.each([
    [401, '', SystemsErrors.UNAUTHORIZED],
    [403, '', SystemsErrors.FORBIDDEN_SCOPE],
    [409, 'The System already exist: 1_x', SystemsErrors.ALREADY_EXISTS],
    [400, '{"code":"AUTH-00008","title":"Denied"}', SystemsErrors.REQUEST_CONFLICT],
    [404, '{"code":"AUTH-00010","title":"No request"}', SystemsErrors.REQUEST_NOT_FOUND],
    [404, '{"code":"AUTH-00011","title":"No system"}', SystemsErrors.NOT_FOUND],
    [404, '', SystemsErrors.NOT_FOUND],
    [400, '{"title":"Bad"}', SystemsErrors.INVALID],
    [502, '', SystemsErrors.SERVER_ERROR],
  ])('HTTP %i %s → %s', (status, body, code) => {
    const error = vendorApiError(response(status, body), context);
    expect(error.code).toBe(code);
    expect(error.message).toContain('do it');
  });

  it('names the scope in a 403', () => {
    expect(vendorApiError(response(403, ''), context).message).toContain('altinn:authentication/systemregister.write');
  });
});

describe('request status', () => {
  it.each([
    ['New', undefined, 'new'],
    ['accepted', undefined, 'accepted'],
    ['Rejected', undefined, 'rejected'],
    ['Denied', undefined, 'denied'],
    ['Timedout', undefined, 'timed-out'],
    ['New', true, 'timed-out'],
    ['Escalated', undefined, undefined],
  ])('%s (timedOut %s) → %s', (server, timedOut, status) => {
    expect(requestStatus(server, timedOut)).toBe(status);
  });
});

describe('systems error catalogue', () => {
  it.each(Object.values(SystemsErrors))('%s has a title and a hint in nb and en', (code) => {
    const text = errorTexts[code];
    expect(text?.nb.title && text.nb.hint && text.en.title && text.en.hint).toBeTruthy();
    expect(text?.nb.hint).not.toBe(text?.en.hint);
  });
});

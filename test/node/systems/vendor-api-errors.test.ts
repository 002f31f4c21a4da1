import { describe, expect, it } from 'vitest';
import { SystemsErrors } from '../../../src/common/errors/systems-errors';
import { errorTexts } from '../../../src/common/i18n/errors';
import { localizedValidationCodes, localizeProblemItem } from '../../../src/common/i18n/errors/altinn-validation';
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
  /** As Altinn.Authorization.ProblemDetails 5.4.0 writes AltinnValidationProblemDetails (validationErrors). */
  const validationBody = (...items: object[]) =>
    JSON.stringify({
      type: 'urn:altinn:error:STD-00000',
      title: 'One or more validation errors occurred.',
      status: 400,
      code: 'STD-00000',
      validationErrors: items,
    });

  it('reads a validation problem from validationErrors: codes, titles, paths and extensions, without the generic title', () => {
    const problem = readProblem(
      validationBody(
        { code: 'AUTH.VLD-00002', title: 'The system id already exists', paths: ['/registersystemrequest/systemid'] },
        {
          code: 'AUTH.VLD-00008',
          title: 'Access package not valid',
          paths: ['/registersystemrequest/accesspackages'],
          'Invalid Urn Details : ': 'Not found: urn:x',
        },
      ),
    );
    expect(problem.codes).toEqual(['STD-00000', 'AUTH.VLD-00002', 'AUTH.VLD-00008']);
    expect(problem.items).toEqual([
      {
        code: 'AUTH.VLD-00002',
        title: 'The system id already exists',
        paths: ['/registersystemrequest/systemid'],
        details: [],
      },
      {
        code: 'AUTH.VLD-00008',
        title: 'Access package not valid',
        paths: ['/registersystemrequest/accesspackages'],
        details: ['Invalid Urn Details: Not found: urn:x'],
      },
    ]);
    expect(problem.text).toBe(
      'The system id already exists (/registersystemrequest/systemid); Access package not valid (/registersystemrequest/accesspackages); Invalid Urn Details: Not found: urn:x',
    );
  });

  it('reads ASP.NET model errors, a JSON string, plain text and nothing', () => {
    const model = readProblem(
      '{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,"errors":{"Name":["The Name field is required."]}}',
    );
    expect(model.items).toEqual([{ title: 'The Name field is required.', paths: ['Name'], details: [] }]);
    expect(model.text).toBe('The Name field is required. (Name)');
    expect(readProblem('"Cannot update a system marked as deleted."').text).toBe(
      'Cannot update a system marked as deleted.',
    );
    expect(readProblem("System with ID 'x' not found.").text).toBe("System with ID 'x' not found.");
    expect(readProblem('')).toEqual({ codes: [], items: [] });
  });

  it.each([
    ['AUTH.VLD-00002', SystemsErrors.ALREADY_EXISTS],
    ['AUTH.VLD-00001', SystemsErrors.WRONG_VENDOR],
    // A space in a system id is 00013 (ValidationErrors.cs:91-92), not 00001.
    ['AUTH.VLD-00013', SystemsErrors.ID_INVALID],
    ['AUTH.VLD-00012', SystemsErrors.ID_INVALID],
    ['AUTH.VLD-00004', SystemsErrors.CLIENT_ID_TAKEN],
    ['AUTH.VLD-00011', SystemsErrors.CLIENT_ID_TAKEN],
    ['AUTH.VLD-00005', SystemsErrors.REDIRECT_URL_INVALID],
    ['AUTH.VLD-00003', SystemsErrors.RESOURCE_INVALID],
    ['AUTH.VLD-00017', SystemsErrors.RESOURCE_INVALID],
    ['AUTH.VLD-00008', SystemsErrors.ACCESS_PACKAGE_INVALID],
    ['AUTH.VLD-00018', SystemsErrors.ACCESS_PACKAGE_INVALID],
    ['AUTH.VLD-00000', SystemsErrors.INVALID],
  ])('validation item %s → %s, with the item in details.problems', (code, expected) => {
    const error = vendorApiError(
      response(400, validationBody({ code, title: `Rule ${code}`, paths: ['/x'] })),
      context,
    );
    expect(error.code).toBe(expected);
    expect(error.details?.problems).toEqual([{ code, title: `Rule ${code}`, paths: ['/x'], details: [] }]);
    expect(error.message).toContain(`  - Rule ${code} (/x) [${code}]`);
  });

  it('lets the most telling item decide, and keeps every item', () => {
    const error = vendorApiError(
      response(
        400,
        validationBody(
          { code: 'AUTH.VLD-00004', title: 'Client taken', paths: ['/registersystemrequest/clientid'] },
          { code: 'AUTH.VLD-00002', title: 'Exists', paths: ['/registersystemrequest/systemid'] },
        ),
      ),
      context,
    );
    expect(error.code).toBe(SystemsErrors.ALREADY_EXISTS);
    expect(error.details?.problems).toHaveLength(2);
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
    [
      400,
      '{"code":"AUTH-00021","title":"The RedirectUri was not found or not valid."}',
      SystemsErrors.REDIRECT_URL_INVALID,
    ],
    [400, '{"code":"STD-00000","title":"One or more validation errors occurred."}', SystemsErrors.INVALID],
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

describe('validation items in words', () => {
  it('names the field and says what is wrong in nb and en; an unknown code keeps Altinn’s title and path', () => {
    const taken = {
      code: 'AUTH.VLD-00004',
      title: 'One of the client id…',
      paths: ['/registersystemrequest/clientid'],
      details: [],
    };
    expect(localizeProblemItem(taken, 'nb')).toEqual({
      field: 'Klient-id-er',
      title: 'En av klient-id-ene er allerede knyttet til et annet system.',
    });
    expect(localizeProblemItem(taken, 'en')).toEqual({
      field: 'Client ids',
      title: 'One of the client ids is already tied to another system.',
    });
    const unknown = {
      code: 'AUTH.VLD-00099',
      title: 'Something new',
      paths: ['/registersystemrequest/new'],
      details: [],
    };
    expect(localizeProblemItem(unknown, 'nb')).toEqual({ field: '/registersystemrequest/new', title: 'Something new' });
    expect(localizeProblemItem({ title: 'The Name field is required.', paths: [], details: [] }, 'en')).toEqual({
      title: 'The Name field is required.',
    });
  });

  it.each(localizedValidationCodes)('%s has its own nb and en words', (code) => {
    const item = { code, title: 'x', paths: [], details: [] };
    const nb = localizeProblemItem(item, 'nb').title;
    const en = localizeProblemItem(item, 'en').title;
    expect(nb).not.toBe('x');
    expect(en).not.toBe('x');
    expect(nb).not.toBe(en);
  });
});

import { AppError } from '../../common/errors/app-error';
import { SystemsErrors } from '../../common/errors/systems-errors';
import type { HttpResponse } from '../platform/http';
import { redact } from '../platform/log';

/**
 * Altinn's authentication API answers errors as RFC 9457 problem details from Altinn.Authorization.ProblemDetails
 * (`{title, status, detail, code: "AUTH-00011"}`; validation problems add `errors: [{code: "AUTH.VLD-00002",
 * title, paths}]`), as ASP.NET model-binding errors (`errors: {"Name": ["…"]}`), or as plain text
 * (`NotFound("System with ID 'x' not found.")`). Sources: SystemRegisterController.cs, RequestSystemUserController.cs,
 * Core/Problems/Problem.cs, Core/Errors/ValidationErrors.cs; the error tables on docs.altinn.studio (docs/system-vendors.md).
 */

export interface ServerProblem {
  /** Every problem and validation code the body names (AUTH-00011, AUTH.VLD-00002, …). */
  codes: string[];
  /** The server's own words, short and redacted, for the message a person sees. */
  text?: string;
}

/** "The system id already exists" (ValidationErrors.SystemRegister_SystemId_Exists). */
const SYSTEM_EXISTS_CODE = 'AUTH.VLD-00002';
/** Problem.cs: 4 system user exists, 6 accepted, 8 denied, 9 rejected for this system, customer and externalRef. */
const REQUEST_CONFLICT_CODES = new Set(['AUTH-00004', 'AUTH-00006', 'AUTH-00007', 'AUTH-00008', 'AUTH-00009']);
/** Problem.cs: 10 no such request, 30 no such agent request. */
const REQUEST_NOT_FOUND_CODES = new Set(['AUTH-00010', 'AUTH-00030']);
/** Problem.cs: 11 the id does not refer to a registered system. */
const SYSTEM_NOT_FOUND_CODE = 'AUTH-00011';

export function readProblem(body: string): ServerProblem {
  const trimmed = body.trim();
  if (!trimmed) return { codes: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return { codes: [], text: clip(trimmed) };
  }
  if (typeof parsed === 'string') return { codes: [], text: clip(parsed) };
  if (!parsed || typeof parsed !== 'object') return { codes: [] };
  const p = parsed as Record<string, unknown>;
  const codes: string[] = [];
  const parts: string[] = [];
  if (typeof p.code === 'string') codes.push(p.code);
  if (typeof p.title === 'string') parts.push(p.title);
  if (typeof p.detail === 'string' && p.detail !== p.title) parts.push(p.detail);
  if (Array.isArray(p.errors)) {
    for (const e of p.errors) {
      if (!e || typeof e !== 'object') continue;
      const item = e as Record<string, unknown>;
      if (typeof item.code === 'string') codes.push(item.code);
      const paths = Array.isArray(item.paths) ? item.paths.filter((x) => typeof x === 'string') : [];
      const words = [item.title, item.detail].filter((x): x is string => typeof x === 'string').join(': ');
      if (words) parts.push(paths.length ? `${words} (${paths.join(', ')})` : words);
      // ProblemExtensionData: {"Invalid Urn Details : ": "Not found: urn:…"} names what was wrong.
      for (const [key, value] of Object.entries(item)) {
        if (typeof value === 'string' && /details/i.test(key)) parts.push(`${key.replace(/\s*:\s*$/, '')}: ${value}`);
      }
    }
  } else if (p.errors && typeof p.errors === 'object') {
    for (const [field, messages] of Object.entries(p.errors as Record<string, unknown>)) {
      const list = Array.isArray(messages) ? messages.filter((m) => typeof m === 'string') : [];
      parts.push(list.length ? `${field}: ${list.join(' ')}` : field);
    }
  }
  // A validation problem's own title is "One or more validation errors occurred": the items say more.
  const text = parts.length > 1 ? parts.filter((t) => !/one or more validation errors/i.test(t)) : parts;
  return { codes, text: text.length ? clip(text.join('; ')) : undefined };
}

function clip(text: string): string {
  return redact(text).slice(0, 600);
}

export interface ErrorContext {
  /** What was being done, for the message: "create system 991825827_x". */
  what: string;
  /** Which code a bare 404 means here. */
  notFound: typeof SystemsErrors.NOT_FOUND | typeof SystemsErrors.REQUEST_NOT_FOUND;
  /** The scope this route needs, named in a 403. */
  scope: string;
}

/** One AppError for a non-2xx answer, with the server's own words in the message. */
export function vendorApiError(response: HttpResponse, context: ErrorContext): AppError {
  const problem = readProblem(response.text);
  const said = problem.text ? ` — Altinn said: ${problem.text}` : '';
  const status = response.status;
  const details = { status, ...(problem.codes.length ? { codes: problem.codes } : {}) };
  const has = (code: string) => problem.codes.includes(code);
  if (status === 401) {
    return new AppError(SystemsErrors.UNAUTHORIZED, `Altinn refused the token (401) to ${context.what}${said}`, {
      details,
    });
  }
  if (status === 403) {
    return new AppError(
      SystemsErrors.FORBIDDEN_SCOPE,
      `Altinn refused (403) to ${context.what}: the token needs the scope ${context.scope}, and the system must belong to the token's organisation${said}`,
      { details: { ...details, scope: context.scope } },
    );
  }
  if (status === 409 || has(SYSTEM_EXISTS_CODE)) {
    return new AppError(SystemsErrors.ALREADY_EXISTS, `Could not ${context.what}: it exists already${said}`, {
      details,
    });
  }
  if (problem.codes.some((c) => REQUEST_CONFLICT_CODES.has(c))) {
    return new AppError(SystemsErrors.REQUEST_CONFLICT, `Altinn refused to ${context.what}${said}`, { details });
  }
  if (problem.codes.some((c) => REQUEST_NOT_FOUND_CODES.has(c))) {
    return new AppError(SystemsErrors.REQUEST_NOT_FOUND, `Not found when trying to ${context.what}${said}`, {
      details,
    });
  }
  if (status === 404 || has(SYSTEM_NOT_FOUND_CODE)) {
    const code = has(SYSTEM_NOT_FOUND_CODE) ? SystemsErrors.NOT_FOUND : context.notFound;
    return new AppError(code, `Not found when trying to ${context.what} (404)${said}`, { details });
  }
  if (status >= 500) {
    return new AppError(SystemsErrors.SERVER_ERROR, `Altinn failed to ${context.what} (HTTP ${status})${said}`, {
      details,
    });
  }
  return new AppError(SystemsErrors.INVALID, `Altinn refused to ${context.what} (HTTP ${status})${said}`, {
    details,
  });
}

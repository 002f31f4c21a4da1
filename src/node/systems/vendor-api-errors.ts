import { AppError } from '../../common/errors/app-error';
import type { ProblemItem } from '../../common/errors/problem-items';
import { SystemsErrors } from '../../common/errors/systems-errors';
import type { HttpResponse } from '../platform/http';
import { redact } from '../platform/log';

/**
 * Altinn's authentication API answers errors in three forms (docs/system-vendors.md §1, §5):
 * - problem details from Altinn.Authorization.ProblemDetails 5.4.0: `{type: "urn:altinn:error:AUTH-00011", title,
 *   status, code, detail?}` (src/ProblemDetails/AltinnProblemDetails.cs:19-80; codes in altinn-authentication@ad4f6f3
 *   src/Core/Problems/Problem.cs);
 * - its validation problem: the top level is always STD-00000 "One or more validation errors occurred."
 *   (StdProblemDescriptors.cs:22-23) and the items, the real reasons, are under **`validationErrors`**
 *   (AltinnValidationProblemDetails.cs:86), each `{code: "AUTH.VLD-000nn", title, paths, detail?, …extensions}`
 *   (AltinnValidationError.cs:45-87; codes in src/Core/Errors/ValidationErrors.cs:18-128);
 * - ASP.NET's own model-binding problem, `errors: {"Name": ["…"]}`; or plain text / a JSON string
 *   (`NotFound("System with ID 'x' not found.")`).
 */

export interface ServerProblem {
  /** Every problem and validation code the body names (AUTH-00011, STD-00000, AUTH.VLD-00002, …). */
  codes: string[];
  /** The server's own words, short and redacted, for the message a person sees. */
  text?: string;
  /** The validation items, one per broken rule (none for other problems). */
  items: ProblemItem[];
}

/** Problem.cs: 4 system user exists, 6 accepted, 7 pending, 8 denied, 9 rejected for this system, customer and externalRef. */
const REQUEST_CONFLICT_CODES = new Set(['AUTH-00004', 'AUTH-00006', 'AUTH-00007', 'AUTH-00008', 'AUTH-00009']);
/**
 * Problem.cs:77-78 AUTH-00010 (404) "The Id does not refer to a Request in our system." — also what the *agent*
 * route answers for an unknown id (RequestSystemUserService.GetAgentRequestByGuid, RequestSystemUserService.cs:399-405)
 * and what DELETE answers (:818-827); AUTH-00030 (Problem.cs:192-193) only on approval, kept for safety.
 */
const REQUEST_NOT_FOUND_CODES = new Set(['AUTH-00010', 'AUTH-00030']);
/** Problem.cs:83-84: 11 the id does not refer to a registered system. */
const SYSTEM_NOT_FOUND_CODE = 'AUTH-00011';

/**
 * Which stable code a validation (or problem) code means, most specific first: the first rule that any item
 * matches decides. ValidationErrors.cs:18-128 (AUTH.VLD), Problem.cs:143-144,173-174 (AUTH-00021, -00026).
 */
const CODE_RULES: [string[], string][] = [
  [['AUTH.VLD-00002'], SystemsErrors.ALREADY_EXISTS],
  [['AUTH.VLD-00001'], SystemsErrors.WRONG_VENDOR],
  [['AUTH.VLD-00013', 'AUTH.VLD-00012'], SystemsErrors.ID_INVALID],
  [['AUTH.VLD-00004', 'AUTH.VLD-00011'], SystemsErrors.CLIENT_ID_TAKEN],
  [['AUTH.VLD-00005', 'AUTH-00021', 'AUTH-00026'], SystemsErrors.REDIRECT_URL_INVALID],
  [['AUTH.VLD-00003', 'AUTH.VLD-00006', 'AUTH.VLD-00009', 'AUTH.VLD-00017'], SystemsErrors.RESOURCE_INVALID],
  [['AUTH.VLD-00007', 'AUTH.VLD-00008', 'AUTH.VLD-00018'], SystemsErrors.ACCESS_PACKAGE_INVALID],
];

/** The stable code the body's codes point to, if any rule knows one of them. */
export function codeForProblem(codes: readonly string[]): string | undefined {
  return CODE_RULES.find(([known]) => known.some((c) => codes.includes(c)))?.[1];
}

export function readProblem(body: string): ServerProblem {
  const trimmed = body.trim();
  if (!trimmed) return { codes: [], items: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return { codes: [], text: clip(trimmed), items: [] };
  }
  if (typeof parsed === 'string') return { codes: [], text: clip(parsed), items: [] };
  if (!parsed || typeof parsed !== 'object') return { codes: [], items: [] };
  const p = parsed as Record<string, unknown>;
  const codes: string[] = [];
  const parts: string[] = [];
  if (typeof p.code === 'string') codes.push(p.code);
  if (typeof p.title === 'string') parts.push(p.title);
  if (typeof p.detail === 'string' && p.detail !== p.title) parts.push(p.detail);
  // `validationErrors` is the real member; an `errors` array is read too, should a version ever send that.
  const listed = Array.isArray(p.validationErrors) ? p.validationErrors : Array.isArray(p.errors) ? p.errors : [];
  const items = listed.map(validationItem).filter((x): x is ProblemItem => x !== undefined);
  if (p.errors && typeof p.errors === 'object' && !Array.isArray(p.errors)) {
    for (const [field, messages] of Object.entries(p.errors as Record<string, unknown>)) {
      const list = Array.isArray(messages) ? messages.filter((m): m is string => typeof m === 'string') : [];
      items.push({ title: list.length ? clip(list.join(' ')) : field, paths: [field], details: [] });
    }
  }
  for (const item of items) {
    if (item.code) codes.push(item.code);
    parts.push(describeItem(item));
  }
  // A validation problem's own title is "One or more validation errors occurred": the items say more.
  const text = items.length ? parts.filter((t) => !/one or more validation errors/i.test(t)) : parts;
  return { codes, text: text.length ? clip(text.join('; ')) : undefined, items };
}

/** One AltinnValidationError: code, title, paths, detail, and extension members such as "Invalid Urn Details : ". */
function validationItem(value: unknown): ProblemItem | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const e = value as Record<string, unknown>;
  const title = typeof e.title === 'string' ? e.title : typeof e.detail === 'string' ? e.detail : undefined;
  if (!title && typeof e.code !== 'string') return undefined;
  const paths = Array.isArray(e.paths) ? e.paths.filter((x): x is string => typeof x === 'string') : [];
  const details: string[] = [];
  if (typeof e.detail === 'string' && e.detail !== title) details.push(clip(e.detail));
  for (const [key, v] of Object.entries(e)) {
    if (['code', 'title', 'paths', 'detail'].includes(key) || typeof v !== 'string') continue;
    details.push(clip(`${key.replace(/\s*:\s*$/, '')}: ${v}`));
  }
  return {
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    title: clip(title ?? String(e.code)),
    paths,
    details,
  };
}

function describeItem(item: ProblemItem): string {
  const where = item.paths.length ? ` (${item.paths.join(', ')})` : '';
  return [`${item.title}${where}`, ...item.details].join('; ');
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

/**
 * One AppError for a non-2xx answer, with the server's own words in the message and the validation items in
 * `details.problems` (the window lists them in the person's language; the message lists them for the CLI).
 */
export function vendorApiError(response: HttpResponse, context: ErrorContext): AppError {
  const problem = readProblem(response.text);
  const status = response.status;
  const said = problem.items.length
    ? ` — Altinn said:\n${problem.items.map((i) => `  - ${describeItem(i)}${i.code ? ` [${i.code}]` : ''}`).join('\n')}`
    : problem.text
      ? ` — Altinn said: ${problem.text}`
      : '';
  const details = {
    status,
    ...(problem.codes.length ? { codes: problem.codes } : {}),
    ...(problem.items.length ? { problems: problem.items } : {}),
  };
  const has = (code: string) => problem.codes.includes(code);
  const make = (code: string, message: string, extra: Record<string, unknown> = {}) =>
    new AppError(code, `${message}${said}`, { details: { ...details, ...extra } });
  if (status === 401) return make(SystemsErrors.UNAUTHORIZED, `Altinn refused the token (401) to ${context.what}`);
  if (status === 403) {
    return make(
      SystemsErrors.FORBIDDEN_SCOPE,
      `Altinn refused (403) to ${context.what}: the token needs the scope ${context.scope}, and the system must belong to the token's organisation`,
      { scope: context.scope },
    );
  }
  // 409 "The System already exist: …" comes from a database race (SystemRegisterController.cs:324-328).
  if (status === 409) return make(SystemsErrors.ALREADY_EXISTS, `Could not ${context.what}: it exists already`);
  const known = codeForProblem(problem.codes);
  if (known === SystemsErrors.ALREADY_EXISTS) return make(known, `Could not ${context.what}: it exists already`);
  if (problem.codes.some((c) => REQUEST_CONFLICT_CODES.has(c))) {
    return make(SystemsErrors.REQUEST_CONFLICT, `Altinn refused to ${context.what}`);
  }
  if (problem.codes.some((c) => REQUEST_NOT_FOUND_CODES.has(c))) {
    return make(SystemsErrors.REQUEST_NOT_FOUND, `Not found when trying to ${context.what}`);
  }
  if (status === 404 || has(SYSTEM_NOT_FOUND_CODE)) {
    const code = has(SYSTEM_NOT_FOUND_CODE) ? SystemsErrors.NOT_FOUND : context.notFound;
    return make(code, `Not found when trying to ${context.what} (404)`);
  }
  if (status >= 500) return make(SystemsErrors.SERVER_ERROR, `Altinn failed to ${context.what} (HTTP ${status})`);
  return make(known ?? SystemsErrors.INVALID, `Altinn refused to ${context.what} (HTTP ${status})`);
}

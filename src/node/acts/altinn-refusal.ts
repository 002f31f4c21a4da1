import type { ValidationIssueView } from '../../common/contract/instance-acts';
import { ActErrors } from '../../common/errors/act-errors';
import { AppError } from '../../common/errors/app-error';
import type { AltinnAnswer } from './altinn-answer';

/** The writes, named as the refusals name them. */
export type ActOp =
  | 'instantiate'
  | 'data-add'
  | 'data-replace'
  | 'data-delete'
  | 'process-read'
  | 'process-next'
  | 'process-complete'
  | 'substatus'
  | 'presentation-texts'
  | 'data-values'
  | 'delete';

/** The policy action each write needs (the app's XACML policy; shared/reference/maskinporten-altinn.md §3.7). */
const ACTION: Record<ActOp, string> = {
  instantiate: 'instantiate',
  'data-add': 'write',
  'data-replace': 'write',
  'data-delete': 'write',
  'process-read': 'read',
  'process-next': 'write',
  'process-complete': 'write',
  substatus: 'write',
  'presentation-texts': 'write',
  'data-values': 'write',
  delete: 'delete',
};

/**
 * Altinn's refusal of a write as a clear error (a stable code; the answer's own words in the message and
 * `details.body`; validation and upload issues in `details.issues`). The shapes and texts are app-lib's and
 * Storage's (§3.7): a PEP's 403 has no body, ProblemDetails carry `title`, the instantiation's strings are
 * JSON strings, DataController and ProcessController strings are plain text.
 */
export function refusalError(op: ActOp, answer: AltinnAnswer, where: string): AppError {
  const { status, text } = answer;
  const title = answer.problem?.title ?? '';
  const said = text ? `: ${text}` : '';
  const details = (extra: Record<string, unknown> = {}) => ({
    status,
    outcome: status >= 500 || status === 408 || status === 429 ? 'unknown' : 'refused',
    ...(text ? { body: text } : {}),
    ...extra,
  });
  const make = (code: string, message: string, extra?: Record<string, unknown>) =>
    new AppError(code, message, { details: details(extra) });

  if (status >= 500 || status === 408 || status === 429) {
    return make(
      ActErrors.SERVER_ERROR,
      `Altinn answered ${status} for ${where}${said}; it may or may not have been done`,
    );
  }
  if (status === 404) {
    if (/^Cannot lookup party/i.test(text))
      return make(ActErrors.PARTY_NOT_FOUND, `Altinn cannot find the owner${said}`);
    if (title === 'Data Element Not Found') return make(ActErrors.ELEMENT_NOT_FOUND, `No such data element${said}`);
    return make(ActErrors.INSTANCE_NOT_FOUND, `Altinn found no such instance for ${where}${said}`);
  }
  if (status === 403) return forbidden(op, answer, where, make);
  if (status === 409) {
    if (title === 'Instance Not Active')
      return make(ActErrors.INSTANCE_NOT_ACTIVE, `The instance is archived or deleted${said}`);
    if (title === 'Max Count Exceeded') return make(ActErrors.DATA_TYPE_FULL, `The data type is full${said}`);
    if (title === 'No current task') return make(ActErrors.NO_CURRENT_TASK, `The instance is in no task${said}`);
    if (title === 'Validation failed for task') {
      const issues = validationIssues(answer.problem?.validationIssues);
      return make(
        ActErrors.VALIDATION_FAILED,
        `Altinn refused to move the process: ${answer.problem?.detail ?? 'validation failed'}${issuesText(issues)}`,
        { issues },
      );
    }
    if (/Process is ended/i.test(text)) return make(ActErrors.PROCESS_ENDED, `The process has ended${said}`);
    if (/not started|missing process|current altinn task type/i.test(text)) {
      return make(ActErrors.PROCESS_NOT_STARTED, `The instance has no process to move${said}`);
    }
    if (answer.kind === 'empty' && op === 'data-replace') {
      return make(ActErrors.ELEMENT_LOCKED, 'Altinn refused to overwrite the element: it is locked (409)');
    }
    return make(ActErrors.REFUSED, `Altinn refused ${where} (409)${said}`);
  }
  if (status === 413) return make(ActErrors.FILE_TOO_LARGE, `Altinn says the file is too large${said}`);
  if (status === 415) return make(ActErrors.FORM_DATA_REFUSED, `Altinn cannot read the form data${said}`);
  if (status === 422) return make(ActErrors.FILE_EMPTY, `Altinn refused an empty body${said}`);
  if (status === 400) return badRequest(op, answer, where, make);
  return make(ActErrors.REFUSED, `Altinn answered ${status} for ${where}${said}`);
}

type Make = (code: string, message: string, extra?: Record<string, unknown>) => AppError;

function forbidden(op: ActOp, answer: AltinnAnswer, where: string, make: Make): AppError {
  const { text } = answer;
  const said = text ? `: ${text}` : '';
  if (/is not allowed to instantiate this application/i.test(text)) {
    return make(ActErrors.PARTY_TYPE_NOT_ALLOWED, `Altinn refused the owner${said}`);
  }
  if (/cannot be modified/i.test(text)) return make(ActErrors.ELEMENT_READ_ONLY, `Altinn refused${said}`);
  if (/cannot be deleted yet/i.test(text)) return make(ActErrors.DELETE_TOO_EARLY, `Altinn refused the delete${said}`);
  // An empty 403 on instantiation is the app's answer to a Register 401 (InstancesController.cs:316-337);
  // a refused `instantiate` is ProblemDetails "Forbidden".
  if (op === 'instantiate' && answer.kind === 'empty') {
    return make(ActErrors.PARTY_LOOKUP_REFUSED, 'The app could not look up the owner in the register (403)');
  }
  // Substatus: no policy, only "is the token's org the app's owner" (InstancesController.cs:1052-1056).
  if (op === 'substatus') return make(ActErrors.NOT_APP_OWNER, `Altinn refused the substatus for ${where} (403)`);
  const action = actionOf(op, answer);
  return make(
    ActErrors.POLICY_REFUSED,
    `The app's policy does not give your organisation the action "${action}" for ${where} (403)${said}`,
    { action },
  );
}

function badRequest(op: ActOp, answer: AltinnAnswer, where: string, make: Make): AppError {
  const { text } = answer;
  const title = answer.problem?.title ?? '';
  const said = text ? `: ${text}` : '';
  if (title === 'Data Type Not Found')
    return make(ActErrors.DATA_TYPE_UNKNOWN, `Altinn does not know the data type${said}`);
  if (title === 'Cannot Delete main data element') return make(ActErrors.MAIN_ELEMENT, `Altinn refused${said}`);
  if (/zero bytes/i.test(text)) return make(ActErrors.FILE_EMPTY, `Altinn refused an empty file${said}`);
  if (/exceeds limit|too large|exceeds the size limit/i.test(text)) {
    return make(ActErrors.FILE_TOO_LARGE, `Altinn says the file is too large${said}`);
  }
  if (/deserialize/i.test(text)) return make(ActErrors.FORM_DATA_REFUSED, `Altinn cannot read the form data${said}`);
  if (op === 'substatus') return make(ActErrors.SUBSTATUS_INVALID, `Altinn refused the substatus${said}`);
  if (op === 'instantiate' && /instanceOwner|InstanceOwner/.test(text)) {
    return make(ActErrors.OWNER_INVALID, `Altinn refused the owner${said}`);
  }
  if (title === 'File validation failed' || op === 'instantiate' || op === 'data-add' || op === 'data-replace') {
    const issues = validationIssues(answer.problem?.uploadValidationIssues);
    // The restriction checks refuse a Content-Length over maxSize before the body is read
    // (DataRestrictionValidation.cs:45-58): code DataElementTooLarge.
    const code = issues.some((i) => i.code === 'DataElementTooLarge')
      ? ActErrors.FILE_TOO_LARGE
      : ActErrors.FILE_REFUSED;
    return make(code, `Altinn refused the file for ${where}${said}${issuesText(issues)}`, {
      ...(issues.length ? { issues } : {}),
    });
  }
  return make(ActErrors.REFUSED, `Altinn refused ${where} (400)${said}`);
}

/**
 * The action a 403 was about: process next names it ("… Task type: confirmation. Action: none." — then the
 * task type's action, ProcessEngineAuthorizer.cs:34-120), the others by what they are.
 */
function actionOf(op: ActOp, answer: AltinnAnswer): string {
  const m = /Task type: ([^.]+)\. Action: ([^.]+)\./.exec(answer.text);
  if (m) {
    const [, taskType, action] = m as unknown as [string, string, string];
    if (action !== 'none') return action;
    return taskType === 'confirmation'
      ? 'confirm'
      : taskType === 'signing'
        ? 'sign'
        : taskType === 'payment'
          ? 'pay'
          : 'write';
  }
  return ACTION[op];
}

/** Altinn's validation or upload issues as the window lists them. */
export function validationIssues(raw: unknown): ValidationIssueView[] {
  if (!Array.isArray(raw)) return [];
  return raw.slice(0, 100).map((item) => {
    const i = (item ?? {}) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 500) : null);
    return {
      severity: typeof i.severity === 'number' ? i.severity : 1,
      code: str(i.code),
      description: str(i.description),
      field: str(i.field),
      dataElementId: str(i.dataElementId),
      source: str(i.source),
    };
  });
}

function issuesText(issues: ValidationIssueView[]): string {
  if (issues.length === 0) return '';
  return ` [${issues.map((i) => [i.code, i.field].filter(Boolean).join(' ')).join('; ')}]`;
}

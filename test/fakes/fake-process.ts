import type { FakeInstance, FakeTokenInfo } from './altinn-storage';
import { type Ctx, type FakeAppWrites, orgNumberOf, type TaskInfo, taskInfo, traceId } from './app-writes';
import type { FakeAppDefinition } from './fake-apps';
import type { Problem } from './fake-upload-rules';

/**
 * The process through the app (app-lib Altinn.App.Api/Controllers/ProcessController.cs,
 * Altinn.App.Core/Internal/Process/ProcessEngine.cs, ProcessEngineAuthorizer.cs; §3.7 "Process").
 */

export function processGet(w: FakeAppWrites, ctx: Ctx) {
  const app = w.app(ctx.route.appId as string);
  if (!w.allows(ctx.who, app, 'read')) return ctx.answer.empty(403);
  const instance = w.appInstance(ctx);
  if (!instance) return ctx.answer.json(404, notFoundProblem());
  return ctx.answer.json(200, appProcessState(w, ctx.who, app, instance));
}

export function processNext(w: FakeAppWrites, ctx: Ctx) {
  const { answer } = ctx;
  const app = w.app(ctx.route.appId as string);
  const instance = w.appInstance(ctx);
  if (!instance) return answer.json(404, notFoundProblem());
  let action: string | undefined;
  if (ctx.body.length > 0) {
    try {
      const parsed = JSON.parse(ctx.body.toString('utf8')) as { action?: unknown } | null;
      if (parsed && typeof parsed.action === 'string') action = parsed.action;
    } catch {
      return answer.json(400, { title: 'One or more validation errors occurred.', status: 400 });
    }
  }
  const result = next(w, ctx, app, instance, action);
  if ('problem' in result) return answer.json(result.problem.status, result.problem);
  return answer.json(200, appProcessState(w, ctx.who, app, instance));
}

export function processComplete(w: FakeAppWrites, ctx: Ctx) {
  const { answer } = ctx;
  const app = w.app(ctx.route.appId as string);
  const instance = w.appInstance(ctx);
  if (!instance) return answer.json(404, notFoundProblem());
  const state = w.actedState(instance);
  // A 409 text: Conflict(string) from a controller without [Produces] (ProcessController.cs:343-459).
  if (state.process.ended) return answer.text(409, 'Process is ended. It cannot be restarted.');
  let steps = 0;
  while (state.process.currentTask && steps++ < 1000) {
    const task = state.process.currentTask;
    // Each step: not authorised → Forbid() (403, empty); validation errors → 409 ProblemDetails.
    if (!taskActions(task.altinnTaskType).some((a) => w.allows(ctx.who, app, a))) return answer.empty(403);
    const issues = validate(app, instance, task.elementId);
    if (issues.length > 0) return answer.json(409, validationProblem(issues, task.elementId));
    const result = next(w, ctx, app, instance, undefined);
    if ('problem' in result) return answer.json(result.problem.status, result.problem);
  }
  return answer.json(200, appProcessState(w, ctx.who, app, instance));
}

/** One `next` (ProcessEngine.cs:230-380, 600-700): state checks, authorisation, validation, the move. */
export function next(
  w: FakeAppWrites,
  ctx: Ctx,
  app: FakeAppDefinition,
  instance: FakeInstance,
  action: string | undefined,
) {
  const state = w.actedState(instance);
  const conflict = (detail: string): { problem: Problem } => ({
    problem: { title: undefined, detail, status: 409, validationIssues: null },
  });
  if (state.process.ended) return conflict('Process is ended.');
  const task = state.process.currentTask;
  if (!task) return conflict('Process is not started. Use start!');
  if (!task.altinnTaskType) return conflict('Instance does not have current altinn task type information!');
  // ProcessEngineAuthorizer.cs:34-120: the given action, else one action the task type allows.
  const authorized = action
    ? w.allows(ctx.who, app, action)
    : taskActions(task.altinnTaskType).some((a) => w.allows(ctx.who, app, a));
  if (!authorized) {
    return {
      problem: {
        title: 'Unauthorized',
        detail: `User is not authorized to perform process next. Task ID: ${task.elementId}. Task type: ${task.altinnTaskType}. Action: ${action ?? 'none'}.`,
        status: 403,
      } satisfies Problem,
    };
  }
  const taskDef = app.process.find((t) => t.id === task.elementId);
  const abandon = action === 'reject' && Boolean(taskDef?.actions?.includes('reject'));
  if (!abandon) {
    const issues = validate(app, instance, task.elementId);
    if (issues.length > 0) return { problem: validationProblem(issues, task.elementId) };
  }
  move(w, ctx, app, instance, abandon);
  return { moved: true as const };
}

export function move(w: FakeAppWrites, ctx: Ctx, app: FakeAppDefinition, instance: FakeInstance, abandon: boolean) {
  const state = w.actedState(instance);
  const now = ctx.now;
  const task = state.process.currentTask as TaskInfo;
  w.appEvent(instance, ctx, abandon ? 'process_AbandonTask' : 'process_EndTask', state.process);
  const index = app.process.findIndex((t) => t.id === task.elementId);
  const next = index >= 0 ? app.process[index + 1] : undefined;
  if (next) {
    state.process = {
      ...state.process,
      currentTask: taskInfo(
        next,
        task.flow + 1,
        now,
        abandon ? 'AbandonCurrentMoveToNext' : 'CompleteCurrentMoveToNext',
      ),
    };
    instance.spec.currentTask = next.id;
    w.appEvent(instance, ctx, 'process_StartTask', state.process);
    w.cloudEvent(instance, app, `app.instance.process.movedTo.${next.id}`);
  } else {
    state.process = { ...state.process, currentTask: null, ended: now, endEvent: 'EndEvent_1' };
    // Storage archives an instance whose process ended (storage Storage/Controllers/ProcessController.cs:322-337).
    state.status.archived = now;
    instance.spec.isComplete = true;
    instance.spec.isArchived = true;
    w.appEvent(instance, ctx, 'process_EndEvent', state.process);
    w.appEvent(instance, ctx, 'Submited', state.process);
    w.cloudEvent(instance, app, 'app.instance.process.completed');
  }
  state.lastChangedBy = orgNumberOf(ctx.who);
  w.storage.touch(instance, now);
}

/** The default task validator: too many or too few elements of each data type of the task (DefaultTaskValidator.cs). */
export function validate(app: FakeAppDefinition, instance: FakeInstance, taskId: string) {
  const issues: Record<string, unknown>[] = [];
  for (const type of app.dataTypes.filter((d) => d.taskId === taskId)) {
    const count = instance.elements.filter((e) => (e.spec.dataType ?? 'attachment') === type.id).length;
    const issue = (code: string) => ({
      severity: 1,
      dataElementId: null,
      field: type.id,
      code,
      description: code,
      source: DEFAULT_TASK_VALIDATOR,
      noIncrementalUpdates: false,
      customTextKey: null,
      customTextParams: null,
    });
    if ((type.maxCount ?? 0) > 0 && (type.maxCount as number) < count) issues.push(issue('TooManyDataElementsOfType'));
    if ((type.minCount ?? 0) > 0 && (type.minCount as number) > count) issues.push(issue('TooFewDataElementsOfType'));
  }
  return issues;
}

/** Storage/app: the actions that allow process next in a task type (storage ProcessAuthorizer.cs:55-70). */
export function taskActions(taskType: string | null): string[] {
  switch (taskType) {
    case null:
      return [];
    case 'data':
    case 'feedback':
    case 'pdf':
    case 'eFormidling':
    case 'fiksArkiv':
    case 'subformPdf':
      return ['write'];
    case 'payment':
      return ['pay', 'write'];
    case 'confirmation':
      return ['confirm'];
    case 'signing':
      return ['sign', 'write'];
    default:
      return [taskType];
  }
}

/** AppProcessState (ProcessController.cs:501-538): the state with the caller's actions and the app's tasks. */
export function appProcessState(w: FakeAppWrites, who: FakeTokenInfo, app: FakeAppDefinition, instance: FakeInstance) {
  const process = w.actedState(instance).process;
  const task = process.currentTask;
  let currentTask: Record<string, unknown> | null = null;
  if (task) {
    const def = app.process.find((t) => t.id === task.elementId);
    const ids = ['read', 'write', ...(def?.actions ?? [])];
    const decisions = ids.map((id) => ({ id, authorized: w.allows(who, app, id), type: 'ProcessAction' }));
    currentTask = {
      ...task,
      actions: Object.fromEntries(decisions.map((d) => [d.id, d.authorized])),
      userActions: decisions,
      read: w.allows(who, app, 'read'),
      write: w.allows(who, app, 'write'),
      elementType: 'Task',
    };
  }
  return {
    ...process,
    currentTask,
    processTasks: app.process.map((t) => ({ altinnTaskType: t.type, elementId: t.id, elementType: 'Task' })),
  };
}

const NOT_FOUND_TYPE = 'https://tools.ietf.org/html/rfc9110#section-15.5.5';

const DEFAULT_TASK_VALIDATOR = 'Altinn.App.Core.Features.Validation.Default.DefaultTaskValidator-*';

function validationProblem(issues: Record<string, unknown>[], taskId: string): Problem {
  return {
    title: 'Validation failed for task',
    detail: `${issues.length} validation errors found for task ${taskId}`,
    status: 409,
    validationIssues: issues,
  };
}

/** A bare `NotFound()` under [ApiController]. */
function notFoundProblem(): Problem & { traceId: string } {
  return { type: NOT_FOUND_TYPE, title: 'Not Found', status: 404, traceId: traceId() };
}

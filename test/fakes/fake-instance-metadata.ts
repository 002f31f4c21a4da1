import { type Ctx, type FakeAppWrites, orgNumberOf } from './app-writes';
import { taskActions } from './fake-process';

/**
 * Substatus, presentation texts, data values and deletion (storage Storage/Controllers/InstancesController.cs:532-995;
 * app-lib InstancesController.cs:1024-1117; §3.7 "Storage instance metadata").
 */

export function substatus(w: FakeAppWrites, ctx: Ctx) {
  const { answer } = ctx;
  let parsed: unknown;
  try {
    parsed = ctx.body.length ? JSON.parse(ctx.body.toString('utf8')) : null;
  } catch {
    parsed = null;
  }
  const sub = parsed as { label?: unknown; description?: unknown } | null;
  if (!sub || typeof sub.label !== 'string' || sub.label === '') {
    const shown = sub ? JSON.stringify({ label: sub.label ?? null, description: sub.description ?? null }) : 'null';
    return answer.json(400, `Invalid sub status: ${shown}. Substatus must be defined and include a label.`);
  }
  const instance = ctx.route.via === 'app' ? w.appInstance(ctx) : w.byGuid(ctx.route.guid as string);
  // No null check in either: an unknown instance is a 500 through the error handler.
  if (!instance) return answer.json(500, { title: 'An error occurred while processing your request.', status: 500 });
  const state = w.actedState(instance);
  // The app compares the org claim case-insensitively (InstancesController.cs:1052-1056), Storage exactly.
  const sameOrg =
    ctx.route.via === 'app' ? state.org.toLowerCase() === ctx.who.org.toLowerCase() : state.org === ctx.who.org;
  if (!sameOrg) return answer.empty(403);
  state.status.substatus = {
    label: sub.label,
    description: typeof sub.description === 'string' ? sub.description : null,
  };
  state.lastChangedBy = orgNumberOf(ctx.who);
  w.storage.touch(instance, ctx.now);
  w.storageEvent(instance, ctx, 'SubstatusUpdated');
  // Only the app's endpoint sends the CloudEvent (app-lib InstancesController.cs:1070).
  if (ctx.route.via === 'app') w.cloudEvent(instance, w.app(instance.spec.appId), 'app.instance.substatus.changed');
  return answer.json(200, w.instanceJson(instance, ctx));
}

export function instanceMaps(w: FakeAppWrites, ctx: Ctx, op: 'presentationtexts' | 'datavalues') {
  const { answer } = ctx;
  const [member, key, name] =
    op === 'presentationtexts'
      ? (['texts', 'presentationTexts', 'presentationTexts'] as const)
      : (['values', 'dataValues', 'dataValues'] as const);
  let parsed: Record<string, unknown> | null = null;
  try {
    parsed = ctx.body.length ? (JSON.parse(ctx.body.toString('utf8')) as Record<string, unknown>) : null;
  } catch {
    parsed = null;
  }
  const map = parsed?.[member];
  if (!map || typeof map !== 'object') {
    return answer.json(400, `Missing parameter value: ${name} is misformed or empty`);
  }
  const instance = w.byGuid(ctx.route.guid as string);
  if (!instance) return answer.json(500, { title: 'An error occurred while processing your request.', status: 500 });
  // ProcessAuthorizer.cs:44-101: the current task type's actions (write without a task), or reject.
  const task = w.actedState(instance).process.currentTask;
  const actions = [...(task ? taskActions(task.altinnTaskType) : ['write']), 'reject'];
  const app = w.app(instance.spec.appId);
  if (!actions.some((a) => w.allows(ctx.who, app, a))) return answer.empty(403);
  // The SQL merges the map into the stored one (updateinstance.sql:17-52): an empty value keeps the old
  // one. lastChanged is not changed and no event is written.
  const target = w.actedState(instance)[key];
  for (const [k, v] of Object.entries(map as Record<string, unknown>)) {
    if (typeof v === 'string' && v !== '') target[k] = v;
  }
  return answer.json(200, w.instanceJson(instance, ctx));
}

export function deleteInstance(w: FakeAppWrites, ctx: Ctx) {
  const { answer } = ctx;
  const instance = ctx.route.via === 'app' ? w.appInstance(ctx) : w.byGuid(ctx.route.guid as string);
  const app = w.app(ctx.route.appId ?? instance?.spec.appId ?? '');
  // Policy `delete` (the template gives it only to DAGL/REGNA). Storage cannot find the policy of an
  // unknown instance, so it answers 403 before its 404 (StorageAccessHandler.cs:79-143).
  if (!w.allows(ctx.who, app, 'delete')) return answer.empty(403);
  if (!instance) {
    return ctx.route.via === 'storage'
      ? answer.empty(403)
      : answer.json(404, { title: `Deleting instance ${ctx.route.instanceId} failed.`, status: 404 });
  }
  const state = w.actedState(instance);
  const days = app.preventInstanceDeletionForDays;
  if (days && state.status.archived && Date.parse(ctx.now) - Date.parse(state.status.archived) < days * 86_400_000) {
    return answer.json(403, 'Instance cannot be deleted yet due to application restrictions.');
  }
  const hard = ctx.url.searchParams.get('hard')?.toLowerCase() === 'true';
  state.status.softDeleted ??= ctx.now;
  instance.spec.isSoftDeleted = true;
  if (hard) {
    state.status.hardDeleted = ctx.now;
    instance.spec.isHardDeleted = true;
  }
  state.lastChangedBy = orgNumberOf(ctx.who);
  w.storage.touch(instance, ctx.now);
  w.storageEvent(instance, ctx, 'Deleted');
  return answer.json(200, w.instanceJson(instance, ctx));
}

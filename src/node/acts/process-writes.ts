import type { ProcessView } from '../../common/contract/instance-acts';
import type { ActWorld } from './act-world';
import { processView } from './instance-view';
import { appInstanceUrl, sendWrite } from './send-write';

/**
 * An instance's process through the app (app-lib Altinn.App.Api/Controllers/ProcessController.cs,
 * Altinn.App.Core/Internal/Process/ProcessEngine.cs; shared/reference/maskinporten-altinn.md §3.7 "Process").
 * A refusal names why: the process has ended, the policy does not give the task's action (a confirmation task
 * needs `confirm`, which the template policy does not give the app owner), or the task's validation failed
 * (its issues in `details.issues`).
 */

/** `GET …/process` → AppProcessState. */
export async function getProcess(world: ActWorld, input: { appId: string; instanceId: string }): Promise<ProcessView> {
  const answer = await sendWrite(world, {
    op: 'process-read',
    appId: input.appId,
    url: `${appInstanceUrl(world, input.appId, input.instanceId)}/process`,
    method: 'GET',
    where: `read the process of ${input.instanceId}`,
  });
  return processView(answer.json);
}

/** `PUT …/process/next`, with `{action}` when one is given → the new state. */
export async function processNext(
  world: ActWorld,
  input: { appId: string; instanceId: string; action?: string },
): Promise<ProcessView> {
  const answer = await sendWrite(world, {
    op: 'process-next',
    appId: input.appId,
    url: `${appInstanceUrl(world, input.appId, input.instanceId)}/process/next`,
    method: 'PUT',
    ...(input.action
      ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action: input.action }) }
      : {}),
    where: `move the process of ${input.instanceId}${input.action ? ` (action ${input.action})` : ''}`,
  });
  return processView(answer.json);
}

/** `PUT …/process/completeProcess`: next until the end event → the ended state. */
export async function completeProcess(
  world: ActWorld,
  input: { appId: string; instanceId: string },
): Promise<ProcessView> {
  const answer = await sendWrite(world, {
    op: 'process-complete',
    appId: input.appId,
    url: `${appInstanceUrl(world, input.appId, input.instanceId)}/process/completeProcess`,
    method: 'PUT',
    where: `complete the process of ${input.instanceId}`,
  });
  return processView(answer.json);
}

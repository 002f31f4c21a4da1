import type { Instance } from '../../common/schemas/instance-types';
import type { ActWorld } from './act-world';
import { parseInstance } from './instance-view';
import { appInstanceUrl, sendWrite, storageInstanceUrl } from './send-write';

/**
 * What the instance's user and owner see, and its deletion (shared/reference/maskinporten-altinn.md §3.7
 * "Storage instance metadata").
 */

/**
 * The substatus through the app, `PUT {appBase}/instances/{p}/{g}/substatus` `{label, description}`: it sets
 * the status in Storage (lastChanged moves, instance event SubstatusUpdated) and then sends the CloudEvent
 * `app.instance.substatus.changed`, which Storage's own endpoint does not (app-lib InstancesController.cs:1024-1081).
 */
export async function setSubstatus(
  world: ActWorld,
  input: { appId: string; instanceId: string; label: string; description?: string },
): Promise<Instance> {
  const where = `set the substatus of ${input.instanceId}`;
  const answer = await sendWrite(world, {
    op: 'substatus',
    appId: input.appId,
    url: `${appInstanceUrl(world, input.appId, input.instanceId)}/substatus`,
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ label: input.label, ...(input.description ? { description: input.description } : {}) }),
    where,
  });
  return parseInstance(answer.json, where);
}

/**
 * Presentation texts or data values, `PUT {storage}/instances/{p}/{g}/presentationtexts|datavalues` (the app
 * has no route for them). Storage merges the map into the stored one — a key sent with an empty value keeps
 * its old value — changes no lastChanged and writes no event (storage InstancesController.cs:878-995,
 * updateinstance.sql:17-52).
 */
export async function setInstanceTexts(
  world: ActWorld,
  input: { appId: string; instanceId: string; kind: 'presentationTexts' | 'dataValues'; map: Record<string, string> },
): Promise<Instance> {
  const [path, member, op] =
    input.kind === 'presentationTexts'
      ? (['presentationtexts', 'texts', 'presentation-texts'] as const)
      : (['datavalues', 'values', 'data-values'] as const);
  const where = `set the ${input.kind === 'presentationTexts' ? 'presentation texts' : 'data values'} of ${input.instanceId}`;
  const answer = await sendWrite(world, {
    op,
    appId: input.appId,
    url: `${storageInstanceUrl(world, input.instanceId)}/${path}`,
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ [member]: input.map }),
    where,
  });
  return parseInstance(answer.json, where);
}

/**
 * `DELETE {appBase}/instances/{p}/{g}?hard=` (policy `delete`, which the template policy does not give the app
 * owner): soft sets isSoftDeleted; hard also isHardDeleted, for good (storage InstancesController.cs:532-630).
 */
export async function deleteInstance(
  world: ActWorld,
  input: { appId: string; instanceId: string; hard: boolean },
): Promise<Instance> {
  const where = `${input.hard ? 'hard-delete' : 'delete'} ${input.instanceId}`;
  const answer = await sendWrite(world, {
    op: 'delete',
    appId: input.appId,
    url: `${appInstanceUrl(world, input.appId, input.instanceId)}?hard=${input.hard ? 'true' : 'false'}`,
    method: 'DELETE',
    where,
  });
  return parseInstance(answer.json, where);
}

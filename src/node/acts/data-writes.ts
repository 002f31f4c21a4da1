import { AppError } from '../../common/errors/app-error';
import { StorageErrors } from '../../common/errors/storage-errors';
import { type DataElement, dataElementSchema, type Instance } from '../../common/schemas/instance-types';
import type { ActWorld } from './act-world';
import { parseInstance } from './instance-view';
import { checkCounts, checkPart, type DataPart } from './local-checks';
import { appInstanceUrl, contentDisposition, sendWrite } from './send-write';

/**
 * A data element added, replaced or deleted through the app (app-lib Altinn.App.Api/Controllers/DataController.cs;
 * shared/reference/maskinporten-altinn.md §3.7 "Data elements via the app"). The file is checked against the
 * app's metadata first; Storage computes no contentHash for it (§3.7).
 */

/** `POST {appBase}/instances/{p}/{g}/data/{dataType}` → 200 `{instance, newDataElementId, …}`. */
export async function addData(
  world: ActWorld,
  input: {
    appId: string;
    instanceId: string;
    part: DataPart;
    /** The instance's elements, when known: the count is checked against maxCount before sending. */
    existing?: readonly { dataType?: string | null }[];
    /** The part has passed checkPart already (createInstance checked every file before it sent anything). */
    checked?: boolean;
  },
): Promise<{ instance: Instance; elementId: string }> {
  let part = input.part;
  if (!input.checked) {
    const metadata = await world.metadata.get(world.api.appBase(input.appId), input.appId, world.signal);
    part = checkPart(metadata, part);
    if (input.existing) checkCounts(metadata, [part], input.existing);
  }
  const where = `add ${part.filename} to ${input.instanceId}`;
  const answer = await sendWrite(world, {
    op: 'data-add',
    appId: input.appId,
    url: `${appInstanceUrl(world, input.appId, input.instanceId)}/data/${encodeURIComponent(part.dataType)}`,
    method: 'POST',
    headers: { 'Content-Type': part.contentType, 'Content-Disposition': contentDisposition(part.filename) },
    body: part.bytes,
    where,
  });
  const body = (answer.json ?? {}) as { instance?: unknown; newDataElementId?: unknown };
  if (typeof body.newDataElementId !== 'string') {
    throw new AppError(StorageErrors.BAD_RESPONSE, `${where}: Altinn's answer has no newDataElementId`, {
      details: { outcome: 'unknown' },
    });
  }
  return { instance: parseInstance(body.instance, where), elementId: body.newDataElementId };
}

/** `PUT {appBase}/instances/{p}/{g}/data/{id}` → 201 with the DataElement (Storage keeps its id and created). */
export async function replaceData(
  world: ActWorld,
  input: { appId: string; instanceId: string; elementId: string; part: DataPart },
): Promise<DataElement> {
  const metadata = await world.metadata.get(world.api.appBase(input.appId), input.appId, world.signal);
  const part = checkPart(metadata, input.part);
  const where = `replace element ${input.elementId} of ${input.instanceId}`;
  const answer = await sendWrite(world, {
    op: 'data-replace',
    appId: input.appId,
    url: `${appInstanceUrl(world, input.appId, input.instanceId)}/data/${encodeURIComponent(input.elementId)}`,
    method: 'PUT',
    headers: { 'Content-Type': part.contentType, 'Content-Disposition': contentDisposition(part.filename) },
    body: part.bytes,
    where,
  });
  const parsed = dataElementSchema.safeParse(answer.json);
  if (!parsed.success) {
    throw new AppError(StorageErrors.BAD_RESPONSE, `${where}: Altinn's answer is not a data element`, {
      details: { outcome: 'unknown' },
    });
  }
  return parsed.data;
}

/** `DELETE {appBase}/instances/{p}/{g}/data/{id}` → 200 `{instance, …}`. */
export async function deleteData(
  world: ActWorld,
  input: { appId: string; instanceId: string; elementId: string },
): Promise<Instance> {
  const where = `delete element ${input.elementId} of ${input.instanceId}`;
  const answer = await sendWrite(world, {
    op: 'data-delete',
    appId: input.appId,
    url: `${appInstanceUrl(world, input.appId, input.instanceId)}/data/${encodeURIComponent(input.elementId)}`,
    method: 'DELETE',
    where,
  });
  return parseInstance((answer.json as { instance?: unknown } | undefined)?.instance, where);
}

import { randomBytes } from 'node:crypto';
import type { OwnerKind, PartResult, PartyView } from '../../common/contract/instance-acts';
import { ActErrors } from '../../common/errors/act-errors';
import { AppError } from '../../common/errors/app-error';
import type { Instance } from '../../common/schemas/instance-types';
import type { ActWorld } from './act-world';
import { addData } from './data-writes';
import { parseInstance, partyView } from './instance-view';
import {
  checkCounts,
  checkDate,
  checkOwner,
  checkPart,
  checkPrefill,
  type DataPart,
  ownerTemplate,
} from './local-checks';
import { contentDisposition, sendWrite, type WriteAnswer } from './send-write';

export interface CreateInstanceInput {
  appId: string;
  owner: { kind: OwnerKind; value: string };
  /** Data-model paths to values (`prefill` of `/instances/create`). */
  prefill?: Record<string, unknown>;
  parts?: DataPart[];
  visibleAfter?: string;
  dueBefore?: string;
}

export interface CreateInstanceResult {
  instance: Instance;
  /** The party the app answered (InstanceResponse `instanceOwner.party`). */
  party: PartyView | null;
  /** Each file: stored with its element id, or why not (only after the instance exists: see below). */
  parts: PartResult[];
}

/**
 * Create an instance for an owner, with prefill and files (shared/reference/maskinporten-altinn.md §3.7
 * "Instantiate"). Everything that can be checked is checked first — the owner's checksum, the prefill's
 * shape, the dates, each file against the app's metadata and the counts — and a refusal sends nothing.
 *
 * The request: without prefill, `POST {appBase}/instances` with the template as JSON, or as the `instance`
 * part of one multipart request that carries the files as parts named by their data type (the app stores
 * them before the task's auto-created forms); with prefill, `POST {appBase}/instances/create` (JSON only, it
 * takes no parts), then each file by `POST …/data/{dataType}`. In that case a file refused after the instance
 * exists is reported in `parts`, not thrown: the instance is there, and the caller must know its id.
 *
 * A failure before the instance exists throws an AppError whose `details.outcome` tells a caller (the bulk
 * send, issue 22) whether it may simply try again: `not-sent` and `refused` — nothing was created;
 * `unknown` — the answer was lost or Altinn failed, and an instance may exist.
 */
export async function createInstance(world: ActWorld, input: CreateInstanceInput): Promise<CreateInstanceResult> {
  const owner = checkOwner(input.owner);
  const prefill = input.prefill === undefined ? undefined : checkPrefill(input.prefill);
  const visibleAfter = checkDate(input.visibleAfter, 'visibleAfter');
  const dueBefore = checkDate(input.dueBefore, 'dueBefore');
  let parts = input.parts ?? [];
  const appBase = world.api.appBase(input.appId);
  if (parts.length > 0) {
    const metadata = await world.metadata.get(appBase, input.appId, world.signal);
    parts = parts.map((part) => checkPart(metadata, part));
    checkCounts(metadata, parts);
  }
  const where = `create an instance of ${input.appId}`;
  const template = {
    instanceOwner: ownerTemplate(owner),
    ...(visibleAfter ? { visibleAfter } : {}),
    ...(dueBefore ? { dueBefore } : {}),
  };

  if (prefill && Object.keys(prefill).length > 0) {
    const answer = await sendWrite(world, {
      op: 'instantiate',
      appId: input.appId,
      url: `${appBase}/instances/create`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...template, prefill }),
      where,
    });
    let instance = createdInstance(answer.json, answer.headers, where);
    const results: PartResult[] = [];
    for (const part of parts) {
      try {
        const added = await addData(world, { appId: input.appId, instanceId: instance.id, part, checked: true });
        instance = added.instance;
        results.push({ dataType: part.dataType, filename: part.filename, elementId: added.elementId });
      } catch (error) {
        const e = error instanceof AppError ? error : new AppError(ActErrors.REFUSED, String(error));
        results.push({ dataType: part.dataType, filename: part.filename, error: { code: e.code, message: e.message } });
      }
    }
    return { instance, party: partyView(answer.json), parts: results };
  }

  const request =
    parts.length === 0
      ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(template) }
      : multipart(template, parts);
  const answer = await sendWrite(world, {
    op: 'instantiate',
    appId: input.appId,
    url: `${appBase}/instances`,
    method: 'POST',
    ...request,
    where,
  });
  const instance = createdInstance(answer.json, answer.headers, where);
  return { instance, party: partyView(answer.json), parts: matchParts(instance, parts) };
}

/** The new instance from a 201; without a usable body, the id from `Location` (it exists, but we cannot show it). */
function createdInstance(json: unknown, headers: WriteAnswer['headers'], where: string): Instance {
  try {
    return parseInstance(json, where);
  } catch (error) {
    const location = headers.get('location') ?? '';
    const id = /\/instances\/(\d+\/[0-9a-fA-F-]{36})(?:$|[/?#])/.exec(location)?.[1];
    throw new AppError(
      ActErrors.ANSWER_LOST,
      `${where}: Altinn created the instance${id ? ` ${id}` : ''} but its answer could not be read`,
      { details: { outcome: 'unknown', ...(id ? { instanceId: id } : {}) }, cause: error },
    );
  }
}

/** One multipart body: the template as the `instance` part, each file as a part named by its data type. */
function multipart(template: object, parts: DataPart[]): { headers: Record<string, string>; body: Uint8Array } {
  const boundary = `mpd-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  const head = (lines: string[]) => Buffer.from(`--${boundary}\r\n${lines.join('\r\n')}\r\n\r\n`, 'utf8');
  chunks.push(
    head(['Content-Disposition: form-data; name="instance"', 'Content-Type: application/json; charset=utf-8']),
    Buffer.from(JSON.stringify(template), 'utf8'),
    Buffer.from('\r\n'),
  );
  for (const part of parts) {
    chunks.push(
      head([
        `Content-Disposition: ${contentDisposition(part.filename, 'form-data', part.dataType)}`,
        `Content-Type: ${part.contentType}`,
      ]),
      Buffer.from(part.bytes),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` }, body: Buffer.concat(chunks) };
}

/**
 * Which element each sent part became: the app stores the parts in order, so the n-th part of a type is the
 * n-th element of that type with its file name (an auto-created form has none).
 */
function matchParts(instance: Instance, parts: DataPart[]): PartResult[] {
  const taken = new Set<string>();
  return parts.map((part) => {
    const element = (instance.data ?? []).find(
      (d) => !taken.has(d.id) && d.dataType === part.dataType && (d.filename ?? '') !== '',
    );
    if (element) taken.add(element.id);
    return { dataType: part.dataType, filename: part.filename, ...(element ? { elementId: element.id } : {}) };
  });
}

import { splitInstanceId } from '../../common/schemas/instance-types';
import { parseRetryAfter } from '../platform/retry';
import type { HttpAnswer } from '../storage/write-request';
import type { ActWorld } from './act-world';
import { readAnswer } from './altinn-answer';
import { type ActOp, refusalError } from './altinn-refusal';
import { noAnswerError } from './write-outcome';

export interface WriteRequest {
  op: ActOp;
  appId: string;
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  /** "create an instance of ttd/app", for messages. */
  where: string;
}

export interface WriteAnswer {
  status: number;
  headers: HttpAnswer['headers'];
  /** The JSON body; undefined when it was empty. */
  json: unknown;
}

/**
 * One write: sent once (no retry — it may have happened), a 2xx read as JSON, any other answer turned into
 * Altinn's refusal (altinn-refusal.ts), and no answer into NOT_SENT or ANSWER_LOST (write-outcome.ts). A 2xx
 * whose body is lost on the way is ANSWER_LOST too: Altinn did it, and we do not know what it answered.
 */
export async function sendWrite(world: ActWorld, request: WriteRequest): Promise<WriteAnswer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const name in request.headers) headers[name.toLowerCase()] = request.headers[name] as string;
  let response: HttpAnswer;
  try {
    response = await world.api.authorizedRequest(request.url, request.appId, {
      method: request.method,
      headers,
      body: request.body,
      signal: world.signal,
    });
  } catch (error) {
    throw noAnswerError(error, request.where);
  }
  if (!response.ok) {
    const error = refusalError(request.op, await readAnswer(response), request.where);
    // A 429 or 503 may say when to come back (RFC 9110 §10.2.3); the bulk send holds its requests that long.
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    if (retryAfter !== undefined && error.details) error.details.retryAfterMs = retryAfter;
    throw error;
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw noAnswerError(Object.assign(new Error('the body was cut off'), { cause: error }), request.where);
  }
  let json: unknown;
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      throw noAnswerError(new Error(`Altinn answered ${response.status} with a body that is not JSON`), request.where);
    }
  }
  return { status: response.status, headers: response.headers, json };
}

/** `{appBase}/instances/{partyId}/{guid}` of an instance. */
export function appInstanceUrl(world: ActWorld, appId: string, instanceId: string): string {
  const { partyId, instanceGuid } = splitInstanceId(instanceId);
  return `${world.api.appBase(appId)}/instances/${encodeURIComponent(partyId)}/${encodeURIComponent(instanceGuid)}`;
}

/** `{storage}/instances/{partyId}/{guid}` of an instance. */
export function storageInstanceUrl(world: ActWorld, instanceId: string): string {
  const { partyId, instanceGuid } = splitInstanceId(instanceId);
  return `${world.api.storageApiBase}/instances/${encodeURIComponent(partyId)}/${encodeURIComponent(instanceGuid)}`;
}

/**
 * A Content-Disposition that survives HTTP headers (Latin-1 only): the plain `filename` with anything outside
 * printable ASCII replaced, and the real name in `filename*` (RFC 6266/5987), which the app reads first
 * (DataRestrictionValidation.GetFileNameFromHeader: FileNameStar ?? FileName).
 */
export function contentDisposition(fileName: string, type = 'attachment', name?: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const named = name === undefined ? '' : `; name="${name.replace(/["\\]/g, '_')}"`;
  const star = ascii === fileName ? '' : `; filename*=UTF-8''${encoded}`;
  return `${type}${named}; filename="${ascii}"${star}`;
}

import { z } from 'zod';
import type { InstanceHistory } from '../../common/contract/events';
import { AppError } from '../../common/errors/app-error';
import { EventsErrors } from '../../common/errors/events-errors';
import { StorageErrors } from '../../common/errors/storage-errors';
import { type Instance, splitInstanceId } from '../../common/schemas/instance-types';
import { redact } from '../platform/log';
import { defaultRetryPolicy, type RetryPolicy, withRetry } from '../platform/retry';
import type { HttpAnswer } from '../storage/write-request';
import { mergeHistory, type ProcessHistoryItem, type StoredInstanceEvent } from './history-merge';

/**
 * One instance's history (shared/reference/maskinporten-altinn.md §3.9): the instance from Storage (to name its
 * data elements and its substatus), then its instance events and its process history at once, both from Storage —
 * `GET {storage}/instances/{p}/{g}/events` (ordered by `created`, no paging) and `…/process/history`. The app has
 * the process-history route too, but only forwards to Storage (app-lib ProcessController.cs:465-499), and the
 * instance events exist only in Storage; one service answers both.
 */

/** What the reads need of a profile's Altinn client (StorageClient implements it). */
export interface HistoryApi {
  readonly storageApiBase: string;
  getInstance(instanceId: string, signal?: AbortSignal): Promise<Instance>;
  /** The instance this client read moments ago at exactly this lastChanged (recent-instances.ts). */
  readonly recent?: { lend(instanceId: string, lastChanged: string): Instance | undefined };
  authorizedRequest(
    url: string,
    appId: string,
    init: { method: 'GET'; headers: Record<string, string>; signal?: AbortSignal },
  ): Promise<HttpAnswer>;
}

const userSchema = z.looseObject({
  userId: z.number().optional(),
  orgId: z.string().optional(),
  nationalIdentityNumber: z.string().optional(),
  systemUserId: z.string().optional(),
  systemUserOwnerOrgNo: z.string().optional(),
  systemUserName: z.string().optional(),
});
const eventsSchema = z.looseObject({
  instanceEvents: z.array(
    z.looseObject({
      id: z.string().optional(),
      eventType: z.string(),
      created: z.string(),
      dataId: z.string().optional(),
      user: userSchema.optional(),
      processInfo: z
        .looseObject({
          started: z.string().optional(),
          ended: z.string().optional(),
          startEvent: z.string().optional(),
          endEvent: z.string().optional(),
          currentTask: z
            .looseObject({
              elementId: z.string().optional(),
              name: z.string().optional(),
              altinnTaskType: z.string().optional(),
            })
            .optional(),
        })
        .optional(),
    }),
  ),
});
// Storage leaves nulls out; the app's forwarding writes them (null → absent here).
const nullable = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);
const historySchema = z.looseObject({
  processHistory: z.array(
    z.looseObject({
      eventType: nullable,
      elementId: nullable,
      occured: nullable,
      started: nullable,
      ended: nullable,
      performedBy: nullable,
    }),
  ),
});

export async function readInstanceHistory(
  api: HistoryApi,
  instanceId: string,
  options: { appId?: string; lastChanged?: string; signal?: AbortSignal; retry?: RetryPolicy } = {},
): Promise<InstanceHistory> {
  // The details the caller shows read this instance a moment ago: at the same lastChanged it is the same
  // instance (recent-instances.ts), and the history costs its two reads, not three.
  const lent = options.lastChanged ? api.recent?.lend(instanceId, options.lastChanged) : undefined;
  const instance =
    lent ??
    (await api.getInstance(instanceId, options.signal).catch((error: unknown) => {
      throw inHistoryTerms(error);
    }));
  if (options.appId && instance.appId !== options.appId) {
    throw new AppError(
      StorageErrors.NOT_FOUND,
      `Instance ${instanceId} belongs to ${instance.appId}, not ${options.appId}`,
      {
        details: { status: 404, appId: instance.appId },
      },
    );
  }
  const { partyId, instanceGuid } = splitInstanceId(instance.id);
  const base = `${api.storageApiBase}/instances/${encodeURIComponent(partyId)}/${encodeURIComponent(instanceGuid)}`;
  const get = (url: string, schema: z.ZodType) => getJson(api, instance.appId, url, schema, options);
  const [events, history] = await Promise.all([
    get(`${base}/events`, eventsSchema) as Promise<z.output<typeof eventsSchema>>,
    get(`${base}/process/history`, historySchema) as Promise<z.output<typeof historySchema>>,
  ]);
  return mergeHistory(
    instance,
    events.instanceEvents as StoredInstanceEvent[],
    history.processHistory as ProcessHistoryItem[],
  );
}

async function getJson(
  api: HistoryApi,
  appId: string,
  url: string,
  schema: z.ZodType,
  options: { signal?: AbortSignal; retry?: RetryPolicy },
): Promise<unknown> {
  return withRetry(
    async () => {
      let response: HttpAnswer;
      try {
        response = await api.authorizedRequest(url, appId, {
          method: 'GET',
          headers: { accept: 'application/json' },
          signal: options.signal,
        });
      } catch (error) {
        throw inHistoryTerms(error);
      }
      const text = await response.text().catch(() => '');
      if (response.status !== 200) throw refusal(response.status, text, url);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new AppError(
          StorageErrors.BAD_RESPONSE,
          `Storage answered ${pathOf(url)} with something that is not JSON`,
        );
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError(
          StorageErrors.BAD_RESPONSE,
          `Unexpected answer from ${pathOf(url)}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
        );
      }
      return parsed.data;
    },
    { policy: options.retry ?? defaultRetryPolicy, signal: options.signal },
  );
}

/** Storage's 401 (after a fresh token) and 403 in the history's own words: what they mean here. */
function inHistoryTerms(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  if (error.code === StorageErrors.UNAUTHORIZED) {
    return new AppError(EventsErrors.HISTORY_UNAUTHORIZED, error.message, { details: error.details });
  }
  if (error.code === StorageErrors.FORBIDDEN) {
    return new AppError(EventsErrors.HISTORY_FORBIDDEN, error.message, { details: error.details });
  }
  return error;
}

function refusal(status: number, text: string, url: string): AppError {
  const detail = redact(text.replace(/\s+/g, ' ').trim()).slice(0, 300);
  const details = { status, ...(detail ? { body: detail } : {}) };
  // Policy InstanceRead: a denial, and an instance Storage does not know, are both 403 with no body
  // (StorageAccessHandler.cs:79-143).
  if (status === 403)
    return new AppError(EventsErrors.HISTORY_FORBIDDEN, `Storage refused ${pathOf(url)} (403)`, { details });
  if (status === 429 || status === 408 || status >= 500) {
    return new AppError(StorageErrors.UNAVAILABLE, `Altinn answered ${status} for ${pathOf(url)}`, {
      details: { ...details, retryable: true },
    });
  }
  if (status === 404) return new AppError(StorageErrors.NOT_FOUND, `Not found: ${pathOf(url)} (404)`, { details });
  return new AppError(
    StorageErrors.BAD_REQUEST,
    `Altinn answered ${status} for ${pathOf(url)}${detail ? `: ${detail}` : ''}`,
    {
      details,
    },
  );
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

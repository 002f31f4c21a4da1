import type { AppMetadataView, DataTypeView } from '../../common/contract/instance-acts';
import { ActErrors } from '../../common/errors/act-errors';
import { AppError } from '../../common/errors/app-error';
import { type ApplicationMetadata, applicationMetadataSchema } from '../../common/schemas/application-metadata';
import { nodeHttpSend } from '../platform/node-http-send';

/** How long an app's metadata is kept: the app answers with `ResponseCache(60 s)` (ApplicationMetadataController.cs:41). */
export const METADATA_TTL_MS = 60_000;

export interface AppMetadataSource {
  /** The app's metadata from `{appBase}/api/v1/applicationmetadata` (anonymous), at most 60 s old. */
  get(appBase: string, appId: string, signal?: AbortSignal): Promise<ApplicationMetadata>;
}

/**
 * Application metadata, read anonymously and kept 60 s per app base (app-lib
 * Altinn.App.Api/Controllers/ApplicationMetadataController.cs:12,41-59). Concurrent readers of one app share
 * one request (a bulk send asks for it per row). Read through `fetch` when one is given, else over node:http
 * (node-http-send.ts): a bulk send's first request waits for it, and Node's fetch loads undici on its first
 * call — ~50 ms of the CPU on this machine's start of `mpd instances send` (bench/bulk-send.ts, `--prof`).
 */
export function createAppMetadataSource(deps: { fetch?: typeof fetch; now: () => number }): AppMetadataSource {
  const cache = new Map<string, { at: number; promise: Promise<ApplicationMetadata> }>();
  return {
    get(appBase, appId, signal) {
      const url = `${appBase}/api/v1/applicationmetadata`;
      const hit = cache.get(url);
      if (hit && deps.now() - hit.at < METADATA_TTL_MS) return hit.promise;
      const promise = read(deps.fetch, url, appId, signal);
      cache.set(url, { at: deps.now(), promise });
      promise.catch(() => {
        if (cache.get(url)?.promise === promise) cache.delete(url);
      });
      return promise;
    },
  };
}

/** No answer within this: the app is not reachable (its metadata is a small, cached document). */
const TIMEOUT_MS = 20_000;

/** The answer's status and body, by `fetch` or by node:http; redirects are failures in both. */
async function answer(
  fetchImpl: typeof fetch | undefined,
  url: string,
  signal: AbortSignal | undefined,
): Promise<{ status: number; json: () => Promise<unknown> }> {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const headers = { Accept: 'application/json' };
  if (fetchImpl) {
    const response = await fetchImpl(url, { headers, signal: both, redirect: 'error' });
    if (!response.ok) await response.body?.cancel().catch(() => {});
    return { status: response.status, json: () => response.json() };
  }
  const sent = await nodeHttpSend(url, { method: 'GET', headers, signal: both });
  return { status: sent.status, json: async () => JSON.parse(sent.text) };
}

async function read(fetchImpl: typeof fetch | undefined, url: string, appId: string, signal?: AbortSignal) {
  let response: Awaited<ReturnType<typeof answer>>;
  try {
    response = await answer(fetchImpl, url, signal);
  } catch (error) {
    throw new AppError(ActErrors.APP_METADATA_UNAVAILABLE, `Could not reach ${appId}'s metadata: ${reason(error)}`, {
      details: { outcome: 'not-sent' },
      cause: error,
    });
  }
  if (response.status === 404) {
    throw new AppError(
      ActErrors.APP_NOT_FOUND,
      `The app ${appId} answered 404: it is not deployed in this environment`,
      {
        details: { outcome: 'not-sent', status: 404 },
      },
    );
  }
  if (response.status < 200 || response.status > 299) {
    throw new AppError(ActErrors.APP_METADATA_UNAVAILABLE, `${appId}'s metadata answered ${response.status}`, {
      details: { outcome: 'not-sent', status: response.status },
    });
  }
  const parsed = applicationMetadataSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success || parsed.data.id !== appId) {
    throw new AppError(
      ActErrors.APP_METADATA_UNAVAILABLE,
      parsed.success
        ? `The metadata at ${appId}'s address is of another app (${parsed.data.id})`
        : `${appId}'s metadata is not in Altinn's shape`,
      { details: { outcome: 'not-sent' } },
    );
  }
  return parsed.data;
}

function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string } })?.cause;
  return cause?.code ?? (error as Error)?.message ?? String(error);
}

/** The `ref-data-as-pdf` receipt the app makes itself (app-lib Altinn.App.Core/Internal/Pdf/PdfService.cs:46). */
export const PDF_ELEMENT_TYPE = 'ref-data-as-pdf';

export function dataTypeView(d: ApplicationMetadata['dataTypes'][number]): DataTypeView {
  return {
    id: d.id,
    allowedContentTypes: d.allowedContentTypes ?? [],
    maxSizeMb: d.maxSize ?? null,
    maxCount: Math.max(0, d.maxCount ?? 0),
    minCount: Math.max(0, d.minCount ?? 0),
    taskId: d.taskId ?? null,
    form: Boolean(d.appLogic?.classRef),
    autoCreate: Boolean(d.appLogic?.autoCreate),
    readOnly: d.id.toLowerCase() === PDF_ELEMENT_TYPE,
  };
}

export function appMetadataView(metadata: ApplicationMetadata): AppMetadataView {
  const p = metadata.partyTypesAllowed ?? {};
  const title: Record<string, string> = {};
  for (const [lang, text] of Object.entries(metadata.title ?? {})) if (text) title[lang] = text;
  return {
    appId: metadata.id,
    title,
    dataTypes: metadata.dataTypes.map(dataTypeView),
    partyTypesAllowed: {
      person: Boolean(p.person),
      organisation: Boolean(p.organisation),
      subUnit: Boolean(p.subUnit),
      bankruptcyEstate: Boolean(p.bankruptcyEstate),
    },
  };
}

/**
 * The only file that touches `window.api` (the preload's bridge, or the e2e harness's stand-in).
 * The stores in store/ call `call('area:action', input)`, which unwraps the envelope: the result, or a
 * thrown ApiError carrying the stable code, the English message and hint from main. Components call store
 * actions, never channels (test/browser/channel-calls.test.ts holds them to it).
 */
import type { Api, ChannelInput, ChannelName, ChannelResult, Envelope, EventName, Events } from '../common/contract';
import type { Language } from '../common/contract/app';
import type { DroppedFilePurpose } from '../common/contract/dropped-files';
import type { PickedFile } from '../common/contract/files';
import { methodPath } from '../common/contract/method-path';
import type { AppErrorJson } from '../common/errors/app-error';
import { errorTexts } from '../common/i18n/errors';

declare global {
  interface Window {
    api?: Api;
  }
}

export class ApiError extends Error {
  readonly code: string;
  readonly hint?: string;
  readonly details?: Record<string, unknown>;

  constructor(error: AppErrorJson) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.hint = error.hint;
    this.details = error.details;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

type InputArgs<C extends ChannelName> =
  undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>];

function bridge(): Api {
  const api = globalThis.window?.api;
  if (!api) {
    throw new ApiError({
      code: 'INTERNAL',
      message: 'window.api is missing: this page only works inside Maskinporten Desktop',
    });
  }
  return api;
}

/**
 * Handles for files dropped on the window (Electron: the preload reads each file's path itself and main names
 * the files in its own dialog, once for the drop; the page never sees a path). Null when the person said no
 * there; undefined where no desktop shell can tell (outside Electron). Throws an ApiError like `call`.
 */
export async function handlesForDroppedFiles(
  dropped: readonly File[],
  purpose: DroppedFilePurpose,
): Promise<PickedFile[] | null | undefined> {
  const files = globalThis.window?.api?.files;
  if (!files) return undefined;
  return unwrap<PickedFile[] | null>(await files.handlesForDroppedFiles(dropped, purpose), 'files:dropped');
}

/** A key file dropped on the window: as handlesForDroppedFiles, for the one file. */
export async function handleForDroppedFile(file: File): Promise<PickedFile | null | undefined> {
  const picked = await handlesForDroppedFiles([file], 'key-import');
  return picked ? (picked[0] ?? null) : picked;
}

/** Call a contract channel; resolves to its result or throws an ApiError. */
export async function call<C extends ChannelName>(channel: C, ...args: InputArgs<C>): Promise<ChannelResult<C>> {
  const [ns, method] = methodPath(channel);
  const group = (bridge() as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>)[ns];
  const fn = group?.[method];
  if (typeof fn !== 'function') {
    throw new ApiError({ code: 'UNKNOWN_CHANNEL', message: `window.api has no ${ns}.${method} for ${channel}` });
  }
  return unwrap<ChannelResult<C>>(await fn(args[0]), channel);
}

export function unwrap<R>(envelope: unknown, channel = 'channel'): R {
  const e = envelope as Envelope<R> | null | undefined;
  if (e && typeof e === 'object' && e.ok === true && 'result' in e) return e.result;
  if (e && typeof e === 'object' && e.ok === false && e.error && typeof e.error.code === 'string') {
    throw new ApiError(e.error);
  }
  throw new ApiError({ code: 'INTERNAL', message: `Malformed reply from ${channel}` });
}

/** Listen to a push event from main; returns the unsubscribe function. */
export function onEvent<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  return bridge().on(event, listener);
}

export interface ErrorText {
  code: string;
  title: string;
  hint?: string;
  /** The English message of this occurrence (specific, e.g. which field or URL). */
  message: string;
}

/**
 * What to show a person for an error: the catalogue's title and hint in `lang`, falling back to the
 * English message and hint sent by main when the code has no entry.
 */
export function errorText(error: unknown, lang: Language): ErrorText {
  const api =
    error instanceof ApiError
      ? error
      : new ApiError({ code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });
  const entry = errorTexts[api.code]?.[lang];
  return {
    code: api.code,
    title: entry?.title ?? api.message,
    hint: entry?.hint ?? api.hint,
    message: api.message,
  };
}

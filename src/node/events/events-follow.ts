import type { AppEvent, EventsQuery } from '../../common/contract/events';
import { AppError } from '../../common/errors/app-error';
import { classifyError, isAbort, type RetryPolicy, sleep } from '../platform/retry';
import { type EventsApi, readEvents } from './events-reader';

/**
 * Following an app's events (issue 20): read every page from the query's start, then poll `after=<last id>`
 * (shared/reference/maskinporten-altinn.md §3.8 "Polling rule"). While nothing comes the wait doubles, from
 * `firstMs` up to `maxMs`; an event resets it. Events shows an event only some 30 s after it was registered,
 * so polling faster than that finds nothing sooner. A retryable failure (network, 5xx, 429) waits and tries
 * again; any other failure ends the follow with its error. Aborting the signal ends it quietly.
 */
export interface FollowOptions {
  signal: AbortSignal;
  size?: number;
  /** Retries of one read before it counts as failed (the reader's default otherwise). */
  retry?: RetryPolicy;
  /** Waits between polls while nothing comes (default 5 s doubling up to 60 s). */
  backoff?: { firstMs: number; maxMs: number };
  /** New events, in Altinn's order, with the id to continue after. */
  onEvents(events: AppEvent[], after: string): void | Promise<void>;
  /** Before each read. */
  onRead?(): void;
  /** Before each wait: how long, and the failure that caused it when it follows a retryable failure. */
  onWait?(ms: number, error?: AppError): void;
}

export const DEFAULT_FOLLOW_BACKOFF = { firstMs: 5_000, maxMs: 60_000 };

export async function followEvents(
  api: EventsApi,
  appId: string,
  query: EventsQuery,
  options: FollowOptions,
): Promise<void> {
  const { firstMs, maxMs } = options.backoff ?? DEFAULT_FOLLOW_BACKOFF;
  let after = query.after;
  let wait = firstMs;
  while (!options.signal.aborted) {
    options.onRead?.();
    let failure: AppError | undefined;
    try {
      const read = await readEvents(api, appId, query, {
        after,
        size: options.size,
        signal: options.signal,
        retry: options.retry,
        onPage: async (events) => {
          after = (events.at(-1) as AppEvent).id;
          await options.onEvents(events, after);
        },
      });
      wait = read.events.length > 0 ? firstMs : wait;
    } catch (error) {
      if (options.signal.aborted || isAbort(error)) return;
      if (!(error instanceof AppError) || !classifyError(error).retryable) throw error;
      failure = error;
    }
    options.onWait?.(wait, failure);
    try {
      await sleep(wait, options.signal);
    } catch {
      return;
    }
    wait = Math.min(wait * 2, maxMs);
  }
}

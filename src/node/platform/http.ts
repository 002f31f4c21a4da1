import type { Logger } from './log';
import { nodeHttpSend, type SentResponse } from './node-http-send';

/**
 * The one HTTP helper of main: a request with a timeout (global fetch when one is given, else node:http —
 * node-http-send.ts), the response read as text, and the server's
 * `Date` header parsed for clock-skew learning (reference §6 pain point 1). It logs method, URL (without the
 * query string), status and duration — never request or response bodies, never headers: bodies and the
 * Authorization header carry grants and tokens.
 */
export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
  /** The server's `Date` header, when present and parseable. */
  serverDate?: Date;
  /** Local clock just before the request was sent and just after the answer arrived (ms since epoch). */
  sentAt: number;
  receivedAt: number;
}

export type NetworkFailureKind = 'timeout' | 'network' | 'aborted';

/** A request that got no HTTP answer at all. Callers turn it into their own AppError code. */
export class NetworkFailure extends Error {
  constructor(
    readonly kind: NetworkFailureKind,
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'NetworkFailure';
  }
}

export const DEFAULT_TIMEOUT_MS = 20_000;

export interface HttpClient {
  request(url: string, init?: HttpRequest): Promise<HttpResponse>;
}

export function createHttpClient(options: {
  /** Requests through this fetch; without one, through node:http (node-http-send.ts). */
  fetch?: typeof fetch;
  logger: Logger;
  /** The local clock, for `sentAt`/`receivedAt`. */
  now?: () => number;
  defaultTimeoutMs?: number;
}): HttpClient {
  const now = options.now ?? Date.now;
  return {
    async request(url, init = {}) {
      const timeoutMs = init.timeoutMs ?? options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
      const method = init.method ?? 'GET';
      const where = urlForLog(url);
      const sentAt = now();
      const started = performance.now();
      let response: SentResponse;
      try {
        response = options.fetch
          ? await viaFetch(options.fetch, url, { method, headers: init.headers, body: init.body, signal })
          : await nodeHttpSend(url, { method, headers: init.headers, body: init.body, signal });
      } catch (error) {
        const kind: NetworkFailureKind = timeout.aborted ? 'timeout' : init.signal?.aborted ? 'aborted' : 'network';
        options.logger.warn('http request failed', { method, url: where, kind, error: describeCause(error) });
        throw new NetworkFailure(
          kind,
          where,
          kind === 'timeout'
            ? `No answer from ${where} within ${timeoutMs} ms`
            : `Cannot reach ${where}: ${describeCause(error)}`,
          { cause: error },
        );
      }
      const receivedAt = now();
      options.logger.debug('http', {
        method,
        url: where,
        status: response.status,
        ms: Math.round(performance.now() - started),
      });
      return {
        status: response.status,
        headers: response.headers,
        text: response.text,
        serverDate: parseHttpDate(response.headers.get('date')),
        sentAt,
        receivedAt,
      };
    },
  };
}

async function viaFetch(
  fetchImpl: typeof fetch,
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string; signal: AbortSignal },
): Promise<SentResponse> {
  const response = await fetchImpl(url, { ...init, redirect: 'error' });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** RFC 9110 §5.6.7 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"); Date.parse reads it. */
export function parseHttpDate(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

function urlForLog(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '[invalid url]';
  }
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  return code ? `${error.message} (${code})` : error.message;
}

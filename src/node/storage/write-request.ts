import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { streamResponse } from './stream-get';

/**
 * An answer of the app API or Storage to one authorized request (a write of src/node/acts/, a read of the
 * history): what its callers read of it — Response's own names, so a fetch Response fits too.
 */
export interface HttpAnswer {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  /** The body as UTF-8 text; rejects when the connection closes before it ends. */
  text(): Promise<string>;
  /** Drop the body unread (a 401 before the retry). */
  discard(): void;
}

export interface WriteInit {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A plain record, not a WHATWG Headers object: that class is undici's, whose loading a send does not need. */
  headers: Record<string, string>;
  body?: Uint8Array | string;
  signal?: AbortSignal;
}

/** A request as it goes on the wire: lower-case header names, the Authorization header among them. */
export type WriteRequest = (
  url: string,
  init: Omit<WriteInit, 'headers'> & { headers: Record<string, string> },
) => Promise<HttpAnswer>;

/** Bodies of answers are JSON instances and ProblemDetails: far below this. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
/** No byte from Altinn for this long: the request is given up (undici's headers and body timeouts, 300 s). */
const IDLE_TIMEOUT_MS = 300_000;

/**
 * One request over node:http with keep-alive, not fetch (issue 22, the bulk send's memory): undici's fetch
 * registers every Response (and, with a signal, every Request) in a FinalizationRegistry, and V8's young-
 * generation collections keep what a registry or WeakRef points at — so each request's whole state outlived
 * the scavenges, was promoted, and stayed until a full collection. A send of 10,000 rows peaked at 318–331 MiB
 * with fetch (old space grew 8 MB per scavenge, the young generation to its maximum); over node:http the same
 * send keeps a few hundred KB per scavenge (bench/bulk-send.ts). Sixteen sockets per origin, the send's
 * largest concurrency.
 */
export function nodeWriteRequest(): WriteRequest {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, maxSockets: 16 }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets: 16 }),
  };
  return (url, init) =>
    new Promise((resolve, reject) => {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:')
        return reject(new Error(`Unsupported URL scheme ${u.protocol}`));
      const headers = init.headers;
      const body = init.body === undefined ? undefined : Buffer.from(init.body);
      if (body) headers['content-length'] = String(body.length);
      const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
      // The caller's signal aborts the request; listened to here and let go when the request is over (node:http's
      // own `signal` option ties a stream-end watcher to every request, a few KB each).
      const signal = init.signal;
      if (signal?.aborted) return reject(signal.reason);
      const req = send(
        u,
        { method: init.method, headers, agent: agents[u.protocol], timeout: IDLE_TIMEOUT_MS },
        (res) => {
          const r = streamResponse(url, res);
          const status = r.status;
          resolve({
            status,
            ok: status >= 200 && status < 300,
            headers: { get: (name) => r.header(name) ?? null },
            text: () => r.text(MAX_ANSWER_BYTES),
            discard: () => r.discard(),
          });
          res.once('close', stop);
        },
      );
      const onAbort = () => req.destroy(signal?.reason);
      const stop = () => signal?.removeEventListener('abort', onAbort);
      signal?.addEventListener('abort', onAbort, { once: true });
      req.once('error', stop);
      req.on('timeout', () =>
        req.destroy(Object.assign(new Error(`No answer within ${IDLE_TIMEOUT_MS / 1000} s`), { code: 'ETIMEDOUT' })),
      );
      req.on('error', reject);
      req.end(body);
    });
}

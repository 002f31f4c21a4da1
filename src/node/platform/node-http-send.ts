import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * One request over node:http(s), for http.ts when no `fetch` is given: the token requests at the start of
 * every `mpd` run. Node's global fetch loads undici on its first call — 25–50 ms of the CPU on this
 * project's 2-CPU build machine, on the path to the first file (bench/, issue 21) — while node:http is
 * loaded anyway for Storage (stream-get.ts). Like fetch with `redirect: 'error'`, a redirect is a failure,
 * never followed: the grant and the token go only where they were sent.
 */
export interface SendInit {
  method: string;
  headers?: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

export interface SentResponse {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
}

/** Answers above this are no token or metadata answer; the rest is dropped. */
const MAX_BODY_BYTES = 1024 * 1024;

export function nodeHttpSend(url: string, init: SendInit): Promise<SentResponse> {
  return new Promise((resolve, reject) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch (error) {
      reject(error);
      return;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      reject(new Error(`Unsupported URL scheme ${u.protocol}`));
      return;
    }
    const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
    const req = send(u, { method: init.method, headers, signal: init.signal }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        res.resume();
        reject(new Error(`redirect refused (${status})`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      res.once('end', () => {
        const text = Buffer.concat(chunks).toString('utf8', 0, Math.min(size, MAX_BODY_BYTES));
        resolve({
          status,
          headers: {
            get: (name) => {
              const value = res.headers[name.toLowerCase()];
              return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
            },
          },
          text,
        });
      });
      res.once('error', reject);
      res.once('close', () => {
        if (!res.complete) reject(new Error('The connection closed before the answer ended'));
      });
    });
    req.once('error', reject);
    req.end(init.body);
  });
}

import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';

/**
 * A GET whose body is a Node stream, for data-element downloads and (collected with `text`) the JSON
 * pages of a listing. Bulk transfer goes through node:http
 * rather than fetch: on loopback, fetch's web-stream body costs about twice the CPU per byte (measured in
 * bench/, see the figures in the report), and a download job is mostly bytes. Keep-alive agents are per
 * client, sized for the largest job concurrency (16).
 */
export interface StreamResponse {
  status: number;
  url: string;
  header(name: string): string | undefined;
  body: Readable;
  /** Read the body as UTF-8 text: at most `limit` bytes are kept (default 64 KiB, for error bodies). */
  text(limit?: number): Promise<string>;
  /** Discard the body and free the connection. */
  discard(): void;
}

export type StreamGet = (url: string, headers: Record<string, string>, signal?: AbortSignal) => Promise<StreamResponse>;

export function nodeStreamGet(): StreamGet {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, maxSockets: 16 }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets: 16 }),
  };
  return (url, headers, signal) =>
    new Promise((resolve, reject) => {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:')
        return reject(new Error(`Unsupported URL scheme ${u.protocol}`));
      const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(u, { method: 'GET', headers, agent: agents[u.protocol], signal }, (res) =>
        resolve(streamResponse(url, res)),
      );
      req.on('error', reject);
      req.end();
    });
}

/** A response of node:http as a StreamResponse (also the writes' answers, write-request.ts). */
export function streamResponse(url: string, res: IncomingMessage): StreamResponse {
  return {
    status: res.statusCode ?? 0,
    url,
    header: (name) => {
      const value = res.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    body: res,
    text(limit = 65_536) {
      // Plain 'data' events: for-await over the body costs a promise per chunk, which shows on a listing.
      return new Promise<string>((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < limit) chunks.push(chunk);
          size += chunk.length;
        });
        res.once('end', () => {
          const all = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
          resolve(all.toString('utf8', 0, Math.min(all.length, limit)));
        });
        res.once('error', reject);
        res.once('close', () => {
          if (!res.complete)
            reject(
              Object.assign(new Error('The connection closed before the body ended'), {
                code: 'ERR_STREAM_PREMATURE_CLOSE',
              }),
            );
        });
      });
    },
    discard: () => {
      res.resume();
    },
  };
}

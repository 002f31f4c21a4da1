import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';

/**
 * A GET whose body is a Node stream, for data-element downloads. Bulk transfer goes through node:http
 * rather than fetch: on loopback, fetch's web-stream body costs about twice the CPU per byte (measured in
 * bench/, see the figures in the report), and a download job is mostly bytes. Keep-alive agents are per
 * client, sized for the largest job concurrency (16).
 */
export interface StreamResponse {
  status: number;
  url: string;
  header(name: string): string | undefined;
  body: Readable;
  /** Read a short error body as text (at most 64 KiB). */
  text(): Promise<string>;
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
        resolve(wrap(url, res)),
      );
      req.on('error', reject);
      req.end();
    });
}

function wrap(url: string, res: IncomingMessage): StreamResponse {
  return {
    status: res.statusCode ?? 0,
    url,
    header: (name) => {
      const value = res.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    body: res,
    async text() {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res) {
        if (size < 65_536) chunks.push(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      return Buffer.concat(chunks).toString('utf8').slice(0, 65_536);
    },
    discard: () => {
      res.resume();
    },
  };
}

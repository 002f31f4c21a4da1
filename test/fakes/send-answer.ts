import type { ServerResponse } from 'node:http';

/**
 * One answer of a fake: the Date header from the fake's clock (a test may skew it, and clients learn the
 * offset from Date), the Content-Type when there is one, and the Content-Length.
 */
export function sendAnswer(res: ServerResponse, nowMs: number, status: number, body: string, contentType?: string) {
  res.setHeader('Date', new Date(nowMs).toUTCString());
  if (contentType) res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.writeHead(status);
  res.end(body);
}

import { networkError, statusError } from './http-errors';
import type { StreamGet, StreamResponse } from './stream-get';

/** Altinn refused the token (401): the caller gets a fresh one and asks once more (storage-client.ts). */
export const REFUSED_TOKEN = Symbol('401');

/**
 * One GET of a data element's bytes with a given token, from `rangeStart` when given (`Range: bytes=N-`,
 * RFC 9110 §14.2): the response when Altinn answers 200 or 206, REFUSED_TOKEN for a 401, else the status as
 * an AppError (http-errors.ts). The URL must already be one the token may go to: the Storage client checks
 * it (assertDataUrl), and a download worker gets only URLs the client made (dataUrls). Shared by the client
 * and the download workers (transfer-worker.ts), so both treat Altinn's answers the same.
 */
export async function openDataUrl(
  streamGet: StreamGet,
  url: string,
  token: string,
  request: { rangeStart?: number; signal?: AbortSignal; now?: () => number },
): Promise<StreamResponse | typeof REFUSED_TOKEN> {
  const headers: Record<string, string> = { Accept: '*/*', Authorization: `Bearer ${token}` };
  if (request.rangeStart) headers.Range = `bytes=${request.rangeStart}-`;
  let response: StreamResponse;
  try {
    response = await streamGet(url, headers, request.signal);
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason ?? error;
    throw networkError(error, url);
  }
  if (response.status === 200 || response.status === 206) return response;
  if (response.status === 401) {
    response.discard();
    return REFUSED_TOKEN;
  }
  const text = await response.text().catch(() => '');
  throw statusError(response.status, url, text, response.header('retry-after'), (request.now ?? Date.now)());
}

import { AppError } from '../../common/errors/app-error';
import { type HttpClient, type HttpResponse, NetworkFailure } from './http';

export interface BearerRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  /** An access token; it goes only in the Authorization header, which http.ts never logs. */
  token: string;
  /** A body to send as JSON. */
  json?: unknown;
  timeoutMs?: number;
  /** Names the API and the operation in the message: "Digdir self-service API, list clients". */
  where: string;
  /** The caller's codes for a request that got no answer at all. */
  codes: { timeout: string; unreachable: string };
}

/**
 * One JSON request to an API that takes a Bearer token (Digdir's self-service API, Altinn's authentication
 * API). A request that gets no HTTP answer becomes the caller's timeout or unreachable AppError; every
 * answer, whatever its status, is returned for the caller to read.
 */
export async function bearerRequest(http: HttpClient, request: BearerRequest): Promise<HttpResponse> {
  try {
    return await http.request(request.url, {
      method: request.method,
      headers: {
        authorization: `Bearer ${request.token}`,
        accept: 'application/json',
        ...(request.json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: request.json === undefined ? undefined : JSON.stringify(request.json),
      timeoutMs: request.timeoutMs,
    });
  } catch (error) {
    if (error instanceof NetworkFailure) {
      throw new AppError(
        error.kind === 'timeout' ? request.codes.timeout : request.codes.unreachable,
        `${error.message} (${request.where})`,
        { details: { url: error.url, kind: error.kind }, cause: error },
      );
    }
    throw error;
  }
}

import { ApiError } from '../api';

/** What a store keeps of a failure: the ApiError main sent, or an INTERNAL one around anything else thrown. */
export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError({ code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });
}

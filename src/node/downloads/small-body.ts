import { type BodyReadOptions, readBody } from './body-reader';

/**
 * A body known to be small (Storage's `size` ≤ SMALL_BODY_BYTES), received whole into memory so it can
 * be hashed in one call and written in one go (small-file.ts). Memory stays bounded: a body that runs
 * past `limit` is cut off (it is wrong anyway). Larger bodies stream to disk (stream-to-file.ts).
 */
export const SMALL_BODY_BYTES = 512 * 1024;

export interface SmallBodyOptions extends BodyReadOptions {
  /** Stop and report `tooLong` beyond this many bytes. */
  limit: number;
  onBytes?: (n: number) => void;
}

export interface SmallBody {
  /** Everything received (a clean prefix when `readError` is set). */
  data: Buffer;
  tooLong: boolean;
  readError?: unknown;
}

export async function receiveSmallBody(o: SmallBodyOptions): Promise<SmallBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  const reader = readBody(o, (chunk) => {
    o.onBytes?.(chunk.length);
    if (size + chunk.length > o.limit) {
      tooLong = true;
      return reader.stop();
    }
    chunks.push(chunk);
    size += chunk.length;
  });
  const { readError } = await reader.done;
  const data = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
  return { data, tooLong, ...(readError !== undefined ? { readError } : {}) };
}

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
  /**
   * Everything received (a clean prefix when `readError` is set), as the chunks it arrived in: hashed and
   * written as they are, never joined into one more buffer. (Joined, every body was copied once more, and on a
   * transfer worker those copies of up to 512 KiB grew its malloc arena by tens of MiB: bench/, issue 21.)
   */
  chunks: Buffer[];
  size: number;
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
  return { chunks, size, tooLong, ...(readError !== undefined ? { readError } : {}) };
}

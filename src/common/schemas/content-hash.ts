/**
 * Which check a data element's bytes can get (issue 18, point 4). Storage stopped computing
 * `contentHash` in January 2023 (altinn-storage 7363b26 removed `ContentHash = hash` from the create and
 * the update in src/Storage/Controllers/DataController.cs; reference §3.7 "Storage side of every upload"):
 * new elements carry none, and an element whose bytes were replaced later keeps the old value, which no
 * longer describes them. Storage sets an element's `created` and `lastChanged` to the same time when it
 * creates it (altinn-storage@d9364e4 src/Storage/Helpers/DataElementHelper.cs:55-58) and moves
 * `lastChanged` when the bytes are replaced (DataController.cs:648-662). So the hash is trusted only while
 * `lastChanged` equals `created`; otherwise the bytes are checked by size (Storage's `size` and the answer's
 * Content-Length) alone.
 *
 * Used by the downloads, the preview, confirming and the intake in main, and by the window to say which
 * check a file gets: no zod here (the renderer may import it).
 */

/** `md5`: against Storage's contentHash. `size`: against Storage's size and the answer's Content-Length. */
export type VerifiedBy = 'md5' | 'size';

export interface HashedElement {
  contentHash?: string | null;
  created?: string | null;
  lastChanged?: string | null;
}

/**
 * Storage's contentHash as base64 MD5, when it still describes the bytes: present, and the element not
 * changed since it was created. Both times must be there; they are compared as instants (a format
 * difference such as `Z` and `+00:00` is no change).
 */
export function trustedContentHash(element: HashedElement): string | undefined {
  const md5 = normalizeMd5(element.contentHash);
  if (!md5 || !element.created || !element.lastChanged) return undefined;
  const created = Date.parse(element.created);
  if (Number.isNaN(created) || created !== Date.parse(element.lastChanged)) return undefined;
  return md5;
}

/** The check an element's bytes get now. */
export function checkFor(element: HashedElement): VerifiedBy {
  return trustedContentHash(element) ? 'md5' : 'size';
}

/** The element has a hash that no longer describes it: replaced after it was created. */
export function hasStaleHash(element: HashedElement): boolean {
  return Boolean(normalizeMd5(element.contentHash)) && !trustedContentHash(element);
}

/** Storage's contentHash is base64 MD5 (§3.3); a hex digest is accepted too rather than failing a good file. */
export function normalizeMd5(contentHash: string | null | undefined): string | undefined {
  if (!contentHash) return undefined;
  const value = contentHash.trim();
  if (/^[0-9a-f]{32}$/i.test(value)) return hexToBase64(value);
  return value || undefined;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** 32 hex digits (16 bytes) as base64 (RFC 4648 §4); common has neither Buffer nor btoa. */
function hexToBase64(hex: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < hex.length; i += 2) bytes.push(Number.parseInt(hex.slice(i, i + 2), 16));
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    out += BASE64[(n >> 18) & 63];
    out += BASE64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? BASE64[n & 63] : '=';
  }
  return out;
}

/**
 * A multipart body read part by part, as app-lib's MultipartRequestReader does
 * (Altinn.App.Api/Helpers/RequestHandling/MultipartRequestReader.cs:32-138): each part's name, file name
 * (`filename*` before `filename`, quotes trimmed) and Content-Type, or the reason it cannot be used.
 */
export interface RequestPart {
  name: string | null;
  fileName: string | null;
  contentType: string | null;
  bytes: Buffer;
}

export type MultipartResult = { parts: RequestPart[]; errors: string[] };

export function boundaryOf(contentType: string): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

export function readMultipart(body: Buffer, boundary: string): MultipartResult {
  const parts: RequestPart[] = [];
  const errors: string[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  let counter = 0;
  while (at >= 0) {
    let start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    // The part ends with the CRLF before the next delimiter.
    const raw = body.subarray(start, next - 2 >= start ? next - 2 : next);
    at = next;
    counter++;
    const headerEnd = raw.indexOf('\r\n\r\n');
    const headerText = headerEnd >= 0 ? raw.subarray(0, headerEnd).toString('utf8') : '';
    const bytes = headerEnd >= 0 ? raw.subarray(headerEnd + 4) : Buffer.alloc(0);
    const headers = new Map<string, string>();
    for (const line of headerText.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = headers.get('content-disposition');
    if (!disposition) {
      errors.push(`Part number ${counter} doesn't have a content disposition`);
      continue;
    }
    const contentType = headers.get('content-type') ?? null;
    if (contentType === null) {
      errors.push(`Part number ${counter} doesn't have a content type`);
      continue;
    }
    const params = dispositionParams(disposition);
    parts.push({
      name: params.name ?? null,
      fileName: params['filename*'] ?? params.filename ?? null,
      contentType,
      bytes: Buffer.from(bytes),
    });
  }
  return { parts, errors };
}

/** The parameters of a Content-Disposition header; `filename*` (RFC 5987) decoded. */
export function dispositionParams(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /;\s*([A-Za-z*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (const m of header.matchAll(re)) {
    const key = (m[1] as string).toLowerCase();
    let value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '').trim();
    if (key === 'filename*') {
      const ext = /^([^']*)'[^']*'(.*)$/.exec(value);
      if (ext) {
        try {
          value = decodeURIComponent(ext[2] as string);
        } catch {
          // Left as sent: ASP.NET keeps a value it cannot decode.
        }
      }
    }
    out[key] = value;
  }
  return out;
}

/**
 * The file name as the app keeps it: quotes around it trimmed, then `AsFileName(false)` replaces the
 * characters of `Path.GetInvalidFileNameChars()` — on Linux `/` and NUL — by `_` (app-lib
 * Altinn.App.Core/Helpers/Extensions/StringExtensions.cs:21-32).
 */
export function asFileName(name: string): string {
  return name.replace(/^"+|"+$/g, '').replace(/[/\0]/g, '_');
}

import { SaxesParser } from 'saxes';
import type { PreviewKind } from '../../common/contract/preview';

/**
 * Do the bytes match the declared type? A file is previewed only as what it really is: a PDF must start
 * with `%PDF-` (ISO 32000-1 §7.5.2, the file header), JSON must parse (RFC 8259), XML must be well-formed
 * (checked by saxes, a non-validating parser that never fetches external entities), text must be text, and
 * an image's magic number must name the declared format. The answer carries what the renderer gets: the
 * decoded text for text kinds, the bytes for the others.
 */
export type CheckResult = { ok: true; text?: string } | { ok: false; reason: string };

export function checkContent(kind: PreviewKind, contentType: string, bytes: Buffer): CheckResult {
  switch (kind) {
    case 'pdf':
      return bytes.subarray(0, 5).toString('latin1') === '%PDF-'
        ? { ok: true }
        : { ok: false, reason: 'does not start with %PDF-' };
    case 'image': {
      const actual = imageTypeOf(bytes);
      if (!actual) return { ok: false, reason: 'no PNG, JPEG, GIF or WebP signature' };
      return actual === contentType ? { ok: true } : { ok: false, reason: `the bytes are ${actual}` };
    }
    case 'json': {
      const text = decodeUtf8(bytes);
      if (text === undefined) return { ok: false, reason: 'not UTF-8 text' };
      try {
        JSON.parse(text);
      } catch (error) {
        return { ok: false, reason: `not JSON: ${(error as Error).message}` };
      }
      return { ok: true, text };
    }
    case 'xml': {
      const text = decodeXml(bytes);
      if (text === undefined) return { ok: false, reason: 'not text in the encoding it declares' };
      const problem = xmlProblem(text);
      return problem ? { ok: false, reason: `not well-formed XML: ${problem}` } : { ok: true, text };
    }
    case 'text': {
      // Older Norwegian systems write Windows-1252, in which any byte decodes.
      // NUL is valid in both encodings but never in a text file: its bytes are binary.
      if (bytes.includes(0)) return { ok: false, reason: 'binary content (NUL bytes)' };
      const text = decodeUtf8(bytes) ?? new TextDecoder('windows-1252').decode(bytes);
      return { ok: true, text };
    }
    case 'other':
      return { ok: true };
  }
}

/** The image format named by the first bytes, or undefined. */
export function imageTypeOf(bytes: Buffer): string | undefined {
  const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (PNG.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const head = bytes.subarray(0, 12).toString('latin1');
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'image/gif';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

/** Strict UTF-8 (a stray byte fails), a leading BOM dropped. */
export function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * XML in the encoding its declaration names (XML 1.0 §4.3.3): UTF-16 by its BOM, else the `encoding`
 * pseudo-attribute (ISO-8859-1 is common in Norwegian public-sector XML), else UTF-8.
 */
function decodeXml(bytes: Buffer): string | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    try {
      return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes);
    } catch {
      return undefined;
    }
  }
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
    bytes.subarray(0, 200).toString('latin1'),
  )?.[1];
  if (!declared || /^utf-?8$/i.test(declared)) return decodeUtf8(bytes);
  try {
    return new TextDecoder(declared.toLowerCase(), { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The first well-formedness error, or undefined when the document is well-formed. */
function xmlProblem(text: string): string | undefined {
  // saxes reads the declaration's encoding as a plain attribute; the text is already decoded.
  const parser = new SaxesParser({ xmlns: false, position: true });
  let problem: string | undefined;
  parser.on('error', (error) => {
    problem ??= error.message;
  });
  try {
    parser.write(text).close();
  } catch (error) {
    problem ??= (error as Error).message;
  }
  return problem;
}

import type { PreviewKind } from '../../common/contract/preview';

/**
 * Which preview an element gets, from its declared content type (parameters such as `charset` dropped);
 * `application/octet-stream` or no type at all falls back to the filename's extension. The bytes are
 * checked against the answer afterwards (content-check.ts), so neither a type nor a name is trusted.
 */
export function previewKindOf(
  contentType: string | null | undefined,
  filename: string | null | undefined,
): {
  kind: PreviewKind;
  contentType: string;
} {
  const declared = mediaType(contentType);
  if (declared && declared !== 'application/octet-stream') return { kind: kindOfType(declared), contentType: declared };
  const guessed = typeByExtension(filename);
  if (guessed) return { kind: kindOfType(guessed), contentType: guessed };
  return { kind: 'other', contentType: declared || 'application/octet-stream' };
}

/** The type and subtype, lower case, without parameters (RFC 9110 §8.3.1: case-insensitive). */
export function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Images <img> may show: those browsers decode and whose magic number we check. Not SVG (it is XML text). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

function kindOfType(type: string): PreviewKind {
  if (type === 'application/pdf') return 'pdf';
  if (type === 'application/json' || type === 'text/json' || type.endsWith('+json')) return 'json';
  // SVG is shown as its XML, never rendered: an SVG can carry script and external references.
  if (type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml')) return 'xml';
  if ((IMAGE_TYPES as readonly string[]).includes(type)) return 'image';
  if (type.startsWith('text/')) return 'text';
  return 'other';
}

const EXTENSIONS: Record<string, string> = {
  pdf: 'application/pdf',
  xml: 'application/xml',
  json: 'application/json',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  csv: 'text/csv',
};

function typeByExtension(filename: string | null | undefined): string | undefined {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(filename ?? '')?.[1]?.toLowerCase();
  return ext ? EXTENSIONS[ext] : undefined;
}

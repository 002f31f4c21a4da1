import type { IncomingMessage } from 'node:http';
import type { FakeAppDefinition, FakeDataType } from './fake-apps';
import { asFileName, dispositionParams, type RequestPart } from './multipart-body';

/**
 * How the app checks an uploaded file and reads form data (app-lib RequestPartValidator.cs,
 * DataRestrictionValidation.cs, ModelSerializationService.cs, PrefillSI.cs; shared/reference/maskinporten-altinn.md
 * §3.7), for app-writes.ts.
 */

export interface Problem {
  type?: string;
  title?: string;
  detail?: string;
  status: number;
  validationIssues?: unknown[] | null;
}

/**
 * The MIME types of file extensions, as app-lib's MimeTypeMap gives them (Altinn.App.Core/Helpers/MimeTypeMap.cs;
 * an unknown extension → application/octet-stream). Only the extensions the tests upload.
 */
const MIME: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.xml': 'application/xml',
  '.json': 'application/json',
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.zip': 'application/zip',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function validateParts(app: FakeAppDefinition, parts: RequestPart[]): string | undefined {
  for (const part of parts) {
    const type = app.dataTypes.find((d) => d.id === part.name);
    if (!type) {
      return `Multipart section named, '${part.name}' does not correspond to an element type in application metadata`;
    }
    if (part.contentType === null) return `The multipart section named ${part.name} is missing Content-Type.`;
    const bare = part.contentType.split(';')[0] as string;
    const allowed = type.allowedContentTypes ?? [];
    // An exact, case-sensitive match (RequestPartValidator.cs:55-64).
    if (allowed.length > 0 && !allowed.includes(bare)) {
      return `The multipart section named ${part.name} has a Content-Type '${part.contentType}' which is invalid for element type '${type.id}'`;
    }
    if (part.bytes.length === 0) {
      return `The multipart section named ${part.name} has no data. Cannot process empty part.`;
    }
    if (type.maxSize != null && type.maxSize > 0 && part.bytes.length > type.maxSize * 1024 * 1024) {
      return `The multipart section named ${part.name} exceeds the size limit of element type '${type.id}'`;
    }
  }
  for (const type of app.dataTypes) {
    if ((type.maxCount ?? 0) > 0 && parts.filter((p) => p.name === type.id).length > (type.maxCount as number)) {
      return `The list of parts contains more elements of type '${type.id}' than the element type allows.`;
    }
  }
  return undefined;
}

/** DataRestrictionValidation.CompliesWithDataRestrictions (app-lib DataRestrictionValidation.cs:22-147). */
export function restrictionIssue(
  headers: IncomingMessage['headers'],
  type: FakeDataType,
): { code: string; description: string } | undefined {
  const base = 'Invalid data provided. Error:';
  const disposition = headers['content-disposition'];
  if (!disposition) {
    return {
      code: 'ContentTypeNotAllowed',
      description: `${base} The request must include a Content-Disposition header`,
    };
  }
  const maxSize = type.maxSize != null ? type.maxSize * 1024 * 1024 : undefined;
  const length = Number(headers['content-length'] ?? 0);
  if (maxSize !== undefined && length > maxSize) {
    return { code: 'DataElementTooLarge', description: `${base} Binary attachment exceeds limit of ${maxSize}` };
  }
  const filename = fileNameFromDisposition(disposition);
  if (!filename) {
    return {
      code: 'MissingFileName',
      description: `${base} The Content-Disposition header must contain a valid filename`,
    };
  }
  if (filename.split('.').length < 2) {
    return {
      code: 'InvalidFileNameFormat',
      description: `${base} Invalid format for filename: ${filename}. Filename is expected to end with '.{filetype}'.`,
    };
  }
  const allowed = type.allowedContentTypes ?? [];
  if (allowed.length === 0) return undefined;
  const dot = filename.lastIndexOf('.');
  const mimeType = MIME[filename.slice(dot).toLowerCase()] ?? 'application/octet-stream';
  const contentType = headers['content-type'];
  if (!contentType) {
    return { code: 'InvalidFileNameFormat', description: `${base} Content-Type header must be included in request.` };
  }
  if (contentType !== 'application/octet-stream' && mimeType !== contentType) {
    return {
      code: 'InvalidFileNameFormat',
      description: `${base} Content type header ${contentType} does not match mime type ${mimeType} for uploaded file. Please fix header or upload another file.`,
    };
  }
  const lower = allowed.map((a) => a.toLowerCase());
  if (!lower.includes(contentType.toLowerCase()) && !allowed.includes('application/octet-stream')) {
    return {
      code: 'ContentTypeNotAllowed',
      description: `${base} Invalid content type: ${mimeType}. Please try another file. Permitted content types include: ${allowed.join(', ')}`,
    };
  }
  return undefined;
}

/** `filename*`, else `filename`, quotes trimmed, `/` and NUL replaced (DataRestrictionValidation.GetFileNameFromHeader). */
export function fileNameFromDisposition(header: string | undefined): string | null {
  if (!header) return null;
  const params = dispositionParams(header);
  const name = params['filename*'] ?? params.filename;
  return name ? asFileName(name) : null;
}

/**
 * Storage URL-decodes the file name once more (HttpUtility.UrlDecode; storage DataElementHelper.cs:125,141 and
 * DataController.cs:489): `+` becomes a space and `%xx` is decoded.
 */
export function storageFileName(name: string | null): string | null {
  if (name === null) return null;
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name.replace(/\+/g, ' ');
  }
}

/** A form type's body (ModelSerializationService.cs:174-236): XML or JSON by Content-Type, else 415. */
export function parseForm(contentType: string | undefined, body: Buffer): Problem | undefined {
  if (contentType === undefined) return undefined;
  if (contentType.includes('application/xml')) {
    const text = body.toString('utf8').trim();
    return /^(<\?xml[^>]*\?>\s*)?<([A-Za-z_][\w.-]*)[^>]*>[\s\S]*<\/\2>$|^<[A-Za-z_][\w.-]*[^>]*\/>$/.test(text)
      ? undefined
      : { title: 'Failed to deserialize XML', detail: 'Failed to deserialize XML', status: 400 };
  }
  if (contentType.includes('application/json')) {
    try {
      JSON.parse(body.toString('utf8'));
      return undefined;
    } catch {
      return { title: 'Failed to deserialize JSON', detail: 'Failed to deserialize JSON', status: 400 };
    }
  }
  return { title: 'Unsupported content type', detail: `Unsupported content type ${contentType}`, status: 415 };
}

/**
 * The auto-created form with the prefill applied by path (PrefillSI.cs: `-` removed from each key, `.`
 * separates the levels; paths the model lacks are skipped, `continueOnError: true` for external prefill).
 */
export function formXml(prefill: Record<string, string>): string {
  interface Node {
    value?: string;
    children: Map<string, Node>;
  }
  const root: Node = { children: new Map() };
  for (const [path, value] of Object.entries(prefill)) {
    let node = root;
    for (const key of path.replace(/-/g, '').split('.')) {
      let child = node.children.get(key);
      if (!child) {
        child = { children: new Map() };
        node.children.set(key, child);
      }
      node = child;
    }
    node.value = value;
  }
  const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const render = (name: string, node: Node): string =>
    node.children.size === 0
      ? `<${name}>${xmlText(node.value ?? '')}</${name}>`
      : `<${name}>${[...node.children].map(([k, c]) => render(k, c)).join('')}</${name}>`;
  return `<?xml version="1.0" encoding="utf-8"?>${render('Model', root)}`;
}

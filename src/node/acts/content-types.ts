import { extensionOf, OCTET_STREAM } from '../../common/schemas/data-part-rules';

/**
 * The content type a file is sent with, from its extension. The app checks that the Content-Type header
 * equals the MIME type its MimeTypeMap gives the extension (or is application/octet-stream) before it checks
 * allowedContentTypes (app-lib Altinn.App.Api/Helpers/RequestHandling/DataRestrictionValidation.cs:96-140;
 * Altinn.App.Core/Helpers/MimeTypeMap.cs), so we send what that map says for the common types.
 */
const BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  xml: 'application/xml',
  json: 'application/json',
  txt: 'text/plain',
  csv: 'text/csv',
  html: 'text/html',
  htm: 'text/html',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  svg: 'image/svg+xml',
  zip: 'application/zip',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  rtf: 'application/rtf',
};

/** The content type a file is sent with, unless the caller names one. */
export function contentTypeFor(fileName: string): string {
  return BY_EXTENSION[extensionOf(fileName)] ?? OCTET_STREAM;
}

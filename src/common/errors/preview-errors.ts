/** Error codes of the preview and the CSV export; titles and hints in src/common/i18n/errors/preview.ts. */
export const PreviewErrors = {
  TOO_LARGE: 'PREVIEW_TOO_LARGE',
  NOT_SCANNED: 'PREVIEW_NOT_SCANNED',
  INFECTED: 'PREVIEW_INFECTED',
  TYPE_MISMATCH: 'PREVIEW_TYPE_MISMATCH',
  ELEMENT_NOT_FOUND: 'PREVIEW_ELEMENT_NOT_FOUND',
  INCOMPLETE: 'PREVIEW_INCOMPLETE',
  NOT_DOWNLOADED: 'PREVIEW_NOT_DOWNLOADED',
  UNSAFE_TO_OPEN: 'PREVIEW_UNSAFE_TO_OPEN',
} as const;

export const ExportErrors = {
  WRITE_FAILED: 'EXPORT_WRITE_FAILED',
} as const;

import { z } from 'zod';
import { csvSeparatorSchema } from '../schemas/csv-separator';
import { instanceFiltersSchema } from '../schemas/instance-query';
import { languageSchema } from './app';
import { channel } from './define';

export interface CsvExportResult {
  /** Where the file was written; null when the person closed the save dialog. */
  path: string | null;
  rows: number;
}

export const instancesExportChannels = {
  /**
   * Every instance the filters match (all pages), as CSV (RFC 4180, UTF-8 with BOM), to a file chosen in the
   * native save dialog. `separator` defaults to the one used last time (UI settings), else `;`.
   */
  'instances:export-csv': channel<CsvExportResult>()(
    z.strictObject({
      profileId: z.string().min(1).max(64),
      filters: instanceFiltersSchema,
      separator: csvSeparatorSchema.optional(),
      language: languageSchema,
    }),
  ),
};

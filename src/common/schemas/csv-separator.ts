import { z } from 'zod';

/** `;` by default: Norwegian Excel splits on it (the list separator of the nb-NO locale); `,` on request. */
export const csvSeparatorSchema = z.enum([';', ',']);
export type CsvSeparator = z.infer<typeof csvSeparatorSchema>;
export const DEFAULT_CSV_SEPARATOR: CsvSeparator = ';';

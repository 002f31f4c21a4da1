import { seamErrors } from './seam';
import type { ErrorCatalogue } from './types';

export type { ErrorCatalogue, ErrorText } from './types';

/** Every area adds its catalogue here with one line. */
export const errorTexts: ErrorCatalogue = {
  ...seamErrors,
};

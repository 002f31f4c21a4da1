export interface ErrorText {
  title: string;
  hint?: string;
}
/** Per error code: what went wrong and what to do, in both languages. */
export type ErrorCatalogue = Record<string, { nb: ErrorText; en: ErrorText }>;

/**
 * Files dropped on the window (files.ts DROPPED_FILE_CHANNEL), in a module without zod so the window can
 * read the limit too.
 */

/**
 * What dropped files are for: a key to import (one file), files to upload to an instance (several), or the
 * spreadsheet of a bulk send (one file).
 */
export type DroppedFilePurpose = 'key-import' | 'act-data' | 'send-sheet';

/** At most this many files in one drop of files to upload: main names each in its one question. */
export const MAX_DROPPED_FILES = 20;

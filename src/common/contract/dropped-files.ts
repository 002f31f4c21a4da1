/**
 * Files dropped on the window (files.ts DROPPED_FILE_CHANNEL), in a module without zod so the window can
 * read the limit too.
 */

/** What dropped files are for: a key to import (one file), or files to upload to an instance (several). */
export type DroppedFilePurpose = 'key-import' | 'act-data';

/** At most this many files in one drop of files to upload: main names each in its one question. */
export const MAX_DROPPED_FILES = 20;

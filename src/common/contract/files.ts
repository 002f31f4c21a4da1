import { z } from 'zod';

/**
 * Files the window refers to: never by path, always by a handle main gave it after its own dialog (or its
 * own confirmation of a dropped file), with the file's name to show (src/node/platform/file-handles.ts).
 */
export interface PickedFile {
  /** Opaque, single use, short-lived. */
  handle: string;
  /** The file's name, for display only. */
  name: string;
}

/** Any string is accepted here; main's registry alone decides whether it is a live handle. */
export const fileHandleSchema = z.string().min(1).max(200);

/**
 * Not a window.api channel: only the preload invokes it, with the paths it reads itself (Electron's
 * webUtils.getPathForFile, in the isolated world) from Files the person dropped. The page never handles a
 * path, and main asks the person to confirm the files by name (one question for one drop) before it hands
 * out handles.
 */
export const DROPPED_FILE_CHANNEL = 'files:dropped';

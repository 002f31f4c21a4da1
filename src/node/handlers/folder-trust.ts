/**
 * Which download folders the window may name. The renderer is not trusted with paths: it may start a job,
 * or confirm from a folder, only where the user picked in the native folder dialog or where a job of
 * this process already writes. Only the GUI shell has that dialog, so it passes the implementation in
 * (src/electron-main/trusted-folders.ts); the CLI calls the services directly and needs none.
 */
export interface FolderTrust {
  /** The user picked this folder in the native dialog. */
  trust(folder: string): void;
  isTrusted(folder: string): boolean;
}

import { openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileOpener } from '../../src/node/downloads/small-file';

/**
 * A disk on which a download's temp files (`*.part`) are full: they open on /dev/full, which answers
 * every write with ENOSPC (the kernel's own error, as a full disk gives it). Other files open as usual.
 */
export const fullDiskForParts: FileOpener = {
  openSync: (path, flags, mode) => (path.endsWith('.part') ? openSync('/dev/full', 'w') : openSync(path, flags, mode)),
  open: (path, flags, mode) => (path.endsWith('.part') ? open('/dev/full', 'w') : open(path, flags, mode)),
};

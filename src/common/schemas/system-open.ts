/**
 * What the app may do with a downloaded file it cannot show in its own window (issue 17, finding 5):
 * open it with the computer's program, or only show it in its folder. Every downloaded file carries the
 * mark that it came from the internet (node/platform/origin-mark.ts), but the mark protects only where
 * the program that opens the file honours it. So "open" is offered only for these types; for the others
 * the app shows the file in its folder and says why, and the person decides. Main decides by the file's
 * name on disk (node/preview/downloaded-copy.ts); the window shows the same answer (no zod here).
 *
 * Opened with the system's program:
 * - `docx`, `xlsx`, `pptx`: Office Open XML cannot carry VBA macros (those need the `m` variants, which
 *   Office refuses under the other name), and Office opens a file with the mark in Protected View.
 * - `pdf`: Acrobat Reader opens a file with the mark in Protected View, Edge in its sandbox.
 * - images and plain text: their viewers run nothing.
 *
 * Shown in the folder:
 * - `macros`: formats that carry macros or embedded objects that run when opened — the binary Office
 *   formats and their templates, every macro-enabled variant, RTF (embedded OLE objects), OpenDocument
 *   (Basic macros), Visio, Publisher, Access, OneNote.
 * - `container`: archives, disk images (what is mounted from an ISO or VHD loses the mark) and e-mail
 *   files (`msg`, `eml`), which hold other files, programs too.
 * - `other`: everything else: web pages, SVG, CSV (formulas), XML and JSON (shown in the app's own preview
 *   instead), programs and scripts, and types the app does not know.
 */
export type SystemOpen = { action: 'open' } | { action: 'show-in-folder'; reason: ShowInFolderReason };
export type ShowInFolderReason = 'macros' | 'container' | 'other';

const list = (text: string) => new Set(text.split(/\s+/).filter(Boolean));

export const OPEN_WITH_SYSTEM = list('pdf docx xlsx pptx txt png jpg jpeg gif webp bmp tif tiff heic heif');

export const CARRIES_MACROS = list(`
  doc dot docm dotm xls xlt xlsm xltm xlsb xlam xla ppt pot pps pptm potm ppsm ppam ppa
  rtf odt ott ods ots odp otp odg otg vsd vsdm pub mdb accdb one`);

export const CARRIES_FILES = list(`
  zip zipx 7z rar tar gz tgz bz2 xz cab arj lzh iso img vhd vhdx dmg msg eml emlx mbox pst`);

/** The extension of a file name, lower case, without the dot ('' when there is none). */
export function extensionOf(name: string): string {
  return /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? '';
}

export function systemOpenFor(name: string): SystemOpen {
  const ext = extensionOf(name);
  if (OPEN_WITH_SYSTEM.has(ext)) return { action: 'open' };
  if (CARRIES_MACROS.has(ext)) return { action: 'show-in-folder', reason: 'macros' };
  if (CARRIES_FILES.has(ext)) return { action: 'show-in-folder', reason: 'container' };
  return { action: 'show-in-folder', reason: 'other' };
}

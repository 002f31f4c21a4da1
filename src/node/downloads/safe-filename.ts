import { HIDDEN_CHARACTERS } from '../../common/format/hidden-characters';

/**
 * Filenames come from whoever uploaded the data element: untrusted. A safe name is one path segment
 * that every desktop OS can create and that cannot climb out of its folder:
 * - NFC-normalised (macOS decomposes names; two spellings of "å" must not become two files);
 * - no path separators, no `.`/`..` segments, no NUL or control characters, none of `<>:"|?*`
 *   (Windows naming rules, learn.microsoft.com "Naming Files, Paths, and Namespaces");
 * - no character that changes how the name is shown without being seen — bidi overrides and isolates,
 *   C1 controls, zero-width characters, line separators (common/format/hidden-characters.ts): each
 *   becomes `_`, so `x\u202Efdp.exe` is saved as `x_fdp.exe`, not shown as `xexe.pdf`;
 * - not a Windows reserved device name (CON, PRN, AUX, NUL, COM1–9, LPT1–9, also with an extension);
 * - no trailing dots or spaces (Windows strips them), no leading dot (no hidden files, no clash with our
 *   own `.mpd-manifest.json` and `.part` files);
 * - at most MAX_NAME_BYTES of UTF-8 (file systems allow 255 bytes; the rest is room for our temp suffix
 *   and a collision counter), keeping the extension.
 */
export const MAX_NAME_BYTES = 200;

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what we remove
const UNSAFE_CHARS = /[\u0000-\u001f\u007f<>:"|?*]/g;
const MAX_EXT_BYTES = 16;

export function sanitizeFilename(raw: string, fallback: string): string {
  let name = nfc(raw);
  if (!ASCII.test(name)) name = name.replace(HIDDEN_CHARACTERS, '_');
  const segments = name.split(/[/\\]+/).filter((s) => s !== '' && s !== '.' && s !== '..');
  name = segments.join('_');
  name = name.replace(UNSAFE_CHARS, '_');
  name = name.replace(/^[\s.]+/, (lead) => (lead.includes('.') ? '_' : ''));
  name = name.replace(/[\s.]+$/, '');
  if (!name || /^_+$/.test(name)) name = fallback;
  const dot = name.indexOf('.');
  const stem = dot === -1 ? name : name.slice(0, dot);
  if (RESERVED.test(stem.trim())) name = `_${name}`;
  return limitBytes(name, MAX_NAME_BYTES);
}

/** Cut a name to `max` UTF-8 bytes on a code-point boundary, keeping a short extension. */
export function limitBytes(name: string, max: number): string {
  if (utf8Length(name) <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && utf8Length(name.slice(dot)) <= MAX_EXT_BYTES ? name.slice(dot) : '';
  const stem = ext ? name.slice(0, dot) : name;
  let budget = max - utf8Length(ext);
  let out = '';
  for (const ch of stem) {
    const size = utf8Length(ch);
    if (size > budget) break;
    out += ch;
    budget -= size;
  }
  return `${out.replace(/[\s.]+$/, '')}${ext}`;
}

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** A file-name extension for a content type, for elements that come without a filename. */
export function extensionFor(contentType: string | null | undefined): string {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const known: Record<string, string> = {
    'application/xml': '.xml',
    'text/xml': '.xml',
    'application/json': '.json',
    'application/pdf': '.pdf',
    'text/plain': '.txt',
    'text/csv': '.csv',
    'image/png': '.png',
    'image/jpeg': '.jpg',
    'application/zip': '.zip',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  };
  return known[type] ?? '.bin';
}

/**
 * Hands out names that are unique within one folder when compared the way case-insensitive file systems
 * (Windows, macOS by default) compare them: `Report.pdf` and `report.PDF` get `report.PDF (2)`-style
 * suffixes before the extension.
 */
export class UniqueNames {
  private readonly taken = new Set<string>();

  constructor(reserved: string[] = []) {
    for (const name of reserved) this.taken.add(foldKey(name));
  }

  /**
   * Take a name that is already on disk (from a manifest of an earlier run) if it is free, compared as
   * claim compares; false if something has it already.
   */
  tryReserve(name: string): boolean {
    const key = foldKey(name);
    if (this.taken.has(key)) return false;
    this.taken.add(key);
    return true;
  }

  claim(name: string): string {
    if (!this.taken.has(foldKey(name))) {
      this.taken.add(foldKey(name));
      return name;
    }
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const ext = dot > 0 ? name.slice(dot) : '';
    for (let n = 2; ; n++) {
      const suffix = ` (${n})${ext}`;
      const candidate = `${limitBytes(stem, MAX_NAME_BYTES - utf8Length(suffix))}${suffix}`;
      if (!this.taken.has(foldKey(candidate))) {
        this.taken.add(foldKey(candidate));
        return candidate;
      }
    }
  }
}

function foldKey(name: string): string {
  return nfc(nfc(name).toLowerCase());
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range, control characters too
const ASCII = /^[\u0000-\u007f]*$/;

/**
 * NFC, skipping ICU for plain ASCII (already NFC, and most names are): a download job names thousands of
 * files, and `normalize` showed up in its profile (bench/, --prof).
 */
function nfc(text: string): string {
  return ASCII.test(text) ? text : text.normalize('NFC');
}

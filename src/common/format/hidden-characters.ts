/**
 * Characters that change how a name is shown without being seen themselves, so that a file name from a
 * stranger reads as something it is not: `x\u202Efdp.exe` shows as `xexe.pdf` (issue 17, finding 11).
 * Replaced by `_` in file names on disk (node/downloads/safe-filename.ts) and wherever the window or
 * `mpd` shows a name that came from Altinn, so both say the same.
 *
 * - `\p{Cc}`: C0 and C1 controls (U+0000–001F, U+007F, U+0080–009F; U+0085 is a line break).
 * - `\p{Cf}`: format characters — the bidi marks, embeddings, overrides and isolates (U+061C, U+200E/F,
 *   U+202A–E, U+2066–9), the zero-width space, joiners and word joiner (U+200B–D, U+2060), the byte order
 *   mark (U+FEFF), the soft hyphen (U+00AD), the invisible operators (U+2061–4), the tag characters
 *   (U+E0000–E007F) and the rest of the category. The joiners also shape Persian and Indic words and join
 *   emoji; in a name from outside they are shown as `_` rather than trusted to be harmless.
 * - `\p{Zl}`, `\p{Zp}`: the line and paragraph separators (U+2028/9), which break a name over lines.
 * - `\p{Cs}`: a lone surrogate (not a character; UTF-8 cannot hold it, so the name on disk would differ).
 * - The Hangul fillers (U+115F, U+1160, U+3164, U+FFA0): letters that draw nothing.
 *
 * The categories are Unicode's (UAX #44 General_Category); UAX #9 lists the bidi controls.
 */
export const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115F\u1160\u3164\uFFA0]/gu;

/** A name from outside as it may be shown: every hidden character replaced by `_`. */
export function visibleName(name: string): string;
export function visibleName(name: string | null | undefined): string | null | undefined;
export function visibleName(name: string | null | undefined): string | null | undefined {
  return typeof name === 'string' ? name.replace(HIDDEN_CHARACTERS, '_') : name;
}

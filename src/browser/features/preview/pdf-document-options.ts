import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api';

/**
 * What pdf.js may do with a PDF a stranger submitted. pdf.js 6 no longer compiles PostScript functions with
 * `new Function` (its `isEvalSupported` option is gone with the code path, which the renderer's CSP refused
 * anyway); XFA forms stay off (they build HTML from the file); no WebAssembly decoders and no fetching by the
 * worker (the renderer has no network and the CSP has no 'wasm-unsafe-eval'); scripting is a viewer feature
 * (quickjs) that this app never loads. CVE-2026-16633 / GHSA-hq66-cqwq-w95j is fixed from 6.2.108.
 */
export const PDF_DOCUMENT_OPTIONS = {
  enableXfa: false,
  useWasm: false,
  useWorkerFetch: false,
  useSystemFonts: false,
  stopAtErrors: false,
} as const satisfies Partial<DocumentInitParameters>;

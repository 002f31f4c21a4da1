import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDF_DOCUMENT_OPTIONS } from '../../../../src/browser/features/preview/pdf-document-options';

const build = join(__dirname, '..', '..', '..', '..', 'node_modules', 'pdfjs-dist', 'build');

describe('pdf.js options for files strangers submit', () => {
  it('turns off XFA, WebAssembly decoders, worker fetches and system fonts', () => {
    expect(PDF_DOCUMENT_OPTIONS).toMatchObject({
      enableXfa: false,
      useWasm: false,
      useWorkerFetch: false,
      useSystemFonts: false,
    });
  });

  it('uses a pdf.js whose library and worker compile no code at run time (the CSP has no unsafe-eval)', () => {
    for (const file of ['pdf.min.mjs', 'pdf.worker.min.mjs']) {
      const source = readFileSync(join(build, file), 'utf8');
      expect(source, file).not.toMatch(/new Function\s*\(/);
      expect(source, file).not.toMatch(/[^.\w]eval\s*\(/);
    }
  });
});

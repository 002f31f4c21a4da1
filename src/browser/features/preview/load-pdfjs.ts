import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

/**
 * pdf.js, loaded on first use (it is large, and most sessions never open a PDF). Its worker comes from the
 * app bundle itself (a same-origin URL, which `script-src 'self'` already admits), never a CDN or a blob.
 */
let loaded: Promise<typeof import('pdfjs-dist')> | undefined;

export function loadPdfjs(): Promise<typeof import('pdfjs-dist')> {
  loaded ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
    return pdfjs;
  });
  return loaded;
}

import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { PDFDocumentLoadingTask, PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { LoadingState } from '../../components/LoadingState';
import { useT } from '../../hooks/use-t';
import { base64ToBytes } from './base64';
import { loadPdfjs } from './load-pdfjs';
import { PDF_DOCUMENT_OPTIONS } from './pdf-document-options';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

/**
 * A PDF drawn by pdf.js onto a canvas, one page at a time, with a text layer above it so the text can be
 * selected and copied. What pdf.js may do with the file: `pdf-document-options.ts`; no fonts, CMaps or
 * WebAssembly are fetched (the renderer has no network).
 */
export function PdfView({ data }: { data: string }) {
  const t = useT();
  const [doc, setDoc] = useState<PDFDocumentProxy>();
  const [failure, setFailure] = useState<string>();
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState<number | 'fit'>('fit');
  const [fitScale, setFitScale] = useState(1);
  const [rendering, setRendering] = useState(false);
  const frameRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const textRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let task: PDFDocumentLoadingTask | undefined;
    let cancelled = false;
    setDoc(undefined);
    setFailure(undefined);
    setPage(1);
    void loadPdfjs()
      .then((pdfjs) => {
        if (cancelled) return;
        task = pdfjs.getDocument({ ...PDF_DOCUMENT_OPTIONS, data: base64ToBytes(data) });
        return task.promise.then((loaded) => {
          if (!cancelled) setDoc(loaded);
        });
      })
      .catch((error: unknown) => {
        if (!cancelled) setFailure(error instanceof Error ? error.message : String(error));
      });
    return () => {
      cancelled = true;
      void task?.destroy();
    };
  }, [data]);

  // "Fit width" follows the frame's width (the dialog can be resized with the window).
  useEffect(() => {
    const frame = frameRef.current;
    if (!doc || !frame) return;
    let width = 0;
    const measure = async () => {
      if (frame.clientWidth === width) return;
      width = frame.clientWidth;
      const first = await doc.getPage(page);
      const natural = first.getViewport({ scale: 1 }).width;
      setFitScale(Math.max(0.25, (width - 32) / natural));
    };
    void measure();
    const observer = new ResizeObserver(() => void measure());
    observer.observe(frame);
    return () => observer.disconnect();
  }, [doc, page]);

  const scale = zoom === 'fit' ? fitScale : zoom;

  useEffect(() => {
    const canvas = canvasRef.current;
    const textLayer = textRef.current;
    if (!doc || !canvas || !textLayer) return;
    let cancelled = false;
    let renderTask: RenderTask | undefined;
    setRendering(true);
    void (async () => {
      const pdfjs = await loadPdfjs();
      const pdfPage = await doc.getPage(page);
      if (cancelled) return;
      const viewport = pdfPage.getViewport({ scale });
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      renderTask = pdfPage.render({
        canvas,
        viewport,
        transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
      });
      await renderTask.promise;
      if (cancelled) return;
      textLayer.replaceChildren();
      textLayer.style.width = canvas.style.width;
      textLayer.style.height = canvas.style.height;
      textLayer.style.setProperty('--total-scale-factor', String(viewport.scale));
      await new pdfjs.TextLayer({
        textContentSource: pdfPage.streamTextContent(),
        container: textLayer,
        viewport,
      }).render();
      if (!cancelled) setRendering(false);
    })().catch((error: unknown) => {
      if (cancelled || (error as { name?: string })?.name === 'RenderingCancelledException') return;
      setFailure(error instanceof Error ? error.message : String(error));
    });
    return () => {
      cancelled = true;
      renderTask?.cancel();
    };
  }, [doc, page, scale]);

  if (failure) {
    return (
      <Alert data-color="danger" data-testid="preview-pdf-failed">
        <Heading level={3} data-size="xs">
          {t('preview.pdfFailed')}
        </Heading>
        <Paragraph>{t('preview.pdfFailedBody', { message: failure })}</Paragraph>
      </Alert>
    );
  }
  if (!doc) return <LoadingState label={t('preview.pdfRendering')} />;

  const pages = doc.numPages;
  const zoomIndex = ZOOMS.findIndex((z) => z >= scale - 0.001);
  return (
    <div className="pdf-view" data-testid="preview-pdf" data-pages={pages} data-page={page} data-rendering={rendering}>
      <div className="preview-toolbar" role="toolbar" aria-label={t('preview.title')}>
        <div className="button-row">
          <Button
            data-size="sm"
            variant="secondary"
            onClick={() => setPage(page - 1)}
            disabled={page <= 1}
            data-testid="pdf-prev"
          >
            {t('preview.pdfPrev')}
          </Button>
          <Paragraph data-size="sm" className="preview-toolbar__status" aria-live="polite" data-testid="pdf-page">
            {t('preview.pdfPage', { page, pages })}
          </Paragraph>
          <Button
            data-size="sm"
            variant="secondary"
            onClick={() => setPage(page + 1)}
            disabled={page >= pages}
            data-testid="pdf-next"
          >
            {t('preview.pdfNext')}
          </Button>
        </div>
        <div className="button-row">
          <Button
            data-size="sm"
            variant="tertiary"
            onClick={() => setZoom(ZOOMS[Math.max(0, (zoomIndex < 0 ? ZOOMS.length : zoomIndex) - 1)] ?? 0.5)}
            disabled={scale <= (ZOOMS[0] ?? 0.5)}
            aria-label={t('preview.zoomOut')}
            data-testid="pdf-zoom-out"
          >
            −
          </Button>
          <Paragraph data-size="sm" className="preview-toolbar__status" data-testid="pdf-zoom">
            {t('preview.zoomValue', { percent: Math.round(scale * 100) })}
          </Paragraph>
          <Button
            data-size="sm"
            variant="tertiary"
            onClick={() => setZoom(ZOOMS.find((z) => z > scale + 0.001) ?? scale)}
            disabled={scale >= (ZOOMS.at(-1) ?? 3)}
            aria-label={t('preview.zoomIn')}
            data-testid="pdf-zoom-in"
          >
            +
          </Button>
          <Button
            data-size="sm"
            variant="tertiary"
            onClick={() => setZoom('fit')}
            aria-pressed={zoom === 'fit'}
            data-testid="pdf-fit"
          >
            {t('preview.zoomFit')}
          </Button>
        </div>
      </div>
      <div className="pdf-view__frame" ref={frameRef}>
        <div className="pdf-view__page">
          <canvas ref={canvasRef} data-testid="pdf-canvas" />
          <div className="pdf-text-layer" ref={textRef} data-testid="pdf-text" />
        </div>
      </div>
    </div>
  );
}

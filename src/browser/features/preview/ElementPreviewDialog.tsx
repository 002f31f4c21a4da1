import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useMemo } from 'react';
import type { ElementPreview } from '../../../common/contract/preview';
import { formatBytes } from '../../../common/format/bytes';
import type { MessageKey } from '../../../common/i18n/translate';
import type { ShowInFolderReason, SystemOpen } from '../../../common/schemas/system-open';
import { AppDialog } from '../../components/AppDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { type T, useLanguage, useT } from '../../hooks/use-t';
import { usePreviewStore } from '../../store/use-preview-store';
import { PdfView } from './PdfView';
import { TreeView } from './TreeView';
import { jsonTree, type Summarize, xmlTree } from './tree-model';
import './preview.css';
import { visibleName } from '../../../common/format/hidden-characters';

/** Text longer than this is cut in the view (the whole file opens from the downloaded copy). */
const MAX_TEXT_CHARS = 2_000_000;

/**
 * The preview of one data element, opened with `usePreviewStore.getState().open(…)` from any list of
 * elements (instance details, the intake history). Render it once beside that list.
 */
export function ElementPreviewDialog() {
  const t = useT();
  const lang = useLanguage();
  const target = usePreviewStore((s) => s.target);
  const { status, error, value: preview } = usePreviewStore((s) => s.preview);
  const { close, retry } = usePreviewStore.getState();
  const name = visibleName(target?.filename || preview?.filename) || t('preview.title');

  return (
    <AppDialog
      open={target !== undefined}
      title={name}
      onClose={close}
      testId="preview-dialog"
      className="preview-dialog"
      bodyClassName="preview-dialog__body"
    >
      {preview ? (
        <Paragraph data-size="sm" className="preview-dialog__facts" data-testid="preview-facts">
          {preview.check
            ? t('preview.factsChecked', {
                type: preview.contentType || t('preview.unknownType'),
                size: formatBytes(preview.size, lang),
                check: t(preview.check === 'md5' ? 'downloads.checkMd5' : 'downloads.checkSize'),
              })
            : t('preview.facts', {
                type: preview.contentType || t('preview.unknownType'),
                size: formatBytes(preview.size, lang),
              })}
        </Paragraph>
      ) : null}
      {status === 'loading' ? <LoadingState label={t('preview.loading')} /> : null}
      {status === 'failed' ? (
        <ErrorAlert error={error} heading={t('preview.failed')} onRetry={() => void retry()} />
      ) : null}
      {status === 'ready' && preview ? <PreviewBody preview={preview} t={t} /> : null}
    </AppDialog>
  );
}

function PreviewBody({ preview, t }: { preview: ElementPreview; t: T }) {
  const data = preview.data ?? '';
  switch (preview.kind) {
    case 'pdf':
      return <PdfView data={data} />;
    case 'json':
    case 'xml':
      return <StructuredText kind={preview.kind} text={data} t={t} />;
    case 'image':
      return (
        <div className="preview-image" data-testid="preview-image">
          <img
            src={`data:${preview.contentType};base64,${data}`}
            alt={t('preview.imageAlt', { name: visibleName(preview.filename) ?? '' })}
          />
        </div>
      );
    case 'text':
      return (
        <div className="preview-text-wrap">
          {data.length > MAX_TEXT_CHARS ? (
            <Paragraph data-size="sm">
              {t('preview.textTruncated', { shown: MAX_TEXT_CHARS, total: data.length })}
            </Paragraph>
          ) : null}
          <pre className="preview-text" data-testid="preview-text">
            {data.slice(0, MAX_TEXT_CHARS)}
          </pre>
        </div>
      );
    case 'other':
      return <OpenWithSystem preview={preview} t={t} />;
  }
}

function StructuredText({ kind, text, t }: { kind: 'json' | 'xml'; text: string; t: T }) {
  const tree = useMemo(() => {
    const summarize: Summarize = (what, count) =>
      what === 'keys'
        ? count === 1
          ? t('preview.treeOneKey')
          : t('preview.treeKeys', { count })
        : count === 1
          ? t('preview.treeOneItem')
          : t('preview.treeItems', { count });
    if (kind === 'xml') return xmlTree(text, summarize);
    try {
      return { ok: true as const, root: jsonTree(text, summarize) };
    } catch (error) {
      return { ok: false as const, message: (error as Error).message };
    }
  }, [kind, text, t]);
  if (!tree.ok) {
    return (
      <Alert data-color="danger" data-testid="preview-parse-failed">
        <Heading level={3} data-size="xs">
          {kind === 'xml' ? t('preview.xmlFailed') : t('preview.jsonFailed')}
        </Heading>
        <Paragraph data-size="sm">{tree.message}</Paragraph>
      </Alert>
    );
  }
  return <TreeView root={tree.root} testId={kind === 'xml' ? 'preview-xml' : 'preview-json'} />;
}

const SHOW_REASONS: Record<ShowInFolderReason, MessageKey> = {
  macros: 'preview.showReasonMacros',
  container: 'preview.showReasonContainer',
  other: 'preview.showReasonOther',
};

/**
 * A type the window does not show: opened with the system's program, or — for types whose program may run
 * something from the file (common/schemas/system-open.ts, decided in main) — only shown in its folder,
 * with the reason.
 */
function OpenWithSystem({ preview, t }: { preview: ElementPreview; t: T }) {
  const { status, error, value: openedPath } = usePreviewStore((s) => s.systemOpen);
  const { openWithSystem, showInFolder, chooseFolderAndOpen } = usePreviewStore.getState();
  const needsFolder =
    status === 'failed' && (error?.code === 'PREVIEW_NOT_DOWNLOADED' || error?.code === 'PATH_NOT_FROM_DIALOG');
  const decision: SystemOpen = preview.systemOpen ?? { action: 'show-in-folder', reason: 'other' };
  const name = visibleName(preview.filename) || t('preview.unknownType');
  return (
    <div className="preview-other" data-testid="preview-other" data-action={decision.action}>
      <Heading level={3} data-size="xs">
        {t('preview.otherTitle')}
      </Heading>
      {decision.action === 'show-in-folder' ? (
        <>
          <Paragraph>{t('preview.showBody', { name })}</Paragraph>
          <Alert data-color="warning" data-size="sm" data-testid="preview-show-reason">
            <Paragraph data-size="sm">{t(SHOW_REASONS[decision.reason])}</Paragraph>
          </Alert>
        </>
      ) : (
        <Paragraph>{t('preview.otherBody', { name })}</Paragraph>
      )}
      <div className="button-row">
        {decision.action === 'show-in-folder' ? (
          <Button onClick={() => void showInFolder()} disabled={status === 'loading'} data-testid="preview-show-folder">
            {status === 'loading' ? t('preview.showingInFolder') : t('preview.showInFolder')}
          </Button>
        ) : (
          <Button
            onClick={() => void openWithSystem()}
            disabled={status === 'loading'}
            data-testid="preview-open-system"
          >
            {status === 'loading' ? t('preview.openingWithSystem') : t('preview.openWithSystem')}
          </Button>
        )}
        {needsFolder ? (
          <Button variant="secondary" onClick={() => void chooseFolderAndOpen()} data-testid="preview-choose-folder">
            {t('preview.chooseFolder')}
          </Button>
        ) : null}
      </div>
      {status === 'ready' && openedPath ? (
        <Alert data-color="success" data-size="sm" data-testid="preview-opened">
          <Paragraph data-size="sm">
            {decision.action === 'show-in-folder'
              ? t('preview.shownInFolder', { path: openedPath })
              : t('preview.openedWithSystem', { path: openedPath })}
          </Paragraph>
        </Alert>
      ) : null}
      {status === 'failed' ? <ErrorAlert error={error} /> : null}
    </div>
  );
}

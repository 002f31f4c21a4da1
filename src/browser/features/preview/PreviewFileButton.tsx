import { useT } from '../../hooks/use-t';
import { usePreviewStore } from '../../store/use-preview-store';

/** What a list of elements knows of one: enough to offer the preview and to title it. */
export interface PreviewableElement {
  id: string;
  filename?: string | null;
  fileScanResult?: string | null;
}

/**
 * An element's name as the button that opens its preview. An element Storage's virus scan has not
 * cleared (Infected, Pending) shows as plain text: main refuses it anyway, so it is not offered.
 */
export function PreviewFileButton({
  profileId,
  instanceId,
  element,
  label,
}: {
  profileId: string;
  instanceId: string;
  element: PreviewableElement;
  /** The visible name (e.g. "(uten navn)" when the element has none). */
  label: string;
}) {
  const t = useT();
  const scan = element.fileScanResult ?? 'NotApplicable';
  if (scan !== 'Clean' && scan !== 'NotApplicable') {
    return (
      <span
        title={scan === 'Infected' ? t('preview.notPreviewableInfected') : t('preview.notPreviewablePending')}
        data-testid="preview-unavailable"
      >
        {label}
      </span>
    );
  }
  return (
    <button
      type="button"
      className="preview-file-button"
      aria-label={t('preview.open', { name: label })}
      onClick={() =>
        void usePreviewStore
          .getState()
          .open({ profileId, instanceId, elementId: element.id, filename: element.filename })
      }
      data-testid="preview-open"
    >
      {label}
    </button>
  );
}

import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useT } from '../../hooks/use-t';
import { useInstancesStore } from '../../store/use-instances-store';

/** At most this many instances can be confirmed afterwards in one go (instances:confirm). */
export const MAX_CONFIRM = 1000;

/** What is selected, and what can be done with it. */
export function SelectionBar({ onDownload, onConfirm }: { onDownload(): void; onConfirm(): void }) {
  const t = useT();
  const count = useInstancesStore((s) => s.selected.size);
  const allMatching = useInstancesStore((s) => s.allMatching);
  const { selectAllMatching, clearSelection } = useInstancesStore.getState();
  const any = allMatching || count > 0;
  const canConfirm = !allMatching && count > 0 && count <= MAX_CONFIRM;
  const summary = allMatching
    ? t('instances.selectionAll')
    : count === 0
      ? t('instances.selectionNone')
      : count === 1
        ? t('instances.selectionOne')
        : t('instances.selectionSome', { count });

  return (
    <div className="instances-selection" data-testid="instances-selection" data-all={allMatching || undefined}>
      <Paragraph
        data-size="sm"
        aria-live="polite"
        className="instances-selection__summary"
        data-testid="selection-summary"
      >
        {summary}
      </Paragraph>
      <div className="button-row">
        <Button data-size="sm" disabled={!any} onClick={onDownload} data-testid="instances-download">
          {t('instances.download')}
        </Button>
        <Button
          data-size="sm"
          variant="secondary"
          disabled={!canConfirm}
          onClick={onConfirm}
          title={canConfirm ? undefined : t('instances.confirmNeedsRows')}
          data-testid="instances-confirm"
        >
          {t('instances.confirmSelected')}
        </Button>
        {allMatching ? null : (
          <Button data-size="sm" variant="tertiary" onClick={selectAllMatching} data-testid="select-all-matching">
            {t('instances.selectAllMatching')}
          </Button>
        )}
        {any ? (
          <Button data-size="sm" variant="tertiary" onClick={clearSelection} data-testid="clear-selection">
            {t('instances.clearSelection')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

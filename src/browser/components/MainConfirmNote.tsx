import { Paragraph } from '@digdir/designsystemet-react';
import { useT } from '../hooks/use-t';

/**
 * Said where the window's own confirmation is only the first step: main then asks in a dialog of its own,
 * with the concrete change, and only that yes counts (issue 17, finding 4).
 */
export function MainConfirmNote({ testId, keys = false }: { testId?: string; keys?: boolean }) {
  const t = useT();
  return (
    <Paragraph data-size="sm" className="main-confirm-note" data-testid={testId ?? 'main-confirm-note'}>
      {t(keys ? 'confirm.windowNoteKeys' : 'confirm.windowNote')}
    </Paragraph>
  );
}

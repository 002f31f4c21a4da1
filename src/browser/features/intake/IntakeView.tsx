import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import type { WatchView } from '../../../common/contract/intake';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { ViewHeader } from '../../components/ViewHeader';
import { useT } from '../../hooks/use-t';
import { useIntakeStore } from '../../store/use-intake-store';
import { ElementPreviewDialog } from '../preview/ElementPreviewDialog';
import { CloseSetting } from './CloseSetting';
import { WatchCard } from './WatchCard';
import { WatchDialog } from './WatchDialog';
import '../downloads/downloads.css';
import './intake.css';

/**
 * The Mottak (intake) task, issue 12: the watches main runs (they live in main and go on while the window
 * is closed to the tray), kept live by `intake:changed`; create, edit, pause, remove, run now, history.
 * A file in the history opens its preview (issue 12, item 4) in the one ElementPreviewDialog below.
 */
export function IntakeView() {
  const t = useT();
  const { status, error, value: watches } = useIntakeStore((s) => s.watches);
  const [editing, setEditing] = useState<{ watch?: WatchView } | null>(null);
  const [removing, setRemoving] = useState<WatchView | null>(null);

  useEffect(() => {
    const store = useIntakeStore.getState();
    store.listen();
    void store.load();
    void store.loadSettings();
  }, []);

  return (
    <section className="view intake-view" data-testid="view-intake">
      <ViewHeader title={t('shell.navIntake')} />
      <Paragraph className="intake-intro">{t('intake.intro')}</Paragraph>
      <div className="intake-toolbar">
        <Button onClick={() => setEditing({})} data-testid="intake-create">
          {t('intake.create')}
        </Button>
        <CloseSetting />
      </div>
      {status === 'failed' && watches.length === 0 ? (
        <ErrorAlert
          error={error}
          heading={t('intake.loadFailed')}
          onRetry={() => void useIntakeStore.getState().load()}
        />
      ) : status !== 'ready' && watches.length === 0 ? (
        <LoadingState label={t('intake.loading')} />
      ) : watches.length === 0 ? (
        <EmptyState title={t('intake.emptyTitle')}>{t('intake.emptyBody')}</EmptyState>
      ) : (
        <div className="download-jobs" data-testid="watches">
          {watches.map((watch) => (
            <WatchCard
              key={watch.id}
              watch={watch}
              onEdit={() => setEditing({ watch })}
              onRemove={() => setRemoving(watch)}
            />
          ))}
        </div>
      )}
      <ElementPreviewDialog />
      <WatchDialog open={editing !== null} watch={editing?.watch} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={removing !== null}
        title={t('intake.removeTitle')}
        body={removing ? t('intake.removeBody', { app: removing.appId, folder: removing.target }) : undefined}
        confirmLabel={t('intake.removeYes')}
        cancelLabel={t('intake.cancel')}
        tone="danger"
        onConfirm={async () => {
          if (removing) await useIntakeStore.getState().remove(removing.id);
          setRemoving(null);
        }}
        onCancel={() => setRemoving(null)}
        testId="watch-remove-dialog"
      />
    </section>
  );
}

import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { ViewHeader } from '../../components/ViewHeader';
import { useT } from '../../hooks/use-t';
import { useAppStore } from '../../store/use-app-store';
import { useDownloadsStore } from '../../store/use-downloads-store';
import { DownloadJobCard } from './DownloadJobCard';
import './downloads.css';

/**
 * The Downloads task: every job main runs (they live in main, so a reloaded window lists them again),
 * kept live by `downloads:progress`. The OS notification at the end comes from main.
 */
export function DownloadsView() {
  const t = useT();
  const navigate = useAppStore((s) => s.navigate);
  const { status, error, value: jobs } = useDownloadsStore((s) => s.jobs);

  useEffect(() => {
    const store = useDownloadsStore.getState();
    store.listen();
    void store.load();
  }, []);

  return (
    <section className="view downloads-view" data-testid="view-downloads">
      <ViewHeader title={t('shell.navDownloads')} />
      <Paragraph className="downloads-intro">{t('downloads.intro')}</Paragraph>
      {status === 'failed' && jobs.length === 0 ? (
        <ErrorAlert
          error={error}
          heading={t('downloads.loadFailed')}
          onRetry={() => void useDownloadsStore.getState().load()}
        />
      ) : status !== 'ready' && jobs.length === 0 ? (
        <LoadingState label={t('downloads.loading')} />
      ) : jobs.length === 0 ? (
        <EmptyState
          title={t('downloads.emptyTitle')}
          action={
            <Button variant="primary" onClick={() => navigate('instances')} data-testid="downloads-go-to-instances">
              {t('downloads.goToInstances')}
            </Button>
          }
        >
          {t('downloads.emptyBody')}
        </EmptyState>
      ) : (
        <div className="download-jobs" data-testid="download-jobs">
          {jobs.map((job) => (
            <DownloadJobCard key={job.jobId} job={job} />
          ))}
        </div>
      )}
    </section>
  );
}

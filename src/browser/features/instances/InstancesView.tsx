import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import type { DownloadJobSummary } from '../../../common/contract/downloads';
import { formatCount } from '../../../common/format/bytes';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { ViewHeader } from '../../components/ViewHeader';
import { useLanguage, useT } from '../../hooks/use-t';
import { selectEnvironment, useAppStore } from '../../store/use-app-store';
import { useDownloadsStore } from '../../store/use-downloads-store';
import { useInstancesStore } from '../../store/use-instances-store';
import { environmentLabel } from '../environment/environment-label';
import { InstanceActsBar } from '../instance-acts/InstanceActsBar';
import { ExportCsvDialog } from '../preview/ExportCsvDialog';
import { ConfirmReceiptDialog } from './ConfirmReceiptDialog';
import { DownloadDialog } from './DownloadDialog';
import { InstanceDetails } from './InstanceDetails';
import { InstanceFilterForm } from './InstanceFilterForm';
import { InstanceTable } from './InstanceTable';
import { SelectionBar } from './SelectionBar';
import './instances.css';

/**
 * The Instances task (issue 6, item 4): pick a profile and app, filter, scroll through the instances
 * (Storage pages them with `next`; there is no total), look at one, download a selection or everything
 * that matches to a folder, and confirm receipt.
 */
export function InstancesView() {
  const t = useT();
  const env = useAppStore(selectEnvironment);
  const environmentId = useAppStore((s) => s.environmentId);
  const navigate = useAppStore((s) => s.navigate);
  const s = useInstancesStore();
  const jobs = useDownloadsStore((d) => d.jobs.value);
  const [dialog, setDialog] = useState<'download' | 'confirm' | 'export' | null>(null);
  const [started, setStarted] = useState<DownloadJobSummary>();
  const [refreshed, setRefreshed] = useState(false);
  const production = env?.production ?? false;
  const environmentName = env ? environmentLabel(env, t) : environmentId;

  useEffect(() => {
    void useInstancesStore.getState().loadProfiles(environmentId);
  }, [environmentId]);

  useEffect(() => {
    const downloads = useDownloadsStore.getState();
    downloads.listen();
    void downloads.load();
  }, []);

  // A download that confirmed instances after this list was fetched makes "not confirmed by us" stale.
  const applied = s.applied;
  const queriedAt = s.queriedAt;
  const staleBy = jobs.find(
    (j) =>
      applied &&
      queriedAt &&
      j.profileId === applied.profileId &&
      j.instances.confirmed > 0 &&
      j.endedAt !== undefined &&
      j.endedAt > queriedAt,
  );
  const staleJob = staleBy?.jobId;
  useEffect(() => {
    if (staleJob && useInstancesStore.getState().rows.status === 'ready') {
      setRefreshed(true);
      void useInstancesStore.getState().refresh();
    }
  }, [staleJob]);

  return (
    <section className="view instances-view" data-testid="view-instances">
      <ViewHeader title={t('shell.navInstances')} />
      <Paragraph className="instances-intro">{t('instances.intro')}</Paragraph>

      {s.profiles.status === 'failed' ? (
        <ErrorAlert
          error={s.profiles.error}
          heading={t('instances.profilesFailed')}
          onRetry={() => void s.loadProfiles(environmentId)}
        />
      ) : s.profiles.status !== 'ready' && s.profiles.value.length === 0 ? (
        <LoadingState label={t('instances.profilesLoading')} />
      ) : s.profiles.value.length === 0 ? (
        <EmptyState
          title={t('instances.noProfilesTitle', { environment: environmentName })}
          action={
            <Button variant="primary" onClick={() => navigate('profiles')} data-testid="instances-go-to-profiles">
              {t('instances.goToProfiles')}
            </Button>
          }
        >
          {t('instances.noProfilesBody')}
        </EmptyState>
      ) : (
        <>
          <InstanceFilterForm />
          <InstanceActsBar production={production} environmentName={environmentName} />
          {started ? (
            <Alert data-color="success" data-testid="download-started">
              <Heading level={3} data-size="xs">
                {t('instances.startedTitle')}
              </Heading>
              <Paragraph>{t('instances.startedBody', { folder: started.target })}</Paragraph>
              <Button
                variant="secondary"
                data-size="sm"
                onClick={() => navigate('downloads')}
                data-testid="go-to-downloads"
              >
                {t('instances.goToDownloads')}
              </Button>
            </Alert>
          ) : null}
          {refreshed && s.rows.status === 'ready' ? (
            <Alert data-color="info" data-size="sm" data-testid="instances-refreshed">
              <Paragraph data-size="sm">{t('instances.refreshedAfterDownload')}</Paragraph>
            </Alert>
          ) : null}
          <Results
            onDownload={() => setDialog('download')}
            onConfirm={() => setDialog('confirm')}
            onExport={() => setDialog('export')}
          />
        </>
      )}

      <InstanceDetails />
      <ExportCsvDialog open={dialog === 'export'} query={s.applied} onClose={() => setDialog(null)} />
      <DownloadDialog
        open={dialog === 'download'}
        production={production}
        environmentName={environmentName}
        onClose={() => setDialog(null)}
        onStarted={(job) => {
          setStarted(job);
          setRefreshed(false);
        }}
      />
      <ConfirmReceiptDialog
        open={dialog === 'confirm'}
        production={production}
        environmentName={environmentName}
        onClose={(confirmed) => {
          setDialog(null);
          if (confirmed > 0) {
            useInstancesStore.getState().clearSelection();
            void useInstancesStore.getState().refresh();
          }
        }}
      />
    </section>
  );
}

function Results({ onDownload, onConfirm, onExport }: { onDownload(): void; onConfirm(): void; onExport(): void }) {
  const t = useT();
  const lang = useLanguage();
  const appId = useInstancesStore((s) => s.appId);
  const status = useInstancesStore((s) => s.rows.status);
  const error = useInstancesStore((s) => s.rows.error);
  const rows = useInstancesStore((s) => s.rows.value.length);
  const next = useInstancesStore((s) => s.next);
  const loadingMore = useInstancesStore((s) => s.loadingMore);
  const moreError = useInstancesStore((s) => s.moreError);
  const { search, loadMore } = useInstancesStore.getState();

  if (!appId) return <Paragraph data-testid="instances-choose-app">{t('instances.chooseAppFirst')}</Paragraph>;
  if (status === 'loading') return <LoadingState label={t('instances.loadingFirst')} />;
  if (status === 'failed') {
    return <ErrorAlert error={error} heading={t('instances.queryFailed')} onRetry={() => void search()} />;
  }
  if (status !== 'ready') return null;
  if (rows === 0) {
    return <EmptyState title={t('instances.emptyTitle')}>{t('instances.emptyBody')}</EmptyState>;
  }
  const count = formatCount(rows, lang);
  return (
    <section className="instances-results" aria-label={t('instances.tableCaption', { app: appId })}>
      <SelectionBar onDownload={onDownload} onConfirm={onConfirm} />
      <InstanceTable />
      <div className="instances-results__footer">
        <Paragraph
          data-size="sm"
          role="status"
          data-testid="instances-count"
          data-more={next ? 'true' : 'false'}
          data-count={rows}
        >
          {next
            ? loadingMore
              ? t('instances.countLoading', { count })
              : t('instances.countMore', { count })
            : t('instances.countAll', { count })}
        </Paragraph>
        <div className="button-row">
          <Button variant="tertiary" data-size="sm" onClick={onExport} data-testid="instances-export-csv">
            {t('preview.exportCsv')}
          </Button>
          <Button variant="tertiary" data-size="sm" onClick={() => void search()} data-testid="instances-refresh">
            {t('instances.refresh')}
          </Button>
        </div>
      </div>
      {moreError ? (
        <ErrorAlert error={moreError} heading={t('instances.loadMoreFailed')} onRetry={() => void loadMore()} />
      ) : null}
    </section>
  );
}

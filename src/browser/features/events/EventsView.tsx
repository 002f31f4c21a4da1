import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { ViewHeader } from '../../components/ViewHeader';
import { useT } from '../../hooks/use-t';
import { selectEnvironment, useAppStore } from '../../store/use-app-store';
import { useEventsStore } from '../../store/use-events-store';
import { environmentLabel } from '../environment/environment-label';
import { InstanceDetails } from '../instances/InstanceDetails';
import { EventFilterForm } from './EventFilterForm';
import { EventTable } from './EventTable';
import { LiveStatus } from './LiveStatus';
import './events.css';

/**
 * Hendelser (issue 20): what happened in an app, from Altinn Events — created, moved to a step, completed,
 * substatus changed — in plain words, filtered by type, owner and time, a page at a time ("Last flere"), and
 * followed live by main while the switch is on. An event opens its instance in the details.
 */
export function EventsView() {
  const t = useT();
  const env = useAppStore(selectEnvironment);
  const environmentId = useAppStore((s) => s.environmentId);
  const navigate = useAppStore((s) => s.navigate);
  const profiles = useEventsStore((s) => s.profiles);

  useEffect(() => {
    void useEventsStore.getState().loadProfiles(environmentId);
  }, [environmentId]);

  return (
    <section className="view events-view" data-testid="view-events">
      <ViewHeader title={t('events.title')} />
      <Paragraph className="events-intro">{t('events.intro')}</Paragraph>
      {profiles.status === 'failed' ? (
        <ErrorAlert
          error={profiles.error}
          heading={t('instances.profilesFailed')}
          onRetry={() => void useEventsStore.getState().loadProfiles(environmentId)}
        />
      ) : profiles.status !== 'ready' && profiles.value.length === 0 ? (
        <LoadingState label={t('instances.profilesLoading')} />
      ) : profiles.value.length === 0 ? (
        <EmptyState
          title={t('instances.noProfilesTitle', { environment: env ? environmentLabel(env, t) : environmentId })}
          action={
            <Button variant="primary" onClick={() => navigate('profiles')} data-testid="events-go-to-profiles">
              {t('instances.goToProfiles')}
            </Button>
          }
        >
          {t('instances.noProfilesBody')}
        </EmptyState>
      ) : (
        <>
          <EventFilterForm />
          <Results />
        </>
      )}
      <InstanceDetails />
    </section>
  );
}

function Results() {
  const t = useT();
  const appId = useEventsStore((s) => s.appId);
  const rows = useEventsStore((s) => s.rows);
  const { search } = useEventsStore.getState();
  if (!appId) return <Paragraph data-testid="events-choose-app">{t('events.chooseAppFirst')}</Paragraph>;
  if (rows.status === 'loading') return <LoadingState label={t('events.loading')} />;
  if (rows.status === 'failed') {
    return <ErrorAlert error={rows.error} heading={t('events.failed')} onRetry={() => void search()} />;
  }
  if (rows.status !== 'ready') return null;
  return (
    <section className="events-results" aria-label={t('events.caption', { app: appId })}>
      <LiveStatus />
      {rows.value.length === 0 ? (
        <EmptyState title={t('events.emptyTitle')}>{t('events.emptyBody')}</EmptyState>
      ) : (
        <EventTable />
      )}
      <MoreFooter />
    </section>
  );
}

function MoreFooter() {
  const t = useT();
  const count = useEventsStore((s) => s.rows.value.length);
  const end = useEventsStore((s) => s.end);
  const loadingMore = useEventsStore((s) => s.loadingMore);
  const moreError = useEventsStore((s) => s.moreError);
  const { loadMore } = useEventsStore.getState();
  return (
    <>
      <div className="events-results__footer">
        <Paragraph data-size="sm" role="status" data-testid="events-count" data-end={end ? 'true' : 'false'}>
          {count > 0 ? (end ? t('events.countEnd', { count }) : t('events.countMore', { count })) : null}
        </Paragraph>
        <Button
          variant="secondary"
          data-size="sm"
          onClick={() => void loadMore()}
          disabled={loadingMore}
          data-testid="events-load-more"
        >
          {loadingMore ? t('events.loadingMore') : t('events.loadMore')}
        </Button>
      </div>
      {moreError ? (
        <ErrorAlert error={moreError} heading={t('events.loadMoreFailed')} onRetry={() => void loadMore()} />
      ) : null}
    </>
  );
}

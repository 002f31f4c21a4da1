import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import type { Profile } from '../../../common/contract/profiles';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { ViewHeader } from '../../components/ViewHeader';
import { useT } from '../../hooks/use-t';
import { selectEnvironment, selectProductionConfirmed, useAppStore } from '../../store/use-app-store';
import { useProfilesStore } from '../../store/use-profiles-store';
import { environmentLabel } from '../environment/environment-label';
import { EnvironmentEndpoints } from './EnvironmentEndpoints';
import { ProfileForm } from './ProfileForm';
import { ProfileList } from './ProfileList';
import './profiles.css';

/**
 * Environment and client profiles: the addresses of the current environment, its profiles, and the form
 * that creates or edits one. Writes in production ask once per session (issue 5, item 9).
 */
export function ProfilesView() {
  const t = useT();
  const environment = useAppStore(selectEnvironment);
  const environmentId = useAppStore((s) => s.environmentId);
  const load = useProfilesStore((s) => s.load);
  const { status, error, value: profiles } = useProfilesStore((s) => s.profiles);
  const keys = useProfilesStore((s) => s.keys);
  const editor = useProfilesStore((s) => s.editor);
  const notice = useProfilesStore((s) => s.notice);
  const openNew = useProfilesStore((s) => s.openNew);
  const openEdit = useProfilesStore((s) => s.openEdit);
  const remove = useProfilesStore((s) => s.remove);
  const confirmProduction = useAppStore((s) => s.confirmProduction);
  const productionConfirmed = useAppStore(selectProductionConfirmed('profiles', environmentId));
  const production = Boolean(environment?.production);
  const askProduction = production && !productionConfirmed;

  const [deleting, setDeleting] = useState<Profile | null>(null);
  const [pendingSave, setPendingSave] = useState<(() => Promise<void>) | null>(null);

  useEffect(() => {
    setDeleting(null);
    setPendingSave(null);
    void load(environmentId);
  }, [environmentId, load]);

  const envName = environment ? environmentLabel(environment, t) : '';

  function guard(run: () => Promise<void>) {
    if (askProduction) setPendingSave(() => run);
    else void run();
  }

  return (
    <section className="view profiles-view" data-testid="view-profiles">
      <ViewHeader title={t('shell.navProfiles')} />
      <Paragraph className="profiles-intro">{t('profiles.intro', { env: envName })}</Paragraph>
      <EnvironmentEndpoints environmentName={envName} />

      {notice && !editor ? (
        <Alert data-color="success" data-size="sm" role="status" data-testid="profiles-notice">
          {notice.kind === 'saved'
            ? t('profiles.saved', { name: notice.name })
            : t('profiles.deleted', { name: notice.name })}
        </Alert>
      ) : null}

      {editor && environment ? (
        <ProfileForm
          key={editor.mode === 'edit' ? editor.profile.id : 'new'}
          environment={environment}
          environmentName={envName}
          profile={editor.mode === 'edit' ? editor.profile : undefined}
          guard={guard}
        />
      ) : (
        <section className="profiles-section" aria-labelledby="profiles-list-heading">
          <div className="profiles-section__head">
            <Heading level={3} data-size="sm" id="profiles-list-heading">
              {t('profiles.listHeading', { env: envName })}
            </Heading>
            {status === 'ready' && profiles.length > 0 ? (
              <Button onClick={openNew} data-testid="profile-new">
                {t('profiles.newProfile')}
              </Button>
            ) : null}
          </div>
          {status === 'failed' ? (
            <ErrorAlert error={error} heading={t('profiles.loadFailed')} onRetry={() => void load(environmentId)} />
          ) : status !== 'ready' ? (
            <LoadingState label={t('profiles.loading')} />
          ) : profiles.length === 0 ? (
            <EmptyState
              title={t('profiles.emptyTitle', { env: envName })}
              action={
                <Button onClick={openNew} data-testid="profile-new">
                  {t('profiles.newProfile')}
                </Button>
              }
            >
              {t('profiles.emptyBody')}
            </EmptyState>
          ) : (
            <ProfileList profiles={profiles} keys={keys} onEdit={openEdit} onDelete={setDeleting} />
          )}
        </section>
      )}

      <ConfirmDialog
        open={deleting !== null}
        testId="profile-delete-dialog"
        title={t('profiles.deleteTitle', { name: deleting?.name ?? '' })}
        body={t('profiles.deleteBody')}
        warning={
          askProduction ? { title: t('profiles.productionTitle'), body: t('profiles.productionBody') } : undefined
        }
        confirmLabel={askProduction ? t('profiles.productionDelete') : t('profiles.deleteConfirm')}
        cancelLabel={t('profiles.cancel')}
        tone="danger"
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await remove(deleting);
          // The delete dialog already said "production" plainly: it counts as this session's confirmation.
          if (production) confirmProduction('profiles', environmentId);
          setDeleting(null);
        }}
      />
      <ConfirmDialog
        open={pendingSave !== null}
        testId="profile-production-dialog"
        title={t('profiles.productionTitle')}
        body={t('profiles.productionBody')}
        confirmLabel={t('profiles.productionSave')}
        cancelLabel={t('profiles.cancel')}
        tone="danger"
        onCancel={() => setPendingSave(null)}
        onConfirm={() => {
          const run = pendingSave;
          confirmProduction('profiles', environmentId);
          setPendingSave(null);
          void run?.();
        }}
      />
    </section>
  );
}

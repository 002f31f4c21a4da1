import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { onEvent } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { ViewHeader } from '../../components/ViewHeader';
import { useT } from '../../hooks/use-t';
import { selectEnvironment, selectProductionConfirmed, useAppStore } from '../../store/use-app-store';
import { useTokenStore } from '../../store/use-token-store';
import { environmentLabel } from '../environment/environment-label';
import { DoctorReport } from './DoctorReport';
import { ProductionConfirmDialog } from './ProductionConfirmDialog';
import { TokenCard } from './TokenCard';
import { TokenErrorAlert } from './TokenErrorAlert';
import { TokenRequestForm } from './TokenRequestForm';
import './token.css';

type Pending = 'token' | 'doctor';

/**
 * The Token task: choose a client profile, get a Maskinporten token (and the Altinn token it is
 * exchanged for), read its claims with a live expiry, copy it, and run the doctor when something fails.
 */
export function TokenView() {
  const t = useT();
  const env = useAppStore(selectEnvironment);
  const environmentId = useAppStore((s) => s.environmentId);
  const navigate = useAppStore((s) => s.navigate);
  const s = useTokenStore();
  const productionConfirmed = useAppStore(selectProductionConfirmed('token', env?.id));
  const confirmProduction = useAppStore((a) => a.confirmProduction);
  const [pending, setPending] = useState<Pending | null>(null);
  const environmentName = env ? environmentLabel(env, t) : environmentId;
  const profile = s.profiles.value.find((p) => p.id === s.selectedProfileId);
  const summary = s.summary.value;
  const doctor = s.doctor.value;

  useEffect(() => {
    void useTokenStore.getState().loadProfiles(environmentId);
  }, [environmentId]);

  useEffect(() => onEvent('token:changed', (change) => useTokenStore.getState().applyChange(change)), []);

  function run(action: Pending) {
    if (action === 'token') void useTokenStore.getState().getToken();
    else void useTokenStore.getState().runDoctor();
  }

  // Both actions fetch tokens; in production the first of them in a session asks first.
  function guarded(action: Pending) {
    if (env?.production && !productionConfirmed) setPending(action);
    else run(action);
  }

  return (
    <section className="view token-view" data-testid="view-token">
      <ViewHeader title={t('shell.navToken')} />
      <Paragraph className="token-intro">{t('token.intro')}</Paragraph>

      {s.profiles.status === 'failed' ? (
        <ErrorAlert
          error={s.profiles.error}
          heading={t('token.profilesFailed')}
          onRetry={() => void s.loadProfiles(environmentId)}
        />
      ) : s.profiles.status !== 'ready' && s.profiles.value.length === 0 ? (
        <LoadingState label={t('token.profilesLoading')} />
      ) : s.profiles.value.length === 0 ? (
        <EmptyState
          title={t('token.noProfilesTitle', { environment: environmentName })}
          action={
            <Button variant="primary" onClick={() => navigate('profiles')} data-testid="token-go-to-profiles">
              {t('token.goToProfiles')}
            </Button>
          }
        >
          {t('token.noProfilesBody')}
        </EmptyState>
      ) : (
        <TokenRequestForm
          environmentName={environmentName}
          onGetToken={() => guarded('token')}
          onRunDoctor={() => guarded('doctor')}
        />
      )}

      {s.summary.status === 'failed' && s.summary.error ? (
        <TokenErrorAlert error={s.summary.error} heading={t('token.errorHeading')} testId="token-error" />
      ) : null}
      {s.cleared ? (
        <Alert data-color="info" data-testid="token-cleared">
          <Paragraph>{t('token.clearedNotice')}</Paragraph>
        </Alert>
      ) : null}

      {summary && profile ? (
        <section className="token-result" data-testid="token-result" aria-labelledby="token-result-title">
          <Heading level={3} data-size="sm" id="token-result-title">
            {/* After a failed request the cards show the earlier token, which main still holds and may be valid. */}
            {t(s.summary.status === 'failed' ? 'token.previousResultHeading' : 'token.resultHeading', {
              profile: profile.name,
            })}
          </Heading>
          <div className="token-cards">
            <TokenCard
              kind="maskinporten"
              claims={summary.maskinporten.claims}
              expiresAt={summary.maskinporten.expiresAt}
              obtainedAt={summary.maskinporten.obtainedAt}
              auth={summary.maskinporten.auth}
              warnings={[]}
              missingScopes={summary.maskinporten.missingScopes}
            />
            {summary.altinn ? (
              <TokenCard
                kind="altinn"
                claims={summary.altinn.claims}
                expiresAt={summary.altinn.expiresAt}
                obtainedAt={summary.altinn.obtainedAt}
                warnings={summary.altinn.warnings}
              />
            ) : (
              <div className="token-card token-card--empty" data-testid="token-card-altinn-empty">
                <Heading level={3} data-size="sm">
                  {t('token.altinnTitle')}
                </Heading>
                <Paragraph data-size="sm">{t('token.altinnNotFetched')}</Paragraph>
              </div>
            )}
          </div>
        </section>
      ) : null}

      {s.doctor.status === 'loading' ? <LoadingState label={t('token.runningDoctor')} /> : null}
      {s.doctor.status === 'failed' && s.doctor.error ? (
        <TokenErrorAlert error={s.doctor.error} heading={t('token.doctorErrorHeading')} testId="doctor-error" />
      ) : null}
      {doctor && s.doctor.status !== 'loading' ? <DoctorReport report={doctor} /> : null}

      <ProductionConfirmDialog
        open={pending !== null}
        profileName={profile?.name ?? ''}
        environmentName={environmentName}
        onCancel={() => setPending(null)}
        onConfirm={() => {
          if (env) confirmProduction('token', env.id);
          const action = pending;
          setPending(null);
          if (action) run(action);
        }}
      />
    </section>
  );
}

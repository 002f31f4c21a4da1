import { Button, Field, Heading, Label, Paragraph, Select, Textfield } from '@digdir/designsystemet-react';
import { type ReactNode, useId, useState } from 'react';
import type { EnvironmentSummary } from '../../../common/contract/app';
import type { ManualGuideStepId } from '../../../common/contract/clients';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useLanguage, useT } from '../../hooks/use-t';
import { useClientsStore } from '../../store/use-clients-store';
import { DoctorReport } from '../token/DoctorReport';
import { ManualProfileForm } from './ManualProfileForm';
import { selfServiceText } from './selfservice-text';
import { useProductionGuard } from './use-production-guard';

/**
 * The manual path (issue 7, item 4): which Samarbeidsportalen to open and which environment to pick there,
 * the public JWK to paste, the client id to paste back into a client profile, and a doctor run to prove it.
 */
export function ManualGuidePanel({
  environment,
  environmentName,
}: {
  environment: EnvironmentSummary;
  environmentName: string;
}) {
  const t = useT();
  const lang = useLanguage();
  const keySelectId = useId();
  const { status, error, value: guide } = useClientsStore((s) => s.guide);
  const guideKeyId = useClientsStore((s) => s.guideKeyId);
  const keys = useClientsStore((s) => s.local.value.keys);
  const profiles = useClientsStore((s) => s.local.value.profiles);
  const loadGuide = useClientsStore((s) => s.loadGuide);
  const generateKey = useClientsStore((s) => s.generateKey);
  const manualProfileId = useClientsStore((s) => s.manualProfileId);
  const { status: doctorStatus, error: doctorError, value: doctor } = useClientsStore((s) => s.doctor);
  const runDoctor = useClientsStore((s) => s.runDoctor);
  const openExternal = useClientsStore((s) => s.openExternal);
  const copyPublicJwk = useClientsStore((s) => s.copyPublicJwk);
  const { guard, dialog } = useProductionGuard(environment.production);

  const [opened, setOpened] = useState(false);
  const portalAction = useBusyAction();
  const [copied, setCopied] = useState(false);
  const copyAction = useBusyAction();
  const [newKeyName, setNewKeyName] = useState(t('clients.newKeyNameDefault'));
  const generateAction = useBusyAction();
  const manualProfile = profiles.find((p) => p.id === manualProfileId);

  if (status === 'failed') {
    return <ErrorAlert error={error} heading={t('clients.guideFailed')} onRetry={() => void loadGuide(guideKeyId)} />;
  }
  if (!guide) return <LoadingState label={t('clients.guideLoading')} />;

  async function openPortal() {
    if (!guide) return;
    const url = guide.portalUrl;
    if (!(await portalAction.run(() => openExternal(url)))) setOpened(true);
  }

  async function copyJwk() {
    if (!guideKeyId) return;
    const id = guideKeyId;
    if (!(await copyAction.run(() => copyPublicJwk(id)))) setCopied(true);
  }

  async function makeKey() {
    await generateAction.run(async () => {
      const key = await generateKey(newKeyName.trim() || t('clients.newKeyNameDefault'));
      setCopied(false);
      await loadGuide(key.id);
    });
  }

  const values = { portalEnvironment: guide.portalEnvironment, minutes: guide.propagationMinutes };
  const extra: Partial<Record<ManualGuideStepId, ReactNode>> = {
    'open-portal': (
      <div className="clients-step__extra">
        {guide.portalAllowed ? (
          <div className="button-row">
            <Button onClick={() => void openPortal()} data-testid="clients-open-portal">
              {t('clients.openPortal')} ↗
            </Button>
            <code className="clients-code">{guide.portalUrl}</code>
          </div>
        ) : (
          <Paragraph data-size="sm">
            {t('clients.portalNotAllowed')} <code className="clients-code">{guide.portalUrl}</code>
          </Paragraph>
        )}
        {opened ? (
          <Paragraph data-size="sm" role="status" data-testid="clients-portal-opened">
            {t('clients.portalOpened')}
          </Paragraph>
        ) : null}
        {portalAction.error ? <ErrorAlert error={portalAction.error} /> : null}
      </div>
    ),
    'choose-environment': (
      <Paragraph data-size="sm" className="clients-muted">
        {t('clients.portalEnvironmentNote', { env: environmentName })}
      </Paragraph>
    ),
    'add-key': (
      <div className="clients-step__extra">
        {keys.length === 0 ? <Paragraph data-size="sm">{t('clients.keyNone')}</Paragraph> : null}
        {keys.length > 0 ? (
          <Field>
            <Label htmlFor={keySelectId}>{t('clients.keySelect')}</Label>
            <Select
              id={keySelectId}
              value={guideKeyId ?? ''}
              onChange={(e) => {
                setCopied(false);
                void loadGuide(e.target.value || undefined);
              }}
              data-testid="clients-guide-key"
            >
              <Select.Option value="" disabled>
                {t('clients.keySelectChoose')}
              </Select.Option>
              {keys.map((k) => (
                <Select.Option key={k.id} value={k.id}>
                  {t('clients.keyOption', { name: k.name, kid: k.kid })}
                </Select.Option>
              ))}
            </Select>
          </Field>
        ) : null}
        {keys.length > 0 ? <Paragraph data-size="sm">{t('clients.keyOrNew')}</Paragraph> : null}
        <div className="clients-inline">
          <Textfield
            label={t('clients.newKeyName')}
            value={newKeyName}
            onChange={(e) => setNewKeyName(e.target.value)}
            maxLength={80}
            autoComplete="off"
            data-size="sm"
            data-testid="clients-guide-new-key-name"
          />
          <Button
            variant="secondary"
            data-size="sm"
            onClick={() => void makeKey()}
            disabled={generateAction.busy}
            aria-busy={generateAction.busy}
            data-testid="clients-guide-generate"
          >
            {generateAction.busy ? t('clients.generating') : t('clients.generateKey')}
          </Button>
        </div>
        {generateAction.error ? <ErrorAlert error={generateAction.error} /> : null}
        {guide.jwkText ? (
          <div className="clients-jwk" data-testid="clients-guide-jwk">
            <Paragraph data-size="sm">
              <strong>{t('clients.jwkLabel')}</strong>
              <br />
              <span className="clients-muted">{t('clients.jwkHelp')}</span>
            </Paragraph>
            <pre className="clients-jwk__text" data-testid="clients-guide-jwk-text">
              {guide.jwkText}
            </pre>
            <div className="button-row">
              <Button variant="secondary" data-size="sm" onClick={() => void copyJwk()} data-testid="clients-copy-jwk">
                {t('clients.copyJwk')}
              </Button>
              {copied ? (
                <span role="status" data-testid="clients-jwk-copied">
                  ✓ {t('clients.copied')}
                </span>
              ) : null}
            </div>
            {copyAction.error ? <ErrorAlert error={copyAction.error} /> : null}
          </div>
        ) : (
          <Paragraph data-size="sm" className="clients-muted">
            {t('clients.chooseKeyFirst')}
          </Paragraph>
        )}
      </div>
    ),
    'paste-client-id': <ManualProfileForm environmentId={environment.id} keyId={guideKeyId} guard={guard} />,
    'run-doctor': (
      <div className="clients-step__extra">
        {manualProfile ? (
          <Paragraph data-size="sm">{t('clients.manualProfileFor', { name: manualProfile.name })}</Paragraph>
        ) : (
          <Paragraph data-size="sm" className="clients-muted">
            {t('clients.doctorNeedsProfile')}
          </Paragraph>
        )}
        <div className="button-row">
          <Button
            onClick={() =>
              void guard(t('clients.actionDoctor', { name: manualProfile?.name ?? '' }), async () => runDoctor())
            }
            disabled={!manualProfile || doctorStatus === 'loading'}
            data-testid="clients-run-doctor"
          >
            {t('clients.runDoctor')}
          </Button>
        </div>
        <Paragraph data-size="sm" className="clients-muted">
          {t('clients.doctorWait', { minutes: guide.propagationMinutes })}
        </Paragraph>
        {doctorStatus === 'loading' ? <LoadingState label={t('clients.runningDoctor')} /> : null}
        {doctorStatus === 'failed' ? <ErrorAlert error={doctorError} heading={t('clients.doctorFailed')} /> : null}
        {doctor && doctorStatus === 'ready' ? <DoctorReport report={doctor} /> : null}
      </div>
    ),
  };

  return (
    <section
      className="clients-section clients-manual"
      aria-labelledby="clients-manual-title"
      data-testid="clients-manual"
    >
      <Heading level={3} data-size="sm" id="clients-manual-title">
        {t('clients.manualTitle')}
      </Heading>
      <Paragraph className="clients-muted">{t('clients.manualIntro')}</Paragraph>
      <ol className="clients-steps">
        {guide.steps.map((step, i) => (
          <li key={step} className="clients-step" data-testid={`clients-step-${step}`}>
            <span className="clients-step__number" aria-hidden="true">
              {i + 1}
            </span>
            <div className="clients-step__body">
              <Paragraph className="clients-step__text">
                {step === 'choose-environment' ? (
                  <strong>{selfServiceText(`guide.${step}`, lang, values)}</strong>
                ) : step === 'run-doctor' ? (
                  // The shared text says "doctor"; here the button is called "Kjør sjekk", as in the Token view.
                  t('clients.stepRunDoctor')
                ) : (
                  selfServiceText(`guide.${step}`, lang, values)
                )}
              </Paragraph>
              {extra[step] ?? null}
            </div>
          </li>
        ))}
      </ol>
      {dialog}
    </section>
  );
}

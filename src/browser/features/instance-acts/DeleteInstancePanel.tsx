import { Button, Checkbox, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import type { ActInstanceView } from '../../../common/contract/instance-acts';
import { AppDialog } from '../../components/AppDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ProductionWarning } from '../../components/ProductionWarning';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useT } from '../../hooks/use-t';
import { selectEnvironment, useAppStore } from '../../store/use-app-store';
import { useInstanceActsStore } from '../../store/use-instance-acts-store';
import { environmentLabel } from '../environment/environment-label';

type Step = 'ask' | 'hard';

/**
 * Delete (issue 19): soft by default; a hard delete only after a separate, explicit yes on a second step. In
 * Production the red notice is on both steps, and main asks again before anything is sent.
 */
export function DeleteInstancePanel({ profileId, view }: { profileId: string; view: ActInstanceView }) {
  const t = useT();
  const id = useId();
  const env = useAppStore(selectEnvironment);
  const production = env?.production ?? false;
  const { deleteInstance } = useInstanceActsStore.getState();
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<Step>('ask');
  const [hard, setHard] = useState(false);
  const [done, setDone] = useState<'soft' | 'hard'>();
  const { busy, error, setError, run } = useBusyAction();

  function close() {
    setOpen(false);
    setStep('ask');
    setHard(false);
    setError(undefined);
  }

  async function remove(asHard: boolean) {
    const failed = await run(() =>
      deleteInstance({
        profileId,
        appId: view.appId,
        instanceId: view.id,
        hard: asHard,
        ...(asHard ? { hardConfirmed: true } : {}),
        ...(production ? { confirmProduction: true } : {}),
      }),
    );
    if (!failed) {
      setDone(asHard ? 'hard' : 'soft');
      close();
    }
  }

  const warning = production ? (
    <ProductionWarning
      title={t('acts.productionWarning', { env: env ? environmentLabel(env, t) : '' })}
      body={t('acts.productionBody')}
    />
  ) : null;

  return (
    <section className="instance-details__section acts-panel" aria-labelledby={`${id}-h`} data-testid="delete-panel">
      <Heading level={3} data-size="xs" id={`${id}-h`}>
        {t('acts.deleteHeading')}
      </Heading>
      <Paragraph data-size="sm">{t('acts.deleteHelp')}</Paragraph>
      {done ? (
        <Paragraph data-size="sm" role="status" data-testid="instance-deleted">
          {done === 'hard' ? t('acts.deletedHard') : t('acts.deleted')}
        </Paragraph>
      ) : null}
      {!view.isHardDeleted ? (
        <div>
          <Button
            data-size="sm"
            variant="secondary"
            data-color="danger"
            onClick={() => setOpen(true)}
            data-testid="delete-instance"
          >
            {t('acts.deleteButton')}
          </Button>
        </div>
      ) : null}
      {error && !open ? <ErrorAlert error={error} heading={t('acts.deleteFailed')} /> : null}
      <AppDialog
        open={open}
        title={step === 'hard' ? t('acts.deleteHardTitle') : t('acts.deleteTitle')}
        onClose={close}
        testId="delete-instance-dialog"
        bodyClassName="dialog-body"
      >
        {warning}
        {step === 'ask' ? (
          <>
            <Paragraph>{t('acts.deleteBody')}</Paragraph>
            <Paragraph data-size="sm" className="instance-details__id">
              {view.id}
            </Paragraph>
            <Checkbox
              label={t('acts.deleteHard')}
              checked={hard}
              onChange={(e) => setHard(e.target.checked)}
              data-testid="delete-hard"
            />
            {error ? <ErrorAlert error={error} heading={t('acts.deleteFailed')} /> : null}
            <div className="button-row">
              <Button
                data-color="danger"
                disabled={busy}
                aria-busy={busy}
                onClick={() => (hard ? setStep('hard') : void remove(false))}
                data-testid="delete-instance-yes"
              >
                {t('acts.deleteYes')}
              </Button>
              <Button variant="secondary" onClick={close} disabled={busy}>
                {t('acts.cancel')}
              </Button>
            </div>
          </>
        ) : (
          <>
            <Paragraph>
              <strong>{t('acts.deleteHardBody')}</strong>
            </Paragraph>
            <Paragraph data-size="sm" className="instance-details__id">
              {view.id}
            </Paragraph>
            {error ? <ErrorAlert error={error} heading={t('acts.deleteFailed')} /> : null}
            <div className="button-row">
              <Button
                data-color="danger"
                disabled={busy}
                aria-busy={busy}
                onClick={() => void remove(true)}
                data-testid="delete-hard-yes"
              >
                {t('acts.deleteHardYes')}
              </Button>
              <Button variant="secondary" onClick={() => setStep('ask')} disabled={busy}>
                {t('acts.back')}
              </Button>
            </div>
          </>
        )}
      </AppDialog>
    </section>
  );
}

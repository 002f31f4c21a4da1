import { Alert, Button, Fieldset, Heading, Paragraph, Radio } from '@digdir/designsystemet-react';
import { useEffect, useId, useState } from 'react';
import type { ConfirmResult } from '../../../common/contract/instances';
import { formatDateTime } from '../../../common/format/dates';
import { ApiError } from '../../api';
import { AppDialog } from '../../components/AppDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useErrorText, useLanguage, useT } from '../../hooks/use-t';
import { useDownloadsStore } from '../../store/use-downloads-store';
import { useInstancesStore } from '../../store/use-instances-store';
import { ownerText } from './instance-owner';
import { ProductionConfirmStep } from './ProductionConfirmStep';

type Step = 'choose' | 'production' | 'result';

/**
 * "Confirm receipt of selected …" afterwards (instances:confirm): the person says where the files are
 * (a download of this session, or a folder picked in the native dialog); main confirms only the
 * instances whose every file is verified there, and says why for the others.
 */
export function ConfirmReceiptDialog({
  open,
  production,
  environmentName,
  onClose,
}: {
  open: boolean;
  production: boolean;
  environmentName: string;
  /** `confirmed`: how many Altinn now counts as received (the list may need a refresh). */
  onClose(confirmed: number): void;
}) {
  const t = useT();
  const lang = useLanguage();
  const errorText = useErrorText();
  const id = useId();
  const applied = useInstancesStore((s) => s.applied);
  const selected = useInstancesStore((s) => s.selected);
  const rows = useInstancesStore((s) => s.rows.value);
  const confirmReceipt = useInstancesStore((s) => s.confirmReceipt);
  const jobs = useDownloadsStore((s) => s.jobs.value).filter(
    (j) => j.profileId === applied?.profileId && j.state !== 'running',
  );
  const chooseFolder = useDownloadsStore((s) => s.chooseFolder);
  const [choice, setChoice] = useState<string>('');
  const [folder, setFolder] = useState<string>();
  const [step, setStep] = useState<Step>('choose');
  const { busy, error, setError, run: runAction } = useBusyAction();
  const [result, setResult] = useState<ConfirmResult>();

  useEffect(() => {
    if (open) void useDownloadsStore.getState().load();
  }, [open]);

  const firstJob = jobs[0]?.jobId;
  useEffect(() => {
    if (open && !choice && firstJob) setChoice(`job:${firstJob}`);
  }, [open, choice, firstJob]);

  const confirmed = result?.results.filter((r) => r.confirmed && !r.alreadyConfirmed).length ?? 0;
  const already = result?.results.filter((r) => r.alreadyConfirmed).length ?? 0;
  const refused = result?.results.filter((r) => !r.confirmed) ?? [];

  function close() {
    const n = confirmed;
    setStep('choose');
    setChoice('');
    setFolder(undefined);
    setError(undefined);
    setResult(undefined);
    onClose(n);
  }

  async function pickFolder() {
    setError(undefined);
    try {
      const picked = await chooseFolder();
      if (picked) {
        setFolder(picked);
        setChoice('folder');
      }
    } catch (e) {
      setError(e);
    }
  }

  async function run() {
    if (!applied) return;
    const where = choice.startsWith('job:') ? { jobId: choice.slice(4) } : folder ? { target: folder } : undefined;
    if (!where) return;
    const failed = await runAction(async () => {
      setResult(
        await confirmReceipt({
          profileId: applied.profileId,
          instanceIds: [...selected],
          ...where,
          ...(production ? { confirmProduction: true } : {}),
        }),
      );
    });
    setStep(failed ? 'choose' : 'result');
  }

  const owner = (instanceId: string) => ownerText(rows.find((r) => r.id === instanceId)?.instanceOwner, instanceId, t);
  const canRun = choice.startsWith('job:') || (choice === 'folder' && folder);

  return (
    <AppDialog
      open={open}
      title={step === 'production' ? t('instances.productionTitle') : t('instances.confirmTitle')}
      onClose={close}
      testId="confirm-dialog"
      bodyClassName="dialog-body"
    >
      {step === 'choose' ? (
        <div className="instances-dialog__step">
          <Paragraph>{t('instances.confirmWhat', { count: selected.size })}</Paragraph>
          <Paragraph data-size="sm">{t('instances.confirmRule')}</Paragraph>
          <Fieldset>
            <Fieldset.Legend>{t('instances.confirmWhere')}</Fieldset.Legend>
            {jobs.length === 0 ? <Fieldset.Description>{t('instances.confirmNoJobs')}</Fieldset.Description> : null}
            {jobs.map((j) => (
              <Radio
                key={j.jobId}
                name={`${id}-where`}
                value={`job:${j.jobId}`}
                checked={choice === `job:${j.jobId}`}
                onChange={() => setChoice(`job:${j.jobId}`)}
                label={t('instances.confirmFromJob', { folder: j.target, time: formatDateTime(j.startedAt, lang) })}
                data-testid="confirm-job"
              />
            ))}
            {folder ? (
              <Radio
                name={`${id}-where`}
                value="folder"
                checked={choice === 'folder'}
                onChange={() => setChoice('folder')}
                label={t('instances.confirmChosenFolder', { folder })}
                data-testid="confirm-folder"
              />
            ) : null}
          </Fieldset>
          <div>
            <Button variant="secondary" data-size="sm" onClick={() => void pickFolder()}>
              {t('instances.confirmOtherFolder')}
            </Button>
          </div>
          {error ? <ErrorAlert error={error} heading={t('instances.confirmFailed')} /> : null}
          <div className="button-row">
            <Button
              disabled={!canRun || busy}
              aria-busy={busy}
              onClick={() => (production ? setStep('production') : void run())}
              data-testid="confirm-run"
            >
              {busy ? t('instances.confirming') : t('instances.confirmRun')}
            </Button>
            <Button variant="secondary" onClick={close}>
              {t('instances.cancel')}
            </Button>
          </div>
        </div>
      ) : null}
      {step === 'production' ? (
        <ProductionConfirmStep
          environmentName={environmentName}
          count={t('instances.confirmWhat', { count: selected.size })}
          busy={busy}
          onYes={() => void run()}
          onBack={() => setStep('choose')}
        />
      ) : null}
      {step === 'result' && result ? (
        <div className="instances-dialog__step" data-testid="confirm-result">
          <ul className="instances-dialog__counts">
            <li data-testid="confirm-count-confirmed">{t('instances.confirmResultConfirmed', { count: confirmed })}</li>
            {already ? <li>{t('instances.confirmResultAlready', { count: already })}</li> : null}
            {refused.length ? (
              <li data-testid="confirm-count-refused">
                {t('instances.confirmResultRefused', { count: refused.length })}
              </li>
            ) : null}
          </ul>
          {refused.length ? (
            <Alert data-color="warning" data-size="sm" data-testid="confirm-refused">
              <Heading level={3} data-size="2xs">
                {t('instances.confirmRefusedHeading')}
              </Heading>
              <ul className="instances-dialog__refused">
                {refused.map((r) => {
                  const text = errorText(new ApiError(r.error ?? { code: 'INTERNAL', message: '' }));
                  return (
                    <li key={r.instanceId} data-error-code={text.code}>
                      <strong>{owner(r.instanceId)}</strong>: {text.title}. {text.hint}
                    </li>
                  );
                })}
              </ul>
            </Alert>
          ) : null}
          <div className="button-row">
            <Button onClick={close} data-testid="confirm-done">
              {t('instances.confirmDone')}
            </Button>
          </div>
        </div>
      ) : null}
    </AppDialog>
  );
}

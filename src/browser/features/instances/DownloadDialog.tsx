import { Alert, Button, Checkbox, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import type { DownloadJobSummary, DownloadSource } from '../../../common/contract/downloads';
import { AppDialog } from '../../components/AppDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useT } from '../../hooks/use-t';
import { useDownloadsStore } from '../../store/use-downloads-store';
import { useInstancesStore } from '../../store/use-instances-store';
import { ProductionConfirmStep } from './ProductionConfirmStep';

/**
 * "Download to folder …": how many at once and whether to confirm receipt, then the native folder dialog
 * (downloads:choose-folder; main only writes where the person picked), then downloads:start.
 */
export function DownloadDialog({
  open,
  production,
  environmentName,
  onClose,
  onStarted,
}: {
  open: boolean;
  production: boolean;
  environmentName: string;
  onClose(): void;
  onStarted(job: DownloadJobSummary): void;
}) {
  const t = useT();
  const applied = useInstancesStore((s) => s.applied);
  const selected = useInstancesStore((s) => s.selected);
  const allMatching = useInstancesStore((s) => s.allMatching);
  const chooseFolder = useDownloadsStore((s) => s.chooseFolder);
  const startDownload = useDownloadsStore((s) => s.start);
  const [concurrency, setConcurrency] = useState('4');
  const [confirm, setConfirm] = useState(false);
  const [step, setStep] = useState<'options' | 'production'>('options');
  const { busy, error, setError, run } = useBusyAction();
  /** What the busy button waits for: the folder dialog, then main starting the job. */
  const [phase, setPhase] = useState<'folder' | 'starting'>('folder');
  const [noFolder, setNoFolder] = useState(false);

  const parsed = Number(concurrency);
  const concurrencyOk = /^\d{1,2}$/.test(concurrency.trim()) && parsed >= 1 && parsed <= 16;
  const what = allMatching
    ? t('instances.downloadWhatAll')
    : selected.size === 1
      ? t('instances.downloadWhatOne')
      : t('instances.downloadWhatSome', { count: selected.size });

  function close() {
    setStep('options');
    setNoFolder(false);
    setError(undefined);
    onClose();
  }

  async function go() {
    if (!applied) return;
    const source: DownloadSource = allMatching
      ? { kind: 'query', filters: applied.filters }
      : { kind: 'instances', instanceIds: [...selected] };
    setNoFolder(false);
    const failed = await run(async () => {
      setPhase('folder');
      const folder = await chooseFolder();
      if (!folder) {
        setNoFolder(true);
        setStep('options');
        return;
      }
      setPhase('starting');
      const job = await startDownload({
        profileId: applied.profileId,
        source,
        target: folder,
        concurrency: parsed,
        confirm,
        ...(confirm && production ? { confirmProduction: true } : {}),
      });
      close();
      onStarted(job);
    });
    if (failed) setStep('options');
  }

  function primary() {
    if (!concurrencyOk) return;
    if (confirm && production) setStep('production');
    else void go();
  }

  return (
    <AppDialog
      open={open}
      title={step === 'production' ? t('instances.productionTitle') : t('instances.downloadTitle')}
      onClose={close}
      testId="download-dialog"
      bodyClassName="dialog-body"
    >
      {step === 'production' ? (
        <ProductionConfirmStep
          environmentName={environmentName}
          count={what}
          busy={busy}
          onYes={() => void go()}
          onBack={() => setStep('options')}
        />
      ) : (
        <form
          className="instances-dialog__step"
          onSubmit={(e) => {
            e.preventDefault();
            primary();
          }}
        >
          <Paragraph data-testid="download-what">{what}</Paragraph>
          <Paragraph data-size="sm">{t('instances.downloadFolderInfo')}</Paragraph>
          <Textfield
            label={t('instances.concurrencyLabel')}
            description={t('instances.concurrencyHelp')}
            type="number"
            min={1}
            max={16}
            inputMode="numeric"
            value={concurrency}
            error={concurrencyOk ? undefined : t('instances.concurrencyInvalid')}
            onChange={(e) => setConcurrency(e.target.value)}
            className="instances-dialog__number"
            data-testid="download-concurrency"
          />
          <Checkbox
            label={t('instances.confirmLabel')}
            description={t('instances.confirmHelp')}
            checked={confirm}
            onChange={(e) => setConfirm(e.target.checked)}
            data-testid="download-confirm"
          />
          {noFolder ? (
            <Alert data-color="warning" data-size="sm" data-testid="download-no-folder">
              <Paragraph data-size="sm">{t('instances.noFolderChosen')}</Paragraph>
            </Alert>
          ) : null}
          {error ? <ErrorAlert error={error} heading={t('instances.startFailed')} /> : null}
          <div className="button-row">
            <Button type="submit" disabled={!concurrencyOk || busy} aria-busy={busy} data-testid="download-start">
              {!busy
                ? t('instances.chooseFolderAndStart')
                : phase === 'folder'
                  ? t('instances.choosingFolder')
                  : t('instances.starting')}
            </Button>
            <Button type="button" variant="secondary" onClick={close}>
              {t('instances.cancel')}
            </Button>
          </div>
        </form>
      )}
    </AppDialog>
  );
}

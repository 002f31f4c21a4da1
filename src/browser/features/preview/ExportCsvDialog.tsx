import { Alert, Button, Fieldset, Paragraph, Radio } from '@digdir/designsystemet-react';
import { useEffect, useId, useState } from 'react';
import type { CsvExportResult } from '../../../common/contract/instances-export';
import type { InstanceFilters } from '../../../common/schemas/instance-query';
import { AppDialog } from '../../components/AppDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useLanguage, useT } from '../../hooks/use-t';
import { type CsvSeparator, useCsvExportStore } from '../../store/use-csv-export-store';

/**
 * Export the instance list as it is filtered (every page, loaded or not) to a CSV file. The separator is
 * `;` unless the person chose `,` before (remembered in main); where to save is asked in the native dialog.
 */
export function ExportCsvDialog({
  open,
  query,
  onClose,
}: {
  open: boolean;
  query?: { profileId: string; filters: InstanceFilters };
  onClose(): void;
}) {
  const t = useT();
  const lang = useLanguage();
  const id = useId();
  const separator = useCsvExportStore((s) => s.separator);
  const { loadSeparator, setSeparator, exportCsv } = useCsvExportStore.getState();
  const { busy, error, setError, run } = useBusyAction();
  const [result, setResult] = useState<CsvExportResult>();

  useEffect(() => {
    if (open) {
      setResult(undefined);
      setError(undefined);
      void loadSeparator();
    }
  }, [open, setError, loadSeparator]);

  function start() {
    if (!query) return;
    setResult(undefined);
    void run(async () => setResult(await exportCsv(query, lang)));
  }

  const options: { value: CsvSeparator; label: string }[] = [
    { value: ';', label: t('preview.separatorSemicolon') },
    { value: ',', label: t('preview.separatorComma') },
  ];
  return (
    <AppDialog
      open={open}
      title={t('preview.exportTitle')}
      onClose={onClose}
      testId="export-csv-dialog"
      bodyClassName="dialog-body"
    >
      <Paragraph>{t('preview.exportWhat')}</Paragraph>
      <Fieldset>
        <Fieldset.Legend>{t('preview.separatorLabel')}</Fieldset.Legend>
        {options.map((o) => (
          <Radio
            key={o.value}
            name={`${id}-separator`}
            value={o.value}
            checked={separator === o.value}
            onChange={() => setSeparator(o.value)}
            label={o.label}
            disabled={busy}
            data-testid={o.value === ';' ? 'csv-separator-semicolon' : 'csv-separator-comma'}
          />
        ))}
      </Fieldset>
      {result?.path ? (
        <Alert data-color="success" data-testid="export-csv-done">
          <Paragraph>
            {result.rows === 1
              ? t('preview.exportDoneOne', { path: result.path })
              : t('preview.exportDone', { count: result.rows, path: result.path })}
          </Paragraph>
        </Alert>
      ) : null}
      {result && !result.path ? (
        <Alert data-color="info" data-size="sm" data-testid="export-csv-cancelled">
          <Paragraph data-size="sm">{t('preview.exportCancelled')}</Paragraph>
        </Alert>
      ) : null}
      {error ? <ErrorAlert error={error} heading={t('preview.exportFailed')} /> : null}
      <div className="button-row">
        <Button onClick={start} disabled={!query || busy} data-testid="export-csv-start">
          {busy ? t('preview.exporting') : t('preview.exportStart')}
        </Button>
        <Button variant="secondary" onClick={onClose} data-testid="export-csv-close">
          {t('preview.exportClose')}
        </Button>
      </div>
    </AppDialog>
  );
}

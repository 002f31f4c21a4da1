import { Alert, Button, Fieldset, Paragraph, Radio } from '@digdir/designsystemet-react';
import { useEffect, useId } from 'react';
import type { InstanceFilters } from '../../../common/schemas/instance-query';
import { AppDialog } from '../../components/AppDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
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
  const status = useCsvExportStore((s) => s.status);
  const result = useCsvExportStore((s) => s.result);
  const error = useCsvExportStore((s) => s.error);
  const { loadSeparator, setSeparator, exportCsv, reset } = useCsvExportStore.getState();

  useEffect(() => {
    if (open) {
      reset();
      void loadSeparator();
    }
  }, [open, reset, loadSeparator]);

  const options: { value: CsvSeparator; label: string }[] = [
    { value: ';', label: t('preview.separatorSemicolon') },
    { value: ',', label: t('preview.separatorComma') },
  ];
  const done = status === 'ready' && result;
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
            disabled={status === 'loading'}
            data-testid={o.value === ';' ? 'csv-separator-semicolon' : 'csv-separator-comma'}
          />
        ))}
      </Fieldset>
      {done && result.path ? (
        <Alert data-color="success" data-testid="export-csv-done">
          <Paragraph>
            {result.rows === 1
              ? t('preview.exportDoneOne', { path: result.path })
              : t('preview.exportDone', { count: result.rows, path: result.path })}
          </Paragraph>
        </Alert>
      ) : null}
      {done && !result.path ? (
        <Alert data-color="info" data-size="sm" data-testid="export-csv-cancelled">
          <Paragraph data-size="sm">{t('preview.exportCancelled')}</Paragraph>
        </Alert>
      ) : null}
      {status === 'failed' ? <ErrorAlert error={error} heading={t('preview.exportFailed')} /> : null}
      <div className="button-row">
        <Button
          onClick={() => query && void exportCsv(query, lang)}
          disabled={!query || status === 'loading'}
          data-testid="export-csv-start"
        >
          {status === 'loading' ? t('preview.exporting') : t('preview.exportStart')}
        </Button>
        <Button variant="secondary" onClick={onClose} data-testid="export-csv-close">
          {t('preview.exportClose')}
        </Button>
      </div>
    </AppDialog>
  );
}

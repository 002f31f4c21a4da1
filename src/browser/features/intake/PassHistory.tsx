import { Button, Details, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import type { PassFile, PassInstance, PassRecord, WatchView } from '../../../common/contract/intake';
import { formatBytes } from '../../../common/format/bytes';
import { formatDateTime } from '../../../common/format/dates';
import { visibleName } from '../../../common/format/hidden-characters';
import { ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { useErrorText, useLanguage, useT } from '../../hooks/use-t';
import { useIntakeStore } from '../../store/use-intake-store';
import { ownerText } from '../instances/instance-owner';
import { PreviewFileButton } from '../preview/PreviewFileButton';
import { resultText } from './watch-text';

/**
 * The passes of a watch, newest first (by the app or by `mpd sync`), each with the submissions it brought
 * and their files; a file's name opens its preview (ElementPreviewDialog, rendered once by IntakeView).
 */
export function PassHistory({ watch }: { watch: WatchView }) {
  const t = useT();
  const state = useIntakeStore((s) => s.history[watch.id]);
  const loadHistory = useIntakeStore((s) => s.loadHistory);

  return (
    <Details
      data-testid="watch-history"
      onToggle={(e) => {
        if ((e.target as HTMLDetailsElement).open) void loadHistory(watch.id);
      }}
    >
      <Details.Summary>{t('intake.historyShow')}</Details.Summary>
      <Details.Content>
        {state?.status === 'loading' && state.value.length === 0 ? (
          <LoadingState label={t('intake.historyLoading')} />
        ) : null}
        {state?.status === 'failed' ? (
          <ErrorAlert
            error={state.error}
            heading={t('intake.historyFailed')}
            onRetry={() => void loadHistory(watch.id)}
          />
        ) : null}
        {state?.status === 'ready' && state.value.length === 0 ? (
          <Paragraph data-size="sm">{t('intake.historyEmpty')}</Paragraph>
        ) : null}
        {state && state.value.length > 0 ? (
          <Table data-size="sm" className="pass-history" data-testid="pass-history">
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('intake.historyWhen')}</Table.HeaderCell>
                <Table.HeaderCell>{t('intake.historyResult')}</Table.HeaderCell>
                <Table.HeaderCell>{t('intake.historyBy')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {state.value.map((record) => (
                <PassRow key={record.id} record={record} watch={watch} />
              ))}
            </Table.Body>
          </Table>
        ) : null}
      </Details.Content>
    </Details>
  );
}

function PassRow({ record, watch }: { record: PassRecord; watch: WatchView }) {
  const t = useT();
  const lang = useLanguage();
  const errorText = useErrorText();
  return (
    <Table.Row data-testid="pass-row" data-outcome={record.outcome}>
      <Table.Cell className="pass-history__when">{formatDateTime(record.endedAt, lang)}</Table.Cell>
      <Table.Cell>
        <div className="pass-history__result">
          <span data-testid="pass-result">{resultText(record, t, lang)}</span>
          {record.error && record.outcome !== 'skipped' ? (
            <span className="pass-history__error">{errorText(new ApiError(record.error)).title}</span>
          ) : null}
          {record.instances.length > 0 ? (
            <Details data-testid="pass-instances">
              <Details.Summary>{t('intake.historyInstances', { count: record.instances.length })}</Details.Summary>
              <Details.Content>
                <ul className="pass-instances">
                  {record.instances.map((instance) => (
                    <InstanceItem key={instance.id} instance={instance} watch={watch} />
                  ))}
                </ul>
              </Details.Content>
            </Details>
          ) : null}
          {record.problems.length > 0 ? (
            <Details data-testid="pass-problems">
              <Details.Summary>{t('intake.historyProblems', { count: record.problems.length })}</Details.Summary>
              <Details.Content>
                <ul className="pass-problems">
                  {record.problems.map((p) => (
                    <li key={`${p.instanceId}-${p.elementId ?? ''}-${p.code}`}>
                      <strong>{errorText(new ApiError(p)).title}</strong> · {p.instanceId}
                    </li>
                  ))}
                </ul>
              </Details.Content>
            </Details>
          ) : null}
        </div>
      </Table.Cell>
      <Table.Cell className="pass-history__by">
        {record.by === 'cli' ? t('intake.historyByCli') : t('intake.historyByApp')}
      </Table.Cell>
    </Table.Row>
  );
}

function InstanceItem({ instance, watch }: { instance: PassInstance; watch: WatchView }) {
  const t = useT();
  const openFolder = useIntakeStore((s) => s.openFolder);
  const owner = ownerText(instance.owner, instance.id, t);
  return (
    <li className="pass-instance" data-testid="pass-instance" data-instance-id={instance.id}>
      <div className="pass-instance__head">
        <strong>{owner}</strong>
        <Tag data-size="sm" data-color={instance.confirmed ? 'success' : 'neutral'}>
          {instance.confirmed ? t('intake.historyConfirmed') : t('intake.historyNotConfirmed')}
        </Tag>
        <Button
          data-size="sm"
          variant="tertiary"
          className="pass-instance__folder"
          aria-label={t('intake.historyOpenInstanceFolderLabel', { owner })}
          onClick={() => void openFolder(watch.id, instance.id)}
          data-testid="pass-instance-folder"
        >
          {t('intake.historyOpenInstanceFolder')}
        </Button>
      </div>
      <ul className="pass-files">
        {instance.files.map((file) => (
          <FileItem key={file.elementId} file={file} instanceId={instance.id} watch={watch} />
        ))}
      </ul>
    </li>
  );
}

function FileItem({ file, instanceId, watch }: { file: PassFile; instanceId: string; watch: WatchView }) {
  const t = useT();
  const lang = useLanguage();
  const name = visibleName(file.filename) ?? file.elementId;
  return (
    <li className="pass-file" data-testid="pass-file">
      {file.saved ? (
        <PreviewFileButton
          profileId={watch.profileId}
          instanceId={instanceId}
          element={{ id: file.elementId, filename: file.filename, fileScanResult: file.fileScanResult }}
          label={name}
        />
      ) : (
        <span className="pass-file__name">{name}</span>
      )}
      <span className="pass-file__size">{formatBytes(file.size, lang)}</span>
      {file.saved && file.check ? (
        <span className="pass-file__check" data-testid="pass-file-check" data-check={file.check}>
          {t(file.check === 'md5' ? 'downloads.checkMd5' : 'downloads.checkSize')}
        </span>
      ) : null}
      {file.saved ? null : (
        <Tag data-size="sm" data-color="warning">
          {t('intake.historyNotSaved')}
        </Tag>
      )}
    </li>
  );
}

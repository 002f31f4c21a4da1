import { Dialog, Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useId } from 'react';
import type { ActInstanceView } from '../../../common/contract/instance-acts';
import type { DataElementSummary } from '../../../common/contract/instances';
import { formatBytes } from '../../../common/format/bytes';
import { formatDateTime } from '../../../common/format/dates';
import { visibleName } from '../../../common/format/hidden-characters';
import type { MessageKey } from '../../../common/i18n/translate';
import { checkFor, hasStaleHash } from '../../../common/schemas/content-hash';
import type { ReadStatus } from '../../../common/schemas/instance-types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { type T, useLanguage, useT } from '../../hooks/use-t';
import { useInstancesStore } from '../../store/use-instances-store';
import { InstanceHistory } from '../events/InstanceHistory';
import { FileRowActions } from '../instance-acts/FileRowActions';
import { InstanceActsPanel } from '../instance-acts/InstanceActsPanel';
import { ElementPreviewDialog } from '../preview/ElementPreviewDialog';
import { PreviewFileButton } from '../preview/PreviewFileButton';
import { ownerText } from './instance-owner';

/** Storage writes the owner's read status as a name, the app API as a number; main gives the name (readStatusOf). */
const READ_STATUS_LABELS: Record<ReadStatus, MessageKey> = {
  Read: 'instances.readStatusRead',
  Unread: 'instances.readStatusUnread',
  UpdatedSinceLastReview: 'instances.readStatusUpdatedSinceLastReview',
};

/**
 * One instance in a side panel: who (the owner's name from the app API's InstanceResponse when there is one,
 * with the number below), when, where in the process, its files, and who confirmed it.
 */
export function InstanceDetails() {
  const t = useT();
  const lang = useLanguage();
  const titleId = useId();
  const detailId = useInstancesStore((s) => s.detailId);
  const { status, error, value: detail } = useInstancesStore((s) => s.detail);
  const { closeDetail, openDetail } = useInstancesStore.getState();
  const profileId = useInstancesStore((s) => s.applied?.profileId);

  return (
    <>
      <Dialog
        open={detailId !== undefined}
        onClose={() => closeDetail()}
        placement="right"
        closeButton={t('instances.detailsClose')}
        aria-labelledby={titleId}
        className="instance-details"
        data-testid="instance-details"
      >
        <Dialog.Block>
          <Heading level={2} data-size="sm" id={titleId}>
            {detail
              ? (detail.instanceOwner.name ?? ownerText(detail.instanceOwner, detail.id, t))
              : t('instances.detailsHeading')}
          </Heading>
        </Dialog.Block>
        <Dialog.Block className="instance-details__body">
          {status === 'loading' ? <LoadingState label={t('instances.detailsLoading')} /> : null}
          {status === 'failed' ? (
            <ErrorAlert
              error={error}
              heading={t('instances.detailsFailed')}
              onRetry={detailId ? () => void openDetail(detailId) : undefined}
            />
          ) : null}
          {detail && status === 'ready' ? (
            <DetailBody detail={detail} profileId={profileId ?? ''} t={t} lang={lang} />
          ) : null}
        </Dialog.Block>
      </Dialog>
      <ElementPreviewDialog />
    </>
  );
}

function DetailBody({
  detail,
  profileId,
  t,
  lang,
}: {
  detail: ActInstanceView;
  profileId: string;
  t: T;
  lang: 'nb' | 'en';
}) {
  // Files can be changed while the process runs and the instance is active (issue 19; the app's
  // DataElementAccessChecker refuses an archived or deleted instance, and one with no current task).
  const editable = !detail.isComplete && !detail.isArchived && !detail.isSoftDeleted && !detail.isHardDeleted;
  const status = [
    detail.isArchived ? t('instances.statusArchived') : null,
    detail.isSoftDeleted ? t('instances.statusSoftDeleted') : null,
    detail.isHardDeleted ? t('instances.statusHardDeleted') : null,
  ].filter(Boolean);
  return (
    <>
      <dl className="facts" data-testid="instance-facts">
        {detail.instanceOwner.name ? (
          <>
            <dt>{t('instances.detailsOwner')}</dt>
            <dd data-testid="instance-owner">{ownerText(detail.instanceOwner, detail.id, t)}</dd>
          </>
        ) : null}
        <dt>{t('instances.detailsId')}</dt>
        <dd className="instance-details__id">{detail.id}</dd>
        <dt>{t('instances.detailsCreated')}</dt>
        <dd>{formatDateTime(detail.created, lang)}</dd>
        <dt>{t('instances.detailsChanged')}</dt>
        <dd>{formatDateTime(detail.lastChanged, lang)}</dd>
        <dt>{detail.isComplete ? t('instances.detailsProcessEnded') : t('instances.detailsTask')}</dt>
        <dd>
          {detail.isComplete
            ? formatDateTime(detail.process.ended, lang)
            : [detail.currentTask, detail.process.currentTaskName].filter(Boolean).join(' – ')}
        </dd>
        <dt>{t('instances.detailsStatus')}</dt>
        <dd>{status.length ? status.join(', ') : t('instances.detailsStatusActive')}</dd>
        {detail.readStatus ? (
          <>
            <dt>{t('instances.detailsReadStatus')}</dt>
            <dd data-testid="instance-read-status">{t(READ_STATUS_LABELS[detail.readStatus])}</dd>
          </>
        ) : null}
      </dl>

      <section className="instance-details__section" aria-labelledby="instance-files-heading">
        <Heading level={3} data-size="xs" id="instance-files-heading">
          {t('instances.filesHeading', { count: detail.data.length })}
        </Heading>
        {detail.data.length === 0 ? (
          <Paragraph data-size="sm">{t('instances.filesNone')}</Paragraph>
        ) : (
          <Table data-size="sm" className="instance-files" data-testid="instance-files">
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('instances.fileName')}</Table.HeaderCell>
                <Table.HeaderCell>{t('instances.fileType')}</Table.HeaderCell>
                <Table.HeaderCell className="instance-table__number">{t('instances.fileSize')}</Table.HeaderCell>
                <Table.HeaderCell title={t('instances.hashHelp')}>{t('instances.fileHash')}</Table.HeaderCell>
                <Table.HeaderCell>{t('instances.fileScan')}</Table.HeaderCell>
                {editable ? <Table.HeaderCell>{t('acts.filesActions')}</Table.HeaderCell> : null}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {detail.data.map((d) => (
                <FileRow
                  key={d.id}
                  element={d}
                  profileId={profileId}
                  instanceId={detail.id}
                  t={t}
                  lang={lang}
                  editable={editable}
                />
              ))}
            </Table.Body>
          </Table>
        )}
      </section>

      <InstanceActsPanel detail={detail} profileId={profileId} />

      <section className="instance-details__section" aria-labelledby="instance-confirmations-heading">
        <Heading level={3} data-size="xs" id="instance-confirmations-heading">
          {t('instances.confirmationsHeading')}
        </Heading>
        {detail.completeConfirmations.length === 0 ? (
          <Paragraph data-size="sm" data-testid="instance-confirmations">
            {t('instances.confirmationsNone')}
          </Paragraph>
        ) : (
          <ul className="instance-details__list" data-testid="instance-confirmations">
            {detail.completeConfirmations.map((c) => (
              <li key={c.stakeholderId}>
                {t('instances.confirmedOn', { who: c.stakeholderId, time: formatDateTime(c.confirmedOn, lang) })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <InstanceHistory profileId={profileId} instanceId={detail.id} appId={detail.appId} stamp={detail.lastChanged} />
    </>
  );
}

function FileRow({
  element,
  profileId,
  instanceId,
  t,
  lang,
  editable,
}: {
  element: DataElementSummary;
  profileId: string;
  instanceId: string;
  t: T;
  lang: 'nb' | 'en';
  editable: boolean;
}) {
  const scan = element.fileScanResult ?? 'NotApplicable';
  return (
    <Table.Row data-testid="instance-file" data-element-id={element.id}>
      <Table.Cell className="instance-files__name">
        <PreviewFileButton
          profileId={profileId}
          instanceId={instanceId}
          element={element}
          label={visibleName(element.filename) || t('instances.noFilename')}
        />
      </Table.Cell>
      <Table.Cell>{element.dataType ?? ''}</Table.Cell>
      <Table.Cell className="instance-table__number">
        {element.size == null ? '' : formatBytes(element.size, lang)}
      </Table.Cell>
      <Table.Cell data-testid="file-check" data-check={checkFor(element)}>
        {checkFor(element) === 'md5'
          ? t('instances.hashPresent')
          : hasStaleHash(element)
            ? t('instances.hashStale')
            : t('instances.hashMissing')}
      </Table.Cell>
      <Table.Cell>
        {scan === 'Infected' ? (
          <Tag data-color="danger" data-size="sm" data-testid="file-infected">
            {t('instances.scanInfected')}
          </Tag>
        ) : scan === 'Clean' ? (
          t('instances.scanClean')
        ) : scan === 'Pending' ? (
          t('instances.scanPending')
        ) : (
          t('instances.scanNotApplicable')
        )}
      </Table.Cell>
      {editable ? (
        <Table.Cell>
          <FileRowActions element={element} />
        </Table.Cell>
      ) : null}
    </Table.Row>
  );
}

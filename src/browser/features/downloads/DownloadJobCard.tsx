import { Button, Paragraph } from '@digdir/designsystemet-react';
import type { DownloadJobSummary } from '../../../common/contract/downloads';
import { formatBytes, formatCount } from '../../../common/format/bytes';
import { formatDateTime, formatTime } from '../../../common/format/dates';
import { splitDuration } from '../../../common/format/duration';
import type { MessageKey } from '../../../common/i18n/translate';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusCard } from '../../components/StatusCard';
import { type T, useLanguage, useT } from '../../hooks/use-t';
import { useDownloadsStore } from '../../store/use-downloads-store';
import { JobProblems } from './JobProblems';
import { filesSettled, progressFraction, stateColors, stateLabels } from './job-progress';

function duration(seconds: number, t: T): string {
  const d = splitDuration(seconds);
  if (d.unit === 's') return t('downloads.seconds', { n: d.n });
  if (d.unit === 'min') return t('downloads.minutes', { n: d.n });
  return t('downloads.hoursMinutes', { h: d.h, m: d.m });
}

/** One download job: what, where, how far, how fast, and what to do about it. */
export function DownloadJobCard({ job }: { job: DownloadJobSummary }) {
  const t = useT();
  const lang = useLanguage();
  const pending = useDownloadsStore((s) => s.pending[job.jobId]);
  const actionError = useDownloadsStore((s) => (s.actionError?.jobId === job.jobId ? s.actionError.error : undefined));
  const { cancel, retryFailed, openFolder } = useDownloadsStore.getState();
  const running = job.state === 'running';
  const fraction = progressFraction(job);
  const percent = Math.round(fraction * 100);
  const files = filesSettled(job);
  const problems = job.elements.failed + job.elements.infected + job.instances.failed;
  /** "MD5 kontrollert: 3 filer": how many files had which check (none: left out). */
  const checkCount = (count: number, many: MessageKey, one: MessageKey) =>
    count === 0 ? null : count === 1 ? t(one) : t(many, { count: formatCount(count, lang) });
  const canRetry = !running && (job.state !== 'completed' || problems > 0);
  // A job over a query names its app; one over chosen instances is named by how many.
  const chosen = job.chosenInstances ?? (job.instances.totalKnown ? job.instances.total : undefined);
  const heading = job.appId
    ? job.appId
    : chosen === undefined
      ? t('downloads.jobSelectedUnknown')
      : chosen === 1
        ? t('downloads.jobSelectedOne')
        : t('downloads.jobSelected', { count: formatCount(chosen, lang) });
  const started = new Date(job.startedAt);
  const ended = job.endedAt ? new Date(job.endedAt) : undefined;
  const endedText = ended
    ? ended.toDateString() === started.toDateString()
      ? formatTime(ended, lang)
      : formatDateTime(job.endedAt, lang)
    : undefined;
  const filesText = t(job.instances.totalKnown ? 'downloads.filesOf' : 'downloads.filesOfMore', {
    done: formatCount(files.done, lang),
    total: formatCount(files.total, lang),
  });
  const bytesText = t('downloads.bytesOf', {
    done: formatBytes(job.bytes.done, lang),
    total: formatBytes(job.bytes.total, lang),
  });

  return (
    <StatusCard
      id={`job-${job.jobId}`}
      testId="download-job"
      state={job.state}
      attributes={{ 'data-job-id': job.jobId }}
      title={heading}
      tags={[
        job.production && { label: t('downloads.production'), color: 'danger' },
        job.confirm && { label: t('downloads.withConfirm'), color: 'neutral' },
        { label: t(stateLabels[job.state]), color: stateColors[job.state], testId: 'job-state' },
      ]}
    >
      <Paragraph data-size="sm" className="download-job__folder" data-testid="job-folder">
        {t('downloads.folder', { folder: job.target })}
      </Paragraph>
      <Paragraph data-size="sm" className="download-job__muted">
        {t('downloads.started', { time: formatDateTime(job.startedAt, lang) })}
        {endedText ? ` · ${t('downloads.ended', { time: endedText })}` : ''}
      </Paragraph>

      <div className="download-job__progress">
        <progress
          className="download-job__bar"
          data-state={job.state}
          max={100}
          value={percent}
          aria-label={t('downloads.progressLabel', { folder: job.target })}
          aria-valuetext={`${percent} % · ${filesText} · ${bytesText}`}
          data-testid="job-progress"
          data-files-done={files.done}
          data-bytes-done={job.bytes.done}
        />
        <span className="download-job__percent" data-testid="job-percent">
          {percent} %
        </span>
      </div>
      <Paragraph data-size="sm" className="download-job__line" data-testid="job-files">
        {running && files.total === 0 && !job.instances.totalKnown
          ? t('downloads.waitingForList')
          : `${filesText} · ${bytesText}`}
        {running ? (
          <>
            {' · '}
            <span data-testid="job-rate">{t('downloads.rate', { rate: formatBytes(job.rate, lang) })}</span>
            {' · '}
            <span data-testid="job-eta">
              {job.etaSeconds !== undefined
                ? t('downloads.eta', { time: duration(job.etaSeconds, t) })
                : t('downloads.etaUnknown')}
            </span>
          </>
        ) : null}
      </Paragraph>
      <Paragraph data-size="sm" className="download-job__line" data-testid="job-counts">
        {[
          t('downloads.instancesLine', { done: formatCount(job.instances.done, lang) }),
          job.instances.failed ? t('downloads.instancesFailed', { count: job.instances.failed }) : null,
          job.confirm ? t('downloads.instancesConfirmed', { count: job.instances.confirmed }) : null,
          job.elements.failed ? t('downloads.filesFailed', { count: job.elements.failed }) : null,
          job.elements.infected ? t('downloads.filesInfected', { count: job.elements.infected }) : null,
          job.elements.skipped ? t('downloads.filesSkipped', { count: job.elements.skipped }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Paragraph>

      {job.elements.md5Checked + job.elements.sizeChecked > 0 ? (
        <div className="download-job__checks" data-testid="job-checks">
          <Paragraph data-size="sm" className="download-job__line" data-testid="job-checks-line">
            {[
              checkCount(job.elements.md5Checked, 'downloads.checksMd5', 'downloads.checksMd5One'),
              checkCount(job.elements.sizeChecked, 'downloads.checksSize', 'downloads.checksSizeOne'),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Paragraph>
          {job.elements.sizeChecked > 0 ? (
            <Paragraph data-size="sm" className="download-job__muted">
              {t('downloads.checksSizeNote')}
            </Paragraph>
          ) : null}
        </div>
      ) : null}

      {job.error ? <ErrorAlert error={job.error} heading={t('downloads.jobError')} /> : null}
      {actionError ? <ErrorAlert error={actionError} heading={t('downloads.actionFailed')} /> : null}

      <div className="download-job__actions">
        {running ? (
          <Button
            data-size="sm"
            variant="secondary"
            data-color="danger"
            disabled={pending !== undefined}
            onClick={() => void cancel(job.jobId)}
            data-testid="job-cancel"
          >
            {pending === 'cancel' ? t('downloads.cancelling') : t('downloads.cancel')}
          </Button>
        ) : null}
        {canRetry ? (
          <Button
            data-size="sm"
            variant="secondary"
            disabled={pending !== undefined}
            onClick={() => void retryFailed(job.jobId)}
            data-testid="job-retry"
          >
            {pending === 'retry' ? t('downloads.retrying') : t('downloads.retryFailed')}
          </Button>
        ) : null}
        {/* Secondary, not tertiary: alone on a finished job, a tertiary button's padding looked indented. */}
        <Button
          data-size="sm"
          variant="secondary"
          disabled={pending !== undefined}
          onClick={() => void openFolder(job.jobId)}
          data-testid="job-open-folder"
        >
          {t('downloads.openFolder')}
        </Button>
      </div>
      {problems > 0 ? <JobProblems jobId={job.jobId} count={job.elements.failed + job.elements.infected} /> : null}
    </StatusCard>
  );
}

import { Button, Paragraph } from '@digdir/designsystemet-react';
import type { WatchView } from '../../../common/contract/intake';
import { formatBytes, formatCount } from '../../../common/format/bytes';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusCard } from '../../components/StatusCard';
import { useLanguage, useT } from '../../hooks/use-t';
import { useIntakeStore } from '../../store/use-intake-store';
import { PassHistory } from './PassHistory';
import { StopNotice } from './StopNotice';
import '../downloads/downloads.css';
import { intervalText, resultText, selectionText, stateColors, stateLabels, whenText } from './watch-text';

/**
 * One watch: what it takes and where to, its state (next pass, progress, last result), and its actions.
 * Drawn as a card like a download job's (downloads.css), with the watch's own states (intake.css).
 */
export function WatchCard({ watch, onEdit, onRemove }: { watch: WatchView; onEdit(): void; onRemove(): void }) {
  const t = useT();
  const lang = useLanguage();
  const pending = useIntakeStore((s) => s.pending[watch.id]);
  const actionError = useIntakeStore((s) => (s.actionError?.watchId === watch.id ? s.actionError.error : undefined));
  const { runNow, pause, resume, openFolder } = useIntakeStore.getState();
  const { status } = watch;
  const running = status.running;
  const canResume = status.state === 'paused' || status.state === 'stopped';

  return (
    <StatusCard
      id={`watch-${watch.id}`}
      testId="watch"
      state={status.state}
      className="watch"
      attributes={{ 'data-watch-id': watch.id }}
      title={watch.appId}
      tags={[
        watch.production && { label: t('intake.production'), color: 'danger' },
        { label: watch.confirm ? t('intake.withConfirm') : t('intake.withoutConfirm'), color: 'neutral' },
        { label: t(stateLabels[status.state]), color: stateColors[status.state], testId: 'watch-state' },
      ]}
    >
      <Paragraph data-size="sm" className="download-job__muted">
        {[
          selectionText(watch.selection, t),
          t('intake.everyLine', { interval: intervalText(watch.intervalMinutes, t) }),
          watch.profileName ? t('intake.profileLine', { profile: watch.profileName }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Paragraph>
      <Paragraph data-size="sm" className="download-job__folder" data-testid="watch-folder">
        {t('intake.folderLine', { folder: watch.target })}
      </Paragraph>

      {running ? (
        <div className="watch__running" data-testid="watch-running" data-phase={running.phase}>
          <progress
            className="download-job__bar"
            max={Math.max(1, running.instances.total)}
            value={running.phase === 'downloading' ? running.instances.done : undefined}
            aria-label={t('intake.progressLabel', { app: watch.appId })}
          />
          <Paragraph data-size="sm">
            {running.phase === 'waiting'
              ? t('intake.runningWaiting')
              : running.phase === 'listing'
                ? t('intake.runningListing')
                : t('intake.runningDownloading', {
                    done: formatCount(running.instances.done, lang),
                    total: formatCount(running.instances.total, lang),
                    files: formatCount(running.files.done, lang),
                    bytes: formatBytes(running.bytes.done, lang),
                  })}
          </Paragraph>
        </div>
      ) : (
        <Paragraph data-size="sm" data-testid="watch-next">
          {status.nextPassAt
            ? Date.parse(status.nextPassAt) <= Date.now() + 1_000
              ? t('intake.nextPassNow')
              : t('intake.nextPass', { time: whenText(status.nextPassAt, lang) })
            : t('intake.noNextPass')}
        </Paragraph>
      )}
      <Paragraph data-size="sm" data-testid="watch-last">
        {status.lastPass
          ? t('intake.lastPass', {
              time: whenText(status.lastPass.endedAt, lang),
              result: resultText(status.lastPass, t, lang),
            })
          : t('intake.neverRun')}
      </Paragraph>
      {status.retryCount > 0 || status.consecutiveFailures > 1 ? (
        <Paragraph data-size="sm" className="watch__warning">
          {[
            status.retryCount > 0 ? t('intake.retryWaiting', { count: status.retryCount }) : null,
            status.consecutiveFailures > 1 ? t('intake.failuresInRow', { count: status.consecutiveFailures }) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Paragraph>
      ) : null}

      {status.stop ? <StopNotice stop={status.stop} /> : null}
      {actionError ? <ErrorAlert error={actionError} heading={t('intake.actionFailed')} /> : null}

      <div className="download-job__actions">
        <Button
          data-size="sm"
          variant="secondary"
          disabled={pending !== undefined || running !== undefined || status.state === 'stopped'}
          aria-busy={pending === 'run'}
          onClick={() => void runNow(watch.id)}
          data-testid="watch-run-now"
        >
          {running ? t('intake.running') : t('intake.runNow')}
        </Button>
        {canResume ? (
          <Button
            data-size="sm"
            variant="secondary"
            disabled={pending !== undefined}
            onClick={() => void resume(watch.id)}
            data-testid="watch-resume"
          >
            {t('intake.resume')}
          </Button>
        ) : (
          <Button
            data-size="sm"
            variant="secondary"
            disabled={pending !== undefined}
            onClick={() => void pause(watch.id)}
            data-testid="watch-pause"
          >
            {t('intake.pause')}
          </Button>
        )}
        <Button data-size="sm" variant="secondary" onClick={onEdit} data-testid="watch-edit">
          {t('intake.edit')}
        </Button>
        <Button
          data-size="sm"
          variant="secondary"
          disabled={pending !== undefined}
          onClick={() => void openFolder(watch.id)}
          data-testid="watch-open-folder"
        >
          {t('intake.openFolder')}
        </Button>
        <Button data-size="sm" variant="tertiary" data-color="danger" onClick={onRemove} data-testid="watch-remove">
          {t('intake.remove')}
        </Button>
      </div>
      <PassHistory watch={watch} />
    </StatusCard>
  );
}

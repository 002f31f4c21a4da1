import type { Language } from '../../../common/contract/app';
import type { PassRecord, WatchSelection, WatchState } from '../../../common/contract/intake';
import { formatBytes, formatCount } from '../../../common/format/bytes';
import { formatDateTime, formatTime } from '../../../common/format/dates';
import type { MessageKey } from '../../../common/i18n/translate';
import type { T } from '../../hooks/use-t';

export const stateLabels: Record<WatchState, MessageKey> = {
  idle: 'intake.stateIdle',
  running: 'intake.stateRunning',
  paused: 'intake.statePaused',
  stopped: 'intake.stateStopped',
  backoff: 'intake.stateBackoff',
};

export const stateColors: Record<WatchState, string> = {
  idle: 'success',
  running: 'info',
  paused: 'neutral',
  stopped: 'danger',
  backoff: 'warning',
};

/** The choices of the interval field, in minutes. */
export const INTERVAL_CHOICES = [5, 10, 15, 30, 60, 120, 360, 1440];

export function intervalText(minutes: number, t: T): string {
  return minutes % 60 === 0
    ? t('intake.intervalHours', { n: minutes / 60 })
    : t('intake.intervalMinutes', { n: minutes });
}

export function selectionText(selection: WatchSelection, t: T): string {
  return selection.kind === 'task'
    ? t('intake.selectionLineTask', { task: selection.task })
    : t('intake.selectionLineComplete');
}

/** Today's times as 14:05, other days with the date. */
export function whenText(iso: string, lang: Language, now = new Date()): string {
  const date = new Date(iso);
  return date.toDateString() === now.toDateString() ? formatTime(date, lang) : formatDateTime(iso, lang);
}

/** What a pass did, in a few words: "3 nye · 3 lastet ned · 7 filer, 2,1 MB · 3 bekreftet". */
export function resultText(record: PassRecord, t: T, lang: Language): string {
  switch (record.outcome) {
    case 'nothing-new':
      return (record.repeats ?? 1) > 1
        ? t('intake.resultNothingNewRepeats', { count: record.repeats ?? 1, time: whenText(record.startedAt, lang) })
        : t('intake.resultNothingNew');
    case 'skipped':
      return t('intake.resultSkipped');
    case 'cancelled':
      return t('intake.resultCancelled');
    default: {
      const parts = [
        record.newInstances === 1
          ? t('intake.resultNewOne')
          : record.newInstances
            ? t('intake.resultNew', { count: formatCount(record.newInstances, lang) })
            : null,
        record.downloaded ? t('intake.resultDownloaded', { count: formatCount(record.downloaded, lang) }) : null,
        record.files === 1
          ? t('intake.resultFilesOne', { bytes: formatBytes(record.bytes, lang) })
          : record.files
            ? t('intake.resultFiles', {
                count: formatCount(record.files, lang),
                bytes: formatBytes(record.bytes, lang),
              })
            : null,
        record.confirmed ? t('intake.resultConfirmed', { count: formatCount(record.confirmed, lang) }) : null,
        record.failed ? t('intake.resultFailed', { count: formatCount(record.failed, lang) }) : null,
        record.infected ? t('intake.resultInfected', { count: formatCount(record.infected, lang) }) : null,
        record.outcome === 'failed' ? t('intake.resultFailedPass') : null,
      ].filter(Boolean);
      return parts.join(' · ') || t('intake.resultNothingNew');
    }
  }
}

import { Paragraph, Spinner } from '@digdir/designsystemet-react';
import { formatTime } from '../../../common/format/dates';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLanguage, useT } from '../../hooks/use-t';
import { useEventsStore } from '../../store/use-events-store';

/** Where the live follow stands: looking now, when it asks again, what came last; a follow that ended says why. */
export function LiveStatus() {
  const t = useT();
  const lang = useLanguage();
  const live = useEventsStore((s) => s.live);
  const clock = (iso: string) => formatTime(new Date(iso), lang);
  if (!live.on) {
    return live.state === 'failed' && live.error ? (
      <ErrorAlert error={live.error} heading={t('events.liveFailed')} />
    ) : null;
  }
  const waiting = live.state === 'waiting' && live.nextPollAt;
  return (
    <div
      className="events-live"
      role="status"
      aria-live="polite"
      data-testid="events-live-status"
      data-state={live.state}
    >
      {live.state === 'reading' ? (
        <Spinner aria-hidden data-size="xs" />
      ) : (
        <span className="events-live__dot" aria-hidden />
      )}
      <Paragraph data-size="sm">
        {waiting
          ? live.error
            ? t('events.liveRetrying', { time: clock(live.nextPollAt as string) })
            : t('events.liveWaiting', { time: clock(live.nextPollAt as string) })
          : t('events.liveReading')}
        {live.arrived ? ` ${t('events.liveNew', { count: live.arrived.count, time: clock(live.arrived.at) })}` : ''}{' '}
        <span className="events-live__help">{t('events.liveHelp')}</span>
      </Paragraph>
    </div>
  );
}

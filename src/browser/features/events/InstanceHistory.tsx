import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect } from 'react';
import type { HistoryEntry } from '../../../common/contract/events';
import { formatDateTimeSeconds, formatTimeSeconds } from '../../../common/format/dates';
import { actorWords, historyWords, tasksWords } from '../../../common/i18n/event-words';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { useLanguage, useT } from '../../hooks/use-t';
import { useHistoryStore } from '../../store/use-history-store';
import './events.css';

/**
 * Historikk in an instance's details (issue 20): what happened to it, oldest first — created by whom, data added,
 * replaced or deleted, moved to which step, substatus set, confirmed, deleted — from Storage's instance events and
 * process history. Read again when the instance changes (an act in the panels above).
 */
export function InstanceHistory({
  profileId,
  instanceId,
  appId,
  stamp,
}: {
  profileId: string;
  instanceId: string;
  appId?: string;
  /** The instance's lastChanged: a new one reads the history again. */
  stamp?: string | null;
}) {
  const t = useT();
  const lang = useLanguage();
  const { status, error, value } = useHistoryStore((s) => s.history);
  const reload = (force = false) =>
    void useHistoryStore.getState().load({ profileId, instanceId, appId, stamp: stamp ?? undefined, force });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload reads the same props listed here
  useEffect(() => {
    if (profileId) reload();
  }, [profileId, instanceId, appId, stamp]);
  const mine = value?.instanceId === instanceId ? value : undefined;

  return (
    <section
      className="instance-details__section instance-history"
      aria-labelledby="instance-history-heading"
      data-testid="instance-history"
    >
      <div className="instance-history__head">
        <Heading level={3} data-size="xs" id="instance-history-heading">
          {t('events.historyHeading')}
        </Heading>
        <Button variant="tertiary" data-size="sm" onClick={() => reload(true)} data-testid="history-refresh">
          {t('events.historyRefresh')}
        </Button>
      </div>
      {status === 'failed' ? (
        <ErrorAlert error={error} heading={t('events.historyFailed')} onRetry={() => reload(true)} />
      ) : null}
      {!mine && status !== 'failed' ? <LoadingState label={t('events.historyLoading')} /> : null}
      {mine && mine.entries.length === 0 ? <Paragraph data-size="sm">{t('events.historyEmpty')}</Paragraph> : null}
      {mine && mine.tasks.length > 0 ? (
        <Paragraph data-size="sm" className="instance-history__tasks" data-testid="history-tasks">
          {tasksWords(mine.tasks, lang, (iso) => formatTimeSeconds(new Date(iso), lang))}
        </Paragraph>
      ) : null}
      {mine && mine.entries.length > 0 ? (
        <ol className="timeline" data-testid="history-timeline">
          {mine.entries.map((entry, i) => (
            <Entry key={entry.eventId ?? `${entry.kind}-${entry.at}-${i}`} entry={entry} lang={lang} t={t} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function Entry({ entry, lang, t }: { entry: HistoryEntry; lang: 'nb' | 'en'; t: ReturnType<typeof useT> }) {
  const who = entry.by.kind === 'unknown' ? '' : t('events.historyBy', { who: actorWords(entry.by, lang) });
  return (
    <li className="timeline__entry" data-kind={entry.kind} data-testid="history-entry">
      <span className="timeline__what" data-testid="history-words">
        {historyWords(entry, lang)}
      </span>
      <span className="timeline__meta">
        <time dateTime={entry.at}>{formatDateTimeSeconds(entry.at, lang)}</time>
        {who ? ` · ${who}` : ''}
        {entry.source === 'process-history' ? ` · ${t('events.historyFromProcess')}` : ''}
      </span>
    </li>
  );
}

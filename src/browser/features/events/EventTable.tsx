import { Button, Table } from '@digdir/designsystemet-react';
import type { AppEvent } from '../../../common/contract/events';
import { formatDateTimeSeconds } from '../../../common/format/dates';
import { eventInstanceId, eventOwnerWords, eventTypeWords } from '../../../common/i18n/event-words';
import { useLanguage, useT } from '../../hooks/use-t';
import { useAppStore } from '../../store/use-app-store';
import { useEventsStore } from '../../store/use-events-store';
import { useInstancesStore } from '../../store/use-instances-store';

/**
 * The events in Altinn's order (oldest first): when, what happened in plain words (Altinn's type below it for the
 * tester), whose instance, and the instance — a button that opens it in the details.
 */
export function EventTable() {
  const t = useT();
  const lang = useLanguage();
  const rows = useEventsStore((s) => s.rows.value);
  const applied = useEventsStore((s) => s.applied);
  const environmentId = useAppStore((s) => s.environmentId);
  const detailId = useInstancesStore((s) => s.detailId);

  const open = (instanceId: string) => {
    if (!applied) return;
    void useInstancesStore
      .getState()
      .showInstance({ environmentId, profileId: applied.profileId, appId: applied.appId, instanceId });
  };

  return (
    <div className="event-table__scroll" data-testid="events-scroll">
      <Table data-size="sm" stickyHeader className="event-table" data-testid="events-table">
        <caption className="ds-sr-only">{t('events.caption', { app: applied?.appId ?? '' })}</caption>
        <colgroup>
          <col className="event-table__col-time" />
          <col className="event-table__col-what" />
          <col className="event-table__col-owner" />
          <col className="event-table__col-instance" />
        </colgroup>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('events.colTime')}</Table.HeaderCell>
            <Table.HeaderCell>{t('events.colWhat')}</Table.HeaderCell>
            <Table.HeaderCell>{t('events.colParty')}</Table.HeaderCell>
            <Table.HeaderCell>{t('events.colInstance')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {rows.map((event) => (
            <EventRow
              key={event.id}
              event={event}
              lang={lang}
              open={open}
              openId={detailId}
              label={t('events.openInstance')}
            />
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

function EventRow({
  event,
  lang,
  open,
  openId,
  label,
}: {
  event: AppEvent;
  lang: 'nb' | 'en';
  open(instanceId: string): void;
  openId?: string;
  label: string;
}) {
  const instanceId = eventInstanceId(event);
  return (
    <Table.Row
      data-testid="event-row"
      data-event-id={event.id}
      data-type={event.type}
      aria-current={instanceId && openId === instanceId ? 'true' : undefined}
    >
      <Table.Cell className="event-table__time">{formatDateTimeSeconds(event.time, lang)}</Table.Cell>
      <Table.Cell>
        <span className="event-table__words" data-testid="event-words">
          {eventTypeWords(event.type, lang)}
        </span>
        <span className="event-table__type">{event.type}</span>
      </Table.Cell>
      <Table.Cell data-testid="event-owner">{eventOwnerWords(event, lang)}</Table.Cell>
      <Table.Cell>
        {instanceId ? (
          <Button
            variant="tertiary"
            data-size="sm"
            className="event-table__instance"
            title={`${label}: ${instanceId}`}
            aria-label={`${label}: ${instanceId}`}
            onClick={() => open(instanceId)}
            data-testid="event-open-instance"
          >
            {shortId(instanceId)}
          </Button>
        ) : (
          '–'
        )}
      </Table.Cell>
    </Table.Row>
  );
}

/** "50001/8f3c…e2a1": the party and enough of the guid to tell instances apart; the whole id is in the title. */
function shortId(instanceId: string): string {
  const [party, guid = ''] = instanceId.split('/');
  return `${party}/${guid.slice(0, 8)}…`;
}

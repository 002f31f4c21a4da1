import { Button, Checkbox, Details, Fieldset, Switch, Textfield } from '@digdir/designsystemet-react';
import { EVENT_TYPE_CHOICES } from '../../../common/i18n/event-words';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { useT } from '../../hooks/use-t';
import { useEventsStore } from '../../store/use-events-store';
import type { EventsDraft } from './events-filters';

/** Profile, app and the Events filters (type, owner's party id, from/to); "Vis hendelser" reads; the live switch follows. */
export function EventFilterForm() {
  const t = useT();
  const s = useEventsStore();
  const profile = s.profiles.value.find((p) => p.id === s.profileId);
  const searching = s.rows.status === 'loading';
  const error = (field: keyof EventsDraft) => (s.draftErrors[field] ? t(s.draftErrors[field]) : undefined);
  // What "Flere filtre" holds that is in use, for its label (it starts closed).
  const more = [s.draft.to !== '', s.draft.party.trim() !== '', s.draft.types.length > 0].filter(Boolean).length;
  const toggleType = (id: string, on: boolean) =>
    s.setDraft({ types: on ? [...s.draft.types, id] : s.draft.types.filter((x) => x !== id) });

  return (
    <form
      className="events-filters"
      data-testid="events-filters"
      aria-label={t('events.filtersHeading')}
      onSubmit={(e) => {
        e.preventDefault();
        void s.search();
      }}
    >
      <div className="events-filters__row">
        <ChoiceSelect
          label={t('events.profileLabel')}
          placeholder={t('events.profilePlaceholder')}
          choices={s.profiles.value.map((p) => ({ value: p.id, label: p.name }))}
          value={s.profileId ?? ''}
          onChange={(value) => s.selectProfile(value || undefined)}
          testId="events-profile"
        />
        <ChoiceSelect
          label={t('events.appLabel')}
          placeholder={t('events.appPlaceholder')}
          choices={(profile?.apps ?? []).map((app) => ({ value: app, label: app }))}
          value={s.appId ?? ''}
          disabled={!profile}
          onChange={(value) => s.selectApp(value || undefined)}
          testId="events-app"
        />
        <Textfield
          type="datetime-local"
          label={t('events.fromLabel')}
          value={s.draft.from}
          error={error('from')}
          onChange={(e) => s.setDraft({ from: e.target.value })}
          data-testid="events-from"
        />
      </div>
      <Details data-testid="events-more">
        <Details.Summary>
          {more ? t('events.moreFiltersActive', { count: more }) : t('events.moreFilters')}
        </Details.Summary>
        <Details.Content>
          <div className="events-filters__more">
            <div className="events-filters__row">
              <Textfield
                type="datetime-local"
                label={t('events.toLabel')}
                value={s.draft.to}
                error={error('to')}
                onChange={(e) => s.setDraft({ to: e.target.value })}
                data-testid="events-to"
              />
              <Textfield
                label={t('events.partyLabel')}
                description={t('events.partyHelp')}
                value={s.draft.party}
                inputMode="numeric"
                autoComplete="off"
                error={error('party')}
                onChange={(e) => s.setDraft({ party: e.target.value })}
                data-testid="events-party"
              />
            </div>
            <Fieldset data-testid="events-types">
              <Fieldset.Legend>{t('events.typeLegend')}</Fieldset.Legend>
              <Fieldset.Description>{t('events.typeLegendHelp')}</Fieldset.Description>
              <div className="events-filters__types">
                {EVENT_TYPE_CHOICES.map((choice) => (
                  <Checkbox
                    key={choice.id}
                    label={t(choice.label)}
                    checked={s.draft.types.includes(choice.id)}
                    onChange={(e) => toggleType(choice.id, e.target.checked)}
                    data-testid={`events-type-${choice.id}`}
                  />
                ))}
              </div>
            </Fieldset>
          </div>
        </Details.Content>
      </Details>
      <div className="events-filters__actions">
        <Button type="submit" variant="primary" disabled={!s.appId || searching} data-testid="events-show">
          {t('events.show')}
        </Button>
        <Switch
          label={t('events.live')}
          checked={s.live.on}
          // A follow waits for what is still to come; with "Til" set nothing would.
          disabled={!s.applied || s.rows.status !== 'ready' || Boolean(s.applied.query.to)}
          onChange={(e) => void s.setLive(e.target.checked)}
          data-testid="events-live"
        />
      </div>
    </form>
  );
}

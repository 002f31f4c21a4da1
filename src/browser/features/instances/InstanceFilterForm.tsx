import { Button, Checkbox, Details, Field, Label, Select, Textfield } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { confirmingOrg } from '../../../common/schemas/confirming-org';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { useT } from '../../hooks/use-t';
import { useInstancesStore } from '../../store/use-instances-store';
import { activeMoreFilters, type FilterDraft } from './instance-filters';

/** Profile, app and the filters; "Show instances" runs the query (Storage gives one page at a time). */
export function InstanceFilterForm() {
  const t = useT();
  const id = useId();
  const s = useInstancesStore();
  const profile = s.profiles.value.find((p) => p.id === s.profileId);
  const searching = s.rows.status === 'loading';
  const more = activeMoreFilters(s.draft);
  const error = (field: keyof FilterDraft) => (s.draftErrors[field] ? t(s.draftErrors[field]) : undefined);
  const set = (patch: Partial<FilterDraft>) => s.setDraft(patch);

  return (
    <form
      className="instances-filters"
      data-testid="instances-filters"
      aria-label={t('instances.filtersHeading')}
      onSubmit={(e) => {
        e.preventDefault();
        void s.search();
      }}
    >
      <div className="instances-filters__row">
        <ChoiceSelect
          label={t('instances.profileLabel')}
          placeholder={t('instances.profilePlaceholder')}
          choices={s.profiles.value.map((p) => ({ value: p.id, label: p.name }))}
          value={s.profileId ?? ''}
          onChange={(value) => s.selectProfile(value || undefined)}
          testId="instances-profile"
        />
        <ChoiceSelect
          label={t('instances.appLabel')}
          placeholder={t('instances.appPlaceholder')}
          choices={(profile?.apps ?? []).map((app) => ({ value: app, label: app }))}
          value={s.appId ?? ''}
          disabled={!profile}
          onChange={(value) => s.selectApp(value || undefined)}
          testId="instances-app"
        />
        <Field>
          <Label htmlFor={`${id}-process`}>{t('instances.processLabel')}</Label>
          <Select
            id={`${id}-process`}
            value={s.draft.process}
            onChange={(e) => set({ process: e.target.value as FilterDraft['process'] })}
            data-testid="filter-process"
          >
            <Select.Option value="all">{t('instances.processAll')}</Select.Option>
            <Select.Option value="complete">{t('instances.processComplete')}</Select.Option>
            <Select.Option value="notComplete">{t('instances.processNotComplete')}</Select.Option>
          </Select>
        </Field>
      </div>
      <Checkbox
        label={t('instances.notConfirmed')}
        description={
          s.appId ? t('instances.notConfirmedHelp', { org: confirmingOrg(profile?.org, s.appId) }) : undefined
        }
        checked={s.draft.notConfirmed}
        onChange={(e) => set({ notConfirmed: e.target.checked })}
        data-testid="filter-not-confirmed"
      />
      <Details data-testid="filter-more">
        <Details.Summary>
          {more ? t('instances.moreFiltersActive', { count: more }) : t('instances.moreFilters')}
        </Details.Summary>
        <Details.Content>
          <div className="instances-filters__grid">
            <Textfield
              label={t('instances.taskLabel')}
              description={t('instances.taskHelp')}
              value={s.draft.currentTask}
              error={error('currentTask')}
              onChange={(e) => set({ currentTask: e.target.value })}
              data-testid="filter-task"
            />
            <Textfield
              label={t('instances.ownerLabel')}
              description={t('instances.ownerHelp')}
              value={s.draft.owner}
              inputMode="numeric"
              autoComplete="off"
              error={error('owner')}
              onChange={(e) => set({ owner: e.target.value })}
              data-testid="filter-owner"
            />
            <Textfield
              type="date"
              label={t('instances.createdFrom')}
              value={s.draft.createdFrom}
              error={error('createdFrom')}
              onChange={(e) => set({ createdFrom: e.target.value })}
              data-testid="filter-created-from"
            />
            <Textfield
              type="date"
              label={t('instances.createdTo')}
              value={s.draft.createdTo}
              error={error('createdTo')}
              onChange={(e) => set({ createdTo: e.target.value })}
              data-testid="filter-created-to"
            />
            <Textfield
              type="date"
              label={t('instances.changedFrom')}
              value={s.draft.changedFrom}
              error={error('changedFrom')}
              onChange={(e) => set({ changedFrom: e.target.value })}
              data-testid="filter-changed-from"
            />
            <Textfield
              type="date"
              label={t('instances.changedTo')}
              value={s.draft.changedTo}
              error={error('changedTo')}
              onChange={(e) => set({ changedTo: e.target.value })}
              data-testid="filter-changed-to"
            />
            <Field>
              <Label htmlFor={`${id}-archived`}>{t('instances.archivedLabel')}</Label>
              <Select
                id={`${id}-archived`}
                value={s.draft.archived}
                onChange={(e) => set({ archived: e.target.value as FilterDraft['archived'] })}
                data-testid="filter-archived"
              >
                <Select.Option value="all">{t('instances.archivedAll')}</Select.Option>
                <Select.Option value="yes">{t('instances.archivedYes')}</Select.Option>
                <Select.Option value="no">{t('instances.archivedNo')}</Select.Option>
              </Select>
            </Field>
            <Field>
              <Label htmlFor={`${id}-deleted`}>{t('instances.deletedLabel')}</Label>
              <Select
                id={`${id}-deleted`}
                value={s.draft.deleted}
                onChange={(e) => set({ deleted: e.target.value as FilterDraft['deleted'] })}
                data-testid="filter-deleted"
              >
                <Select.Option value="all">{t('instances.deletedAll')}</Select.Option>
                <Select.Option value="none">{t('instances.deletedNone')}</Select.Option>
                <Select.Option value="soft">{t('instances.deletedSoft')}</Select.Option>
                <Select.Option value="hard">{t('instances.deletedHard')}</Select.Option>
              </Select>
            </Field>
          </div>
        </Details.Content>
      </Details>
      <div className="button-row">
        <Button type="submit" disabled={!s.appId || searching} aria-busy={searching} data-testid="instances-search">
          {searching ? t('instances.searching') : t('instances.search')}
        </Button>
        <Button type="button" variant="tertiary" onClick={() => s.resetDraft()} data-testid="instances-reset">
          {t('instances.resetFilters')}
        </Button>
      </div>
    </form>
  );
}

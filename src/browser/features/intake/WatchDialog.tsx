import {
  Button,
  Checkbox,
  Field,
  Fieldset,
  Label,
  Paragraph,
  Radio,
  Select,
  Textfield,
} from '@digdir/designsystemet-react';
import { useEffect, useId, useState } from 'react';
import type { WatchSelection, WatchView } from '../../../common/contract/intake';
import { AppDialog } from '../../components/AppDialog';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormFooter } from '../../components/FormFooter';
import { MainConfirmNote } from '../../components/MainConfirmNote';
import { ProductionWarning } from '../../components/ProductionWarning';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useT } from '../../hooks/use-t';
import { selectEnvironment, useAppStore } from '../../store/use-app-store';
import { useIntakeStore } from '../../store/use-intake-store';
import { INTERVAL_CHOICES, intervalText } from './watch-text';

const TASK_ID = /^[A-Za-z0-9_.-]{1,100}$/;

interface Draft {
  profileId: string;
  appId: string;
  target: string;
  selection: 'complete' | 'task';
  task: string;
  confirm: boolean;
  intervalMinutes: number;
}

function draftOf(watch: WatchView | undefined): Draft {
  return {
    profileId: watch?.profileId ?? '',
    appId: watch?.appId ?? '',
    target: watch?.target ?? '',
    selection: watch?.selection.kind ?? 'complete',
    task: watch?.selection.kind === 'task' ? watch.selection.task : '',
    confirm: watch?.confirm ?? false,
    intervalMinutes: watch?.intervalMinutes ?? 10,
  };
}

/**
 * A new watch, or an edit of one: profile and app (fixed once made: another app is another watch), the
 * folder from the native dialog, which instances, confirm or not, how often. A production watch that
 * confirms asks once more before it is saved (issue 12, item 3).
 */
export function WatchDialog({ open, watch, onClose }: { open: boolean; watch?: WatchView; onClose(): void }) {
  const t = useT();
  const id = useId();
  const environment = useAppStore(selectEnvironment);
  const profiles = useIntakeStore((s) => s.profiles);
  const { chooseFolder, create, update, loadProfiles } = useIntakeStore.getState();
  const [draft, setDraft] = useState<Draft>(() => draftOf(watch));
  const [step, setStep] = useState<'form' | 'production'>('form');
  const [tried, setTried] = useState(false);
  const { busy, error, setError, run } = useBusyAction();
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh draft each time the dialog opens
  useEffect(() => {
    if (!open) return;
    setDraft(draftOf(watch));
    setStep('form');
    setTried(false);
    setError(undefined);
    if (!watch && environment) void loadProfiles(environment.id);
  }, [open]);

  // The only profile, and its only app, are chosen for the person.
  useEffect(() => {
    if (watch || !open) return;
    const list = profiles.value;
    if (!draft.profileId && list.length === 1) setDraft((d) => ({ ...d, profileId: list[0]?.id ?? '' }));
  }, [profiles.value, open, watch, draft.profileId]);
  const profile = profiles.value.find((p) => p.id === draft.profileId);
  useEffect(() => {
    if (watch || !profile) return;
    if (profile.apps.includes(draft.appId)) return;
    setDraft((d) => ({ ...d, appId: profile.apps.length === 1 ? (profile.apps[0] ?? '') : '' }));
  }, [profile, watch, draft.appId]);

  const production = watch ? watch.production : Boolean(environment?.production);
  const taskOk = draft.selection === 'complete' || TASK_ID.test(draft.task.trim());
  const complete = Boolean(draft.profileId && draft.appId && draft.target && taskOk);
  const needsYes =
    production &&
    draft.confirm &&
    !(watch?.confirm && watch.productionConfirmedAt && watch.profileId === draft.profileId);

  async function pickFolder() {
    await run(async () => {
      const folder = await chooseFolder();
      if (folder) set({ target: folder });
    });
  }

  async function save(confirmProduction?: boolean) {
    const selection: WatchSelection =
      draft.selection === 'task' ? { kind: 'task', task: draft.task.trim() } : { kind: 'complete' };
    const failed = await run(async () => {
      if (watch) {
        await update(
          watch.id,
          {
            ...(draft.target !== watch.target ? { target: draft.target } : {}),
            selection,
            confirm: draft.confirm,
            intervalMinutes: draft.intervalMinutes,
          },
          confirmProduction,
        );
      } else {
        await create({
          profileId: draft.profileId,
          appId: draft.appId,
          target: draft.target,
          selection,
          confirm: draft.confirm,
          intervalMinutes: draft.intervalMinutes,
          ...(confirmProduction ? { confirmProduction } : {}),
        });
      }
      onClose();
    });
    if (failed) setStep('form');
  }

  function submit() {
    setTried(true);
    if (!complete) return;
    if (needsYes) setStep('production');
    else void save();
  }

  return (
    <AppDialog
      open={open}
      title={
        step === 'production' ? t('intake.productionTitle') : watch ? t('intake.editTitle') : t('intake.createTitle')
      }
      onClose={onClose}
      testId="watch-dialog"
      bodyClassName="dialog-body"
    >
      {step === 'production' ? (
        <div className="watch-dialog__step" data-testid="watch-production">
          <ProductionWarning
            title={t('intake.productionWarningTitle', { env: environment?.name ?? '' })}
            body={t('intake.productionBody', { env: environment?.name ?? '' })}
          >
            <Paragraph data-size="sm">
              <strong>{draft.appId}</strong> → {draft.target}
            </Paragraph>
          </ProductionWarning>
          <MainConfirmNote />
          {error ? <ErrorAlert error={error} /> : null}
          <div className="button-row">
            <Button
              data-color="danger"
              disabled={busy}
              onClick={() => void save(true)}
              data-testid="watch-production-yes"
            >
              {t('intake.productionYes')}
            </Button>
            <Button variant="secondary" disabled={busy} onClick={() => setStep('form')}>
              {t('intake.productionBack')}
            </Button>
          </div>
        </div>
      ) : (
        <form
          className="watch-dialog__step"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          {watch ? (
            <Paragraph data-size="sm" data-testid="watch-dialog-fixed">
              <strong>{watch.appId}</strong>
              {watch.profileName ? ` · ${t('intake.profileLine', { profile: watch.profileName })}` : ''}
            </Paragraph>
          ) : profiles.status === 'ready' && profiles.value.length === 0 ? (
            <Paragraph data-size="sm" data-testid="watch-no-profiles">
              {t('intake.profileNone')}
            </Paragraph>
          ) : (
            <div className="watch-dialog__row">
              <ChoiceSelect
                label={t('intake.profile')}
                placeholder="–"
                choices={profiles.value.map((p) => ({ value: p.id, label: p.name }))}
                value={draft.profileId}
                onChange={(profileId) => set({ profileId })}
                testId="watch-profile"
              />
              <ChoiceSelect
                label={t('intake.app')}
                placeholder="–"
                choices={(profile?.apps ?? []).map((app) => ({ value: app, label: app }))}
                value={draft.appId}
                disabled={!profile}
                onChange={(appId) => set({ appId })}
                testId="watch-app"
              />
            </div>
          )}
          <Fieldset>
            <Fieldset.Legend>{t('intake.folder')}</Fieldset.Legend>
            <div className="watch-dialog__folder">
              <span data-testid="watch-folder-chosen" className={draft.target ? undefined : 'watch__muted'}>
                {draft.target || t('intake.folderNone')}
              </span>
              <Button
                type="button"
                data-size="sm"
                variant="secondary"
                disabled={busy}
                onClick={() => void pickFolder()}
                data-testid="watch-choose-folder"
              >
                {t('intake.chooseFolder')}
              </Button>
            </div>
          </Fieldset>
          <Fieldset>
            <Fieldset.Legend>{t('intake.selection')}</Fieldset.Legend>
            <Radio
              name={`${id}-selection`}
              value="complete"
              checked={draft.selection === 'complete'}
              onChange={() => set({ selection: 'complete' })}
              label={t('intake.selectionComplete')}
              data-testid="watch-selection-complete"
            />
            <Radio
              name={`${id}-selection`}
              value="task"
              checked={draft.selection === 'task'}
              onChange={() => set({ selection: 'task' })}
              label={t('intake.selectionTask')}
              data-testid="watch-selection-task"
            />
            {draft.selection === 'task' ? (
              <Textfield
                label={t('intake.task')}
                description={t('intake.taskHelp')}
                value={draft.task}
                error={tried && !taskOk ? t('intake.taskHelp') : undefined}
                onChange={(e) => set({ task: e.target.value })}
                data-testid="watch-task"
              />
            ) : null}
          </Fieldset>
          <Checkbox
            label={t('intake.confirm')}
            description={t('intake.confirmHelp')}
            checked={draft.confirm}
            onChange={(e) => set({ confirm: e.target.checked })}
            data-testid="watch-confirm"
          />
          <Field>
            <Label htmlFor={`${id}-interval`}>{t('intake.interval')}</Label>
            <Select
              id={`${id}-interval`}
              value={String(draft.intervalMinutes)}
              onChange={(e) => set({ intervalMinutes: Number(e.target.value) })}
              data-testid="watch-interval"
              className="watch-dialog__interval"
            >
              {[...new Set([...INTERVAL_CHOICES, draft.intervalMinutes])]
                .sort((a, b) => a - b)
                .map((m) => (
                  <Select.Option key={m} value={String(m)}>
                    {intervalText(m, t)}
                  </Select.Option>
                ))}
            </Select>
          </Field>
          {tried && !complete ? (
            <Paragraph data-size="sm" className="watch-dialog__missing" data-testid="watch-incomplete">
              {t('intake.formIncomplete')}
            </Paragraph>
          ) : null}
          <FormFooter
            error={error}
            busy={busy}
            submitLabel={t('intake.save')}
            busyLabel={t('intake.saving')}
            submitTestId="watch-save"
            submitDisabled={tried && !complete}
            cancel={{ label: t('intake.cancel'), onClick: onClose }}
          />
        </form>
      )}
    </AppDialog>
  );
}

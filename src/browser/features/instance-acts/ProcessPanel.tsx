import { Button, Field, Heading, Label, Paragraph, Select } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import type { ActInstanceView } from '../../../common/contract/instance-acts';
import { formatDateTime } from '../../../common/format/dates';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { useLanguage, useT } from '../../hooks/use-t';
import { useInstanceActsStore } from '../../store/use-instance-acts-store';
import { ActProductionStep } from './ActProductionStep';
import { taskTypeText } from './task-type';
import { useActWrite } from './use-act-write';
import { issuesOf, ValidationIssues } from './ValidationIssues';

/**
 * The process (issue 19): the current task and its type, the app's tasks, what the caller may do, "Neste steg"
 * (with an action when the task has one) and "Fullfør prosessen"; when Altinn refuses, why — the issues of
 * the task's validation as a list.
 */
export function ProcessPanel({ profileId, view }: { profileId: string; view: ActInstanceView }) {
  const t = useT();
  const lang = useLanguage();
  const id = useId();
  const process = useInstanceActsStore((s) => s.process);
  const { processNext, processComplete, reloadProcess } = useInstanceActsStore.getState();
  const write = useActWrite();
  const [action, setAction] = useState('');
  const [doing, setDoing] = useState<'next' | 'complete'>();
  const state = process.value;
  const task = state?.currentTask ?? null;
  const active = !view.isArchived && !view.isSoftDeleted && !view.isHardDeleted;
  const extra = task ? Object.keys(task.actions).filter((a) => a !== 'read' && a !== 'write') : [];
  const allowed = task
    ? Object.entries(task.actions)
        .filter(([, ok]) => ok)
        .map(([a]) => a)
    : [];
  const on = { profileId, appId: view.appId, instanceId: view.id };

  function move(kind: 'next' | 'complete') {
    setDoing(kind);
    void write.start((confirmProduction) =>
      kind === 'next'
        ? processNext({ ...on, ...(action ? { action } : {}), ...(confirmProduction ? { confirmProduction } : {}) })
        : processComplete({ ...on, ...(confirmProduction ? { confirmProduction } : {}) }),
    );
  }

  return (
    <section className="instance-details__section acts-panel" aria-labelledby={`${id}-h`} data-testid="process-panel">
      <Heading level={3} data-size="xs" id={`${id}-h`}>
        {t('acts.processHeading')}
      </Heading>
      {process.status === 'loading' && !state ? <LoadingState label={t('acts.processLoading')} /> : null}
      {process.status === 'failed' && !state ? (
        <ErrorAlert
          error={process.error}
          heading={t('acts.processFailed')}
          onRetry={() => void reloadProcess(profileId, view.appId, view.id)}
        />
      ) : null}
      {state ? (
        <>
          <dl className="facts" data-testid="process-facts">
            <dt>{t('acts.processTask')}</dt>
            <dd data-testid="process-task">
              {task
                ? [task.elementId, task.name].filter(Boolean).join(' – ')
                : state.ended
                  ? t('acts.processEnded', { time: formatDateTime(state.ended, lang) })
                  : t('acts.processNotStarted')}
            </dd>
            {task ? (
              <>
                <dt>{t('acts.processType')}</dt>
                <dd data-testid="process-task-type">{taskTypeText(task.altinnTaskType, t)}</dd>
                <dt>{t('acts.processYourActions')}</dt>
                <dd>{allowed.join(', ') || '–'}</dd>
              </>
            ) : null}
            {state.tasks.length ? (
              <>
                <dt>{t('acts.processTasks')}</dt>
                <dd>
                  <ol className="acts-tasks" data-testid="process-tasks">
                    {state.tasks.map((s) => (
                      <li key={s.elementId} aria-current={s.elementId === task?.elementId ? 'step' : undefined}>
                        {s.elementId}
                      </li>
                    ))}
                    <li aria-current={!task && state.ended ? 'step' : undefined}>{t('acts.processEnd')}</li>
                  </ol>
                </dd>
              </>
            ) : null}
          </dl>
          {task && active ? (
            write.asking ? (
              <ActProductionStep
                environmentName={write.environmentName}
                what={doing === 'complete' ? t('acts.complete') : t('acts.next')}
                onYes={() => void write.confirm()}
                onBack={write.cancel}
              />
            ) : (
              <div className="acts-process-actions">
                {extra.length ? (
                  <Field className="acts-process-action">
                    <Label htmlFor={`${id}-action`}>{t('acts.processAction')}</Label>
                    <Select
                      id={`${id}-action`}
                      data-size="sm"
                      value={action}
                      onChange={(e) => setAction(e.target.value)}
                      data-testid="process-action"
                    >
                      <Select.Option value="">{t('acts.processActionNone')}</Select.Option>
                      {extra.map((a) => (
                        <Select.Option key={a} value={a}>
                          {a}
                        </Select.Option>
                      ))}
                    </Select>
                  </Field>
                ) : null}
                <div className="button-row">
                  <Button
                    data-size="sm"
                    onClick={() => move('next')}
                    disabled={write.busy}
                    aria-busy={write.busy && doing === 'next'}
                    data-testid="process-next"
                  >
                    {write.busy && doing === 'next' ? t('acts.nextBusy') : t('acts.next')}
                  </Button>
                  <Button
                    data-size="sm"
                    variant="secondary"
                    onClick={() => move('complete')}
                    disabled={write.busy}
                    aria-busy={write.busy && doing === 'complete'}
                    data-testid="process-complete"
                  >
                    {write.busy && doing === 'complete' ? t('acts.completeBusy') : t('acts.complete')}
                  </Button>
                </div>
              </div>
            )
          ) : null}
          {task && !active ? <Paragraph data-size="sm">{t('acts.notActive')}</Paragraph> : null}
        </>
      ) : null}
      {write.error ? (
        <div data-testid="process-refused">
          <ErrorAlert error={write.error} heading={t('acts.processRefused')} />
          <ValidationIssues issues={issuesOf(write.error)} task={task?.elementId ?? ''} />
        </div>
      ) : null}
    </section>
  );
}

import { Alert, Button, Checkbox, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { type DragEvent, useEffect, useState } from 'react';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { ViewHeader } from '../../components/ViewHeader';
import { useT } from '../../hooks/use-t';
import { useAppStore } from '../../store/use-app-store';
import { useSendStore } from '../../store/use-send-store';
import { SendJobPanel } from './SendJobPanel';
import { SendPlanPanel } from './SendPlanPanel';
import './send.css';

/**
 * "Utsendelse" (issue 22): one prefilled instance per row of a spreadsheet. Choose profile and app, then the
 * spreadsheet (main's dialog, or drop it here); main reads and checks every row (the dry run) and shows the
 * columns as it uses them and every problem by row; then the send runs as a job in main, so it goes on when
 * this window is closed, and its results open each created instance in the details.
 */
export function SendView() {
  const t = useT();
  const environmentId = useAppStore((s) => s.environmentId);
  const s = useSendStore();
  const [yes, setYes] = useState(false);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const store = useSendStore.getState();
    store.listen();
    void store.loadProfiles(environmentId);
    void store.loadJobs();
  }, [environmentId]);

  const job = s.jobId ? s.jobs.find((j) => j.jobId === s.jobId) : undefined;
  const plan = s.plan.value;
  const profiles = s.profiles.value;
  const profile = profiles.find((p) => p.id === s.profileId);
  const toSend = plan?.summary.toSend ?? 0;
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void s.dropFile(file);
  };

  return (
    <section className="view send-view" data-testid="view-send">
      <ViewHeader title={t('send.title')} />
      <Paragraph className="send-intro">{t('send.intro')}</Paragraph>
      {job ? (
        <SendJobPanel job={job} rows={s.detail.value?.jobId === job.jobId ? s.detail.value.rows : undefined} />
      ) : (
        <>
          <div className="send-choices">
            <ChoiceSelect
              label={t('send.profile')}
              placeholder={t('instances.profilePlaceholder')}
              choices={profiles.map((p) => ({ value: p.id, label: p.name }))}
              value={s.profileId ?? ''}
              onChange={(v) => s.selectProfile(v)}
              testId="send-profile"
            />
            <ChoiceSelect
              label={t('send.app')}
              placeholder={t('instances.appPlaceholder')}
              choices={(profile?.apps ?? []).map((a) => ({ value: a, label: a }))}
              value={s.appId ?? ''}
              disabled={!profile}
              onChange={(v) => s.selectApp(v)}
              testId="send-app"
            />
            <Textfield
              label={t('send.batch')}
              value={s.batch}
              onChange={(e) => s.setBatch(e.target.value)}
              onBlur={() => void s.replan()}
              aria-describedby="send-batch-help"
              data-testid="send-batch"
            />
          </div>
          {/* Below the row, not under the label: the three fields' boxes stay on one line. */}
          <Paragraph data-size="sm" id="send-batch-help" className="send-choices__help">
            {t('send.batchHelp')}
          </Paragraph>
          {s.profiles.status === 'ready' && profiles.length === 0 ? (
            <Alert data-color="info">{t('send.noProfiles')}</Alert>
          ) : null}
          <section
            aria-label={t('send.dropHere')}
            className={`send-drop${dragging ? ' send-drop--over' : ''}`}
            data-testid="send-drop"
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <Button
              variant={s.file ? 'secondary' : 'primary'}
              onClick={() => void s.chooseFile()}
              disabled={!s.appId || s.busy === 'file'}
              data-testid="send-choose"
            >
              {s.file ? t('send.changeFile') : t('send.pickFile')}
            </Button>
            <span>{s.file ? <strong data-testid="send-file-name">{s.file.fileName}</strong> : t('send.dropHere')}</span>
            <Paragraph data-size="sm" className="send-help">
              {t('send.fileHelp')}
            </Paragraph>
          </section>
          {s.plan.status === 'loading' ? <LoadingState label={t('send.checking')} /> : null}
          {s.plan.status === 'failed' ? <ErrorAlert error={s.plan.error} onRetry={() => void s.replan()} /> : null}
          {plan && s.plan.status !== 'failed' ? (
            <>
              <SendPlanPanel plan={plan} />
              <div className="send-go">
                {plan.production && toSend > 0 ? (
                  <Alert data-color="danger" data-testid="send-production">
                    <Paragraph>{t('send.productionWarning')}</Paragraph>
                    <Checkbox
                      label={t('send.productionConfirm', { count: toSend, app: plan.appId })}
                      checked={yes}
                      onChange={(e) => setYes(e.target.checked)}
                      data-testid="send-production-yes"
                    />
                  </Alert>
                ) : null}
                <Button
                  variant="primary"
                  disabled={toSend === 0 || s.busy === 'start' || (plan.production && !yes)}
                  onClick={() => void s.start(plan.production && yes)}
                  data-testid="send-start"
                >
                  {toSend === 0 ? t('send.sendNothing') : t('send.send', { count: toSend })}
                </Button>
              </div>
            </>
          ) : null}
          {s.unfinished.value.length > 0 ? (
            <section className="send-unfinished" data-testid="send-unfinished">
              <Paragraph data-size="sm">
                <strong>{t('send.unfinishedTitle')}</strong>
              </Paragraph>
              <ul>
                {s.unfinished.value.map((u) => (
                  <li key={u.journalId}>
                    {t('send.unfinishedLine', { file: u.fileName, app: u.appId, done: u.done, open: u.open })}{' '}
                    <Button
                      variant="tertiary"
                      data-size="sm"
                      onClick={() => void s.reopen(u.journalId)}
                      data-testid={`send-reopen-${u.journalId}`}
                    >
                      {t('send.reopen')}
                    </Button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
      {s.actionError ? <ErrorAlert error={s.actionError} /> : null}
    </section>
  );
}

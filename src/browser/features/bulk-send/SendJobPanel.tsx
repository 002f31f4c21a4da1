import { Alert, Button, Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import type { SendJobSummary, SendRowView } from '../../../common/contract/bulk-send-types';
import { useLanguage, useT } from '../../hooks/use-t';
import { useSendStore } from '../../store/use-send-store';
import { ownerCell, problemWords } from './row-problem-words';
import { duration, failedWhy, jobStateLabels, rowStatusColors, rowStatusLabels } from './send-text';

const SHOWN_ROWS = 500;

/** A send on its way (progress, ETA, pause/resume/stop) and, when it ends, its results with the report. */
export function SendJobPanel({ job, rows }: { job: SendJobSummary; rows: SendRowView[] | undefined }) {
  const t = useT();
  const lang = useLanguage();
  const busy = useSendStore((s) => s.busy);
  const exported = useSendStore((s) => s.exported);
  const store = useSendStore.getState();
  const done = job.sent + job.alreadySent + job.failed;
  const ended = Boolean(job.endedAt);
  const color =
    job.state === 'completed'
      ? 'success'
      : job.state === 'running'
        ? 'info'
        : job.state === 'paused'
          ? 'warning'
          : 'danger';
  return (
    <section className="send-job" data-testid="send-job" data-state={job.state} aria-labelledby="send-job-title">
      <div className="send-job__head">
        <Heading level={3} data-size="xs" id="send-job-title">
          {ended ? t('send.resultsTitle') : t('send.progressTitle')} · {job.fileName} → {job.appId}
        </Heading>
        <Tag data-color={color} data-testid="send-job-state">
          {t(jobStateLabels[job.state])}
        </Tag>
      </div>
      <progress
        className="send-progress"
        max={Math.max(1, job.total)}
        value={done}
        aria-label={t('send.progressTitle')}
      />
      <Paragraph data-size="sm" data-testid="send-progress-line">
        {t('send.progressLine', { done, total: job.total, failed: job.failed })}
        {!ended && job.etaSeconds !== undefined ? ` · ${t('send.eta', { time: duration(job.etaSeconds, t) })}` : ''}
        {!ended ? ` · ${t('send.rate', { rate: job.rate.toFixed(1), concurrency: job.concurrencyNow })}` : ''}
      </Paragraph>
      {ended ? (
        <Paragraph data-testid="send-results-summary">
          {t('send.resultsSummary', { sent: job.sent, already: job.alreadySent, failed: job.failed })}
          {job.failed > 0 ? `: ${failedWhy(job, t)}` : ''}
        </Paragraph>
      ) : null}
      <div className="send-actions">
        {!ended && job.state === 'running' ? (
          <Button
            variant="secondary"
            data-size="sm"
            onClick={() => void store.pause()}
            disabled={busy !== undefined}
            data-testid="send-pause"
          >
            {t('send.pause')}
          </Button>
        ) : null}
        {!ended && job.state === 'paused' ? (
          <Button
            variant="secondary"
            data-size="sm"
            onClick={() => void store.resume()}
            disabled={busy !== undefined}
            data-testid="send-resume"
          >
            {t('send.resume')}
          </Button>
        ) : null}
        {!ended ? (
          <Button
            variant="tertiary"
            data-size="sm"
            onClick={() => void store.cancel()}
            disabled={busy !== undefined}
            data-testid="send-stop"
          >
            {t('send.stop')}
          </Button>
        ) : (
          <>
            <Button
              variant="secondary"
              data-size="sm"
              onClick={() => void store.exportReport()}
              disabled={busy !== undefined}
              data-testid="send-export"
            >
              {t('send.exportReport')}
            </Button>
            <Button variant="tertiary" data-size="sm" onClick={() => store.newSend()} data-testid="send-new">
              {t('send.newSend')}
            </Button>
          </>
        )}
      </div>
      {exported ? (
        <Alert data-color="success" data-size="sm" data-testid="send-exported">
          {t('send.exported', { path: exported })}
        </Alert>
      ) : null}
      {ended && rows ? (
        <div className="send-table-wrap">
          <Table data-size="sm" data-testid="send-results">
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('send.colRow')}</Table.HeaderCell>
                <Table.HeaderCell>{t('send.colOwner')}</Table.HeaderCell>
                <Table.HeaderCell>{t('send.colStatus')}</Table.HeaderCell>
                <Table.HeaderCell>{t('send.colInstance')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {rows.slice(0, SHOWN_ROWS).map((r) => {
                const owner = ownerCell(r, lang);
                const words = r.error ? problemWords({ row: r.row, ...r.error }, lang) : undefined;
                return (
                  <Table.Row key={r.row} data-row={r.row} data-status={r.status}>
                    <Table.Cell>{r.row}</Table.Cell>
                    <Table.Cell data-testid="send-owner" className="send-owner">
                      {owner.numbers.map((n) => (
                        <div key={n}>{n}</div>
                      ))}
                      {owner.why ? <div className="send-owner-why">{owner.why}</div> : null}
                    </Table.Cell>
                    <Table.Cell>
                      <Tag data-color={rowStatusColors[r.status]} data-size="sm">
                        {t(rowStatusLabels[r.status])}
                      </Tag>
                      {words ? (
                        <>
                          {' '}
                          <strong>{words.title}</strong>
                          {words.detail ? <div className="send-problem-detail">{words.detail}</div> : null}
                        </>
                      ) : null}
                    </Table.Cell>
                    <Table.Cell>
                      {r.instanceId ? (
                        <Button
                          variant="tertiary"
                          data-size="sm"
                          className="send-instance-link"
                          onClick={() => void store.openInstance(r.instanceId as string)}
                          data-testid={`send-open-${r.row}`}
                        >
                          {r.instanceId.split('/')[1]?.slice(0, 8)}… {t('send.openInstance')}
                        </Button>
                      ) : (
                        '–'
                      )}
                    </Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
          {rows.length > SHOWN_ROWS ? (
            <Paragraph data-size="sm">{t('send.moreRows', { shown: SHOWN_ROWS, total: rows.length })}</Paragraph>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

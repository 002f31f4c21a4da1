import { Details, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import type { DownloadJobDetail } from '../../../common/contract/downloads';
import { visibleName } from '../../../common/format/hidden-characters';
import { ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { useErrorText, useT } from '../../hooks/use-t';
import { useDownloadsStore } from '../../store/use-downloads-store';

/**
 * The failed files of a job, each with what went wrong in words from the error catalogue, and the
 * infected files Storage flagged (never saved). Read with downloads:get when opened.
 */
export function JobProblems({ jobId, count }: { jobId: string; count: number }) {
  const t = useT();
  const state = useDownloadsStore((s) => s.details[jobId]);
  const loadDetail = useDownloadsStore((s) => s.loadDetail);

  return (
    <Details
      data-testid="job-problems"
      onToggle={(e) => {
        if ((e.target as HTMLDetailsElement).open) void loadDetail(jobId);
      }}
    >
      <Details.Summary>{t('downloads.problemsSummary', { count })}</Details.Summary>
      <Details.Content>
        {state?.status === 'loading' && !state.value ? <LoadingState label={t('downloads.problemsLoading')} /> : null}
        {state?.status === 'failed' ? (
          <ErrorAlert
            error={state.error}
            heading={t('downloads.problemsFailed')}
            onRetry={() => void loadDetail(jobId)}
          />
        ) : null}
        {state?.value && state.status !== 'failed' ? <ProblemLists detail={state.value} /> : null}
      </Details.Content>
    </Details>
  );
}

function ProblemLists({ detail }: { detail: DownloadJobDetail }) {
  const t = useT();
  const errorText = useErrorText();
  return (
    <div className="job-problems">
      {detail.infected.length ? (
        <section className="job-problems__section" data-testid="job-infected">
          <Heading level={4} data-size="2xs">
            {t('downloads.infectedHeading')}
          </Heading>
          <Paragraph data-size="sm">{t('downloads.infectedBody')}</Paragraph>
          <ul className="job-problems__list">
            {detail.infected.map((i) => (
              <li key={i.elementId}>
                <strong>{visibleName(i.filename) ?? i.elementId}</strong> ({t('downloads.problemInstance')}{' '}
                {i.instanceId})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="job-problems__section" data-testid="job-failures">
        <Heading level={4} data-size="2xs">
          {t('downloads.failedHeading')}
        </Heading>
        {detail.failures.length === 0 ? (
          <Paragraph data-size="sm">{t('downloads.failedNone')}</Paragraph>
        ) : (
          <Table data-size="sm" className="job-problems__table">
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('downloads.problemFile')}</Table.HeaderCell>
                <Table.HeaderCell>{t('downloads.problemInstance')}</Table.HeaderCell>
                <Table.HeaderCell>{t('downloads.problemWhat')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {detail.failures.map((f) => {
                const text = errorText(new ApiError({ code: f.code, message: f.message }));
                return (
                  <Table.Row key={`${f.instanceId}:${f.elementId ?? ''}:${f.code}`} data-error-code={f.code}>
                    <Table.Cell>
                      {visibleName(f.filename) ?? (f.elementId ? f.elementId : t('downloads.problemWholeInstance'))}
                    </Table.Cell>
                    <Table.Cell className="job-problems__id">{f.instanceId}</Table.Cell>
                    <Table.Cell>
                      <strong>{text.title}</strong>
                      {text.hint ? <span className="job-problems__hint"> {text.hint}</span> : null}
                      <span className="job-problems__message">{visibleName(f.message)}</span>
                    </Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        )}
      </section>
    </div>
  );
}

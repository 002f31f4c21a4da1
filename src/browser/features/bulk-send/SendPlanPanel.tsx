import { Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import type { SendPlanView } from '../../../common/contract/bulk-send-types';
import { useLanguage, useT } from '../../hooks/use-t';
import { problemWords } from './row-problem-words';
import { roleLabels } from './send-text';

function letter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** What main read: the columns as they are used, the dry run's counts, and every problem by row. */
export function SendPlanPanel({ plan }: { plan: SendPlanView }) {
  const t = useT();
  const lang = useLanguage();
  const s = plan.summary;
  const figures: [string, number, string][] = [
    [t('send.summaryRows'), s.rows, 'rows'],
    [t('send.summaryToSend'), s.toSend, 'to-send'],
    [t('send.summaryAlreadySent'), s.alreadySent, 'already-sent'],
    [t('send.summaryInvalid'), s.invalid, 'invalid'],
    [t('send.summaryWarnings'), s.warnings, 'warnings'],
    [t('send.summaryAttachments'), s.attachments, 'attachments'],
  ];
  return (
    <div className="send-plan" data-testid="send-plan">
      <section aria-labelledby="send-summary">
        <Heading level={3} data-size="xs" id="send-summary">
          {t('send.summaryTitle')} · {plan.fileName}
        </Heading>
        <dl className="send-figures">
          {figures.map(([label, n, id]) => (
            <div key={id} className={`send-figure send-figure--${id}`} data-testid={`send-figure-${id}`}>
              <dt>{label}</dt>
              <dd>{n}</dd>
            </div>
          ))}
        </dl>
        <Paragraph data-size="sm">{t('send.dryRunNote')}</Paragraph>
      </section>
      <details className="send-columns" open={plan.columns.some((c) => c.role === 'unknown')}>
        <summary>
          {t('send.columns')} ({plan.columns.length})
        </summary>
        <Table data-size="sm" data-testid="send-columns">
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('send.columnHeader')}</Table.HeaderCell>
              <Table.HeaderCell>{t('send.columnMeaning')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {plan.columns.map((c) => (
              <Table.Row key={c.index} data-role={c.role}>
                <Table.Cell>
                  <span className="send-col-letter">{letter(c.index)}</span> {c.header}
                </Table.Cell>
                <Table.Cell>
                  {c.role === 'unknown' ? (
                    <Tag data-color="warning" data-size="sm">
                      {t(roleLabels[c.role])}
                    </Tag>
                  ) : (
                    t(roleLabels[c.role], { target: c.target ?? '' })
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </details>
      <section aria-labelledby="send-problems">
        <Heading level={3} data-size="xs" id="send-problems">
          {t('send.problemsTitle')}
        </Heading>
        {plan.problems.length === 0 ? (
          <Paragraph data-size="sm" data-testid="send-no-problems">
            {t('send.noProblems')}
          </Paragraph>
        ) : (
          <div className="send-table-wrap">
            <Table data-size="sm" data-testid="send-problems">
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('send.problemRow')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('send.problemColumn')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('send.problemWhat')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {plan.problems.slice(0, 500).map((p) => {
                  const words = problemWords(p, lang);
                  return (
                    <Table.Row key={`${p.row}-${p.code}-${p.column ?? ''}`} data-row={p.row} data-code={p.code}>
                      <Table.Cell>{p.row}</Table.Cell>
                      <Table.Cell>{p.column ?? '–'}</Table.Cell>
                      <Table.Cell>
                        <Tag data-color={p.severity === 'error' ? 'danger' : 'warning'} data-size="sm">
                          {p.severity === 'error' ? t('send.error') : t('send.warning')}
                        </Tag>{' '}
                        <strong>{words.title}</strong>
                        {words.detail ? <div className="send-problem-detail">{words.detail}</div> : null}
                      </Table.Cell>
                    </Table.Row>
                  );
                })}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>
    </div>
  );
}

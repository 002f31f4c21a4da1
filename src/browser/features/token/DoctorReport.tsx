import { Alert, Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import type { DoctorCheckId, DoctorStatus, DoctorReport as Report } from '../../../common/contract/token-status';
import { errorTexts } from '../../../common/i18n/errors';
import { doctorLabels } from '../../../common/i18n/errors/auth';
import type { MessageKey } from '../../../common/i18n/translate';
import { type T, useLanguage, useT } from '../../hooks/use-t';
import { formatClock } from './format-time';

const look: Record<DoctorStatus, { tone: string; icon: string; label: MessageKey; overall: MessageKey }> = {
  pass: { tone: 'success', icon: '✓', label: 'token.doctorPass', overall: 'token.doctorOverallPass' },
  warn: { tone: 'warning', icon: '!', label: 'token.doctorWarn', overall: 'token.doctorOverallWarn' },
  fail: { tone: 'danger', icon: '✕', label: 'token.doctorFail', overall: 'token.doctorOverallFail' },
  skip: { tone: 'neutral', icon: '–', label: 'token.doctorSkip', overall: 'token.doctorOverallSkip' },
};

/** What a passed check means, in words (the row's own detail is main's English technical note). */
const passText: Record<DoctorCheckId, MessageKey> = {
  wellKnown: 'token.doctorPassWellKnown',
  clock: 'token.doctorPassClock',
  key: 'token.doctorPassKey',
  auth: 'token.doctorPassAuth',
  token: 'token.doctorPassToken',
  scopes: 'token.doctorPassScopes',
  exchange: 'token.doctorPassExchange',
  orgClaim: 'token.doctorPassOrgClaim',
};

function StatusTag({ status, t }: { status: DoctorStatus; t: T }) {
  const l = look[status];
  return (
    <Tag data-color={l.tone} data-size="sm" className="doctor-status">
      <span aria-hidden="true" className="doctor-status__icon">
        {l.icon}
      </span>
      {t(l.label)}
    </Tag>
  );
}

/**
 * The doctor's rows: status, the check in words, and for a warning or failure what it means and how to
 * fix it (the catalogue entry of the row's `hintCode`). The row's English detail is kept as a technical note.
 */
export function DoctorReport({ report }: { report: Report }) {
  const t = useT();
  const lang = useLanguage();
  const overall = look[report.overall];
  return (
    <section
      className="doctor"
      data-testid="doctor-report"
      data-overall={report.overall}
      aria-labelledby="doctor-title"
    >
      <div className="doctor__head">
        <Heading level={3} data-size="sm" id="doctor-title">
          {t('token.doctorHeading')}
        </Heading>
        <Paragraph data-size="sm" className="token-muted">
          {t('token.doctorIntro')} {t('token.doctorCheckedAt', { time: formatClock(new Date(report.checkedAt), lang) })}
        </Paragraph>
      </div>
      <Alert
        data-color={report.overall === 'pass' ? 'success' : report.overall === 'skip' ? 'info' : overall.tone}
        data-size="sm"
        data-testid="doctor-overall"
      >
        <Paragraph data-size="sm">
          <strong>{t(overall.overall)}</strong>
        </Paragraph>
      </Alert>
      <Table data-size="sm" className="doctor__table">
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('token.doctorResult')}</Table.HeaderCell>
            <Table.HeaderCell>{t('token.doctorCheck')}</Table.HeaderCell>
            <Table.HeaderCell>{t('token.doctorDetailHeader')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {report.rows.map((row) => {
            const explained = row.status === 'warn' || row.status === 'fail';
            const entry = explained && row.hintCode ? errorTexts[row.hintCode]?.[lang] : undefined;
            return (
              <Table.Row
                key={row.id}
                data-testid={`doctor-row-${row.id}`}
                data-status={row.status}
                className={`doctor__row doctor__row--${row.status}`}
              >
                <Table.Cell className="doctor__status-cell">
                  <StatusTag status={row.status} t={t} />
                </Table.Cell>
                <Table.Cell className="doctor__name">{doctorLabels[row.label]?.[lang] ?? row.label}</Table.Cell>
                <Table.Cell className="doctor__explain">
                  {entry ? (
                    <div className="doctor__hint" data-testid={`doctor-hint-${row.id}`}>
                      <strong>{entry.title}</strong>
                      {entry.hint ? <span>{entry.hint}</span> : null}
                    </div>
                  ) : (
                    <div className="doctor__hint">
                      {row.status === 'pass'
                        ? t(passText[row.id])
                        : row.status === 'skip'
                          ? t('token.doctorSkipped')
                          : null}
                    </div>
                  )}
                  {/* main's English note for this run (URLs, seconds, codes): for support, not for reading first. */}
                  <span className="doctor__detail">
                    {t('token.doctorTechnical')} <span lang="en">{row.detail}</span>
                  </span>
                </Table.Cell>
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
    </section>
  );
}

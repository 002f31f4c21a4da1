import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { WatchStop } from '../../../common/contract/intake';
import { errorTexts } from '../../../common/i18n/errors';
import { doctorLabels } from '../../../common/i18n/errors/auth';
import { ApiError } from '../../api';
import { useErrorText, useLanguage, useT } from '../../hooks/use-t';

/**
 * Why a watch stopped (failure-kind.ts: an error a person must fix): the error in words, and for a token,
 * key or scope problem the rows of the profile check (the doctor) that explain it. "Resume" is on the card.
 */
export function StopNotice({ stop }: { stop: WatchStop }) {
  const t = useT();
  const lang = useLanguage();
  const text = useErrorText()(new ApiError(stop.error));
  return (
    <Alert data-color="danger" data-size="sm" data-testid="watch-stop" data-error-code={stop.error.code}>
      <Heading level={4} data-size="2xs">
        {t('intake.stoppedHeading')}: {text.title}
      </Heading>
      {text.hint ? <Paragraph data-size="sm">{text.hint}</Paragraph> : null}
      {stop.doctor?.length ? (
        <div className="watch-stop__doctor" data-testid="watch-stop-doctor">
          <Paragraph data-size="sm">
            <strong>{t('intake.doctorHeading')}</strong>
          </Paragraph>
          <ul>
            {stop.doctor.map((row) => {
              const entry = row.hintCode ? errorTexts[row.hintCode]?.[lang] : undefined;
              return (
                <li key={row.id} data-status={row.status}>
                  <strong>{doctorLabels[row.label]?.[lang] ?? row.id}</strong>
                  {entry ? `: ${entry.title}. ${entry.hint ?? ''}` : `: ${row.detail}`}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      <Paragraph data-size="sm" className="error-alert__detail">
        {t('shell.errorCode', { code: text.code })} · {text.message}
      </Paragraph>
      <Paragraph data-size="sm">{t('intake.stoppedBody')}</Paragraph>
    </Alert>
  );
}

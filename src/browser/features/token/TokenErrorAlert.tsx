import { Alert, Details, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useErrorText, useT } from '../../hooks/use-t';

/**
 * A token failure as a case worker needs it: what went wrong and what to do (the catalogue's title and
 * hint, src/common/i18n/errors/auth.ts), with the code and main's specific message folded away for support.
 */
export function TokenErrorAlert({ error, heading, testId }: { error: unknown; heading: string; testId: string }) {
  const t = useT();
  const text = useErrorText()(error);
  return (
    <Alert data-color="danger" data-testid={testId} data-error-code={text.code} className="token-error">
      <Heading level={3} data-size="xs">
        {heading}: {text.title}
      </Heading>
      {text.hint ? <Paragraph>{text.hint}</Paragraph> : null}
      <Details data-testid={`${testId}-details`}>
        <Details.Summary>{t('token.technicalDetails')}</Details.Summary>
        <Details.Content>
          <dl className="token-error__details">
            <dt>{t('token.errorCode')}</dt>
            <dd>
              <code>{text.code}</code>
            </dd>
            <dt>{t('token.errorMessage')}</dt>
            <dd>{text.message}</dd>
          </dl>
        </Details.Content>
      </Details>
    </Alert>
  );
}

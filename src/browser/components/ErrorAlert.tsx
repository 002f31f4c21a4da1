import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { visibleName } from '../../common/format/hidden-characters';
import { useErrorText, useT } from '../hooks/use-t';
import { ProblemItemList } from './ProblemItemList';

/**
 * An error as a person needs it: the localized title and what to do, with the code and the specific
 * English message tucked below for support.
 */
export function ErrorAlert({ error, onRetry, heading }: { error: unknown; onRetry?: () => void; heading?: string }) {
  const t = useT();
  const text = useErrorText()(error);
  return (
    <Alert data-color="danger" data-testid="error-alert" data-error-code={text.code}>
      <Heading level={2} data-size="xs">
        {heading ?? text.title}
      </Heading>
      {heading ? <Paragraph>{text.title}</Paragraph> : null}
      {text.hint ? <Paragraph>{text.hint}</Paragraph> : null}
      <ProblemItemList error={error} />
      <Paragraph data-size="sm" className="error-alert__detail">
        {t('shell.errorCode', { code: text.code })} · {visibleName(text.message)}
      </Paragraph>
      {onRetry ? (
        <Button variant="secondary" data-size="sm" onClick={onRetry}>
          {t('shell.retry')}
        </Button>
      ) : null}
    </Alert>
  );
}

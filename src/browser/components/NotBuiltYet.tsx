import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useT } from '../hooks/use-t';

/** The plain-spoken placeholder for a task whose view is not built yet. */
export function NotBuiltYet({ task }: { task: string }) {
  const t = useT();
  return (
    <Alert data-color="info" data-testid="not-built-yet">
      <Heading level={3} data-size="xs">
        {t('shell.notBuiltTitle')}
      </Heading>
      <Paragraph>{t('shell.notBuiltBody', { task })}</Paragraph>
    </Alert>
  );
}

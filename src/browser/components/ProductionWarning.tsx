import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';

/**
 * The red box a production action carries before the person says yes (DESIGN.md: production is
 * unmistakable). `children` add what the action is about, below the body.
 */
export function ProductionWarning({
  title,
  body,
  testId,
  children,
}: {
  title: ReactNode;
  body: string;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <Alert data-color="danger" data-size="sm" data-testid={testId}>
      <Heading level={3} data-size="2xs">
        {title}
      </Heading>
      <Paragraph data-size="sm">{body}</Paragraph>
      {children}
    </Alert>
  );
}

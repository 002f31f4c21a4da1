import { Heading, Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';

/** What a list shows before it has anything: a heading, a sentence, and the action that fills it. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="state state--empty" data-testid="empty-state">
      <Heading level={2} data-size="sm">
        {title}
      </Heading>
      {children ? <Paragraph>{children}</Paragraph> : null}
      {action}
    </div>
  );
}

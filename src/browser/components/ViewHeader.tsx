import { Heading } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';

/** The heading of a task view; it takes focus when the view opens so screen readers hear where they are. */
export function ViewHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="view-header">
      <Heading level={2} data-size="md" tabIndex={-1} className="view-header__title" data-view-heading>
        {title}
      </Heading>
      {children}
    </div>
  );
}

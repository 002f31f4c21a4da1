import { Heading, Tag } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';

export interface CardTag {
  label: string;
  color: string;
  testId?: string;
}

/**
 * A card for something main runs (a download job, an intake watch): its title and tags (production,
 * confirm, its state) in the header, the rest below. Styled by downloads.css (`download-job`).
 */
export function StatusCard({
  id,
  testId,
  state,
  title,
  tags,
  attributes,
  className,
  children,
}: {
  /** Unique on the page: the title's id is `<id>-title`. */
  id: string;
  testId: string;
  state: string;
  title: ReactNode;
  tags: (CardTag | false | undefined)[];
  /** More data-* attributes for tests (e.g. the job's or watch's id). */
  attributes?: Record<`data-${string}`, string>;
  className?: string;
  children: ReactNode;
}) {
  return (
    <article
      className={className ? `download-job ${className}` : 'download-job'}
      data-testid={testId}
      data-state={state}
      aria-labelledby={`${id}-title`}
      {...attributes}
    >
      <header className="download-job__header">
        <Heading level={3} data-size="xs" id={`${id}-title`} className="download-job__title">
          {title}
        </Heading>
        <div className="download-job__tags">
          {tags.map((tag) =>
            tag ? (
              <Tag key={tag.label} data-color={tag.color} data-size="sm" data-testid={tag.testId}>
                {tag.label}
              </Tag>
            ) : null,
          )}
        </div>
      </header>
      {children}
    </article>
  );
}

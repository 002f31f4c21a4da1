import { Paragraph, Tag } from '@digdir/designsystemet-react';
import { formatDateTime } from '../../../common/format/dates';
import { useLanguage, useT } from '../../hooks/use-t';

/**
 * How the instance reads in the owner's inbox: the app's title with the presentation texts after it, the
 * substatus as a label with its description below, and the deadline. A sketch to check wording by, not
 * Altinn's exact drawing.
 */
export function InboxPreview({
  title,
  org,
  substatus,
  presentationTexts,
  dueBefore,
}: {
  title: string;
  org: string | null;
  substatus: { label: string; description: string | null } | null;
  presentationTexts: Record<string, string>;
  dueBefore: string | null;
}) {
  const t = useT();
  const lang = useLanguage();
  const texts = Object.values(presentationTexts).filter(Boolean);
  return (
    <figure className="acts-inbox" data-testid="inbox-preview">
      <figcaption className="acts-muted">{t('acts.previewHeading')}</figcaption>
      <div className="acts-inbox__item">
        <div className="acts-inbox__title">
          <strong>{[title, ...texts].join(' – ')}</strong>
          {dueBefore ? (
            <span className="acts-muted">{t('acts.previewDue', { time: formatDateTime(dueBefore, lang) })}</span>
          ) : null}
        </div>
        {org ? <span className="acts-muted">{t('acts.previewSender', { org })}</span> : null}
        {substatus ? (
          <div className="acts-inbox__status">
            <Tag data-color="info" data-size="sm" data-testid="inbox-substatus">
              {substatus.label}
            </Tag>
            {substatus.description ? <Paragraph data-size="sm">{substatus.description}</Paragraph> : null}
          </div>
        ) : (
          <span className="acts-muted">{t('acts.previewNoSub')}</span>
        )}
      </div>
    </figure>
  );
}

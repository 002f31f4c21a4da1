import { Paragraph, Tag } from '@digdir/designsystemet-react';
import type { KeySummary } from '../../../common/contract/keys';
import { useLanguage, useT } from '../../hooks/use-t';
import { formatDate } from './key-dates';

/**
 * The one-year Maskinporten expiry (reference §4, MP-121) as a badge: OK, a warning from 30 days before
 * (main decides the state), danger once expired; "unknown" until the registration date is set.
 */
export function ExpiryCell({ keySummary: k }: { keySummary: KeySummary }) {
  const t = useT();
  const lang = useLanguage();
  if (k.expiry === 'unregistered' || !k.expiresAt) {
    return (
      <div className="key-cell" data-testid="expiry" data-expiry="unregistered">
        <Tag data-color="neutral" data-size="sm" variant="outline">
          {t('keys.expiryUnknown')}
        </Tag>
        <Paragraph data-size="xs" className="key-cell__subtle">
          {t('keys.expiryUnknownHint')}
        </Paragraph>
      </div>
    );
  }
  const days = k.daysToExpiry ?? 0;
  const [color, label] =
    k.expiry === 'expired'
      ? (['danger', t('keys.expiryExpired')] as const)
      : k.expiry === 'expiring'
        ? (['warning', days === 1 ? t('keys.expiryExpiringOne') : t('keys.expiryExpiring', { days })] as const)
        : (['success', t('keys.expiryOk')] as const);
  return (
    <div className="key-cell" data-testid="expiry" data-expiry={k.expiry}>
      <Tag data-color={color} data-size="sm">
        {label}
      </Tag>
      <span>{formatDate(k.expiresAt, lang)}</span>
    </div>
  );
}

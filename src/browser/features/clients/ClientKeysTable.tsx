import { Button, Table, Tag } from '@digdir/designsystemet-react';
import type { ClientKeyExpiry, ClientKeyInfo } from '../../../common/contract/clients';
import type { MessageKey } from '../../../common/i18n/translate';
import { useLanguage, useT } from '../../hooks/use-t';
import { formatDate } from './selfservice-text';

const look: Record<ClientKeyExpiry, { color: string; label: MessageKey }> = {
  ok: { color: 'success', label: 'clients.keyOk' },
  expiring: { color: 'warning', label: 'clients.keyExpiring' },
  expired: { color: 'danger', label: 'clients.keyExpired' },
  unknown: { color: 'neutral', label: 'clients.keyUnknown' },
};

/** The keys published on a client: kid, whether this machine holds it, when it expires, and remove. */
export function ClientKeysTable({ keys, onRemove }: { keys: ClientKeyInfo[]; onRemove(key: ClientKeyInfo): void }) {
  const t = useT();
  const lang = useLanguage();
  return (
    <Table data-size="sm" className="clients-table" data-testid="clients-keys">
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('clients.keyKid')}</Table.HeaderCell>
          <Table.HeaderCell>{t('clients.keyLocal')}</Table.HeaderCell>
          <Table.HeaderCell>{t('clients.keyExpires')}</Table.HeaderCell>
          <Table.HeaderCell>{t('clients.keyStatus')}</Table.HeaderCell>
          <Table.HeaderCell>
            <span className="ds-sr-only">{t('clients.keyActions')}</span>
          </Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {keys.map((k) => {
          const l = look[k.expiry];
          const date = k.expiresAt ? formatDate(k.expiresAt, lang) : null;
          return (
            <Table.Row key={k.kid} data-testid="clients-key-row" data-kid={k.kid} data-expiry={k.expiry}>
              <Table.Cell>
                <code className="clients-code">{k.kid}</code>
                {k.hasCertificate ? <div className="clients-muted">{t('clients.keyCertificate')}</div> : null}
              </Table.Cell>
              <Table.Cell>{k.localKeyName ?? t('clients.keyNotLocal')}</Table.Cell>
              <Table.Cell>
                {!date
                  ? t('clients.keyExpiryUnknown')
                  : k.expiry === 'expired'
                    ? t('clients.keyExpiredOn', { date })
                    : t('clients.keyExpiresIn', { date, days: k.daysToExpiry ?? 0 })}
              </Table.Cell>
              <Table.Cell>
                <Tag data-size="sm" data-color={l.color}>
                  {t(l.label)}
                </Tag>
              </Table.Cell>
              <Table.Cell>
                <Button
                  variant="tertiary"
                  data-color="danger"
                  data-size="sm"
                  onClick={() => onRemove(k)}
                  aria-label={t('clients.removeKeyLabel', { kid: k.kid })}
                  data-testid="clients-remove-key"
                >
                  {t('clients.removeKey')}
                </Button>
              </Table.Cell>
            </Table.Row>
          );
        })}
      </Table.Body>
    </Table>
  );
}

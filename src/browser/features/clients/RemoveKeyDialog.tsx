import { Alert, Paragraph } from '@digdir/designsystemet-react';
import type { ClientDetails, ClientKeyInfo } from '../../../common/contract/clients';
import { PROPAGATION_MINUTES } from '../../../common/contract/clients-limits';
import { useT } from '../../hooks/use-t';
import { useClientsStore } from '../../store/use-clients-store';
import { WriteDialog } from './WriteDialog';

/**
 * Remove one key from a client, after saying what it means: systems signing with it stop getting tokens,
 * the last key leaves the client unable to get any, and a local profile using it stops working. Having
 * read that, the person's yes is what allows the last key (allowEmpty) and a key in use (force).
 */
export function RemoveKeyDialog({
  client,
  target,
  production,
  onClose,
}: {
  client: ClientDetails;
  target: ClientKeyInfo;
  production: boolean;
  onClose(): void;
}) {
  const t = useT();
  const profiles = useClientsStore((s) => s.local.value.profiles);
  const removeKey = useClientsStore((s) => s.removeKey);
  const last = client.keys.length === 1;
  const users = target.localKeyId
    ? profiles.filter((p) => p.clientId === client.clientId && p.keyId === target.localKeyId)
    : [];

  return (
    <WriteDialog
      open
      title={t('clients.removeTitle', { kid: target.kid })}
      production={production}
      keyChange
      confirmLabel={t('clients.removeConfirm')}
      busyLabel={t('clients.saving')}
      tone="danger"
      testId="clients-remove-dialog"
      onClose={onClose}
      onConfirm={(confirmProduction) =>
        removeKey({
          clientId: client.clientId,
          kid: target.kid,
          ...(last ? { allowEmpty: true } : {}),
          ...(users.length > 0 ? { force: true } : {}),
          ...(confirmProduction ? { confirmProduction } : {}),
        })
      }
    >
      <Paragraph>
        {t('clients.removeBody', { name: client.clientName || client.clientId, minutes: PROPAGATION_MINUTES })}
      </Paragraph>
      {last || users.length > 0 ? (
        <Alert data-color="warning" data-size="sm" data-testid="clients-remove-consequence">
          {last ? <Paragraph data-size="sm">{t('clients.removeLast')}</Paragraph> : null}
          {users.length > 0 ? (
            <Paragraph data-size="sm">
              {t('clients.removeInUse', { profiles: users.map((p) => `«${p.name}»`).join(', ') })}
            </Paragraph>
          ) : null}
        </Alert>
      ) : null}
    </WriteDialog>
  );
}

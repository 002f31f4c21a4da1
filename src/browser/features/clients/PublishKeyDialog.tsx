import { Paragraph } from '@digdir/designsystemet-react';
import { useRef, useState } from 'react';
import type { ClientDetails } from '../../../common/contract/clients';
import { PROPAGATION_MINUTES } from '../../../common/contract/clients-limits';
import { useT } from '../../hooks/use-t';
import { useClientsStore } from '../../store/use-clients-store';
import { KeyChoiceField, type KeyChoiceValue } from './KeyChoiceField';
import { WriteDialog } from './WriteDialog';

/** Publish a stored (or new) key on a client: merged with the keys already there, never replacing them. */
export function PublishKeyDialog({
  client,
  production,
  onClose,
}: {
  client: ClientDetails;
  production: boolean;
  onClose(): void;
}) {
  const t = useT();
  const keys = useClientsStore((s) => s.local.value.keys);
  const generateKey = useClientsStore((s) => s.generateKey);
  const publishKey = useClientsStore((s) => s.publishKey);
  const today = new Date().toISOString().slice(0, 10);
  const [key, setKey] = useState<KeyChoiceValue>({
    choice: 'new',
    keyId: '',
    newName: `${(client.clientName || client.clientId).slice(0, 68)} ${today}`,
  });
  const madeKeyId = useRef<string | undefined>(undefined);
  const kids = client.keys.map((k) => k.kid);

  const ready = key.choice === 'new' ? key.newName.trim() !== '' : key.keyId !== '';

  async function publish(confirmProduction: true | undefined) {
    let keyId = key.keyId;
    if (key.choice === 'new') {
      madeKeyId.current ??= (await generateKey(key.newName.trim())).id;
      keyId = madeKeyId.current;
    }
    await publishKey({ clientId: client.clientId, keyId, ...(confirmProduction ? { confirmProduction } : {}) });
  }

  return (
    <WriteDialog
      open
      title={t('clients.publishTitle', { name: client.clientName || client.clientId })}
      production={production}
      keyChange
      confirmLabel={t('clients.publishConfirm')}
      busyLabel={t('clients.publishing')}
      tone="accent"
      onConfirm={publish}
      onClose={onClose}
      testId="clients-publish-dialog"
      confirmDisabled={!ready}
    >
      <Paragraph>{t('clients.publishMerge')}</Paragraph>
      <Paragraph>
        {t('clients.publishLimit', { max: client.maxKeys, count: client.keys.length })}{' '}
        <strong>{t('clients.publishDelay', { minutes: PROPAGATION_MINUTES })}</strong>
      </Paragraph>
      <KeyChoiceField
        value={key}
        onChange={setKey}
        keys={keys}
        choices={['new', 'existing']}
        kidsOnClient={kids}
        testId="clients-publish-key"
        newNameLabel={t('clients.publishNewKeyName')}
      />
    </WriteDialog>
  );
}

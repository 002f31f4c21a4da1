import { Alert, Button, Heading, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useState } from 'react';
import type { VaultStatusInfo } from '../../../common/contract/keys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useT } from '../../hooks/use-t';
import { useKeysStore } from '../../store/use-keys-store';

/**
 * Which vault guards the private keys (DESIGN.md: keychain by default; no keychain → fail closed, and a
 * passphrase vault only as the person's explicit choice), with what to do when it is not usable.
 */
export function VaultStatus({ vault, onChoosePassphrase }: { vault: VaultStatusInfo; onChoosePassphrase: () => void }) {
  const t = useT();
  const refreshVault = useKeysStore((s) => s.refreshVault);
  const switchToKeychainVault = useKeysStore((s) => s.switchToKeychainVault);
  const { busy, error, run } = useBusyAction();

  const common = { 'data-testid': 'vault-status', 'data-vault-kind': vault.kind, 'data-unlocked': vault.unlocked };

  if (vault.kind === 'passphrase' && !vault.unlocked) {
    return <UnlockForm {...common} />;
  }

  if (vault.kind === 'keychain' && !vault.unlocked) {
    return (
      <Alert data-color="warning" {...common}>
        <Heading level={3} data-size="xs">
          {t('keys.vaultNoKeychainTitle')}
        </Heading>
        <Paragraph>{t('keys.vaultNoKeychainBody')}</Paragraph>
        {vault.detail ? (
          <Paragraph data-size="sm" className="key-cell__subtle">
            {t('keys.vaultDetail', { detail: vault.detail })}
          </Paragraph>
        ) : null}
        <Paragraph>{vault.canSwitch ? t('keys.vaultNoKeychainChoice') : t('keys.vaultNoKeychainLocked')}</Paragraph>
        {error ? <ErrorAlert error={error} /> : null}
        <div className="key-toolbar">
          <Button variant="secondary" loading={busy} disabled={busy} onClick={() => void run(refreshVault)}>
            {t('keys.vaultRetry')}
          </Button>
          {vault.canSwitch ? (
            <Button variant="secondary" onClick={onChoosePassphrase} data-testid="vault-choose-passphrase">
              {t('keys.vaultChoosePassphrase')}
            </Button>
          ) : null}
        </div>
      </Alert>
    );
  }

  return (
    <div className="vault-line" {...common}>
      <Tag data-color={vault.kind === 'keychain' ? 'success' : 'info'} data-size="sm">
        {vault.kind === 'keychain' ? t('keys.vaultTagKeychain') : t('keys.vaultTagPassphrase')}
      </Tag>
      <Paragraph data-size="sm">
        {vault.kind === 'keychain' ? t('keys.vaultKeychain') : t('keys.vaultPassphraseOpen')}
      </Paragraph>
      {vault.kind === 'passphrase' && vault.canSwitch ? (
        <Button variant="tertiary" data-size="sm" disabled={busy} onClick={() => void run(switchToKeychainVault)}>
          {t('keys.vaultUseKeychain')}
        </Button>
      ) : null}
      {error ? <ErrorAlert error={error} /> : null}
    </div>
  );
}

function UnlockForm(props: Record<string, unknown>) {
  const t = useT();
  const unlockVault = useKeysStore((s) => s.unlockVault);
  const load = useKeysStore((s) => s.load);
  const [passphrase, setPassphrase] = useState('');
  const [empty, setEmpty] = useState(false);
  const { busy, error, run } = useBusyAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!passphrase) {
      setEmpty(true);
      return;
    }
    await run(async () => {
      await unlockVault(passphrase);
      setPassphrase('');
      await load();
    });
  }

  return (
    <Alert data-color="info" {...props}>
      <Heading level={3} data-size="xs">
        {t('keys.vaultLockedTitle')}
      </Heading>
      <Paragraph>{t('keys.vaultLockedBody')}</Paragraph>
      <form className="vault-unlock" onSubmit={submit} noValidate aria-busy={busy}>
        <Textfield
          type="password"
          label={t('keys.vaultPassphrase')}
          value={passphrase}
          onChange={(e) => {
            setPassphrase(e.target.value);
            setEmpty(false);
          }}
          error={empty ? t('keys.passphraseRequired') : undefined}
          autoComplete="current-password"
          data-testid="vault-unlock-passphrase"
        />
        <Button type="submit" loading={busy} disabled={busy} data-testid="vault-unlock-submit">
          {busy ? t('keys.vaultUnlocking') : t('keys.vaultUnlock')}
        </Button>
      </form>
      {error ? <ErrorAlert error={error} /> : null}
    </Alert>
  );
}

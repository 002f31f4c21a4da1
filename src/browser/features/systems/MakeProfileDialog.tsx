import { Alert, Field, Label, Paragraph, Select, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useId, useState } from 'react';
import type { SystemUserInfo } from '../../../common/contract/systems';
import { VENDOR_SCOPE_LIST } from '../../../common/contract/systems-limits';
import { ActionForm } from '../../components/ActionForm';
import { AppDialog } from '../../components/AppDialog';
import { FormFooter } from '../../components/FormFooter';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useT } from '../../hooks/use-t';
import { useSystemsStore } from '../../store/use-systems-store';

/**
 * A client profile for an accepted system user: the client id and key of a profile whose client the
 * system lists, the API scopes, and the system-user claim (org, and externalRef when the grant needs it).
 */
export function MakeProfileDialog({
  user,
  environmentName,
  onClose,
}: {
  user?: SystemUserInfo;
  environmentName: string;
  onClose(): void;
}) {
  const t = useT();
  const selectId = useId();
  const system = useSystemsStore((s) => s.system.value);
  const profiles = useSystemsStore((s) => s.profiles.value);
  const makeProfile = useSystemsStore((s) => s.makeProfile);
  const candidates = profiles.filter((p) => !p.systemUser && system?.clientIds.includes(p.clientId));
  const [clientProfileId, setClientProfileId] = useState('');
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState('');
  const { busy, error, setError, run } = useBusyAction();
  const org = user?.reporteeOrgNo ?? '';

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when another system user is chosen
  useEffect(() => {
    if (!user) return;
    const first = candidates.find((p) => !p.scopes.every((s) => VENDOR_SCOPE_LIST.includes(s))) ?? candidates[0];
    setClientProfileId(first?.id ?? '');
    setName(t('systems.profileName', { org: user.reporteeOrgNo }));
    setScopes('');
    setError(undefined);
  }, [user?.id]);

  async function submit() {
    if (!user || !clientProfileId) return;
    const list = scopes.split(/[\s,]+/).filter(Boolean);
    const failed = await run(() =>
      makeProfile({
        systemUserId: user.id,
        clientProfileId,
        name: name.trim(),
        ...(list.length ? { scopes: list } : {}),
      }),
    );
    if (!failed) onClose();
  }

  return (
    <AppDialog
      open={user !== undefined}
      title={t('systems.makeProfileTitle', { org })}
      onClose={() => !busy && onClose()}
      testId="systems-profile-dialog"
      bodyClassName="dialog-body"
    >
      <Paragraph>
        {t('systems.makeProfileBody', {
          org,
          ref: user?.externalRefInGrant ? t('systems.makeProfileRef', { ref: user.externalRef }) : '',
        })}
      </Paragraph>
      {candidates.length === 0 ? (
        <Alert data-color="warning" data-size="sm" data-testid="systems-profile-no-client">
          <Paragraph>
            {t('systems.noClientProfile', { env: environmentName, clientIds: system?.clientIds.join(', ') ?? '' })}
          </Paragraph>
        </Alert>
      ) : (
        <ActionForm onSubmit={submit} className="systems-form__fields">
          <Field>
            <Label htmlFor={selectId}>{t('systems.clientProfileLabel')}</Label>
            <Field.Description>{t('systems.clientProfileHelp')}</Field.Description>
            <Select
              id={selectId}
              value={clientProfileId}
              onChange={(e) => setClientProfileId(e.target.value)}
              data-testid="systems-profile-client"
            >
              {candidates.map((p) => (
                <Select.Option key={p.id} value={p.id}>
                  {p.name} ({p.clientId}; {p.scopes.join(' ')})
                </Select.Option>
              ))}
            </Select>
          </Field>
          <Textfield
            label={t('systems.profileNameLabel')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={80}
            autoComplete="off"
            data-testid="systems-profile-name"
          />
          <Textfield
            label={t('systems.profileScopeLabel')}
            description={t('systems.profileScopeHelp')}
            value={scopes}
            onChange={(e) => setScopes(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            data-testid="systems-profile-scopes"
          />
          <FormFooter
            error={error}
            busy={busy}
            submitLabel={t('systems.create')}
            busyLabel={t('systems.creating')}
            submitTestId="systems-profile-submit"
            submitDisabled={!clientProfileId || !name.trim()}
            cancel={{ label: t('systems.cancel'), onClick: onClose }}
          />
        </ActionForm>
      )}
    </AppDialog>
  );
}

import { Button, Card, Heading, Tag } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import type { KeySummary } from '../../../common/contract/keys';
import type { Profile } from '../../../common/contract/profiles';
import { useT } from '../../hooks/use-t';

export interface ProfileListProps {
  profiles: readonly Profile[];
  keys: readonly KeySummary[];
  onEdit(profile: Profile): void;
  onDelete(profile: Profile): void;
}

/** The profiles of the environment, one card each: what a person checks before asking for a token. */
export function ProfileList({ profiles, keys, onEdit, onDelete }: ProfileListProps) {
  const sorted = [...profiles].sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  return (
    <ul className="profiles-list" data-testid="profile-list">
      {sorted.map((profile) => (
        <li key={profile.id}>
          <ProfileCard
            profile={profile}
            keySummary={keys.find((k) => k.id === profile.keyId)}
            onEdit={() => onEdit(profile)}
            onDelete={() => onDelete(profile)}
          />
        </li>
      ))}
    </ul>
  );
}

function ProfileCard({
  profile,
  keySummary,
  onEdit,
  onDelete,
}: {
  profile: Profile;
  keySummary?: KeySummary;
  onEdit(): void;
  onDelete(): void;
}) {
  const t = useT();
  return (
    <Card data-testid="profile-card" data-profile-name={profile.name} className="profile-card">
      <div className="profile-card__head">
        <Heading level={4} data-size="xs" className="profile-card__name">
          {profile.name}
        </Heading>
        <div className="profile-card__tags">
          {profile.testOrg ? (
            <Tag data-size="sm" data-color="info">
              {t('profiles.tagTestOrg')}
            </Tag>
          ) : null}
          {profile.admin ? (
            <Tag data-size="sm" data-color="warning">
              {t('profiles.tagAdmin')}
            </Tag>
          ) : null}
        </div>
        <div className="button-row profile-card__actions">
          <Button
            variant="secondary"
            data-size="sm"
            onClick={onEdit}
            aria-label={t('profiles.editNamed', { name: profile.name })}
            data-testid="profile-edit"
          >
            {t('profiles.edit')}
          </Button>
          <Button
            variant="tertiary"
            data-color="danger"
            data-size="sm"
            onClick={onDelete}
            aria-label={t('profiles.deleteNamed', { name: profile.name })}
            data-testid="profile-delete"
          >
            {t('profiles.delete')}
          </Button>
        </div>
      </div>
      <dl className="profile-card__facts">
        <Fact label={t('profiles.fieldClientId')}>
          <code>{profile.clientId}</code>
        </Fact>
        <Fact label={t('profiles.fieldKey')}>
          {keySummary ? (
            <>
              {keySummary.name}{' '}
              <span className="profiles-muted">
                ({t('profiles.kidLabel')} <code>{keySummary.kid}</code>)
              </span>
            </>
          ) : (
            <Tag data-size="sm" data-color="danger">
              {t('profiles.keyMissing')}
            </Tag>
          )}
        </Fact>
        <Fact label={t('profiles.fieldScopes')}>
          <span className="profile-card__taglist" data-testid="profile-scopes-list">
            {profile.scopes.map((scope) => (
              <Tag key={scope} data-size="sm" data-color="neutral" variant="outline">
                {scope}
              </Tag>
            ))}
          </span>
        </Fact>
        {profile.org || profile.apps.length ? (
          <Fact label={t('profiles.fieldServiceOwner')}>
            <span className="profile-card__taglist">
              {profile.org ? <strong>{profile.org}</strong> : null}
              {profile.apps.length
                ? profile.apps.map((app) => (
                    <Tag key={app} data-size="sm" data-color="accent" variant="outline">
                      {app}
                    </Tag>
                  ))
                : null}
            </span>
          </Fact>
        ) : null}
        {profile.resource?.length ? (
          <Fact label={t('profiles.fieldResource')}>
            {profile.resource.map((r) => (
              <code key={r} className="profile-card__block">
                {r}
              </code>
            ))}
          </Fact>
        ) : null}
        {profile.consumerOrg ? (
          <Fact label={t('profiles.fieldConsumerOrg')}>
            <code>{profile.consumerOrg}</code>
          </Fact>
        ) : null}
        {profile.systemUser ? (
          <Fact label={t('profiles.fieldSystemUser')}>
            <code>{profile.systemUser.org}</code>
            {profile.systemUser.externalRef ? (
              <span className="profiles-muted"> · externalRef {profile.systemUser.externalRef}</span>
            ) : null}
          </Fact>
        ) : null}
      </dl>
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="profile-card__fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

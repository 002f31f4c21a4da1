import { Details, Tag } from '@digdir/designsystemet-react';
import { Fragment, type ReactNode } from 'react';
import type { GrantAuth, TokenClaims, TokenKind } from '../../../common/contract/token-status';
import type { MessageKey } from '../../../common/i18n/translate';
import { useLanguage, useT } from '../../hooks/use-t';
import { formatLocalTime } from './format-time';
import {
  ALTINN_ORG,
  ALTINN_ORG_NUMBER,
  dateOf,
  groupOrgNumber,
  orgNumberOf,
  scopesOf,
  systemUserDetails,
  systemUserOrgs,
  textOf,
} from './token-claims';

/** A scope may break after `:` and `/` (altinn:serviceowner/ | instances.read), never mid-word. */
function breakable(scope: string): ReactNode {
  return scope.split(/(?<=[:/])/).map((part, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string, in order
    <Fragment key={i}>
      {i > 0 ? <wbr /> : null}
      {part}
    </Fragment>
  ));
}

interface Row {
  key: string;
  label: MessageKey;
  /** The claim's own name, shown small under the label for those who compare with docs. */
  claim?: string;
  value: ReactNode;
}

/**
 * The claims a person asks about, in words (scope as tags, org numbers grouped, times in local time),
 * then every claim as JSON for troubleshooting. Claims are not secret; the token itself never gets here.
 */
export function ClaimList({ kind, claims, auth }: { kind: TokenKind; claims: TokenClaims; auth?: GrantAuth }) {
  const t = useT();
  const lang = useLanguage();
  const rows: Row[] = [];
  const add = (key: string, label: MessageKey, claim: string | undefined, value: ReactNode | undefined) => {
    if (value !== undefined && value !== null && value !== '') rows.push({ key, label, claim, value });
  };
  const org = (claim: unknown) => {
    const n = orgNumberOf(claim);
    return n ? <span className="token-claims__mono">{groupOrgNumber(n)}</span> : undefined;
  };
  const time = (claim: unknown) => {
    const d = dateOf(claim);
    return d ? <time dateTime={d.toISOString()}>{formatLocalTime(d, lang)}</time> : undefined;
  };
  const mono = (value: unknown) => {
    const text = textOf(value);
    return text ? <span className="token-claims__mono">{text}</span> : undefined;
  };

  if (kind === 'altinn') {
    // Storage refuses org queries without it (reference §6 pain point 6): say so when it is missing.
    add(
      'org',
      'token.claimOrg',
      ALTINN_ORG,
      mono(claims[ALTINN_ORG]) ?? (
        <span className="token-claims__missing" data-testid="claim-org-missing">
          {t('token.claimMissing')}
        </span>
      ),
    );
    add('orgNumber', 'token.claimOrgNumber', ALTINN_ORG_NUMBER, org(claims[ALTINN_ORG_NUMBER]));
  }
  const scopes = scopesOf(claims);
  add(
    'scope',
    'token.claimScope',
    'scope',
    scopes.length ? (
      <span className="token-claims__tags">
        {scopes.map((s) => (
          <Tag key={s} data-size="sm" data-color="info" data-testid="scope-tag">
            {breakable(s)}
          </Tag>
        ))}
      </span>
    ) : (
      t('token.claimNone')
    ),
  );
  add('consumer', 'token.claimConsumer', 'consumer', org(claims.consumer));
  add('supplier', 'token.claimSupplier', 'supplier', org(claims.supplier));
  const systemUsers = systemUserOrgs(claims);
  add(
    'systemUser',
    'token.claimSystemUser',
    'authorization_details',
    systemUsers.length ? systemUsers.map(groupOrgNumber).join(', ') : undefined,
  );
  const systemUser = systemUserDetails(claims);
  add('systemUserId', 'token.claimSystemUserId', 'systemuser_id', mono(systemUser.ids.join(', ') || undefined));
  add('systemId', 'token.claimSystemId', 'system_id', mono(systemUser.systems.join(', ') || undefined));
  add('clientId', 'token.claimClientId', 'client_id', mono(claims.client_id));
  add('clientAmr', 'token.claimClientAmr', 'client_amr', mono(claims.client_amr));
  if (auth)
    add('auth', 'token.claimSignedWith', undefined, t(auth === 'x5c' ? 'token.signedWithX5c' : 'token.signedWithKid'));
  add('aud', 'token.claimAudience', 'aud', mono(claims.aud));
  add('iss', 'token.claimIssuer', 'iss', mono(claims.iss));
  add('iat', 'token.claimIat', 'iat', time(claims.iat));
  add('exp', 'token.claimExp', 'exp', time(claims.exp));

  return (
    <>
      <dl className="token-claims" data-testid={`claims-${kind}`}>
        {rows.map((row) => (
          <div key={row.key} className="token-claims__row" data-claim={row.key}>
            <dt>
              {t(row.label)}
              {row.claim ? <code className="token-claims__name">{row.claim}</code> : null}
            </dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      <Details data-testid={`all-claims-${kind}`}>
        <Details.Summary>{t('token.allClaims')}</Details.Summary>
        <Details.Content>
          <pre className="token-claims__json">{JSON.stringify(claims, null, 2)}</pre>
        </Details.Content>
      </Details>
    </>
  );
}

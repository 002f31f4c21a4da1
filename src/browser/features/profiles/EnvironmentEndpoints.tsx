import { Details, Paragraph, Tag } from '@digdir/designsystemet-react';
import type { ResolvedEnvironment } from '../../../common/contract/profiles';
import type { MessageKey } from '../../../common/i18n/translate';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { type T, useLanguage, useT } from '../../hooks/use-t';
import { useProfilesStore } from '../../store/use-profiles-store';

type EndpointRow = [MessageKey, (env: ResolvedEnvironment) => string, string];

const rows: EndpointRow[] = [
  ['profiles.endpointIssuer', (e) => e.maskinporten.issuer, 'issuer'],
  ['profiles.endpointToken', (e) => e.maskinporten.tokenEndpoint, 'token-endpoint'],
  ['profiles.endpointExchange', (e) => e.altinn.exchangeUrl, 'exchange-url'],
  ['profiles.endpointStorage', (e) => e.altinn.storageBase, 'storage-base'],
  ['profiles.endpointAppBase', (e) => e.altinn.appBase, 'app-base'],
];

function sourceDetail(env: ResolvedEnvironment, t: T, language: string): string {
  if (env.discovered) {
    const time = env.discoveredAt
      ? new Date(env.discoveredAt).toLocaleString(language === 'nb' ? 'nb-NO' : 'en-GB', {
          dateStyle: 'short',
          timeStyle: 'short',
        })
      : '';
    return t('profiles.sourceDiscoveredDetail', { time });
  }
  if (env.discoveryError) return t('profiles.sourceFallbackDetail', { reason: env.discoveryError });
  return t('profiles.sourcePresetDetail');
}

/**
 * The addresses the app talks to in the current environment, folded away by default: a case worker
 * rarely needs them, a support person always does. The tag says whether Maskinporten's addresses came
 * from its well-known metadata (RFC 8414; reference §1.1) or from the preset.
 */
export function EnvironmentEndpoints({ environmentName }: { environmentName: string }) {
  const t = useT();
  const language = useLanguage();
  const { status, error, value: resolved } = useProfilesStore((s) => s.resolved);
  const open = useProfilesStore((s) => s.endpointsOpen);
  const setOpen = useProfilesStore((s) => s.setEndpointsOpen);
  const environmentId = useProfilesStore((s) => s.environmentId);
  const load = useProfilesStore((s) => s.load);

  return (
    <Details
      className="profiles-endpoints"
      data-testid="environment-endpoints"
      open={open}
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <Details.Summary>
        <span className="profiles-endpoints__summary">
          <span>{t('profiles.endpointsSummary', { env: environmentName })}</span>
          {resolved ? (
            <Tag data-size="sm" data-color={resolved.discovered ? 'success' : 'neutral'} data-testid="endpoints-source">
              {resolved.discovered ? t('profiles.sourceDiscovered') : t('profiles.sourcePreset')}
            </Tag>
          ) : null}
        </span>
      </Details.Summary>
      <Details.Content>
        {status === 'failed' ? (
          <ErrorAlert
            error={error}
            heading={t('profiles.endpointsFailed')}
            onRetry={environmentId ? () => void load(environmentId) : undefined}
          />
        ) : !resolved ? (
          <LoadingState label={t('profiles.endpointsLoading')} />
        ) : (
          <>
            <dl className="profiles-endpoints__list">
              {rows.map(([label, value, id]) => (
                <div key={id} className="profiles-endpoints__row">
                  <dt>{t(label)}</dt>
                  <dd>
                    <code data-testid={`endpoint-${id}`}>{value(resolved)}</code>
                  </dd>
                </div>
              ))}
            </dl>
            <Paragraph data-size="sm" className="profiles-muted">
              {sourceDetail(resolved, t, language)}
            </Paragraph>
          </>
        )}
      </Details.Content>
    </Details>
  );
}

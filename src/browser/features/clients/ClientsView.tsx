import { Fieldset, Paragraph, Radio } from '@digdir/designsystemet-react';
import { useEffect } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { ViewHeader } from '../../components/ViewHeader';
import { useT } from '../../hooks/use-t';
import { selectEnvironment, useAppStore } from '../../store/use-app-store';
import { type ClientsPath, useClientsStore } from '../../store/use-clients-store';
import { environmentLabel } from '../environment/environment-label';
import { AdminPath } from './AdminPath';
import { ManualGuidePanel } from './ManualGuidePanel';
import './clients.css';

/**
 * Clients (issue 7): make a Maskinporten client and put a key on it, either through Digdir's self-service
 * API with an admin client, or by hand in Samarbeidsportalen with this view as the guide.
 */
export function ClientsView() {
  const t = useT();
  const environment = useAppStore(selectEnvironment);
  const environmentId = useAppStore((s) => s.environmentId);
  const path = useClientsStore((s) => s.path);
  const status = useClientsStore((s) => s.local.status);
  const error = useClientsStore((s) => s.local.error);
  const load = useClientsStore((s) => s.load);
  const choosePath = useClientsStore((s) => s.choosePath);
  const envName = environment ? environmentLabel(environment, t) : '';

  useEffect(() => {
    void load(environmentId);
  }, [environmentId, load]);

  const options: { id: ClientsPath; label: string; help: string }[] = [
    { id: 'admin', label: t('clients.pathAdmin'), help: t('clients.pathAdminHelp') },
    { id: 'manual', label: t('clients.pathManual'), help: t('clients.pathManualHelp') },
  ];

  return (
    <section className="view clients-view" data-testid="view-clients">
      <ViewHeader title={t('shell.navClients')} />
      <Paragraph className="clients-intro">{t('clients.intro', { env: envName })}</Paragraph>

      <Fieldset className="clients-paths" data-testid="clients-path">
        <Fieldset.Legend>{t('clients.pathLegend')}</Fieldset.Legend>
        <div className="clients-paths__options">
          {options.map((o) => (
            <div key={o.id} className="clients-paths__option" data-checked={path === o.id}>
              <Radio
                name="clients-path"
                value={o.id}
                label={o.label}
                description={o.help}
                checked={path === o.id}
                onChange={() => choosePath(o.id)}
                data-testid={`clients-path-${o.id}`}
              />
            </div>
          ))}
        </div>
      </Fieldset>

      {status === 'failed' ? (
        <ErrorAlert error={error} heading={t('clients.loadFailed')} onRetry={() => void load(environmentId)} />
      ) : status !== 'ready' ? (
        <LoadingState label={t('clients.loading')} />
      ) : !path ? (
        <Paragraph className="clients-muted">{t('clients.pathNone')}</Paragraph>
      ) : path === 'admin' && environment ? (
        <AdminPath environment={environment} environmentName={envName} />
      ) : environment ? (
        <ManualGuidePanel environment={environment} environmentName={envName} />
      ) : null}
    </section>
  );
}

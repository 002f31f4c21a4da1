import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { useT } from '../../hooks/use-t';
import { useSystemsStore } from '../../store/use-systems-store';
import type { useProductionGuard } from '../clients/use-production-guard';
import { RequestForm } from './RequestForm';
import { RequestList } from './RequestList';
import { SystemForm } from './SystemForm';
import { SystemUserList } from './SystemUserList';

/** One system: what is registered, its requests (with their approval links) and its system users. */
export function SystemPanel({
  environmentName,
  guard,
}: {
  environmentName: string;
  guard: ReturnType<typeof useProductionGuard>['guard'];
}) {
  const t = useT();
  const { status, error, value: system } = useSystemsStore((s) => s.system);
  const selectedSystemId = useSystemsStore((s) => s.selectedSystemId);
  const profiles = useSystemsStore((s) => s.profiles.value);
  const openSystem = useSystemsStore((s) => s.openSystem);
  const closeSystem = useSystemsStore((s) => s.closeSystem);
  const [editing, setEditing] = useState(false);

  const back = (
    <Button variant="tertiary" data-size="sm" onClick={closeSystem} data-testid="systems-back">
      ← {t('systems.back')}
    </Button>
  );
  if (status === 'failed' || !system) {
    return (
      <div className="systems-section">
        {back}
        {status === 'failed' ? (
          <ErrorAlert
            error={error}
            heading={t('systems.systemFailed')}
            onRetry={() => selectedSystemId && void openSystem(selectedSystemId)}
          />
        ) : (
          <LoadingState label={t('systems.systemLoading')} />
        )}
      </div>
    );
  }
  if (editing) {
    return (
      <SystemForm
        environmentName={environmentName}
        system={system}
        guard={guard}
        onDone={() => setEditing(false)}
        onCancel={() => setEditing(false)}
      />
    );
  }

  const profileNames = profiles.filter((p) => system.profileIds.includes(p.id)).map((p) => p.name);
  const otherRights = system.rights.length - system.resourceIds.length;
  const rows: [string, React.ReactNode][] = [
    [t('systems.colId'), <code key="id">{system.id}</code>],
    [t('systems.fieldVendor'), system.vendorOrgNo],
    [t('systems.fieldDescription'), system.description.nb],
    [
      t('systems.fieldResources'),
      <>
        {system.resourceIds.length ? system.resourceIds.join(', ') : t('systems.none')}
        {otherRights > 0 ? (
          <div className="systems-muted">{t('systems.otherRights', { count: otherRights })}</div>
        ) : null}
      </>,
    ],
    [t('systems.fieldPackages'), system.accessPackages.length ? system.accessPackages.join(', ') : t('systems.none')],
    [
      t('systems.fieldClientIds'),
      system.clientIds.length ? (
        <>
          {system.clientIds.map((c) => (
            <code key={c} className="systems-code systems-block">
              {c}
            </code>
          ))}
          {profileNames.length ? (
            <div className="systems-muted">{t('systems.profilesWithClient', { names: profileNames.join(', ') })}</div>
          ) : null}
        </>
      ) : (
        t('systems.none')
      ),
    ],
    [
      t('systems.fieldRedirects'),
      system.allowedRedirectUrls.length ? system.allowedRedirectUrls.join(', ') : t('systems.none'),
    ],
    [t('systems.fieldVisible'), system.isVisible ? t('systems.visibleYes') : t('systems.visibleNo')],
  ];

  return (
    <div className="systems-panel" data-testid="systems-panel">
      {back}
      <section className="systems-section" aria-labelledby="systems-panel-title">
        <div className="systems-section__head">
          <Heading level={3} data-size="sm" id="systems-panel-title" data-testid="systems-panel-title">
            {system.name.nb}
          </Heading>
          <Button variant="secondary" data-size="sm" onClick={() => setEditing(true)} data-testid="systems-edit">
            {t('systems.edit')}
          </Button>
        </div>
        <dl className="systems-facts" data-testid="systems-facts">
          {rows.map(([label, value]) => (
            <div key={label} className="systems-facts__row">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {system.clientIds.length === 0 ? (
          <Alert data-color="warning" data-size="sm" data-testid="systems-no-client">
            <Paragraph>{t('systems.noClientWarning')}</Paragraph>
          </Alert>
        ) : null}
      </section>
      <RequestList />
      <RequestForm system={system} guard={guard} />
      <SystemUserList environmentName={environmentName} />
    </div>
  );
}

import { Field, Label, Paragraph, Select } from '@digdir/designsystemet-react';
import { useEffect, useId, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { ViewHeader } from '../../components/ViewHeader';
import { useT } from '../../hooks/use-t';
import { selectEnvironment, useAppStore } from '../../store/use-app-store';
import { isVendorProfile, useSystemsStore } from '../../store/use-systems-store';
import { useProductionGuard } from '../clients/use-production-guard';
import { environmentLabel } from '../environment/environment-label';
import { SystemForm } from './SystemForm';
import { SystemList } from './SystemList';
import { SystemPanel } from './SystemPanel';
import { SystemsNoticeBox } from './SystemsNoticeBox';
import { SYSTEMS_PRODUCTION_TEXTS } from './systems-production';
import { VendorHelp } from './VendorHelp';
import './systems.css';

/**
 * Systems and system users (issue 13): register the vendor's systems in Altinn's system register, ask
 * customers for system users, follow their approval, and make profiles that get system-user tokens.
 */
export function SystemsView() {
  const t = useT();
  const selectId = useId();
  const environment = useAppStore(selectEnvironment);
  const environmentId = useAppStore((s) => s.environmentId);
  const { status, error, value: profiles } = useSystemsStore((s) => s.profiles);
  const vendorProfileId = useSystemsStore((s) => s.vendorProfileId);
  const vendorOrgNo = useSystemsStore((s) => s.vendorOrgNo);
  const selectedSystemId = useSystemsStore((s) => s.selectedSystemId);
  const notice = useSystemsStore((s) => s.notice);
  const load = useSystemsStore((s) => s.load);
  const chooseVendor = useSystemsStore((s) => s.chooseVendor);
  const stopPolling = useSystemsStore((s) => s.stopPolling);
  const [creating, setCreating] = useState(false);
  const production = environment?.production ?? false;
  const { guard, dialog } = useProductionGuard(production, SYSTEMS_PRODUCTION_TEXTS);
  const envName = environment ? environmentLabel(environment, t) : '';
  const vendors = profiles.filter(isVendorProfile);

  useEffect(() => {
    void load(environmentId);
  }, [environmentId, load]);
  // Leaving the view stops the polling; coming back reads the requests again.
  useEffect(() => stopPolling, [stopPolling]);

  return (
    <section className="view systems-view" data-testid="view-systems">
      <ViewHeader title={t('shell.navSystems')} />
      <Paragraph className="systems-intro">{t('systems.intro', { env: envName })}</Paragraph>

      {status === 'failed' ? (
        <ErrorAlert error={error} heading={t('systems.loadFailed')} onRetry={() => void load(environmentId)} />
      ) : status !== 'ready' ? (
        <LoadingState label={t('systems.loading')} />
      ) : vendors.length === 0 ? (
        <VendorHelp environmentName={envName} />
      ) : (
        <div className="systems-body">
          <div className="systems-vendor">
            <Field className="systems-vendor__field">
              <Label htmlFor={selectId}>{t('systems.vendorProfile')}</Label>
              <Field.Description>{t('systems.vendorProfileHelp', { env: envName })}</Field.Description>
              <Select
                id={selectId}
                value={vendorProfileId ?? ''}
                onChange={(e) => {
                  setCreating(false);
                  void chooseVendor(e.target.value || undefined);
                }}
                data-testid="systems-vendor-profile"
              >
                <Select.Option value="" disabled>
                  {t('systems.vendorProfileChoose')}
                </Select.Option>
                {vendors.map((p) => (
                  <Select.Option key={p.id} value={p.id}>
                    {p.name} ({p.clientId})
                  </Select.Option>
                ))}
              </Select>
            </Field>
            {vendorOrgNo ? (
              <Paragraph data-size="sm" className="systems-muted" data-testid="systems-vendor-org">
                {t('systems.vendorOrg', { org: vendorOrgNo })}
              </Paragraph>
            ) : null}
          </div>

          {notice ? <SystemsNoticeBox notice={notice} guard={guard} /> : null}

          {!vendorProfileId ? null : creating ? (
            <SystemForm
              environmentName={envName}
              guard={guard}
              onDone={() => setCreating(false)}
              onCancel={() => setCreating(false)}
            />
          ) : selectedSystemId ? (
            <SystemPanel environmentName={envName} guard={guard} />
          ) : (
            <SystemList environmentName={envName} onNew={() => setCreating(true)} />
          )}
        </div>
      )}
      {dialog}
    </section>
  );
}

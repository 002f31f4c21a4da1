import { Checkbox, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import type { RegisteredSystem } from '../../../common/contract/systems';
import type { MessageKey } from '../../../common/i18n/translate';
import { ActionForm } from '../../components/ActionForm';
import { FormFooter } from '../../components/FormFooter';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useT } from '../../hooks/use-t';
import { useSystemsStore } from '../../store/use-systems-store';
import type { useProductionGuard } from '../clients/use-production-guard';
import { isValidOrgNumber } from './system-draft';

/** Ask a customer for a system user: their org number, an optional externalRef, standard or agent. */
export function RequestForm({
  system,
  guard,
}: {
  system: RegisteredSystem;
  guard: ReturnType<typeof useProductionGuard>['guard'];
}) {
  const t = useT();
  const createRequest = useSystemsStore((s) => s.createRequest);
  const [customer, setCustomer] = useState('');
  const [externalRef, setExternalRef] = useState('');
  const [agent, setAgent] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<'customer' | 'externalRef', MessageKey>>>({});
  const { busy, error, run } = useBusyAction();
  const rights = agent ? system.accessPackages : [...system.resourceIds, ...system.accessPackages];

  async function submit() {
    const org = customer.replace(/\s/g, '');
    const ref = externalRef.trim();
    const found: typeof errors = {};
    if (!isValidOrgNumber(org)) found.customer = 'systems.errOrgNumber';
    if (ref && !/^[^\s/\\?#%]{1,200}$/.test(ref)) found.externalRef = 'systems.errExternalRef';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await run(() =>
      guard(t('systems.requestFormHeading'), async (confirmProduction) => {
        await createRequest({ partyOrgNo: org, ...(ref ? { externalRef: ref } : {}), agent, confirmProduction });
        setCustomer('');
        setExternalRef('');
      }),
    );
  }

  return (
    <section
      className="systems-section systems-card"
      aria-labelledby="systems-request-title"
      data-testid="systems-request-form"
    >
      <Heading level={4} data-size="xs" id="systems-request-title">
        {t('systems.requestFormHeading')}
      </Heading>
      <ActionForm onSubmit={submit} className="systems-request-form">
        <Textfield
          label={t('systems.customerLabel')}
          description={t('systems.customerHelp')}
          value={customer}
          onChange={(e) => {
            setCustomer(e.target.value);
            setErrors((x) => ({ ...x, customer: undefined }));
          }}
          error={errors.customer ? t(errors.customer) : undefined}
          inputMode="numeric"
          size={14}
          autoComplete="off"
          data-testid="systems-request-customer"
        />
        <Textfield
          label={t('systems.externalRefLabel')}
          description={t('systems.externalRefHelp')}
          value={externalRef}
          onChange={(e) => {
            setExternalRef(e.target.value);
            setErrors((x) => ({ ...x, externalRef: undefined }));
          }}
          error={errors.externalRef ? t(errors.externalRef) : undefined}
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          data-testid="systems-request-external-ref"
        />
        <Checkbox
          label={t('systems.agentLabel')}
          description={t('systems.agentHelp')}
          checked={agent}
          onChange={(e) => setAgent(e.target.checked)}
          data-testid="systems-request-agent"
        />
        <Paragraph data-size="sm" className="systems-muted" data-testid="systems-request-rights">
          {rights.length ? t('systems.requestRights', { rights: rights.join(', ') }) : t('systems.requestNoRights')}
        </Paragraph>
        <FormFooter
          error={error}
          busy={busy}
          submitLabel={t('systems.send')}
          busyLabel={t('systems.sending')}
          submitTestId="systems-request-submit"
          submitDisabled={rights.length === 0}
        />
      </ActionForm>
    </section>
  );
}

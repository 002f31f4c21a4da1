import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { VENDOR_SCOPES } from '../../../common/contract/systems-limits';
import { useT } from '../../hooks/use-t';
import { useAppStore } from '../../store/use-app-store';

/** No vendor profile in the environment: what one is, which scopes it needs, and where to make it. */
export function VendorHelp({ environmentName }: { environmentName: string }) {
  const t = useT();
  const navigate = useAppStore((s) => s.navigate);
  const scopes = [
    [VENDOR_SCOPES.register, t('systems.scopeRegister')],
    [VENDOR_SCOPES.requestWrite, t('systems.scopeRequestWrite')],
    [VENDOR_SCOPES.requestRead, t('systems.scopeRequestRead')],
  ];
  return (
    <Alert data-color="info" data-testid="systems-no-vendor">
      <Heading level={3} data-size="xs">
        {t('systems.noVendorTitle', { env: environmentName })}
      </Heading>
      <Paragraph>{t('systems.noVendorBody')}</Paragraph>
      <Paragraph>{t('systems.noVendorScopes')}</Paragraph>
      <ul className="systems-scopes">
        {scopes.map(([scope, use]) => (
          <li key={scope}>
            <code>{scope}</code> – {use}
          </li>
        ))}
      </ul>
      <Button data-size="sm" variant="secondary" onClick={() => navigate('profiles')}>
        {t('systems.goToProfiles')}
      </Button>
    </Alert>
  );
}

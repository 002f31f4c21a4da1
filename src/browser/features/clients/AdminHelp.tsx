import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useT } from '../../hooks/use-t';
import { useAppStore } from '../../store/use-app-store';
import { useClientsStore } from '../../store/use-clients-store';

/** No admin profile in this environment: what an admin client is, how to get one, and the other way. */
export function AdminHelp({ environmentName }: { environmentName: string }) {
  const t = useT();
  const navigate = useAppStore((s) => s.navigate);
  const choosePath = useClientsStore((s) => s.choosePath);
  return (
    <Alert data-color="info" data-testid="clients-no-admin">
      <Heading level={3} data-size="xs">
        {t('clients.noAdminTitle', { env: environmentName })}
      </Heading>
      <Paragraph>{t('clients.noAdminBody')}</Paragraph>
      <Paragraph>{t('clients.noAdminHowTo')}</Paragraph>
      <ol className="clients-steps-plain">
        <li>{t('clients.noAdminStep1')}</li>
        <li>{t('clients.noAdminStep2')}</li>
        <li>{t('clients.noAdminStep3')}</li>
      </ol>
      <div className="button-row">
        <Button variant="secondary" data-size="sm" onClick={() => navigate('keys')}>
          {t('clients.goToKeys')}
        </Button>
        <Button variant="secondary" data-size="sm" onClick={() => navigate('profiles')}>
          {t('clients.goToProfiles')}
        </Button>
      </div>
      <Paragraph>{t('clients.noAdminManual')}</Paragraph>
      <Button variant="secondary" data-size="sm" onClick={() => choosePath('manual')}>
        {t('clients.pathManual')}
      </Button>
    </Alert>
  );
}

import { Alert, Button, Dialog, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useT } from '../../hooks/use-t';

/**
 * Asked before the first token request in production in a session (issue 5, item 9): a production
 * token reaches real data, so the person confirms the profile and environment once.
 */
export function ProductionConfirmDialog({
  open,
  profileName,
  environmentName,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  profileName: string;
  environmentName: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const t = useT();
  const titleId = useId();
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      closeButton={t('shell.close')}
      aria-labelledby={titleId}
      data-testid="token-production-confirm"
    >
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={titleId}>
          {t('token.productionTitle')}
        </Heading>
      </Dialog.Block>
      <Dialog.Block className="token-dialog__body">
        <Alert data-color="danger" data-size="sm">
          <Heading level={3} data-size="2xs">
            {t('token.productionWarningTitle')}
          </Heading>
          <Paragraph data-size="sm">{t('token.productionBody')}</Paragraph>
        </Alert>
        <dl className="token-dialog__facts">
          <dt>{t('token.productionEnvironment')}</dt>
          <dd>{environmentName}</dd>
          <dt>{t('token.profileLabel')}</dt>
          <dd>{profileName}</dd>
        </dl>
        <div className="token-actions">
          <Button data-color="danger" onClick={onConfirm} data-testid="token-production-confirm-yes">
            {t('token.productionConfirm')}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {t('token.cancel')}
          </Button>
        </div>
      </Dialog.Block>
    </Dialog>
  );
}

import { ConfirmDialog } from '../../components/ConfirmDialog';
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
  return (
    <ConfirmDialog
      open={open}
      title={t('token.productionTitle')}
      warning={{ title: t('token.productionWarningTitle'), body: t('token.productionBody') }}
      confirmLabel={t('token.productionConfirm')}
      cancelLabel={t('token.cancel')}
      tone="danger"
      onConfirm={onConfirm}
      onCancel={onCancel}
      testId="token-production-confirm"
      confirmTestId="token-production-confirm-yes"
    >
      <dl className="facts token-dialog__facts">
        <dt>{t('token.productionEnvironment')}</dt>
        <dd>{environmentName}</dd>
        <dt>{t('token.profileLabel')}</dt>
        <dd>{profileName}</dd>
      </dl>
    </ConfirmDialog>
  );
}

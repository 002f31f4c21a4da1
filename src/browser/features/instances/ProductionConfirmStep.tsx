import { Button, Paragraph } from '@digdir/designsystemet-react';
import { MainConfirmNote } from '../../components/MainConfirmNote';
import { ProductionWarning } from '../../components/ProductionWarning';
import { useT } from '../../hooks/use-t';

/**
 * Asked once more before confirming receipt in production (issue 6, item 3): a confirmed instance may be
 * deleted in Altinn, so the person says yes explicitly; the backend refuses without `confirmProduction`.
 */
export function ProductionConfirmStep({
  environmentName,
  count,
  onYes,
  onBack,
  busy,
}: {
  environmentName: string;
  count?: string;
  onYes(): void;
  onBack(): void;
  busy?: boolean;
}) {
  const t = useT();
  return (
    <div className="instances-dialog__step" data-testid="production-confirm">
      <ProductionWarning
        title={`${t('instances.productionWarningTitle')} (${environmentName})`}
        body={t('instances.productionBody')}
      >
        {count ? <Paragraph data-size="sm">{count}</Paragraph> : null}
      </ProductionWarning>
      <MainConfirmNote />
      <div className="button-row">
        <Button data-color="danger" onClick={onYes} disabled={busy} data-testid="production-confirm-yes">
          {t('instances.productionYes')}
        </Button>
        <Button variant="secondary" onClick={onBack} disabled={busy}>
          {t('instances.back')}
        </Button>
      </div>
    </div>
  );
}

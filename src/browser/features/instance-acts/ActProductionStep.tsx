import { Button, Paragraph } from '@digdir/designsystemet-react';
import { ProductionWarning } from '../../components/ProductionWarning';
import { useT } from '../../hooks/use-t';

/**
 * The window's yes before a write in Production (the first of two: main asks its own question after it).
 * `what` names the change in the person's words.
 */
export function ActProductionStep({
  environmentName,
  what,
  onYes,
  onBack,
  busy,
}: {
  environmentName: string;
  what: string;
  onYes(): void;
  onBack(): void;
  busy?: boolean;
}) {
  const t = useT();
  return (
    <div className="acts-production" data-testid="act-production-confirm">
      <ProductionWarning title={t('acts.productionWarning', { env: environmentName })} body={t('acts.productionBody')}>
        <Paragraph data-size="sm">
          <strong>{what}</strong>
        </Paragraph>
      </ProductionWarning>
      <div className="button-row">
        <Button data-color="danger" onClick={onYes} disabled={busy} data-testid="act-production-yes">
          {t('acts.productionYes')}
        </Button>
        <Button variant="secondary" onClick={onBack} disabled={busy}>
          {t('acts.back')}
        </Button>
      </div>
    </div>
  );
}

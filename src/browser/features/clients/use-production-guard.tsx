import { useCallback, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useT } from '../../hooks/use-t';

/** A write that, in production, runs only with the person's explicit yes (`confirmProduction: true`). */
export type GuardedWrite = (confirmProduction: true | undefined) => Promise<void>;

/**
 * Every self-service write in production asks first (DESIGN.md: confirm before writes), and only the
 * answer "yes" sends `confirmProduction: true` to main. Outside production the write runs at once and its
 * error goes back to the caller; in production the dialog stays open and shows the error itself.
 */
export function useProductionGuard(production: boolean) {
  const t = useT();
  const [pending, setPending] = useState<{ action: string; run: GuardedWrite } | null>(null);

  const guard = useCallback(
    async (action: string, run: GuardedWrite): Promise<void> => {
      if (production) setPending({ action, run });
      else await run(undefined);
    },
    [production],
  );

  const dialog = (
    <ConfirmDialog
      open={pending !== null}
      title={t('clients.productionTitle')}
      warning={{ title: t('clients.productionWarningTitle'), body: t('clients.productionBody') }}
      body={pending ? t('clients.productionAction', { action: pending.action }) : ''}
      confirmLabel={t('clients.productionConfirm')}
      cancelLabel={t('clients.cancel')}
      tone="danger"
      testId="clients-production-confirm"
      onCancel={() => setPending(null)}
      onConfirm={async () => {
        if (!pending) return;
        await pending.run(true);
        setPending(null);
      }}
    />
  );

  return { guard, dialog };
}

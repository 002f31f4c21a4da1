import { useCallback, useState } from 'react';
import type { MessageKey } from '../../../common/i18n/translate';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { MainConfirmNote } from '../../components/MainConfirmNote';
import { useT } from '../../hooks/use-t';

/** A write that, in production, runs only with the person's explicit yes (`confirmProduction: true`). */
export type GuardedWrite = (confirmProduction: true | undefined) => Promise<void>;

/**
 * Every self-service write in production asks first (DESIGN.md: confirm before writes), and only the
 * answer "yes" sends `confirmProduction: true` to main. Outside production the write runs at once and its
 * error goes back to the caller; in production the dialog stays open and shows the error itself.
 */
export interface ProductionGuardTexts {
  title: MessageKey;
  warningTitle: MessageKey;
  body: MessageKey;
  confirm: MessageKey;
  /** Takes `{action}`. */
  action: MessageKey;
  cancel: MessageKey;
  testId: string;
}

const CLIENT_TEXTS: ProductionGuardTexts = {
  title: 'clients.productionTitle',
  warningTitle: 'clients.productionWarningTitle',
  body: 'clients.productionBody',
  confirm: 'clients.productionConfirm',
  action: 'clients.productionAction',
  cancel: 'clients.cancel',
  testId: 'clients-production-confirm',
};

export function useProductionGuard(production: boolean, texts: ProductionGuardTexts = CLIENT_TEXTS) {
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
      title={t(texts.title)}
      warning={{ title: t(texts.warningTitle), body: t(texts.body) }}
      body={pending ? t(texts.action, { action: pending.action }) : ''}
      confirmLabel={t(texts.confirm)}
      cancelLabel={t(texts.cancel)}
      tone="danger"
      testId={texts.testId}
      onCancel={() => setPending(null)}
      onConfirm={async () => {
        if (!pending) return;
        await pending.run(true);
        setPending(null);
      }}
    >
      <MainConfirmNote testId={`${texts.testId}-main-confirm`} />
    </ConfirmDialog>
  );

  return { guard, dialog };
}

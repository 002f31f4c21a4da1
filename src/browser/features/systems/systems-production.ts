import type { ProductionGuardTexts } from '../clients/use-production-guard';

/** The production question for the system register and requests to customers (DESIGN.md: confirm before writes). */
export const SYSTEMS_PRODUCTION_TEXTS: ProductionGuardTexts = {
  title: 'systems.productionTitle',
  warningTitle: 'systems.productionWarningTitle',
  body: 'systems.productionBody',
  confirm: 'systems.productionConfirm',
  action: 'systems.productionAction',
  cancel: 'systems.cancel',
  testId: 'systems-production-confirm',
};

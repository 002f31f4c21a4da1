import type { Language } from '../../common/contract/app';
import type { OwnerKind } from '../../common/contract/instance-acts';
import { groupNationalId, groupOrgNumber } from '../../common/format/owner-numbers';
import { type MessageKey, translate } from '../../common/i18n/translate';
import type { MainConfirmRequest } from '../platform/desktop';

/** The change a write in Production makes, as main's own question names it. */
export type ActChange =
  | { kind: 'create'; owner: { kind: OwnerKind; value: string }; files: string[]; prefillCount: number }
  | { kind: 'data-add'; filename: string; dataType: string }
  | { kind: 'data-replace'; elementId: string; filename: string; dataType: string }
  | { kind: 'data-delete'; elementId: string }
  | { kind: 'process-next'; task: string | null; action?: string }
  | { kind: 'process-complete'; task: string | null }
  | { kind: 'status'; substatus?: string; texts: string[]; values: string[] }
  | { kind: 'delete'; hard: boolean };

const QUESTION: Record<ActChange['kind'], MessageKey> = {
  create: 'acts.mainCreate',
  'data-add': 'acts.mainDataAdd',
  'data-replace': 'acts.mainDataReplace',
  'data-delete': 'acts.mainDataDelete',
  'process-next': 'acts.mainProcessNext',
  'process-complete': 'acts.mainProcessComplete',
  status: 'acts.mainStatus',
  delete: 'acts.mainDeleteSoft',
};

/**
 * The question main shows itself before a write in Production (Desktop.confirmInMain; DESIGN.md "Writes in
 * Production … are confirmed by main itself"), in the person's language: which environment, app and
 * instance, and the change, one fact per line.
 */
export function productionQuestion(
  lang: Language,
  where: { environmentName: string; appId: string; instanceId?: string },
  change: ActChange,
): MainConfirmRequest {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const env = where.environmentName;
  const message =
    change.kind === 'delete' && change.hard ? t('acts.mainDeleteHard', { env }) : t(QUESTION[change.kind], { env });
  const detail = [t('acts.mainFactEnvironment', { env }), t('acts.mainFactApp', { app: where.appId })];
  if (where.instanceId) detail.push(t('acts.mainFactInstance', { id: where.instanceId }));
  const list = (items: string[]) => (items.length ? items.join(', ') : t('acts.none'));
  switch (change.kind) {
    case 'create': {
      const { kind, value } = change.owner;
      const owner =
        kind === 'org'
          ? t('acts.mainOwnerOrg', { value: groupOrgNumber(value) })
          : kind === 'person'
            ? t('acts.mainOwnerPerson', { value: groupNationalId(value) })
            : t('acts.mainOwnerParty', { value });
      detail.push(t('acts.mainFactOwner', { owner }), t('acts.mainFactFiles', { files: list(change.files) }));
      if (change.prefillCount > 0) detail.push(t('acts.mainFactPrefill', { count: change.prefillCount }));
      break;
    }
    case 'data-add':
      detail.push(t('acts.mainFactFile', { file: change.filename, type: change.dataType }));
      break;
    case 'data-replace':
      detail.push(
        t('acts.mainFactElement', { id: change.elementId }),
        t('acts.mainFactFile', { file: change.filename, type: change.dataType }),
      );
      break;
    case 'data-delete':
      detail.push(t('acts.mainFactElement', { id: change.elementId }));
      break;
    case 'process-next':
    case 'process-complete':
      detail.push(t('acts.mainFactTask', { task: change.task ?? t('acts.none') }));
      if (change.kind === 'process-next' && change.action)
        detail.push(t('acts.mainFactAction', { action: change.action }));
      break;
    case 'status':
      if (change.substatus !== undefined) detail.push(t('acts.mainFactSubstatus', { label: change.substatus }));
      if (change.texts.length) detail.push(t('acts.mainFactTexts', { keys: list(change.texts) }));
      if (change.values.length) detail.push(t('acts.mainFactValues', { keys: list(change.values) }));
      break;
    case 'delete':
      detail.push(change.hard ? t('acts.mainFactHard') : t('acts.mainFactSoft'));
      break;
  }
  return { message, detail, confirmLabel: t('acts.mainYes'), cancelLabel: t('acts.mainNo'), production: true };
}

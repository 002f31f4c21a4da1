import type { OwnerKind } from '../../common/contract/instance-acts';
import { groupNationalId, groupOrgNumber } from '../../common/format/owner-numbers';
import type { ChangeToConfirm, ConfirmFact } from '../platform/confirm-in-main';

/** The change a write makes, as main's own question names it. */
export type ActChange =
  | { kind: 'create'; owner: { kind: OwnerKind; value: string }; files: string[]; prefillCount: number }
  | { kind: 'data-add'; filename: string; dataType: string }
  | { kind: 'data-replace'; elementId: string; filename: string; dataType: string }
  | { kind: 'data-delete'; elementId: string }
  | { kind: 'process-next'; task: string | null; action?: string }
  | { kind: 'process-complete'; task: string | null }
  | { kind: 'status'; substatus?: string; texts: string[]; values: string[] }
  | { kind: 'delete'; hard: boolean };

function ownerFact({ kind, value }: { kind: OwnerKind; value: string }): ConfirmFact {
  if (kind === 'org') return ['confirm.factOwnerOrg', groupOrgNumber(value)];
  if (kind === 'person') return ['confirm.factOwnerPerson', groupNationalId(value)];
  return ['confirm.factOwnerParty', value];
}

/**
 * Main's own question before a write in Production (DESIGN.md "Writes in Production … are confirmed by main
 * itself"), in the shape of every other main question (src/node/platform/confirm-in-main.ts): the
 * environment first, then the app and the instance, then the concrete change, one fact per line.
 */
export function actChangeToConfirm(
  environment: { name: string; production: boolean },
  where: { appId: string; instanceId?: string },
  change: ActChange,
): ChangeToConfirm {
  const on: ConfirmFact[] = [['confirm.factApp', where.appId]];
  if (where.instanceId) on.push(['confirm.factInstance', where.instanceId]);
  const task = (id: string | null): ConfirmFact => ['confirm.factTask', id === null ? [] : id];
  switch (change.kind) {
    case 'create':
      return {
        environment,
        question: 'confirm.questionActCreate',
        params: { app: where.appId },
        confirmLabel: 'confirm.yesActCreate',
        facts: [
          ...on,
          ownerFact(change.owner),
          ['confirm.factFiles', change.files],
          ...(change.prefillCount > 0 ? ([['confirm.factPrefill', change.prefillCount]] as ConfirmFact[]) : []),
        ],
      };
    case 'data-add':
      return {
        environment,
        question: 'confirm.questionActDataAdd',
        params: { file: change.filename },
        confirmLabel: 'confirm.yesActDataAdd',
        facts: [...on, ['confirm.factFile', change.filename], ['confirm.factDataType', change.dataType]],
      };
    case 'data-replace':
      return {
        environment,
        question: 'confirm.questionActDataReplace',
        params: { file: change.filename },
        confirmLabel: 'confirm.yesActDataReplace',
        facts: [
          ...on,
          ['confirm.factElement', change.elementId],
          ['confirm.factFile', change.filename],
          ['confirm.factDataType', change.dataType],
        ],
      };
    case 'data-delete':
      return {
        environment,
        question: 'confirm.questionActDataDelete',
        confirmLabel: 'confirm.yesActDataDelete',
        facts: [...on, ['confirm.factElement', change.elementId]],
      };
    case 'process-next':
      return {
        environment,
        question: 'confirm.questionActProcessNext',
        confirmLabel: 'confirm.yesActProcessNext',
        facts: [
          ...on,
          task(change.task),
          ...(change.action ? ([['confirm.factAction', change.action]] as ConfirmFact[]) : []),
        ],
      };
    case 'process-complete':
      return {
        environment,
        question: 'confirm.questionActProcessComplete',
        confirmLabel: 'confirm.yesActProcessComplete',
        facts: [...on, task(change.task)],
      };
    case 'status':
      return {
        environment,
        question: 'confirm.questionActStatus',
        confirmLabel: 'confirm.yesActStatus',
        facts: [
          ...on,
          ...(change.substatus !== undefined ? ([['confirm.factSubstatus', change.substatus]] as ConfirmFact[]) : []),
          ...(change.texts.length ? ([['confirm.factPresentationTexts', change.texts]] as ConfirmFact[]) : []),
          ...(change.values.length ? ([['confirm.factDataValues', change.values]] as ConfirmFact[]) : []),
        ],
      };
    case 'delete':
      return {
        environment,
        question: change.hard ? 'confirm.questionActDeleteHard' : 'confirm.questionActDelete',
        confirmLabel: change.hard ? 'confirm.yesActDeleteHard' : 'confirm.yesActDelete',
        facts: on,
        notes: [change.hard ? 'confirm.noteDeleteHard' : 'confirm.noteDeleteSoft'],
      };
  }
}

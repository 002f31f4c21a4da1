import type { Language } from '../contract/app';
import type { AppEvent, HistoryActor, HistoryEntry, HistoryTask } from '../contract/events';
import { groupNationalId, groupOrgNumber } from '../format/owner-numbers';
import { type MessageKey, translate } from './translate';

/**
 * Plain words for what happened, the same in the window and in `mpd` (issue 20): an app's CloudEvent types
 * (shared/reference/maskinporten-altinn.md §3.8 "Which events an app emits") and the entries of an instance's
 * history (§3.9 "Who writes which event"). The raw names stay available beside them (the type in the table's
 * title, `--json`), the words are what a case worker reads.
 */

const MOVED_TO = /^app\.instance\.process\.movedto\.(.+)$/i;

/** "Instans opprettet", "Flyttet til steget Task_2", …; a type no app-lib version sends is named as it is. */
export function eventTypeWords(type: string, lang: Language): string {
  const lower = type.toLowerCase();
  if (lower === 'app.instance.created') return translate(lang, 'events.typeCreated');
  if (lower === 'app.instance.process.completed') return translate(lang, 'events.typeCompleted');
  if (lower === 'app.instance.substatus.changed') return translate(lang, 'events.typeSubstatus');
  const moved = MOVED_TO.exec(type);
  if (moved) return translate(lang, 'events.typeMovedTo', { task: moved[1] as string });
  return translate(lang, 'events.typeCustom', { type });
}

/** The Events `type` patterns behind the window's type choices (`%` is Events' wildcard: ILIKE). */
export const EVENT_TYPE_CHOICES = [
  { id: 'created', type: 'app.instance.created', label: 'events.typeCreatedFilter' },
  { id: 'moved', type: 'app.instance.process.movedTo.%', label: 'events.typeMovedFilter' },
  { id: 'completed', type: 'app.instance.process.completed', label: 'events.typeCompletedFilter' },
  { id: 'substatus', type: 'app.instance.substatus.changed', label: 'events.typeSubstatusFilter' },
] as const satisfies readonly { id: string; type: string; label: MessageKey }[];

/** The owner the event is about: party id from `subject`, and the number from `alternativesubject`. */
export function eventOwner(event: AppEvent): {
  partyId?: string;
  orgNumber?: string;
  nationalIdentityNumber?: string;
} {
  const partyId = /^\/party\/(\d+)$/.exec(event.subject ?? '')?.[1];
  const alt = event.alternativesubject ?? '';
  const org = /^\/org\/(\d{9})$/.exec(alt)?.[1];
  const person = /^\/person\/(\d{11})$/.exec(alt)?.[1];
  return {
    ...(partyId ? { partyId } : {}),
    ...(org ? { orgNumber: org } : {}),
    ...(person ? { nationalIdentityNumber: person } : {}),
  };
}

/** "org.nr. 910 753 614", "fnr. 150585 50121" or "part 50001". */
export function eventOwnerWords(event: AppEvent, lang: Language): string {
  const owner = eventOwner(event);
  if (owner.orgNumber) return translate(lang, 'events.ownerOrg', { number: groupOrgNumber(owner.orgNumber) });
  if (owner.nationalIdentityNumber) {
    return translate(lang, 'events.ownerPerson', { number: groupNationalId(owner.nationalIdentityNumber) });
  }
  return owner.partyId ? translate(lang, 'events.ownerParty', { party: owner.partyId }) : '';
}

/** `{partyId}/{guid}` of the instance: `resourceinstance`, else the end of `source`. */
export function eventInstanceId(event: AppEvent): string | undefined {
  const id = /^\d+\/[0-9a-fA-F-]{36}$/;
  if (typeof event.resourceinstance === 'string' && id.test(event.resourceinstance)) return event.resourceinstance;
  const fromSource = /\/instances\/(\d+\/[0-9a-fA-F-]{36})\/?$/.exec(event.source ?? '')?.[1];
  return fromSource;
}

/** Who did it: "ttd (tjenesteeier)", "person med fnr. …", "Altinn-bruker 1337", … */
export function actorWords(actor: HistoryActor, lang: Language): string {
  switch (actor.kind) {
    case 'org':
      return translate(lang, 'events.actorOrg', { org: actor.org ?? '' });
    case 'person':
      return translate(lang, 'events.actorPerson', { number: groupNationalId(actor.nationalIdentityNumber ?? '') });
    case 'user':
      return translate(lang, 'events.actorUser', { id: actor.userId ?? '' });
    case 'system-user':
      return translate(lang, 'events.actorSystemUser', { number: groupOrgNumber(actor.systemUserOwnerOrgNo ?? '') });
    default:
      return translate(lang, 'events.actorUnknown');
  }
}

/** What happened, in a sentence: "Flyttet til steget Saksbehandling (Task_2)", "Data lagt til: vedlegg (søknad.pdf)". */
export function historyWords(entry: HistoryEntry, lang: Language): string {
  const task = entry.task ? taskWords(entry.task, lang) : '';
  switch (entry.kind) {
    case 'created':
      return translate(lang, 'events.kindCreated');
    case 'data-added':
      return translate(lang, 'events.kindDataAdded', { data: dataWords(entry, lang) });
    case 'data-replaced':
      return translate(lang, 'events.kindDataReplaced', { data: dataWords(entry, lang) });
    case 'data-deleted':
      return translate(lang, 'events.kindDataDeleted', { data: dataWords(entry, lang) });
    case 'process-started':
      return translate(lang, 'events.kindProcessStarted');
    case 'task-started':
      return translate(lang, 'events.kindTaskStarted', { task });
    case 'task-ended':
      return translate(lang, 'events.kindTaskEnded', { task });
    case 'task-abandoned':
      return translate(lang, 'events.kindTaskAbandoned', { task });
    case 'process-ended':
      return translate(lang, 'events.kindProcessEnded');
    case 'submitted':
      return translate(lang, 'events.kindSubmitted');
    case 'substatus':
      return entry.substatus
        ? translate(lang, 'events.kindSubstatusNow', { label: entry.substatus.label })
        : translate(lang, 'events.kindSubstatus');
    case 'confirmed':
      return translate(lang, 'events.kindConfirmed');
    case 'deleted':
      return translate(lang, 'events.kindDeleted');
    case 'undeleted':
      return translate(lang, 'events.kindUndeleted');
    default:
      return translate(lang, 'events.kindOther', { type: entry.eventType });
  }
}

/** "Saksbehandling (Task_2)", or the id alone when the app gave the task no name. */
export function taskWords(task: { id: string; name?: string | null }, _lang?: Language): string {
  return task.name && task.name !== task.id ? `${task.name} (${task.id})` : task.id;
}

/** "Steg: Utfylling (Task_1) 10:00–10:05, Saksbehandling (Task_2) fra 10:05" with the caller's time format. */
export function tasksWords(tasks: HistoryTask[], lang: Language, time: (iso: string) => string): string {
  const parts = tasks.map((t) =>
    t.started && t.ended
      ? translate(lang, 'events.historyTaskSpan', { task: taskWords(t), from: time(t.started), to: time(t.ended) })
      : t.started
        ? translate(lang, 'events.historyTaskOpen', { task: taskWords(t), from: time(t.started) })
        : taskWords(t),
  );
  return translate(lang, 'events.historyTasks', { tasks: parts.join(', ') });
}

function dataWords(entry: HistoryEntry, lang: Language): string {
  const data = entry.data;
  if (!data?.dataType) return translate(lang, 'events.dataUnknown');
  const named = data.filename
    ? translate(lang, 'events.dataNamed', { type: data.dataType, file: data.filename })
    : data.dataType;
  return data.deletedLater ? translate(lang, 'events.dataDeletedLater', { data: named }) : named;
}

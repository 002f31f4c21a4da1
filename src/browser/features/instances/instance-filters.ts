import type { MessageKey } from '../../../common/i18n/translate';
import type { InstanceFilters } from '../../../common/schemas/instance-query';

/** What the filter form holds: strings as typed, turned into Storage filters by `draftToFilters`. */
export interface FilterDraft {
  notConfirmed: boolean;
  process: 'all' | 'complete' | 'notComplete';
  currentTask: string;
  createdFrom: string;
  createdTo: string;
  changedFrom: string;
  changedTo: string;
  archived: 'all' | 'yes' | 'no';
  deleted: 'all' | 'none' | 'soft' | 'hard';
  owner: string;
}

export const emptyDraft: FilterDraft = {
  // Case workers mostly want what is still waiting for them.
  notConfirmed: true,
  process: 'all',
  currentTask: '',
  createdFrom: '',
  createdTo: '',
  changedFrom: '',
  changedTo: '',
  archived: 'all',
  deleted: 'all',
  owner: '',
};

export type DraftField = keyof FilterDraft;
export type DraftErrors = Partial<Record<DraftField, MessageKey>>;

const TASK = /^[A-Za-z0-9_.-]{1,100}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters under "More filters" that are in use (for its label). */
export function activeMoreFilters(draft: FilterDraft): number {
  return [
    draft.currentTask.trim() !== '',
    draft.createdFrom !== '' || draft.createdTo !== '',
    draft.changedFrom !== '' || draft.changedTo !== '',
    draft.archived !== 'all',
    draft.deleted !== 'all',
    draft.owner.trim() !== '',
  ].filter(Boolean).length;
}

/** The day after `date` (YYYY-MM-DD), so "up to and including" a day becomes `lt:` the next one. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function range(from: string, to: string) {
  if (!from && !to) return undefined;
  // "From" includes the whole first day (gte), "to" the whole last day (lt the next day): Storage's
  // date filters take gt:/gte:/lt:/lte: prefixes (shared/reference/maskinporten-altinn.md §3.2).
  return { ...(from ? { gte: from } : {}), ...(to ? { lt: nextDay(to) } : {}) };
}

/**
 * The form → Storage filters for `appId` ("not confirmed by us" goes as `notConfirmedByUs`: main decides
 * who "us" is). Returns field errors instead when the form is wrong.
 */
export function draftToFilters(
  draft: FilterDraft,
  appId: string,
): { ok: true; filters: InstanceFilters } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const task = draft.currentTask.trim();
  if (task && !TASK.test(task)) errors.currentTask = 'instances.taskInvalid';
  const owner = draft.owner.replace(/[\s.]/g, '');
  if (owner && !/^(\d{9}|\d{11})$/.test(owner)) errors.owner = 'instances.ownerInvalid';
  for (const field of ['createdFrom', 'createdTo', 'changedFrom', 'changedTo'] as const) {
    if (draft[field] && !DATE.test(draft[field])) errors[field] = 'instances.dateOrder';
  }
  if (draft.createdFrom && draft.createdTo && draft.createdTo < draft.createdFrom)
    errors.createdTo = 'instances.dateOrder';
  if (draft.changedFrom && draft.changedTo && draft.changedTo < draft.changedFrom)
    errors.changedTo = 'instances.dateOrder';
  if (Object.keys(errors).length) return { ok: false, errors };

  const filters: InstanceFilters = { appId };
  if (draft.notConfirmed) filters.notConfirmedByUs = true;
  if (draft.process !== 'all') filters.isComplete = draft.process === 'complete';
  if (task) filters.currentTask = task;
  const created = range(draft.createdFrom, draft.createdTo);
  if (created) filters.created = created;
  const changed = range(draft.changedFrom, draft.changedTo);
  if (changed) filters.lastChanged = changed;
  if (draft.archived !== 'all') filters.isArchived = draft.archived === 'yes';
  if (draft.deleted === 'none') {
    filters.isSoftDeleted = false;
    filters.isHardDeleted = false;
  } else if (draft.deleted === 'soft') filters.isSoftDeleted = true;
  else if (draft.deleted === 'hard') filters.isHardDeleted = true;
  if (owner.length === 9) filters.instanceOwner = { kind: 'organisation', orgNumber: owner };
  if (owner.length === 11) filters.instanceOwner = { kind: 'person', nationalId: owner };
  return { ok: true, filters };
}

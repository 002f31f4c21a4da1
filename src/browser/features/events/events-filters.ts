import type { EventsQuery } from '../../../common/contract/events';
import { EVENT_TYPE_CHOICES } from '../../../common/i18n/event-words';
import type { MessageKey } from '../../../common/i18n/translate';

/** What the Hendelser filters hold: as typed, turned into Altinn Events' query by `draftToQuery`. */
export interface EventsDraft {
  /** Ids of EVENT_TYPE_CHOICES; none: every type. */
  types: string[];
  party: string;
  /** `datetime-local` values: the person's local time. */
  from: string;
  to: string;
}

export type EventsDraftErrors = Partial<Record<keyof EventsDraft, MessageKey>>;

/** A `datetime-local` value (local time, to the minute). */
export function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A week back from today's midnight: `from` is required by Events, and a week is what a case worker looks at. */
export function defaultDraft(now = new Date()): EventsDraft {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 7);
  return { types: [], party: '', from: localInputValue(from), to: '' };
}

/** The query for Events (times in UTC with `Z`), or what is wrong with the draft. */
export function draftToQuery(
  draft: EventsDraft,
): { ok: true; query: EventsQuery } | { ok: false; errors: EventsDraftErrors } {
  const errors: EventsDraftErrors = {};
  const from = draft.from ? new Date(draft.from) : undefined;
  const to = draft.to ? new Date(draft.to) : undefined;
  if (!from || Number.isNaN(from.getTime())) errors.from = 'events.fromRequired';
  if (to && (Number.isNaN(to.getTime()) || (from && to.getTime() <= from.getTime()))) errors.to = 'events.toBeforeFrom';
  const party = draft.party.trim();
  if (party && (!/^\d{1,10}$/.test(party) || Number(party) < 1 || Number(party) > 2_147_483_647)) {
    errors.party = 'events.partyInvalid';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const types = EVENT_TYPE_CHOICES.filter((c) => draft.types.includes(c.id)).map((c) => c.type);
  return {
    ok: true,
    query: {
      from: (from as Date).toISOString(),
      ...(to ? { to: to.toISOString() } : {}),
      ...(types.length > 0 ? { types } : {}),
      ...(party ? { party: Number(party) } : {}),
    },
  };
}

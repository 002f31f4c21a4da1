import type { InstanceFilters } from '../../common/schemas/instance-query';
import type { Instance } from '../../common/schemas/instance-types';
import type { StorageClient } from '../storage/storage-client';
import type { PlannedRow } from './row-checks';
import type { JournalRow } from './send-journal';

/**
 * A row left pending — its create request may or may not have reached Altinn (a lost answer, a reset, a 5xx, a
 * kill -9) — is looked up before it is sent again (issue 22, item 3): the party's instances of the app that
 * Storage created since the row was started (`GET {storage}/instances?appId=…&created=gte:…` with
 * `instanceOwner.partyId`, or for an owner given by number the header `X-Ai-InstanceOwnerIdentifier:
 * Organisation:<orgno>` / `Person:<fnr>`, which Storage turns into the party id through Register
 * (altinn-storage@d9364e4 InstancesController.cs:1214-1245 ResolvePartyFromIdentifier; the two cannot be
 * combined, :104-110; shared/reference/maskinporten-altinn.md §3.2)). A number keeps the national identity
 * number out of the URL and the logs too.
 *
 * Candidates: not an instance another row of this journal already has; the same `visibleAfter`/`dueBefore`
 * when the row sets them. One → the row was created. None → it was not. Several → ambiguous: never sent again
 * by itself. The sender runs at most one row per owner at a time, so two rows of the same owner are never
 * pending together.
 *
 * The window starts at the row's start in Storage's clock: Storage's `created` of an earlier row minus the
 * local time its answer arrived is at most the clocks' offset, so the row's local start plus the largest such
 * difference (less a second for rounding) is no later than the moment Storage saw the request. Without an
 * earlier row of the same hour, two minutes before the local start.
 */
export const FALLBACK_MARGIN_MS = 120_000;
const SAME_RUN_MS = 3_600_000;

export type ReconcileResult = { found: Instance } | { none: true } | { ambiguous: Instance[] };

export async function reconcileRow(
  storage: StorageClient,
  appId: string,
  row: PlannedRow,
  entry: JournalRow,
  journal: Iterable<JournalRow>,
  signal?: AbortSignal,
): Promise<ReconcileResult> {
  const started = Date.parse(entry.startedAt ?? '');
  const claimed = new Set<string>();
  let offset: number | undefined;
  for (const other of journal) {
    if (other.key === entry.key || !other.instanceId) continue;
    claimed.add(other.instanceId);
    if (other.created && other.answeredAt) {
      const answered = Date.parse(other.answeredAt);
      const diff = Date.parse(other.created) - answered;
      if (Number.isFinite(diff) && Math.abs(answered - started) < SAME_RUN_MS) offset = Math.max(offset ?? diff, diff);
    }
  }
  const from = Number.isFinite(started) ? started + (offset ?? -FALLBACK_MARGIN_MS) - 1000 : 0;
  const filters: InstanceFilters = {
    appId,
    created: { gte: new Date(Math.max(0, from)).toISOString() },
    size: 100,
    ...ownerFilter(row),
  };
  const candidates: Instance[] = [];
  for await (const page of storage.pages(filters, { signal, ahead: false })) {
    for (const instance of page.instances) {
      if (instance.appId !== appId || claimed.has(instance.id)) continue;
      const dates = instance as { visibleAfter?: unknown; dueBefore?: unknown };
      if (row.visibleAfter && !sameTime(dates.visibleAfter, row.visibleAfter)) continue;
      if (row.dueBefore && !sameTime(dates.dueBefore, row.dueBefore)) continue;
      candidates.push(instance);
    }
  }
  if (candidates.length === 0) return { none: true };
  if (candidates.length === 1) return { found: candidates[0] as Instance };
  return { ambiguous: candidates };
}

function ownerFilter(row: PlannedRow): Partial<InstanceFilters> {
  const { kind, value } = row.owner;
  if (kind === 'party') return { instanceOwnerPartyId: value };
  if (kind === 'org') return { instanceOwner: { kind: 'organisation', orgNumber: value } };
  return { instanceOwner: { kind: 'person', nationalId: value } };
}

function sameTime(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  return Date.parse(a) === Date.parse(b);
}

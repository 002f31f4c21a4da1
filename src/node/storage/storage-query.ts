import { confirmingOrg } from '../../common/schemas/confirming-org';
import type { DateRange, InstanceFilters } from '../../common/schemas/instance-query';

/** How instance filters become a Storage query (shared/reference/maskinporten-altinn.md §3.2). */
const OPS = ['gt', 'gte', 'lt', 'lte'] as const;

/**
 * The first page's URL and the headers that go with every page of the query. `profileOrg` is the
 * profile's org code, which decides who "us" is in `notConfirmedByUs`.
 */
export function buildInstanceQuery(
  storageBase: string,
  filters: InstanceFilters,
  profileOrg?: string,
): { url: string; headers: Record<string, string> } {
  const params = new URLSearchParams();
  params.set('appId', filters.appId);
  if (filters.isComplete !== undefined) params.set('process.isComplete', String(filters.isComplete));
  if (filters.currentTask) params.set('process.currentTask', filters.currentTask);
  const excluded =
    filters.excludeConfirmedBy ?? (filters.notConfirmedByUs ? confirmingOrg(profileOrg, filters.appId) : undefined);
  if (excluded) params.set('excludeConfirmedBy', excluded);
  if (filters.instanceOwnerPartyId) params.set('instanceOwner.partyId', filters.instanceOwnerPartyId);
  appendRange(params, 'created', filters.created);
  appendRange(params, 'lastChanged', filters.lastChanged);
  if (filters.isArchived !== undefined) params.set('status.isArchived', String(filters.isArchived));
  if (filters.isSoftDeleted !== undefined) params.set('status.isSoftDeleted', String(filters.isSoftDeleted));
  if (filters.isHardDeleted !== undefined) params.set('status.isHardDeleted', String(filters.isHardDeleted));
  params.set('size', String(filters.size ?? 100));
  return { url: `${trimSlash(storageBase)}/instances?${params}`, headers: ownerHeaders(filters) };
}

/**
 * The instance owner travels in a header, not the query: `X-Ai-InstanceOwnerIdentifier: Person:<fnr>` or
 * `Organisation:<orgno>` (§3.2) — which also keeps national ids out of URLs and logs. Every page of the
 * query must carry it, since `next` does not.
 */
export function ownerHeaders(filters: Pick<InstanceFilters, 'instanceOwner'>): Record<string, string> {
  const owner = filters.instanceOwner;
  if (owner?.kind === 'organisation') return { 'X-Ai-InstanceOwnerIdentifier': `Organisation:${owner.orgNumber}` };
  if (owner?.kind === 'person') return { 'X-Ai-InstanceOwnerIdentifier': `Person:${owner.nationalId}` };
  return {};
}

function appendRange(params: URLSearchParams, name: string, range: DateRange | undefined): void {
  if (!range) return;
  for (const op of OPS) {
    const value = range[op];
    if (value) params.append(name, `${op}:${value}`);
  }
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

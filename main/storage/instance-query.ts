import { z } from 'zod';
import { appIdSchema, isValidOrgNumber, orgCodeSchema } from '../profiles/profile';

/**
 * The instance filters users need, and how they become a Storage query
 * (shared/reference/maskinporten-altinn.md §3.2; names from altinn-storage `InstanceQueryParameters.cs`).
 */
const dateValue = z
  .string()
  .max(40)
  .regex(
    /^\d{4}-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/,
    'a date is YYYY-MM-DD or an ISO 8601 date-time',
  );

/** A range on a date field; each bound becomes one repeated parameter (`created=gt:…&created=lt:…`). */
export const dateRangeSchema = z.strictObject({
  gt: dateValue.optional(),
  gte: dateValue.optional(),
  lt: dateValue.optional(),
  lte: dateValue.optional(),
});

export const instanceOwnerSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('organisation'),
    orgNumber: z.string().refine(isValidOrgNumber, 'not a valid organisation number (9 digits, mod-11)'),
  }),
  z.strictObject({ kind: z.literal('person'), nationalId: z.string().regex(/^\d{11}$/, 'a national id is 11 digits') }),
]);

export const instanceFiltersSchema = z.strictObject({
  appId: appIdSchema,
  isComplete: z.boolean().optional(),
  currentTask: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_.-]+$/, 'a task id is letters, digits, _ . -')
    .optional(),
  /** Leave out instances this org (the service owner's code, e.g. `ttd`) has confirmed. */
  excludeConfirmedBy: orgCodeSchema.optional(),
  created: dateRangeSchema.optional(),
  lastChanged: dateRangeSchema.optional(),
  isArchived: z.boolean().optional(),
  isSoftDeleted: z.boolean().optional(),
  isHardDeleted: z.boolean().optional(),
  instanceOwner: instanceOwnerSchema.optional(),
  /** Page size; Storage's default and our ceiling is 100 (§3.6: keep size ≤ 100). */
  size: z.number().int().min(1).max(100).optional(),
});

export type InstanceFilters = z.infer<typeof instanceFiltersSchema>;
export type DateRange = z.infer<typeof dateRangeSchema>;

const OPS = ['gt', 'gte', 'lt', 'lte'] as const;

/** The first page's URL and the headers that go with every page of the query. */
export function buildInstanceQuery(
  storageBase: string,
  filters: InstanceFilters,
): { url: string; headers: Record<string, string> } {
  const params = new URLSearchParams();
  params.set('appId', filters.appId);
  if (filters.isComplete !== undefined) params.set('process.isComplete', String(filters.isComplete));
  if (filters.currentTask) params.set('process.currentTask', filters.currentTask);
  if (filters.excludeConfirmedBy) params.set('excludeConfirmedBy', filters.excludeConfirmedBy);
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

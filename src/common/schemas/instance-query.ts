import { z } from 'zod';
import { appIdSchema, isValidOrgNumber, orgCodeSchema } from './profile';

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

/** The largest `size` we send (see `size` below). */
export const MAX_PAGE_SIZE = 5000;

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
  /**
   * Leave out instances confirmed by us: main resolves "us" from the profile (confirming-org.ts), so the
   * GUI, `mpd` and scheduled runs mean the same org. `excludeConfirmedBy`, when given, wins.
   */
  notConfirmedByUs: z.boolean().optional(),
  created: dateRangeSchema.optional(),
  lastChanged: dateRangeSchema.optional(),
  isArchived: z.boolean().optional(),
  isSoftDeleted: z.boolean().optional(),
  isHardDeleted: z.boolean().optional(),
  instanceOwner: instanceOwnerSchema.optional(),
  /** One party's instances (`instanceOwner.partyId`; not with `instanceOwner`, which Storage refuses beside it: §3.2). */
  instanceOwnerPartyId: z
    .string()
    .regex(/^\d{1,10}$/, 'a party id is a whole number')
    .optional(),
  /**
   * Page size. Storage enforces no maximum (altinn-storage d9364e4: InstanceQueryParameters.cs L164-168
   * `int? Size` without [Range]; InstancesController.cs L1294 only defaults it to 100; the SQL takes
   * `FETCH FIRST _size ROWS`, readinstancefromquery.sql L45, L128); our ceiling is the largest page Storage
   * itself asks for, 5000 (MessageboxInstancesController.cs L112). Unset: parallel-listing.ts chooses.
   */
  size: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
});

export type InstanceFilters = z.infer<typeof instanceFiltersSchema>;
export type DateRange = z.infer<typeof dateRangeSchema>;

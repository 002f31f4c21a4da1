import { z } from 'zod';

/**
 * Storage response shapes (shared/reference/maskinporten-altinn.md §3.2–3.3, from altinn-storage
 * `src/Storage.Interface/Models/*.cs` and `Helpers/QueryResponse.cs`). Tolerant on purpose: Storage adds
 * fields over time, so unknown fields pass through and only what we act on is required.
 *
 * The same instance comes in two serializations (§3.7 "Response"): Storage's Newtonsoft leaves null members
 * out and writes `status.readStatus` as its name ("Read"); the app API's System.Text.Json writes nulls and the
 * number (1) (altinn-storage@d9364e4 Storage/Program.cs:229, Storage.Interface/Models/InstanceStatus.cs:13,55-57;
 * app-lib-dotnet@1363997 Altinn.App.Api/Extensions/ServiceCollectionExtensions.cs:63-76). Every member is
 * therefore `.nullish()`, and readStatus takes either form. The app's `GET instance` is an InstanceResponse whose
 * owner also carries `party` (Altinn.App.Api/Models/InstanceResponse.cs:105-238).
 */
const dateString = z.string().nullish();

export const selfLinksSchema = z.looseObject({ apps: z.string().nullish(), platform: z.string().nullish() });

export const dataElementSchema = z.looseObject({
  id: z.string().min(1),
  instanceGuid: z.string().nullish(),
  dataType: z.string().nullish(),
  filename: z.string().nullish(),
  contentType: z.string().nullish(),
  selfLinks: selfLinksSchema.nullish(),
  size: z.number().int().nonnegative().nullish(),
  /** Base64 of the MD5 digest of the blob, when Storage computed one. */
  contentHash: z.string().nullish(),
  locked: z.boolean().nullish(),
  /** `NotApplicable`, `Pending`, `Clean`, `Infected` (altinn-storage FileScanResult). */
  fileScanResult: z.string().nullish(),
  created: dateString,
  lastChanged: dateString,
});

export const completeConfirmationSchema = z.looseObject({
  stakeholderId: z.string(),
  confirmedOn: dateString,
});

export const instanceSchema = z.looseObject({
  /** `{partyId}/{instanceGuid}` */
  id: z.string().regex(/^\d+\/[0-9a-fA-F-]{36}$/, 'an instance id is {partyId}/{instanceGuid}'),
  appId: z.string().min(1),
  org: z.string().nullish(),
  instanceOwner: z
    .looseObject({
      partyId: z.string().nullish(),
      personNumber: z.string().nullish(),
      organisationNumber: z.string().nullish(),
      username: z.string().nullish(),
      /** Only in the app's InstanceResponse: the Register party of the partyId in the request's path. */
      party: z
        .looseObject({
          partyId: z.union([z.number(), z.string()]).nullish(),
          /** PartyType as a number: 1 person, 2 organisation, 3 self-identified. */
          partyTypeName: z.union([z.number(), z.string()]).nullish(),
          name: z.string().nullish(),
        })
        .nullish(),
    })
    .nullish(),
  selfLinks: selfLinksSchema.nullish(),
  process: z
    .looseObject({
      started: dateString,
      ended: dateString,
      endEvent: z.string().nullish(),
      currentTask: z
        .looseObject({
          elementId: z.string().nullish(),
          name: z.string().nullish(),
          altinnTaskType: z.string().nullish(),
        })
        .nullish(),
    })
    .nullish(),
  status: z
    .looseObject({
      isArchived: z.boolean().nullish(),
      isSoftDeleted: z.boolean().nullish(),
      isHardDeleted: z.boolean().nullish(),
      archived: dateString,
      /** "Unread" | "Read" | "UpdatedSinceLastReview" from Storage, 0 | 1 | 2 from the app (readStatusOf). */
      readStatus: z.union([z.string(), z.number()]).nullish(),
    })
    .nullish(),
  completeConfirmations: z.array(completeConfirmationSchema).nullish(),
  data: z.array(dataElementSchema).nullish(),
  created: dateString,
  lastChanged: dateString,
});

/** `QueryResponse<Instance>`: `count`, `self`, `next` (absent on the last page), `instances`. No total. */
export const queryResponseSchema = z.looseObject({
  count: z.number().int().nonnegative().nullish(),
  self: z.string().nullish(),
  next: z.string().nullish(),
  instances: z.array(instanceSchema),
});

export type DataElement = z.infer<typeof dataElementSchema>;
export type Instance = z.infer<typeof instanceSchema>;
export type QueryResponse = z.infer<typeof queryResponseSchema>;

/** The owner's read status in their inbox (altinn-storage@d9364e4 Storage.Interface/Models/InstanceStatus.cs:70-86). */
export const READ_STATUSES = ['Unread', 'Read', 'UpdatedSinceLastReview'] as const;
export type ReadStatus = (typeof READ_STATUSES)[number];

/** Storage's name (any case) or the app's number (the enum's index); anything else is unknown (null). */
export function readStatusOf(value: string | number | null | undefined): ReadStatus | null {
  if (typeof value === 'number') return READ_STATUSES[value] ?? null;
  if (typeof value !== 'string') return null;
  return READ_STATUSES.find((s) => s.toLowerCase() === value.toLowerCase()) ?? null;
}

/** `{partyId}/{instanceGuid}` split in its parts. */
export function splitInstanceId(id: string): { partyId: string; instanceGuid: string } {
  const [partyId, instanceGuid] = id.split('/') as [string, string];
  return { partyId, instanceGuid };
}

export const instanceIdSchema = z
  .string()
  .regex(/^\d{1,12}\/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, {
    message: 'an instance id is {partyId}/{instanceGuid}',
  });

import { z } from 'zod';

/**
 * An app's metadata as `GET {appBase}/api/v1/applicationmetadata` answers it (storage
 * Storage.Interface/Models/Application.cs, DataType.cs, ApplicationLogic.cs, PartyTypesAllowed.cs;
 * shared/reference/maskinporten-altinn.md §3.7 "Application metadata"). Tolerant: only what the local checks
 * read is named; the rest passes through.
 */
export const dataTypeSchema = z.looseObject({
  id: z.string().min(1),
  allowedContentTypes: z.array(z.string()).nullish(),
  appLogic: z
    .looseObject({
      autoCreate: z.boolean().nullish(),
      classRef: z.string().nullish(),
    })
    .nullish(),
  taskId: z.string().nullish(),
  /** MB; null = no limit. */
  maxSize: z.number().nullish(),
  /** ≤ 0 = unbounded. */
  maxCount: z.number().int().nullish(),
  minCount: z.number().int().nullish(),
  enableFileScan: z.boolean().nullish(),
});

export const partyTypesAllowedSchema = z.looseObject({
  bankruptcyEstate: z.boolean().nullish(),
  organisation: z.boolean().nullish(),
  person: z.boolean().nullish(),
  subUnit: z.boolean().nullish(),
});

export const applicationMetadataSchema = z.looseObject({
  id: z.string().min(1),
  org: z.string().nullish(),
  title: z.record(z.string(), z.string().nullish()).nullish(),
  dataTypes: z.array(dataTypeSchema),
  partyTypesAllowed: partyTypesAllowedSchema.nullish(),
});

export type ApplicationMetadata = z.infer<typeof applicationMetadataSchema>;
export type AppDataType = z.infer<typeof dataTypeSchema>;

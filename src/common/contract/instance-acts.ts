import { z } from 'zod';
import { instanceIdSchema } from '../schemas/instance-types';
import { appIdSchema } from '../schemas/profile';
import { channel } from './define';
import { fileHandleSchema, type PickedFile } from './files';
import type { DataElementSummary, InstanceDetail } from './instances';

/**
 * Acting on instances as the service owner (issue 19; shared/reference/maskinporten-altinn.md §3.7): create one
 * for a party, add, replace and delete its data, move its process, set what its user sees, delete it. Files
 * cross as one-time handles (files.ts) from a dialog main showed or a drop main confirmed, never as paths;
 * main reads and checks them.
 * Every write in Production takes `confirmProduction: true` (the window's yes) and then main's own yes.
 */

export type OwnerKind = 'org' | 'person' | 'party';

/** One data type of the app, as the "Ny instans" dialog and the local checks read it. */
export interface DataTypeView {
  id: string;
  /** Empty: any type. */
  allowedContentTypes: string[];
  /** MB; null: no limit. */
  maxSizeMb: number | null;
  /** 0: unbounded. */
  maxCount: number;
  minCount: number;
  taskId: string | null;
  /** A data model (`appLogic.classRef`): XML or JSON form data. */
  form: boolean;
  autoCreate: boolean;
  /** `ref-data-as-pdf`: made by the app, never uploaded. */
  readOnly: boolean;
}

export interface AppMetadataView {
  appId: string;
  title: Record<string, string>;
  dataTypes: DataTypeView[];
  /** All false means everyone may instantiate. */
  partyTypesAllowed: { person: boolean; organisation: boolean; subUnit: boolean; bankruptcyEstate: boolean };
}

/** An instance with what its user and owner see besides the files and the process. */
export interface ActInstanceView extends InstanceDetail {
  org: string | null;
  taskType: string | null;
  substatus: { label: string; description: string | null } | null;
  presentationTexts: Record<string, string>;
  dataValues: Record<string, string>;
  visibleAfter: string | null;
  dueBefore: string | null;
}

/** The party the app answered for the new instance (InstanceResponse's `instanceOwner.party`). */
export interface PartyView {
  partyId: string;
  name: string | null;
  kind: 'person' | 'organisation' | 'self-identified' | 'unknown';
  orgNumber: string | null;
  unitType: string | null;
}

/** One file of a new instance: stored (its element id) or not (why). */
export interface PartResult {
  dataType: string;
  filename: string;
  elementId?: string;
  error?: { code: string; message: string };
}

export interface CreatedInstanceView {
  instance: ActInstanceView;
  party: PartyView | null;
  parts: PartResult[];
}

export interface DataWriteResult {
  instance: ActInstanceView;
  element: DataElementSummary;
}

export interface TaskView {
  elementId: string;
  name: string | null;
  altinnTaskType: string | null;
  flow: number | null;
  started: string | null;
  /** The task's actions and whether the caller may perform them (AppProcessState `actions`). */
  actions: Record<string, boolean>;
}

export interface ProcessView {
  started: string | null;
  ended: string | null;
  endEvent: string | null;
  currentTask: TaskView | null;
  /** The app's tasks in its process definition. */
  tasks: { elementId: string; altinnTaskType: string | null }[];
  /** Altinn's process state exactly as the app answered it (`mpd process show --json`). */
  state: Record<string, unknown>;
}

/** A validation issue Altinn listed when it refused to move the process (ValidationIssueWithSource). */
export interface ValidationIssueView {
  severity: number;
  code: string | null;
  description: string | null;
  field: string | null;
  dataElementId: string | null;
  source: string | null;
}

/** What main read of a file: its name, size and the content type it would be sent with. */
export interface FileFacts {
  name: string;
  size: number;
  /** The content type the file will be sent with (from its extension; application/octet-stream if unknown). */
  contentType: string;
}

/**
 * A file to upload, as the window knows it: a handle (its previous one is used up: every answer that
 * inspects a file hands out a new one) and what main read of it.
 */
export interface LocalFileInfo extends PickedFile, FileFacts {}

const profileId = z.string().min(1).max(64);
const dataTypeId = z.string().min(1).max(200);
const contentType = z
  .string()
  .max(200)
  .regex(/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/, 'a content type is type/subtype, e.g. application/pdf');
const confirmProduction = z.boolean().optional();
const dateTime = z.string().min(1).max(40);
const textMap = z.record(z.string().max(300), z.string().max(10_000));

export const ownerSchema = z.strictObject({
  kind: z.enum(['org', 'person', 'party']),
  value: z.string().trim().min(1).max(40),
});

const onInstance = { profileId, appId: appIdSchema, instanceId: instanceIdSchema, confirmProduction };

export const instanceActsChannels = {
  /** The app's data types, limits and party types (anonymous GET, cached 60 s). */
  'act:app-metadata': channel<AppMetadataView>()(z.strictObject({ profileId, appId: appIdSchema })),
  /** One instance with its substatus, presentation texts and data values. */
  'act:instance': channel<ActInstanceView>()(
    z.strictObject({ profileId, appId: appIdSchema, instanceId: instanceIdSchema }),
  ),
  'act:create': channel<CreatedInstanceView>()(
    z.strictObject({
      profileId,
      appId: appIdSchema,
      owner: ownerSchema,
      prefill: textMap.optional(),
      files: z
        .array(z.strictObject({ dataType: dataTypeId, file: fileHandleSchema, contentType: contentType.optional() }))
        .max(100)
        .default([]),
      visibleAfter: dateTime.optional(),
      dueBefore: dateTime.optional(),
      confirmProduction,
    }),
  ),
  'act:data-add': channel<DataWriteResult>()(
    z.strictObject({
      ...onInstance,
      dataType: dataTypeId,
      file: fileHandleSchema,
      contentType: contentType.optional(),
    }),
  ),
  'act:data-replace': channel<DataWriteResult>()(
    z.strictObject({ ...onInstance, elementId: z.uuid(), file: fileHandleSchema, contentType: contentType.optional() }),
  ),
  'act:data-delete': channel<ActInstanceView>()(z.strictObject({ ...onInstance, elementId: z.uuid() })),
  'act:process': channel<ProcessView>()(
    z.strictObject({ profileId, appId: appIdSchema, instanceId: instanceIdSchema }),
  ),
  'act:process-next': channel<ProcessView>()(
    z.strictObject({ ...onInstance, action: z.string().min(1).max(100).optional() }),
  ),
  'act:process-complete': channel<ProcessView>()(z.strictObject(onInstance)),
  'act:update-status': channel<ActInstanceView>()(
    z.strictObject({
      ...onInstance,
      substatus: z
        .strictObject({ label: z.string().max(1000), description: z.string().max(4000).optional() })
        .optional(),
      presentationTexts: textMap.optional(),
      dataValues: textMap.optional(),
    }),
  ),
  /** Soft by default; `hard` needs `hardConfirmed: true` besides (a second, separate yes). */
  'act:delete': channel<ActInstanceView>()(
    z.strictObject({ ...onInstance, hard: z.boolean().default(false), hardConfirmed: z.boolean().optional() }),
  ),
  /**
   * Main's open dialog for a file to upload or a prefill JSON file: the picked file's handle, name, size and
   * content type (main inspects it at once), or null when the person cancelled.
   */
  'act:choose-file': channel<{ file: LocalFileInfo | null }>()(
    z.strictObject({ purpose: z.enum(['data', 'prefill']) }),
  ),
  /** Name, size and content type of a dropped file to upload, by its handle; the answer carries a new handle. */
  'act:inspect-file': channel<LocalFileInfo>()(
    z.strictObject({ file: fileHandleSchema, contentType: contentType.optional() }),
  ),
  /** A prefill JSON file read and checked in main, by its handle: a flat map of data-model paths to values. */
  'act:read-prefill': channel<{ prefill: Record<string, string> }>()(z.strictObject({ file: fileHandleSchema })),
};

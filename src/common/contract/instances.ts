import { z } from 'zod';
import { instanceFiltersSchema } from '../schemas/instance-query';
import { instanceIdSchema, type ReadStatus } from '../schemas/instance-types';
import { appIdSchema } from '../schemas/profile';
import { channel } from './define';
import type { ActInstanceView } from './instance-acts';

export interface Confirmation {
  stakeholderId: string;
  confirmedOn?: string | null;
}

export interface InstanceOwner {
  partyId?: string | null;
  organisationNumber?: string | null;
  personNumber?: string | null;
  /**
   * The owner's name, from the app API's InstanceResponse (`instanceOwner.party.name`); absent when the
   * instance came from Storage, which has no names.
   */
  name?: string | null;
}

/** One row of the instances table. */
export interface InstanceSummary {
  id: string;
  appId: string;
  /** Who the instance belongs to; set by `instances:query` (the GUI's owner column). */
  instanceOwner?: InstanceOwner;
  created?: string | null;
  lastChanged?: string | null;
  currentTask?: string | null;
  isComplete: boolean;
  confirmations: Confirmation[];
  dataCount: number;
  /** Sum of the data elements' sizes, in bytes. */
  totalSize: number;
  isArchived: boolean;
  isSoftDeleted: boolean;
  isHardDeleted: boolean;
}

export interface DataElementSummary {
  id: string;
  dataType?: string | null;
  filename?: string | null;
  contentType?: string | null;
  size?: number | null;
  contentHash?: string | null;
  fileScanResult?: string | null;
  created?: string | null;
  lastChanged?: string | null;
}

export interface InstanceDetail extends InstanceSummary {
  instanceOwner: InstanceOwner;
  /** Whether the owner has read it in their Altinn inbox; null when Altinn did not say. */
  readStatus: ReadStatus | null;
  process: { started?: string | null; ended?: string | null; currentTaskName?: string | null };
  data: DataElementSummary[];
  completeConfirmations: Confirmation[];
}

export interface ConfirmResult {
  results: {
    instanceId: string;
    confirmed: boolean;
    /** Our org had confirmed it already; nothing was sent. */
    alreadyConfirmed?: boolean;
    error?: { code: string; message: string };
  }[];
}

const profileId = z.string().min(1).max(64);

export const instancesChannels = {
  /** One page: the first for `filters`, or the page behind `next` (a link from the previous page). */
  'instances:query': channel<{ instances: InstanceSummary[]; next?: string }>()(
    z.strictObject({ profileId, filters: instanceFiltersSchema, next: z.string().url().max(8192).optional() }),
  ),
  /**
   * With `appId` the details come from the app API first (its InstanceResponse names the owner), else Storage.
   * With what the owner and user see (substatus, texts, values): the acts panel shows the same read, not its own.
   */
  'instances:get': channel<ActInstanceView>()(
    z.strictObject({ profileId, instanceId: instanceIdSchema, appId: appIdSchema.optional() }),
  ),
  /**
   * Confirm downloaded instances afterwards. Each must be fully verified in the job's folder (by `jobId`,
   * or `target` = a folder with a download manifest); production needs `confirmProduction: true`.
   */
  'instances:confirm': channel<ConfirmResult>()(
    z.strictObject({
      profileId,
      instanceIds: z.array(instanceIdSchema).min(1).max(1000),
      jobId: z.string().uuid().optional(),
      target: z.string().min(1).max(4096).optional(),
      confirmProduction: z.boolean().optional(),
    }),
  ),
};

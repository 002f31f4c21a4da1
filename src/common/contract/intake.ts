import { z } from 'zod';
import type { AppErrorJson } from '../errors/app-error';
import type { VerifiedBy } from '../schemas/content-hash';
import { instanceIdSchema } from '../schemas/instance-types';
import { appIdSchema } from '../schemas/profile';
import { channel } from './define';
import type { InstanceOwner } from './instances';
import type { DoctorRow } from './token-status';

/**
 * Intake (issue 12): a *watch* keeps a folder in step with an app's new submissions. Main runs its passes
 * (src/node/intake/); the window lists, edits and follows them; `mpd sync` runs the same passes.
 */

/** Which instances a watch takes: those whose process has ended, or those standing at one task. */
export const watchSelectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('complete') }),
  z.strictObject({
    kind: z.literal('task'),
    task: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9_.-]+$/, 'a task id is letters, digits, _ . -'),
  }),
]);
export type WatchSelection = z.infer<typeof watchSelectionSchema>;

export const INTERVAL_MINUTES = { min: 1, max: 1440, default: 10 } as const;

/** The fields of a watch, without defaults (an update names only what changes). */
const watchFields = {
  profileId: z.string().min(1).max(64),
  appId: appIdSchema,
  /** An absolute folder; from the window it must be one picked with downloads:choose-folder. */
  target: z.string().min(1).max(4096),
  selection: watchSelectionSchema,
  /** POST …/complete for each instance once all its files are verified on disk. */
  confirm: z.boolean(),
  intervalMinutes: z.number().int().min(INTERVAL_MINUTES.min).max(INTERVAL_MINUTES.max),
  concurrency: z.number().int().min(1).max(16),
};

/** What a watch is: whose, which app, where to, which instances, confirm or not, how often. */
export const watchSpecSchema = z.strictObject({
  ...watchFields,
  selection: watchFields.selection.default({ kind: 'complete' }),
  confirm: watchFields.confirm.default(false),
  intervalMinutes: watchFields.intervalMinutes.default(INTERVAL_MINUTES.default),
  concurrency: watchFields.concurrency.default(4),
});
export const watchChangeSchema = z.strictObject(watchFields).partial();
export type WatchSpecInput = z.input<typeof watchSpecSchema>;
export type WatchSpec = z.output<typeof watchSpecSchema>;
export type WatchChange = z.output<typeof watchChangeSchema>;

export interface Watch extends WatchSpec {
  id: string;
  paused: boolean;
  createdAt: string;
  updatedAt: string;
  /** When the person said yes to confirming in production (needed for a production watch that confirms). */
  productionConfirmedAt?: string;
  /** When the person last resumed it: a stop recorded before then no longer holds. */
  resumedAt?: string;
}

export type PassOutcome =
  /** Nothing new arrived (one list request when nothing waited for a retry). */
  | 'nothing-new'
  /** New instances arrived and every one of them is verified (and confirmed, when asked). */
  | 'completed'
  /** Some instances failed; they are retried by id on the next pass. */
  | 'problems'
  /** Another pass or download was writing to the folder; the next pass tries again. */
  | 'skipped'
  /** The pass could not run (network, Altinn, the token…): see `error`. */
  | 'failed'
  /** Stopped on request (window closed, Ctrl-C); what was verified is kept. */
  | 'cancelled';

export interface PassFile {
  elementId: string;
  /** The name on disk (the manifest's), or Storage's filename when it was not saved. */
  filename: string | null;
  contentType?: string | null;
  size: number;
  fileScanResult?: string | null;
  /** Verified on disk in this folder. */
  saved: boolean;
  /** How a saved file's bytes were checked: against Storage's MD5, or by size only (content-hash.ts). */
  check?: VerifiedBy;
}

/** One instance a pass brought, for the history (and the preview of its files). */
export interface PassInstance {
  id: string;
  owner: InstanceOwner;
  lastChanged: string | null;
  confirmed: boolean;
  /** Every file verified on disk (infected files are never saved). */
  saved: boolean;
  /** The instance's folder, relative to the watch's folder. */
  folder: string;
  files: PassFile[];
}

export interface PassProblem {
  instanceId: string;
  elementId?: string;
  code: string;
  message: string;
}

/** What one pass did; the history keeps the newest first. */
export interface PassRecord {
  id: string;
  startedAt: string;
  endedAt: string;
  /** Who ran it: the app's scheduler or `mpd sync`. */
  by: 'app' | 'cli';
  outcome: PassOutcome;
  /** Pages of the instance list asked for. */
  listRequests: number;
  /** Instances listed that were not already in the folder. */
  newInstances: number;
  /** Instances of earlier passes tried again by id. */
  retried: number;
  /** Instances verified in this pass (new and retried). */
  downloaded: number;
  files: number;
  bytes: number;
  confirmed: number;
  /** Instances still not verified (or not confirmed, when asked) after this pass: retried next time. */
  failed: number;
  infected: number;
  problems: PassProblem[];
  /** The instances verified in this pass (the first 100). */
  instances: PassInstance[];
  error?: AppErrorJson;
  /** A run of passes with the same quiet outcome (nothing new, skipped) is kept as one record. */
  repeats?: number;
}

/** Why a watch stopped: an error a person must fix, with the doctor's rows that explain it. */
export interface WatchStop {
  at: string;
  error: AppErrorJson;
  doctor?: DoctorRow[];
}

export type WatchState = 'idle' | 'running' | 'paused' | 'stopped' | 'backoff';

export interface PassProgress {
  startedAt: string;
  /** `waiting`: another watch of this app is writing to the same folder; this pass follows it. */
  phase: 'waiting' | 'listing' | 'downloading';
  listed: number;
  instances: { done: number; failed: number; total: number };
  files: { done: number; total: number };
  bytes: { done: number; total: number };
}

export interface WatchStatus {
  state: WatchState;
  nextPassAt?: string;
  running?: PassProgress;
  lastPass?: PassRecord;
  stop?: WatchStop;
  /** Passes that failed in a row (network, Altinn 5xx): the next pass waits longer. */
  consecutiveFailures: number;
  /** Instances waiting to be tried again by id. */
  retryCount: number;
}

/** A watch as the window shows it. */
export interface WatchView extends Watch {
  profileName?: string;
  environmentId?: string;
  production: boolean;
  status: WatchStatus;
}

/** What happens when the window is closed while watches are active. */
export const closeBehaviourSchema = z.enum(['ask', 'background', 'quit']);
export type CloseBehaviour = z.infer<typeof closeBehaviourSchema>;

export interface IntakeSettings {
  whenWindowCloses: CloseBehaviour;
}

const watchId = z.string().uuid();

export const intakeChannels = {
  'intake:list': channel<WatchView[]>()(z.undefined()),
  /** `confirmProduction`: the person said yes to confirming in production (required for such a watch). */
  'intake:create': channel<WatchView>()(
    z.strictObject({
      ...watchSpecSchema.shape,
      confirmProduction: z.boolean().optional(),
      paused: z.boolean().optional(),
    }),
  ),
  'intake:update': channel<WatchView>()(
    z.strictObject({
      watchId,
      change: watchChangeSchema,
      confirmProduction: z.boolean().optional(),
    }),
  ),
  'intake:remove': channel<{ removed: string }>()(z.strictObject({ watchId })),
  'intake:pause': channel<WatchView>()(z.strictObject({ watchId })),
  'intake:resume': channel<WatchView>()(z.strictObject({ watchId })),
  'intake:run-now': channel<WatchView>()(z.strictObject({ watchId })),
  'intake:history': channel<PassRecord[]>()(z.strictObject({ watchId })),
  /** The watch's folder, or one instance's folder in it, in the system's file manager. */
  'intake:open-folder': channel<{ opened: boolean }>()(
    z.strictObject({ watchId, instanceId: instanceIdSchema.optional() }),
  ),
  'intake:settings': channel<IntakeSettings>()(z.undefined()),
  'intake:update-settings': channel<IntakeSettings>()(z.strictObject({ whenWindowCloses: closeBehaviourSchema })),
};

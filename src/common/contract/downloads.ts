import { z } from 'zod';
import type { AppErrorJson } from '../errors/app-error';
import type { VerifiedBy } from '../schemas/content-hash';
import { instanceFiltersSchema } from '../schemas/instance-query';
import { instanceIdSchema } from '../schemas/instance-types';
import { channel } from './define';

export type DownloadJobState = 'running' | 'completed' | 'partial' | 'failed' | 'cancelled';

/** Pushed as `downloads:progress` while a job runs (a few times a second) and once when it ends. */
export interface DownloadProgress {
  jobId: string;
  state: DownloadJobState;
  /** `total` grows as pages arrive; Storage gives no total count, so `totalKnown` says when it is final. */
  instances: { done: number; failed: number; total: number; totalKnown: boolean; confirmed: number };
  /**
   * `skipped` were already verified on disk by an earlier run (from the manifest). Of the done and skipped,
   * `md5Checked` had their bytes checked against Storage's MD5 and `sizeChecked` only against the size
   * (Storage has no hash for most elements, or only a stale one: common/schemas/content-hash.ts).
   */
  elements: {
    done: number;
    failed: number;
    infected: number;
    skipped: number;
    total: number;
    md5Checked: number;
    sizeChecked: number;
  };
  bytes: { done: number; total: number };
  /** Bytes per second, smoothed. */
  rate: number;
  /** Seconds left; only when every instance is known. */
  etaSeconds?: number;
}

export interface DownloadJobSummary extends DownloadProgress {
  profileId: string;
  environmentId: string;
  production: boolean;
  target: string;
  appId?: string;
  /** How many instances were chosen, for a job over chosen instances (known before any is fetched). */
  chosenInstances?: number;
  /** The most transfers at once: the number asked for, or 16 when the job adapts (adaptive-concurrency.ts). */
  concurrency: number;
  /** Transfers allowed at once now (it grows and shrinks while an adaptive job runs). */
  concurrencyNow?: number;
  /** Worker threads that carry the transfers, chosen from the machine's cores (0: the main thread). */
  transferThreads: number;
  confirm: boolean;
  startedAt: string;
  endedAt?: string;
  error?: AppErrorJson;
}

export interface DownloadProblem {
  instanceId: string;
  elementId?: string;
  filename?: string | null;
  code: string;
  message: string;
}

/** One verified file of a job, as `mpd download --json` lists it: where it is and how it was checked. */
export interface DownloadedFile {
  instanceId: string;
  elementId: string;
  /** Relative to the download folder, forward slashes. */
  path: string;
  size: number;
  check: VerifiedBy;
}

export interface DownloadJobDetail extends DownloadJobSummary {
  /** The first few hundred problems (failed elements, failed confirms). */
  failures: DownloadProblem[];
  /** Elements Storage marked `fileScanResult: Infected`: not saved, listed here and in the manifest. */
  infected: { instanceId: string; elementId: string; filename: string | null }[];
}

const jobId = z.string().uuid();

export const downloadSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('query'), filters: instanceFiltersSchema }),
  z.strictObject({ kind: z.literal('instances'), instanceIds: z.array(instanceIdSchema).min(1).max(100_000) }),
]);

export const downloadStartSchema = z.strictObject({
  profileId: z.string().min(1).max(64),
  source: downloadSourceSchema,
  /** An absolute folder; from the GUI it must be one picked with downloads:choose-folder. */
  target: z.string().min(1).max(4096),
  concurrency: z.number().int().min(1).max(16).default(4),
  /** POST …/complete for each instance once every data element of it is verified on disk. */
  confirm: z.boolean().default(false),
  /** Required (true) to confirm in production: the user was asked once more. */
  confirmProduction: z.boolean().optional(),
});

export type DownloadStartInput = z.input<typeof downloadStartSchema>;
export type DownloadSource = z.infer<typeof downloadSourceSchema>;

export const downloadsChannels = {
  'downloads:choose-folder': channel<{ folder: string | null }>()(z.undefined()),
  'downloads:start': channel<DownloadJobSummary>()(downloadStartSchema),
  'downloads:list': channel<DownloadJobSummary[]>()(z.undefined()),
  'downloads:get': channel<DownloadJobDetail>()(z.strictObject({ jobId })),
  'downloads:cancel': channel<DownloadJobSummary>()(z.strictObject({ jobId })),
  'downloads:retry-failed': channel<DownloadJobSummary>()(z.strictObject({ jobId })),
  'downloads:open-folder': channel<{ opened: boolean }>()(z.strictObject({ jobId })),
};

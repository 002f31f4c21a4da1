import { isAbsolute, resolve } from 'node:path';
import type { ConfirmResult } from '../../common/contract/instances';
import { AppError } from '../../common/errors/app-error';
import { DownloadErrors } from '../../common/errors/download-errors';
import type { StorageClient } from '../storage/storage-client';
import type { StorageContext } from '../storage/storage-context';
import { confirmInstance, requireProductionConfirm } from './confirm';
import { asAppError, isFatal } from './download-failures';
import { claimFolder } from './folder-claim';
import type { JobRegistry } from './job-registry';
import type { Manifest } from './manifest';

export interface ConfirmAfterwardsInput {
  profileId: string;
  instanceIds: string[];
  jobId?: string;
  target?: string;
  confirmProduction?: boolean;
}

export interface ConfirmAfterwardsDeps {
  storageFor(profileId: string): Promise<StorageContext>;
  jobs: Pick<JobRegistry, 'targetOf' | 'runningIn'>;
  now: () => Date;
}

/**
 * Confirm instances after the fact (`instances:confirm`, `mpd confirm`): each must be fully verified in
 * the download folder (the job's, or `target`), checked against what Storage lists for it now.
 */
export async function confirmAfterwards(
  deps: ConfirmAfterwardsDeps,
  input: ConfirmAfterwardsInput,
): Promise<ConfirmResult> {
  const target = input.jobId ? deps.jobs.targetOf(input.jobId) : input.target;
  if (!target || !isAbsolute(target)) {
    throw new AppError(
      DownloadErrors.TARGET_INVALID,
      'Confirming needs the download folder (a job or an absolute path)',
    );
  }
  const { client, environment } = await deps.storageFor(input.profileId);
  requireProductionConfirm(environment.production, input.confirmProduction);
  // A job writing to this folder owns its manifest: share it rather than race it.
  const folder = resolve(target);
  const running = deps.jobs.runningIn(folder);
  const claimed = running ? undefined : await claimFolder(folder, deps.now);
  const manifest = running?.manifest ?? (claimed?.manifest as Manifest);
  try {
    return await confirmEach(client, folder, input.instanceIds, manifest, running !== undefined);
  } finally {
    await claimed?.lock.release();
  }
}

async function confirmEach(
  client: StorageClient,
  target: string,
  instanceIds: string[],
  manifest: Manifest,
  shared: boolean,
): Promise<ConfirmResult> {
  const results: ConfirmResult['results'] = [];
  for (const instanceId of instanceIds) {
    try {
      const instance = await client.getInstance(instanceId);
      // The files are read again: they may have changed since they were verified (issue 17, finding 12).
      const outcome = await confirmInstance(client, target, instance, manifest, undefined, { rehash: true });
      results.push({ instanceId, confirmed: true, ...(outcome === 'already' ? { alreadyConfirmed: true } : {}) });
    } catch (error) {
      const e = asAppError(error);
      if (isFatal(e)) throw e;
      results.push({ instanceId, confirmed: false, error: { code: e.code, message: e.message } });
    }
  }
  if (shared) await manifest.flush();
  else await manifest.compact();
  return { results };
}

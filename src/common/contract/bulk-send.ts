import { z } from 'zod';
import { appIdSchema } from '../schemas/profile';
import type { SendJobDetail, SendJobSummary, SendPlanView, SendReport } from './bulk-send-types';
import { channel } from './define';
import { fileHandleSchema } from './files';

export type * from './bulk-send-types';

/**
 * The bulk send ("Utsendelse", issue 22). The window never names a path: main's dialog (or a dropped file's
 * path from the preload, read and checked by main as any file) gives main a path, and the window a `fileId`.
 * A send is a job in main; `send:progress` pushes its progress.
 */
const profileId = z.string().min(1).max(64);
const fileId = z.string().uuid();
const jobId = z.string().uuid();
const batch = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N} ._-]+$/u, 'letters, digits, space, . _ -')
  .optional();

export interface SendFile {
  fileId: string | null;
  fileName?: string;
}

export interface UnfinishedSend {
  journalId: string;
  fileName: string;
  appId: string;
  environmentId: string;
  profileId?: string;
  batch?: string;
  done: number;
  open: number;
}

export const bulkSendChannels = {
  'send:choose-file': channel<SendFile>()(z.undefined()),
  /** A spreadsheet dropped on the window: the handle main gave after its own question (files:dropped). */
  'send:use-file': channel<SendFile>()(z.strictObject({ file: fileHandleSchema })),
  'send:plan': channel<SendPlanView>()(z.strictObject({ profileId, appId: appIdSchema, fileId, batch })),
  'send:start': channel<SendJobSummary>()(
    z.strictObject({
      profileId,
      appId: appIdSchema,
      fileId,
      batch,
      concurrency: z.number().int().min(1).max(16).optional(),
      confirmProduction: z.boolean().optional(),
    }),
  ),
  'send:list': channel<SendJobSummary[]>()(z.undefined()),
  'send:get': channel<SendJobDetail>()(z.strictObject({ jobId })),
  'send:pause': channel<SendJobSummary>()(z.strictObject({ jobId })),
  'send:resume': channel<SendJobSummary>()(z.strictObject({ jobId })),
  'send:cancel': channel<SendJobSummary>()(z.strictObject({ jobId })),
  'send:report': channel<SendReport>()(z.strictObject({ jobId })),
  'send:export-report': channel<{ path: string | null }>()(z.strictObject({ jobId })),
  'send:unfinished': channel<UnfinishedSend[]>()(z.undefined()),
  /** Open an unfinished send again from its journal (after a restart): its file becomes a fileId. */
  'send:reopen': channel<SendFile & { profileId?: string; appId: string; batch?: string }>()(
    z.strictObject({ journalId: z.string().regex(/^[0-9a-f]{20}$/) }),
  ),
};

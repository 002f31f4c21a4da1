import { isAbsolute } from 'node:path';
import { z } from 'zod';
import type { Envelope } from '../../common/contract';
import type { PickedFile } from '../../common/contract/files';
import { AppError, SeamErrors } from '../../common/errors/app-error';
import { englishHint } from '../../common/i18n/hints';
import { confirmRequest } from '../platform/confirm-in-main';
import { type FileHandles, notFromDialog } from '../platform/file-handles';
import { isNetworkOrDevicePath } from '../platform/network-path';
import type { Services } from '../services';

const droppedInput = z.strictObject({ path: z.string().min(1).max(4096), purpose: z.literal('key-import') });

/**
 * A key file dropped on the window (DROPPED_FILE_CHANNEL, called by the preload only). The preload read the
 * path from the dropped File itself (webUtils.getPathForFile in the isolated world), so the page never
 * handles it; but a window taken over beyond its JavaScript could send any path here, so main names the
 * file in its own dialog and hands out a handle only on the person's yes. A no is a quiet null.
 */
export function droppedFileHandler(s: Pick<Services, 'desktop' | 'uiSettings' | 'logger'>, files: FileHandles) {
  return async (input: unknown): Promise<Envelope<PickedFile | null>> => {
    try {
      const parsed = droppedInput.safeParse(input);
      if (!parsed.success) throw new AppError(SeamErrors.INVALID_INPUT, 'Invalid input for a dropped file');
      const { path, purpose } = parsed.data;
      if (!isAbsolute(path) && !isNetworkOrDevicePath(path)) throw notFromDialog();
      // Refuses network and device paths before anything shows them.
      const picked = files.issue(path, purpose);
      const language = (await s.uiSettings.get().catch(() => undefined))?.language ?? 'nb';
      const yes = await s.desktop.confirmInMain(
        confirmRequest(language, {
          question: 'confirm.questionImportDropped',
          params: { file: picked.name },
          confirmLabel: 'confirm.yesImport',
          facts: [['confirm.factFile', path]],
          notes: ['confirm.noteDroppedFile'],
        }),
      );
      if (!yes) {
        files.take(picked.handle, purpose);
        return { ok: true, result: null };
      }
      return { ok: true, result: picked };
    } catch (error) {
      const e = error instanceof AppError ? error : new AppError(SeamErrors.INTERNAL, String(error));
      if (!(error instanceof AppError)) s.logger.error('dropped file', { error: String(error) });
      return { ok: false, error: { ...e.toJSON(), hint: englishHint(e.code) } };
    }
  };
}

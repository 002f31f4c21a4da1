import { isAbsolute } from 'node:path';
import { z } from 'zod';
import type { Envelope } from '../../common/contract';
import { MAX_DROPPED_FILES } from '../../common/contract/dropped-files';
import type { PickedFile } from '../../common/contract/files';
import { AppError, SeamErrors } from '../../common/errors/app-error';
import { englishHint } from '../../common/i18n/hints';
import { type ChangeToConfirm, type ConfirmFact, confirmRequest } from '../platform/confirm-in-main';
import { type FileHandles, notFromDialog } from '../platform/file-handles';
import { isNetworkOrDevicePath, refuseNetworkPath } from '../platform/network-path';
import type { Services } from '../services';

const droppedPath = z.string().min(1).max(4096);
const droppedInput = z.discriminatedUnion('purpose', [
  z.strictObject({ purpose: z.literal('key-import'), paths: z.array(droppedPath).length(1) }),
  z.strictObject({ purpose: z.literal('act-data'), paths: z.array(droppedPath).min(1).max(MAX_DROPPED_FILES) }),
  z.strictObject({ purpose: z.literal('send-sheet'), paths: z.array(droppedPath).length(1) }),
]);
type DroppedInput = z.infer<typeof droppedInput>;

/** Main's question for a drop: the file's name in the question, every full path as a fact. */
function question(input: DroppedInput, picked: PickedFile[]): ChangeToConfirm {
  const facts = input.paths.map((path): ConfirmFact => ['confirm.factFile', path]);
  if (input.purpose === 'send-sheet') {
    return {
      question: 'confirm.questionSendSheetDropped',
      params: { file: picked[0]?.name ?? '' },
      confirmLabel: 'confirm.yesUseDropped',
      facts,
      notes: ['confirm.noteDroppedFile'],
    };
  }
  if (input.purpose === 'key-import') {
    return {
      question: 'confirm.questionImportDropped',
      params: { file: picked[0]?.name ?? '' },
      confirmLabel: 'confirm.yesImport',
      facts,
      notes: ['confirm.noteDroppedFile'],
    };
  }
  return {
    question: picked.length === 1 ? 'confirm.questionUploadDropped' : 'confirm.questionUploadDroppedMany',
    params: { file: picked[0]?.name ?? '', count: picked.length },
    confirmLabel: 'confirm.yesUseDropped',
    facts,
    notes: ['confirm.noteDroppedUpload'],
  };
}

/**
 * Files dropped on the window (DROPPED_FILE_CHANNEL, called by the preload only): a key file to import, or
 * files to upload to an instance. The preload read the paths from the dropped Files itself
 * (webUtils.getPathForFile in the isolated world), so the page never handles them; but a window taken over
 * beyond its JavaScript could send any path here, so main names every file of the drop in its own dialog and
 * hands out handles only on the person's yes. One question for one drop of several files: the person has
 * just dropped them, and the question lists each full path; a network or device path among them refuses the
 * whole drop before anything is shown. A no is a quiet null.
 */
export function droppedFileHandler(s: Pick<Services, 'desktop' | 'uiSettings' | 'logger'>, files: FileHandles) {
  return async (input: unknown): Promise<Envelope<PickedFile[] | null>> => {
    try {
      const parsed = droppedInput.safeParse(input);
      if (!parsed.success) throw new AppError(SeamErrors.INVALID_INPUT, 'Invalid input for dropped files');
      const { paths, purpose } = parsed.data;
      for (const path of paths) if (!isAbsolute(path) && !isNetworkOrDevicePath(path)) throw notFromDialog();
      // Refuses network and device paths before anything shows them (and before any handle is live).
      for (const path of paths) refuseNetworkPath(path);
      const picked = paths.map((path) => files.issue(path, purpose));
      const language = (await s.uiSettings.get().catch(() => undefined))?.language ?? 'nb';
      const yes = await s.desktop.confirmInMain(confirmRequest(language, question(parsed.data, picked)));
      if (!yes) {
        for (const p of picked) files.take(p.handle, purpose);
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

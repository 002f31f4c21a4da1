import type { PickedFile } from '../../common/contract/files';
import { AppError } from '../../common/errors/app-error';
import { type FileHandles, type FilePurpose, notFromDialog, type TakenFile } from '../platform/file-handles';

/**
 * The files of one send from the window (act:create, act:data-add, act:data-replace), by handle: each is
 * used up, and `use` gets their paths. When the send fails — main's no, a local check, Altinn's refusal, a
 * lost answer — every file it took is handed back under a new handle in the error's `details.renewed`
 * (old handle → new `PickedFile`), with the pick's deadline, as keys:import does for a wrong password: the
 * person fixes what was wrong and sends again without picking the files again. A handle that was not live
 * (a path, forged, used, expired) makes the whole send PATH_NOT_FROM_DIALOG before anything is read; the
 * live ones of it come back renewed, so the window knows which files to pick again: those not in `renewed`.
 */
export async function withTakenFiles<R>(
  files: FileHandles,
  handles: readonly string[],
  purpose: FilePurpose,
  use: (paths: string[]) => Promise<R>,
): Promise<R> {
  const taken: { handle: string; file: TakenFile }[] = [];
  let notLive = false;
  for (const handle of handles) {
    try {
      taken.push({ handle, file: files.takeRenewable(handle, purpose) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      notLive = true;
    }
  }
  try {
    if (notLive) throw notFromDialog();
    return await use(taken.map((t) => t.file.path));
  } catch (error) {
    if (!(error instanceof AppError) || taken.length === 0) throw error;
    const renewed: Record<string, PickedFile> = {};
    for (const { handle, file } of taken) renewed[handle] = file.renew();
    throw new AppError(error.code, error.message, { details: { ...error.details, renewed }, cause: error });
  }
}

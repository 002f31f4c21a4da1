import type { PickedFile as HandedFile } from '../../../common/contract/files';
import { isApiError } from '../../api';

/**
 * The files after a send that failed. Main used up the handles of the files it was sent and handed the live
 * ones back under new handles (`details.renewed`: old handle → new; src/node/handlers/act-files.ts), so the
 * person can fix what was wrong and send again without picking them again. A sent file main did not hand back
 * had no live handle (it expired): it leaves the list, and the error asks the person to pick it again. Files
 * that were not in the send, and every file after an error that came before main took any (`renewed`
 * absent), stay as they are.
 */
export function afterFailedSend<F extends { handle: string }>(
  files: readonly F[],
  sent: readonly string[],
  error: unknown,
): F[] {
  const renewed = isApiError(error) ? (error.details?.renewed as Record<string, HandedFile> | undefined) : undefined;
  if (!renewed) return [...files];
  const wasSent = new Set(sent);
  return files.flatMap((f) => {
    if (!wasSent.has(f.handle)) return [f];
    const again = Object.hasOwn(renewed, f.handle) ? renewed[f.handle] : undefined;
    return again ? [{ ...f, handle: again.handle }] : [];
  });
}

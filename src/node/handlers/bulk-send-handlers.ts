import { randomUUID } from 'node:crypto';
import { AppError } from '../../common/errors/app-error';
import { SendErrors } from '../../common/errors/send-errors';
import type { Handler } from '../dispatch';
import type { FileHandles } from '../platform/file-handles';
import type { Services } from '../services';

const SHEET_FILTERS = [
  { name: 'Regneark (CSV, Excel)', extensions: ['csv', 'xlsx', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * The bulk send from the window (issue 22). The window holds `fileId`s, never paths: a spreadsheet enters
 * through main's open dialog, a dropped file (a handle from files:dropped, after main's own question)
 * or a journal of an unfinished send. A send in Production asks main's own question (confirmInMain).
 */
export function bulkSendHandlers(s: Services, handles: FileHandles) {
  const files = new Map<string, string>();
  const remember = (path: string) => {
    const fileId = randomUUID();
    files.set(fileId, path);
    return fileId;
  };
  const pathOf = (fileId: string) => {
    const path = files.get(fileId);
    if (!path) throw new AppError(SendErrors.FILE_UNREADABLE, 'Choose the spreadsheet again');
    return path;
  };
  const name = (path: string) => path.split(/[\\/]/).pop() ?? path;
  return {
    'send:choose-file': (async () => {
      const path = await s.desktop.chooseOpenFile({ title: 'Choose the spreadsheet', filters: SHEET_FILTERS });
      return path ? { fileId: remember(path), fileName: name(path) } : { fileId: null };
    }) satisfies Handler<'send:choose-file'>,
    'send:use-file': (async ({ file }) => {
      const path = handles.take(file, 'send-sheet');
      return { fileId: remember(path), fileName: name(path) };
    }) satisfies Handler<'send:use-file'>,
    'send:plan': (async ({ fileId, ...target }) => ({
      ...(await s.bulkSend.plan({ ...target, path: pathOf(fileId) })),
      fileId,
    })) satisfies Handler<'send:plan'>,
    'send:start': (({ fileId, ...input }) =>
      s.bulkSend.start({ ...input, path: pathOf(fileId) }, { confirmInMain: true })) satisfies Handler<'send:start'>,
    'send:list': (() => s.bulkSend.list()) satisfies Handler<'send:list'>,
    'send:get': (({ jobId }) => s.bulkSend.get(jobId)) satisfies Handler<'send:get'>,
    'send:pause': (({ jobId }) => s.bulkSend.pause(jobId)) satisfies Handler<'send:pause'>,
    'send:resume': (({ jobId }) => s.bulkSend.resume(jobId)) satisfies Handler<'send:resume'>,
    'send:cancel': (({ jobId }) => s.bulkSend.cancel(jobId)) satisfies Handler<'send:cancel'>,
    'send:report': (({ jobId }) => s.bulkSend.report(jobId)) satisfies Handler<'send:report'>,
    'send:export-report': (({ jobId }) => s.bulkSend.exportReport(jobId)) satisfies Handler<'send:export-report'>,
    'send:unfinished': (async () =>
      (await s.bulkSend.unfinished()).map(({ filePath: _path, ...rest }) => rest)) satisfies Handler<'send:unfinished'>,
    'send:reopen': (async ({ journalId }) => {
      const found = (await s.bulkSend.unfinished()).find((u) => u.journalId === journalId);
      if (!found?.filePath)
        throw new AppError(SendErrors.JOB_NOT_FOUND, 'That send has no unfinished rows, or its file is unknown');
      return {
        fileId: remember(found.filePath),
        fileName: found.fileName,
        appId: found.appId,
        ...(found.profileId ? { profileId: found.profileId } : {}),
        ...(found.batch ? { batch: found.batch } : {}),
      };
    }) satisfies Handler<'send:reopen'>,
  };
}

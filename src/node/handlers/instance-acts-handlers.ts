import type { Handler } from '../dispatch';
import type { FileHandles, FilePurpose } from '../platform/file-handles';
import type { Services } from '../services';
import { withTakenFiles } from './act-files';

const DATA_FILTERS = [
  {
    name: 'Documents and images',
    extensions: ['pdf', 'xml', 'json', 'png', 'jpg', 'jpeg', 'txt', 'csv', 'docx', 'xlsx', 'zip'],
  },
  { name: 'All files', extensions: ['*'] },
];
const PREFILL_FILTERS = [{ name: 'JSON', extensions: ['json'] }];

/**
 * Acting on instances from the window (issue 19). Every write asks main's own question in Production after
 * the window's yes (`confirmInMain`); the CLI calls the same service without it (its yes is the flag).
 * Files come and go as one-time handles (issue 17, finding 4: file-handles.ts), never as paths: main's own
 * dialog or its confirmation of a drop issues them, and each send, inspection or prefill read uses its
 * handle up; the services below take the paths behind them, as they take the CLI's.
 */
export function instanceActsHandlers(s: Services, files: FileHandles) {
  const acts = s.instanceActs;
  const inMain = { confirmInMain: true };
  return {
    'act:app-metadata': (({ profileId, appId }) =>
      acts.appMetadata(profileId, appId)) satisfies Handler<'act:app-metadata'>,
    'act:instance': (({ profileId, appId, instanceId }) =>
      acts.instance(profileId, appId, instanceId)) satisfies Handler<'act:instance'>,
    'act:create': (({ files: parts, ...input }) =>
      withTakenFiles(
        files,
        parts.map((p) => p.file),
        'act-data',
        (paths) =>
          acts.create(
            { ...input, files: parts.map(({ file: _, ...p }, i) => ({ ...p, path: paths[i] as string })) },
            inMain,
          ),
      )) satisfies Handler<'act:create'>,
    'act:data-add': (({ file, ...input }) =>
      withTakenFiles(files, [file], 'act-data', ([path]) =>
        acts.addData({ ...input, path: path as string }, inMain),
      )) satisfies Handler<'act:data-add'>,
    'act:data-replace': (({ file, ...input }) =>
      withTakenFiles(files, [file], 'act-data', ([path]) =>
        acts.replaceData({ ...input, path: path as string }, inMain),
      )) satisfies Handler<'act:data-replace'>,
    'act:data-delete': ((input) => acts.deleteData(input, inMain)) satisfies Handler<'act:data-delete'>,
    'act:process': ((input) => acts.process(input)) satisfies Handler<'act:process'>,
    'act:process-next': ((input) => acts.processNext(input, inMain)) satisfies Handler<'act:process-next'>,
    'act:process-complete': ((input) => acts.processComplete(input, inMain)) satisfies Handler<'act:process-complete'>,
    'act:update-status': ((input) => acts.updateStatus(input, inMain)) satisfies Handler<'act:update-status'>,
    'act:delete': ((input) => acts.delete(input, inMain)) satisfies Handler<'act:delete'>,
    'act:choose-file': (async ({ purpose }) => {
      const prefill = purpose === 'prefill';
      const path = await s.desktop.chooseOpenFile(
        prefill
          ? { title: 'Choose a prefill JSON file', filters: PREFILL_FILTERS }
          : { title: 'Choose a file to upload', filters: DATA_FILTERS },
      );
      if (!path) return { file: null };
      const use: FilePurpose = prefill ? 'act-prefill' : 'act-data';
      // Issued first: a network or device path is refused before anything touches it.
      const picked = files.issue(path, use);
      try {
        return { file: { ...(await acts.inspectFile(path)), ...picked } };
      } catch (error) {
        files.take(picked.handle, use);
        throw error;
      }
    }) satisfies Handler<'act:choose-file'>,
    'act:inspect-file': (async ({ file, contentType }) => {
      const taken = files.takeRenewable(file, 'act-data');
      const facts = await acts.inspectFile(taken.path, contentType);
      return { ...facts, ...taken.renew() };
    }) satisfies Handler<'act:inspect-file'>,
    'act:read-prefill': (async ({ file }) => ({
      prefill: await acts.readPrefill(files.take(file, 'act-prefill')),
    })) satisfies Handler<'act:read-prefill'>,
  };
}

import type { Handler } from '../dispatch';
import type { Services } from '../services';

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
 */
export function instanceActsHandlers(s: Services) {
  const acts = s.instanceActs;
  const inMain = { confirmInMain: true };
  return {
    'act:app-metadata': (({ profileId, appId }) =>
      acts.appMetadata(profileId, appId)) satisfies Handler<'act:app-metadata'>,
    'act:instance': (({ profileId, instanceId }) =>
      acts.instance(profileId, instanceId)) satisfies Handler<'act:instance'>,
    'act:create': ((input) => acts.create(input, inMain)) satisfies Handler<'act:create'>,
    'act:data-add': ((input) => acts.addData(input, inMain)) satisfies Handler<'act:data-add'>,
    'act:data-replace': ((input) => acts.replaceData(input, inMain)) satisfies Handler<'act:data-replace'>,
    'act:data-delete': ((input) => acts.deleteData(input, inMain)) satisfies Handler<'act:data-delete'>,
    'act:process': ((input) => acts.process(input)) satisfies Handler<'act:process'>,
    'act:process-next': ((input) => acts.processNext(input, inMain)) satisfies Handler<'act:process-next'>,
    'act:process-complete': ((input) => acts.processComplete(input, inMain)) satisfies Handler<'act:process-complete'>,
    'act:update-status': ((input) => acts.updateStatus(input, inMain)) satisfies Handler<'act:update-status'>,
    'act:delete': ((input) => acts.delete(input, inMain)) satisfies Handler<'act:delete'>,
    'act:choose-file': (async ({ purpose }) => ({
      path: await s.desktop.chooseOpenFile(
        purpose === 'prefill'
          ? { title: 'Choose a prefill JSON file', filters: PREFILL_FILTERS }
          : { title: 'Choose a file to upload', filters: DATA_FILTERS },
      ),
    })) satisfies Handler<'act:choose-file'>,
    'act:inspect-file': (({ path, contentType }) =>
      acts.inspectFile(path, contentType)) satisfies Handler<'act:inspect-file'>,
    'act:read-prefill': (async ({ path }) => ({
      prefill: await acts.readPrefill(path),
    })) satisfies Handler<'act:read-prefill'>,
  };
}

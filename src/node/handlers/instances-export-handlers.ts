import type { Handler } from '../dispatch';
import type { Services } from '../services';

export function instancesExportHandlers(s: Services) {
  return {
    'instances:export-csv': ((input) => s.instancesExport.saveCsv(input)) satisfies Handler<'instances:export-csv'>,
  };
}

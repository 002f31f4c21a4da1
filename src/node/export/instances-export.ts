import type { Language } from '../../common/contract/app';
import type { CsvExportResult } from '../../common/contract/instances-export';
import { AppError } from '../../common/errors/app-error';
import { ExportErrors } from '../../common/errors/preview-errors';
import { translate } from '../../common/i18n/translate';
import { type CsvSeparator, DEFAULT_CSV_SEPARATOR } from '../../common/schemas/csv-separator';
import type { InstanceFilters } from '../../common/schemas/instance-query';
import { writeFileAtomic } from '../platform/atomic-write';
import type { Desktop } from '../platform/desktop';
import type { InstancesService } from '../storage/instances-service';
import { instancesCsvHeader, instancesCsvRecord } from './instances-csv';

export interface InstancesExportDeps {
  instances: InstancesService;
  desktop: Desktop;
  /** The separator used last time, and where to remember a new choice (UI settings). */
  settings: {
    get(): Promise<{ csvSeparator?: CsvSeparator }>;
    update(change: { csvSeparator: CsvSeparator }): Promise<unknown>;
  };
  now?: () => Date;
}

export interface CsvRequest {
  profileId: string;
  filters: InstanceFilters;
  separator?: CsvSeparator;
  language: Language;
  /** Stop after this many instances (the CLI's --limit). */
  limit?: number;
  signal?: AbortSignal;
}

/**
 * The instance list as it is filtered, every page of it (StorageClient.pages follows `next`), as CSV.
 * The GUI saves it where the native save dialog says, atomically (a reader sees no half file, and a
 * failure leaves no file); the CLI prints it.
 */
export function createInstancesExport(deps: InstancesExportDeps) {
  async function separatorFor(requested: CsvSeparator | undefined): Promise<CsvSeparator> {
    if (requested) return requested;
    return (await deps.settings.get().catch(() => ({ csvSeparator: undefined }))).csvSeparator ?? DEFAULT_CSV_SEPARATOR;
  }

  async function csv(request: CsvRequest): Promise<{ text: string; rows: number; separator: CsvSeparator }> {
    const separator = await separatorFor(request.separator);
    const parts = [instancesCsvHeader(separator, request.language)];
    const limit = request.limit ?? Number.POSITIVE_INFINITY;
    let rows = 0;
    // In the table's order (Storage's: last changed first), not the parallel listing's, so the file reads
    // like the list it was exported from.
    const pages = deps.instances.all(request.profileId, request.filters, request.signal, { ordered: true });
    for await (const page of pages) {
      for (const instance of page) {
        if (rows >= limit) break;
        parts.push(instancesCsvRecord(instance, separator, request.language));
        rows++;
      }
      if (rows >= limit) break;
    }
    return { text: parts.join(''), rows, separator };
  }

  return {
    csv,

    /** Ask where to save, then list and write; `path: null` when the dialog was closed. */
    async saveCsv(request: CsvRequest): Promise<CsvExportResult> {
      const now = deps.now?.() ?? new Date();
      const app = request.filters.appId.replace('/', '-');
      const path = await deps.desktop.chooseSaveFile({
        title: translate(request.language, 'preview.saveDialogTitle'),
        defaultName: `${app}-${now.toISOString().slice(0, 10)}.csv`,
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      });
      if (!path) return { path: null, rows: 0 };
      const { text, rows, separator } = await csv(request);
      await writeCsvFile(path, text);
      await deps.settings.update({ csvSeparator: separator }).catch(() => {});
      return { path, rows };
    },
  };
}

export type InstancesExport = ReturnType<typeof createInstancesExport>;

/** Write the CSV atomically (atomic-write.ts): the old file or the new, never half of one. */
export async function writeCsvFile(path: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path, text, 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(ExportErrors.WRITE_FAILED, `Could not write ${path}: ${code ?? (error as Error).message}`, {
      details: { path },
      cause: error,
    });
  }
}

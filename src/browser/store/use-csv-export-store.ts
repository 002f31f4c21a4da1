import { create } from 'zustand';
import type { Language } from '../../common/contract/app';
import type { CsvExportResult } from '../../common/contract/instances-export';
import type { InstanceFilters } from '../../common/schemas/instance-query';
import { call } from '../api';

/** The two separators main accepts (common/schemas/csv-separator.ts; its zod schema stays out of the renderer). */
export type CsvSeparator = ';' | ',';

/**
 * The CSV export's separator. The export itself is a one-shot action of the dialog's button: its busy state,
 * error and result live in the dialog (useBusyAction), since nothing else reads them.
 */
export interface CsvExportState {
  separator: CsvSeparator;
  /** The separator used last time (UI settings), for the dialog's default. */
  loadSeparator(): Promise<void>;
  setSeparator(separator: CsvSeparator): void;
  /**
   * Main asks where to save (native dialog), lists every page and writes the file; `path` is null when the
   * person cancelled. Throws the ApiError.
   */
  exportCsv(query: { profileId: string; filters: InstanceFilters }, language: Language): Promise<CsvExportResult>;
}

export const useCsvExportStore = create<CsvExportState>()((set, get) => {
  // A separator the person chose, or an export started, since the settings were asked for wins over them.
  let choice = 0;

  return {
    separator: ';',

    async loadSeparator() {
      const mine = choice;
      try {
        const settings = await call('settings:get');
        if (mine === choice) set({ separator: settings.csvSeparator ?? ';' });
      } catch {
        // The default stays; the export itself reports a broken settings file.
      }
    },

    setSeparator(separator) {
      choice++;
      set({ separator });
    },

    exportCsv(query, language) {
      choice++;
      return call('instances:export-csv', { ...query, separator: get().separator, language });
    },
  };
});

import { create } from 'zustand';
import type { Language } from '../../common/contract/app';
import type { CsvExportResult } from '../../common/contract/instances-export';
import type { InstanceFilters } from '../../common/schemas/instance-query';
import { type ApiError, call } from '../api';
import { asApiError } from './as-api-error';
import type { LoadState } from './load-state';

/** The two separators main accepts (common/schemas/csv-separator.ts; its zod schema stays out of the renderer). */
export type CsvSeparator = ';' | ',';

export interface CsvExportState {
  separator: CsvSeparator;
  status: LoadState;
  result?: CsvExportResult;
  error?: ApiError;
  /** The separator used last time (UI settings), for the dialog's default. */
  loadSeparator(): Promise<void>;
  setSeparator(separator: CsvSeparator): void;
  /** Main asks where to save (native dialog), lists every page and writes the file. */
  exportCsv(query: { profileId: string; filters: InstanceFilters }, language: Language): Promise<void>;
  reset(): void;
}

export const useCsvExportStore = create<CsvExportState>()((set, get) => ({
  separator: ';',
  status: 'idle',

  async loadSeparator() {
    try {
      const settings = await call('settings:get');
      if (get().status !== 'loading') set({ separator: settings.csvSeparator ?? ';' });
    } catch {
      // The default stays; the export itself reports a broken settings file.
    }
  },

  setSeparator(separator) {
    set({ separator });
  },

  async exportCsv(query, language) {
    set({ status: 'loading', result: undefined, error: undefined });
    try {
      const result = await call('instances:export-csv', { ...query, separator: get().separator, language });
      set({ status: 'ready', result });
    } catch (error) {
      set({ status: 'failed', error: asApiError(error) });
    }
  },

  reset() {
    set({ status: 'idle', result: undefined, error: undefined });
  },
}));

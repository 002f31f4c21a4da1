import { describe, expect, it } from 'vitest';
import { useCsvExportStore } from '../../../src/browser/store/use-csv-export-store';
import { storeOverPendingApi } from './pending-api';

const query = { profileId: 'p', filters: { appId: 'ttd/app' } };

describe('useCsvExportStore: the separator', () => {
  const bridge = storeOverPendingApi(useCsvExportStore);

  it('takes the one remembered in the settings, and exports with the one shown', async () => {
    const { loadSeparator, exportCsv } = useCsvExportStore.getState();
    void loadSeparator();
    await bridge.ok('settings.get', { language: 'nb', csvSeparator: ',' });
    expect(useCsvExportStore.getState().separator).toBe(',');

    const done = exportCsv(query, 'en');
    expect(await bridge.ok('instances.exportCsv', { path: '/x.csv', rows: 2 })).toEqual({
      ...query,
      separator: ',',
      language: 'en',
    });
    expect(await done).toEqual({ path: '/x.csv', rows: 2 });
  });

  it('keeps a separator chosen, or exported with, while the settings were on their way', async () => {
    const { loadSeparator, setSeparator, exportCsv } = useCsvExportStore.getState();
    void loadSeparator();
    setSeparator(',');
    await bridge.ok('settings.get', { language: 'nb', csvSeparator: ';' });
    expect(useCsvExportStore.getState().separator).toBe(',');

    void loadSeparator();
    void exportCsv(query, 'nb').catch(() => {});
    await bridge.ok('settings.get', { language: 'nb' });
    expect(useCsvExportStore.getState().separator).toBe(',');
  });

  it('throws the export failure for the dialog to show', async () => {
    const done = useCsvExportStore.getState().exportCsv(query, 'nb');
    await bridge.fail('instances.exportCsv', { code: 'EXPORT_WRITE_FAILED', message: 'disk full' });
    await expect(done).rejects.toMatchObject({ code: 'EXPORT_WRITE_FAILED' });
  });
});

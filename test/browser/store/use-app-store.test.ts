import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { selectEnvironment, useAppStore } from '../../../src/browser/store/use-app-store';
import { tempHome } from '../../helpers/temp-home';
import { testServices } from '../../helpers/test-services';
import { dispatchBridge } from '../dispatch-bridge';

describe('useAppStore', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let services: ReturnType<typeof testServices>['services'];
  const initial = useAppStore.getState();

  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
    const built = testServices(home);
    services = built.services;
    vi.stubGlobal('window', { api: dispatchBridge(built.dispatch).api });
    useAppStore.setState(initial, true);
  });

  afterEach(async () => {
    vi.unstubAllGlobals();
    await cleanup();
  });

  it('starts from the saved settings and the environment list', async () => {
    await services.uiSettings.update({ language: 'en', environmentId: 'prod' });
    await useAppStore.getState().start();
    const s = useAppStore.getState();
    expect(s.startup.status).toBe('ready');
    expect(s.language).toBe('en');
    expect(selectEnvironment(s)?.production).toBe(true);
    expect(s.environments.map((e) => e.id)).toEqual(['tt02', 'prod']);
  });

  it('saves a language and environment change through main', async () => {
    await useAppStore.getState().start();
    await useAppStore.getState().setLanguage('en');
    await useAppStore.getState().setEnvironment('prod');
    expect(await services.uiSettings.get()).toEqual({ language: 'en', environmentId: 'prod' });
    expect(useAppStore.getState()).toMatchObject({ language: 'en', environmentId: 'prod', switching: false });
  });

  it('keeps the current environment and reports the error when main refuses a switch', async () => {
    await useAppStore.getState().start();
    await useAppStore.getState().setEnvironment('atlantis');
    const s = useAppStore.getState();
    expect(s.environmentId).toBe('tt02');
    expect(s.changeError?.code).toBe('UNKNOWN_ENVIRONMENT');
    expect(s.switching).toBe(false);
  });

  it('fails the start with the settings error when the file is damaged', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${home}/settings.json`, '[]');
    await useAppStore.getState().start();
    expect(useAppStore.getState()).toMatchObject({
      startup: { status: 'failed', error: { code: 'SETTINGS_CORRUPT' } },
    });
  });

  it('loads app:info on demand', async () => {
    await useAppStore.getState().loadAppInfo();
    expect(useAppStore.getState().appInfo.value?.home).toBe(home);
    expect(useAppStore.getState().appInfo.status).toBe('ready');
  });
});

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

  it('opens on Nøkler the first time, then on the task shown last', async () => {
    await useAppStore.getState().start();
    expect(useAppStore.getState().view).toBe('keys');
    useAppStore.getState().navigate('instances');
    await vi.waitFor(async () => expect((await services.uiSettings.get()).view).toBe('instances'));
    useAppStore.setState(initial, true);
    await useAppStore.getState().start();
    expect(useAppStore.getState().view).toBe('instances');
  });

  it('drops a remembered task this version does not know, and keeps the rest of the file', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      `${home}/settings.json`,
      JSON.stringify({ version: 1, language: 'en', environmentId: 'tt02', view: 'a-task-from-a-newer-version' }),
    );
    await useAppStore.getState().start();
    expect(useAppStore.getState()).toMatchObject({ startup: { status: 'ready' }, language: 'en', view: 'keys' });
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

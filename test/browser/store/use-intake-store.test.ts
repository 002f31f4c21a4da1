import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useIntakeStore } from '../../../src/browser/store/use-intake-store';
import type { WatchView } from '../../../src/common/contract/intake';
import type { scriptedDesktop } from '../../../src/node/platform/desktop';
import { tempHome } from '../../helpers/temp-home';
import { testServices } from '../../helpers/test-services';
import { dispatchBridge } from '../dispatch-bridge';

/** The Mottak view's store over the real dispatch (window folder trust included), without a scheduler. */
describe('useIntakeStore', () => {
  let cleanup: () => Promise<void>;
  let folder: string;
  let services: ReturnType<typeof testServices>['services'];
  let emit: (event: string, payload: unknown) => void;
  const initial = useIntakeStore.getState();

  beforeEach(async () => {
    const temp = await tempHome();
    folder = await mkdtemp(join(tmpdir(), 'mpd-intake-store-'));
    cleanup = async () => {
      await temp.cleanup();
      await rm(folder, { recursive: true, force: true });
    };
    const built = testServices(temp.home);
    services = built.services;
    ((services.desktop as ReturnType<typeof scriptedDesktop>).answers as { folder?: string }).folder = folder;
    const bridge = dispatchBridge(built.dispatch);
    emit = bridge.emit;
    vi.stubGlobal('window', { api: bridge.api });
    useIntakeStore.setState(initial, true);
  });

  afterEach(async () => {
    vi.unstubAllGlobals();
    await cleanup();
  });

  async function profileId(): Promise<string> {
    const key = await services.keys.generate({ name: 'K' });
    const profile = await services.profiles.add({
      name: 'Mottak',
      environmentId: 'tt02',
      clientId: 'c',
      keyId: key.id,
      scopes: ['altinn:serviceowner/instances.read'],
      org: 'ttd',
      apps: ['ttd/mottak'],
    });
    return profile.id;
  }

  it('loads, makes a watch in a folder picked in the dialog, and refuses one the window names itself', async () => {
    const store = useIntakeStore.getState();
    await store.load();
    expect(useIntakeStore.getState().watches).toMatchObject({ status: 'ready', value: [] });
    const id = await profileId();
    await expect(store.create({ profileId: id, appId: 'ttd/mottak', target: folder })).rejects.toMatchObject({
      code: 'PATH_NOT_FROM_DIALOG',
    });
    expect(await store.chooseFolder()).toBe(folder);
    const watch = await store.create({ profileId: id, appId: 'ttd/mottak', target: folder, intervalMinutes: 15 });
    expect(useIntakeStore.getState().watches.value.map((w) => w.id)).toEqual([watch.id]);
    expect(watch).toMatchObject({ profileName: 'Mottak', intervalMinutes: 15, confirm: false, paused: false });
  });

  it('pauses and resumes, and keeps a failed action’s error beside its watch', async () => {
    const id = await profileId();
    await useIntakeStore.getState().chooseFolder();
    const watch = await useIntakeStore.getState().create({ profileId: id, appId: 'ttd/mottak', target: folder });
    await useIntakeStore.getState().pause(watch.id);
    expect(useIntakeStore.getState().watches.value[0]?.status.state).toBe('paused');
    await useIntakeStore.getState().resume(watch.id);
    expect(useIntakeStore.getState().watches.value[0]?.status.state).toBe('idle');
    await services.intake.remove(watch.id);
    await useIntakeStore.getState().pause(watch.id);
    expect(useIntakeStore.getState().actionError).toMatchObject({
      watchId: watch.id,
      error: { code: 'INTAKE_WATCH_NOT_FOUND' },
    });
    expect(useIntakeStore.getState().pending[watch.id]).toBeUndefined();
  });

  it('follows intake:changed and reads an open history again when a pass has ended', async () => {
    const id = await profileId();
    await useIntakeStore.getState().chooseFolder();
    const watch = await useIntakeStore.getState().create({ profileId: id, appId: 'ttd/mottak', target: folder });
    useIntakeStore.getState().listen();
    await useIntakeStore.getState().loadHistory(watch.id);
    expect(useIntakeStore.getState().history[watch.id]).toMatchObject({ status: 'ready', value: [] });
    const running: WatchView = { ...watch, status: { ...watch.status, state: 'running' } };
    emit('intake:changed', running);
    expect(useIntakeStore.getState().watches.value[0]?.status.state).toBe('running');
    const spy = vi.spyOn(useIntakeStore.getState(), 'loadHistory');
    emit('intake:changed', { ...watch, status: { ...watch.status, state: 'idle' } });
    expect(spy).toHaveBeenCalledWith(watch.id);
  });

  it('remembers the close-window choice in main', async () => {
    await useIntakeStore.getState().loadSettings();
    expect(useIntakeStore.getState().settings.value).toEqual({ whenWindowCloses: 'ask' });
    await useIntakeStore.getState().setCloseBehaviour('quit');
    expect(await services.intake.settings()).toEqual({ whenWindowCloses: 'quit' });
    expect(useIntakeStore.getState().settings.value).toEqual({ whenWindowCloses: 'quit' });
  });
});

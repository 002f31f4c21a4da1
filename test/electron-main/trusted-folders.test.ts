import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTrustedFolders } from '../../src/electron-main/trusted-folders';
import { tempHome } from '../helpers/temp-home';
import { testServices } from '../helpers/test-services';

describe('trusted folders', () => {
  it('trusts a picked folder however it is spelled, and nothing beside or below it', () => {
    const folders = createTrustedFolders(() => []);
    const picked = resolve('/data/downloads');
    expect(folders.isTrusted(picked)).toBe(false);
    folders.trust(`${picked}/`);
    for (const spelling of [picked, `${picked}/`, join(picked, 'x', '..'), join(picked, '.')]) {
      expect(folders.isTrusted(spelling)).toBe(true);
    }
    for (const other of [`${picked}2`, join(picked, 'sub'), resolve('/data'), resolve('/etc')]) {
      expect(folders.isTrusted(other)).toBe(false);
    }
  });

  it("trusts the folders of this process's jobs, asked at the time of the check", () => {
    const targets: string[] = [];
    const folders = createTrustedFolders(() => targets);
    const written = resolve('/data/job-folder');
    expect(folders.isTrusted(written)).toBe(false);
    targets.push(written);
    expect(folders.isTrusted(`${written}/`)).toBe(true);
    expect(folders.isTrusted(resolve('/data'))).toBe(false);
  });
});

describe('the window dispatch checks folders as the app does', () => {
  let cleanup: (() => Promise<void>) | undefined;
  let picked: string | undefined;
  afterEach(async () => {
    await cleanup?.();
    if (picked) await rm(picked, { recursive: true, force: true });
  });

  async function setup() {
    const temp = await tempHome();
    cleanup = temp.cleanup;
    picked = await mkdtemp(join(tmpdir(), 'mpd-picked-'));
    return testServices(temp.home);
  }

  const start = (target: string) => ({
    profileId: 'no-such-profile',
    source: { kind: 'instances', instanceIds: ['50001/0b9f3e5c-7a1d-4c8e-9b2a-1f2e3d4c5b6a'] },
    target,
  });
  const confirm = (target: string) => ({
    profileId: 'no-such-profile',
    instanceIds: ['50001/0b9f3e5c-7a1d-4c8e-9b2a-1f2e3d4c5b6a'],
    target,
  });

  it('starts a job or confirms from a folder only after the user picked it in the dialog', async () => {
    const { dispatch, desktop } = await setup();
    const folder = picked as string;
    for (const [channel, input] of [
      ['downloads:start', start(folder)],
      ['instances:confirm', confirm(folder)],
    ] as const) {
      const refused = await dispatch(channel, input);
      expect(refused).toMatchObject({ ok: false, error: { code: 'PATH_NOT_FROM_DIALOG' } });
    }

    // The dialog was cancelled: still nothing is trusted.
    expect(await dispatch('downloads:choose-folder', undefined)).toEqual({ ok: true, result: { folder: null } });
    expect(await dispatch('downloads:start', start(folder))).toMatchObject({
      ok: false,
      error: { code: 'PATH_NOT_FROM_DIALOG' },
    });

    if (!desktop.answers) throw new Error('the test desktop is not scripted');
    desktop.answers.folder = folder;
    expect(await dispatch('downloads:choose-folder', undefined)).toEqual({ ok: true, result: { folder } });
    // Past the folder check: what stops them now is the unknown profile.
    for (const [channel, input] of [
      ['downloads:start', start(folder)],
      ['instances:confirm', confirm(folder)],
    ] as const) {
      expect(await dispatch(channel, input)).toMatchObject({ ok: false, error: { code: 'PROFILE_NOT_FOUND' } });
    }
    expect(await dispatch('downloads:start', start(`${folder}-other`))).toMatchObject({
      ok: false,
      error: { code: 'PATH_NOT_FROM_DIALOG' },
    });
  });

  it("trusts a folder one of this process's jobs writes", async () => {
    const { dispatch, services } = await setup();
    const folder = picked as string;
    vi.spyOn(services.downloads, 'targets').mockReturnValue([folder]);
    expect(await dispatch('instances:confirm', confirm(folder))).toMatchObject({
      ok: false,
      error: { code: 'PROFILE_NOT_FOUND' },
    });
  });
});

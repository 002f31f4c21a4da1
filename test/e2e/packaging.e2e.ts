import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import { afterAll, describe, expect, it } from 'vitest';

// electron-builder.yml checked for real: a Linux "dir" build with a stand-in Electron distribution (the real
// one cannot be downloaded here), so the config, the file selection and the asar layout are what ship.
const root = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'mpd-pack-'));

describe('packaging with electron-builder', () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('packs the built app into an asar with the keychain addon unpacked', () => {
    const dist = join(work, 'electron-dist');
    const out = join(work, 'release');
    spawnSync('mkdir', ['-p', dist]);
    writeFileSync(join(dist, 'electron'), '#!/bin/sh\necho stand-in\n');
    chmodSync(join(dist, 'electron'), 0o755);
    writeFileSync(join(dist, 'LICENSE'), '');
    const build = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules', 'electron-builder', 'cli.js'),
        '--config',
        'electron-builder.yml',
        '--linux',
        'dir',
        `-c.electronDist=${dist}`,
        '-c.electronVersion=40.8.5',
        `-c.directories.output=${out}`,
      ],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    expect(build.status, build.stderr + build.stdout).toBe(0);
    const resources = join(out, 'linux-unpacked', 'resources');
    const files = new Set(listPackage(join(resources, 'app.asar'), { isPack: false }));
    for (const f of [
      '/out/main/index.js',
      '/out/main/cli.js',
      '/out/preload/preload.cjs',
      '/out/renderer/index.html',
    ]) {
      expect(files.has(f), f).toBe(true);
    }
    expect(files.has('/assets/icon.png')).toBe(true);
    // The renderer's libraries are bundled by Vite; shipping them again would only add weight.
    expect([...files].some((f) => f.startsWith('/node_modules/react-dom/'))).toBe(false);
    expect(
      existsSync(
        join(
          resources,
          'app.asar.unpacked',
          'node_modules',
          '@napi-rs',
          'keyring-linux-x64-gnu',
          'keyring.linux-x64-gnu.node',
        ),
      ),
    ).toBe(true);
  });
});

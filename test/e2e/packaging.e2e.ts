import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import { afterAll, describe, expect, it } from 'vitest';

// electron-builder.yml checked for real: a Linux "dir" build with a stand-in Electron distribution (the real
// one cannot be downloaded here), so the config, the file selection and the asar layout are what ship.
const root = join(__dirname, '..', '..');
const pinnedElectron = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: { electron: string } }
).devDependencies.electron;

// @electron/fuses finds the fuse wire after this sentinel: a version byte, a length byte, then one byte per
// fuse ('1' on, '0' off). The stand-in carries Electron's defaults, so the test sees electron-builder flip them.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
const ELECTRON_DEFAULT_WIRE = '10110001';

function readFuses(binary: Buffer): Record<(typeof FUSES)[number], string> {
  const at = binary.indexOf(FUSE_SENTINEL);
  if (at < 0) throw new Error('no fuse wire in the packaged binary');
  const wire = binary.subarray(at + FUSE_SENTINEL.length);
  expect(wire[0]).toBe(1);
  const bytes = wire.subarray(2, 2 + (wire[1] as number)).toString('latin1');
  return Object.fromEntries(FUSES.map((name, i) => [name, bytes[i]])) as Record<(typeof FUSES)[number], string>;
}
const work = mkdtempSync(join(tmpdir(), 'mpd-pack-'));

describe('packaging with electron-builder', () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('packs the built app into an asar with the keychain addon unpacked and the fuses flipped', () => {
    const dist = join(work, 'electron-dist');
    const out = join(work, 'release');
    spawnSync('mkdir', ['-p', dist]);
    const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, 8]), Buffer.from(ELECTRON_DEFAULT_WIRE)]);
    writeFileSync(join(dist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\necho stand-in\nexit 0\n'), wire]));
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
        `-c.electronVersion=${pinnedElectron}`,
        `-c.directories.output=${out}`,
      ],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    expect(build.status, build.stderr + build.stdout).toBe(0);
    const unpacked = join(out, 'linux-unpacked');
    expect(readFuses(readFileSync(join(unpacked, 'maskinporten-desktop')))).toEqual({
      runAsNode: '0',
      enableCookieEncryption: '1',
      enableNodeOptionsEnvironmentVariable: '0',
      enableNodeCliInspectArguments: '0',
      enableEmbeddedAsarIntegrityValidation: '1',
      onlyLoadAppFromAsar: '1',
      loadBrowserProcessSpecificV8Snapshot: '0',
      grantFileProtocolExtraPrivileges: '0',
    });
    const resources = join(unpacked, 'resources');
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

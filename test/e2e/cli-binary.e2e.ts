import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The built `mpd` as a user runs it (bin/mpd.cjs → out/main/cli.js), in a child process.
const home = mkdtempSync(join(tmpdir(), 'mpd-cli-bin-'));
const mpd = (...args: string[]) =>
  spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'mpd.cjs'), '--home', home, ...args], {
    encoding: 'utf8',
    env: { ...process.env, MPD_HOME: '' },
  });

describe('the built mpd binary', () => {
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('prints its version and the presets', () => {
    const version = mpd('--version');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const list = mpd('env', 'list', '--json');
    expect(list.status).toBe(0);
    const ids = (JSON.parse(list.stdout) as { id: string }[]).map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['tt02', 'prod']));
  });

  it('exits 2 on a usage error', () => {
    const result = mpd('env', 'lizt');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown command/);
  });
});

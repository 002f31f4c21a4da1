import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveHome } from '../../../src/node/platform/home';

describe('resolveHome', () => {
  it('prefers --home, then MPD_HOME', () => {
    expect(resolveHome({ flag: 'x/y', env: { MPD_HOME: '/other' } })).toBe(resolve('x/y'));
    expect(resolveHome({ env: { MPD_HOME: '/data/mpd' } })).toBe('/data/mpd');
  });

  it("matches Electron's userData folder per platform", () => {
    expect(resolveHome({ env: {}, platform: 'linux', userHome: '/home/kari' })).toBe(
      '/home/kari/.config/Maskinporten Desktop',
    );
    expect(resolveHome({ env: { XDG_CONFIG_HOME: '/xdg' }, platform: 'linux', userHome: '/home/kari' })).toBe(
      '/xdg/Maskinporten Desktop',
    );
    expect(resolveHome({ env: {}, platform: 'darwin', userHome: '/Users/kari' })).toBe(
      '/Users/kari/Library/Application Support/Maskinporten Desktop',
    );
    expect(
      resolveHome({
        env: { APPDATA: 'C:\\Users\\kari\\AppData\\Roaming' },
        platform: 'win32',
        userHome: 'C:\\Users\\kari',
      }),
    ).toBe(join('C:\\Users\\kari\\AppData\\Roaming', 'Maskinporten Desktop'));
  });
});

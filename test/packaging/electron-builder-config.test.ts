import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// js-yaml is what electron-builder itself reads the file with (it comes with electron-builder), so this
// sees what packaging sees.
const { load } = createRequire(__filename)('js-yaml') as { load(text: string): unknown };
const config = load(readFileSync(join(__dirname, '..', '..', 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
>;

describe('electron-builder.yml', () => {
  it('turns the dangerous Electron fuses off and the protective ones on', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships the app in an asar with only native addons unpacked', () => {
    expect(config.asar).not.toBe(false);
    expect(config.asarUnpack).toEqual(['**/*.node']);
  });
});

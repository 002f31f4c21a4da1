import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const PRODUCT_NAME = 'Maskinporten Desktop';

export interface HomeInputs {
  /** `--home` from the command line; wins over everything. */
  flag?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  userHome?: string;
}

/**
 * The one folder for settings, profiles, sealed keys and logs. It is Electron's `userData` path
 * (appData + product name), computed here without Electron so the CLI and the GUI share it.
 */
export function resolveHome(inputs: HomeInputs = {}): string {
  const env = inputs.env ?? process.env;
  if (inputs.flag) return resolve(inputs.flag);
  if (env.MPD_HOME) return resolve(env.MPD_HOME);
  return join(appDataDir(inputs.platform ?? process.platform, env, inputs.userHome ?? homedir()), PRODUCT_NAME);
}

// Mirrors Electron's app.getPath('appData') per platform (electronjs.org/docs/latest/api/app#appgetpathname).
function appDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, userHome: string): string {
  if (platform === 'win32') return env.APPDATA ?? join(userHome, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(userHome, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? join(userHome, '.config');
}

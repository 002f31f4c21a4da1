#!/usr/bin/env node
// The `mpd` command: the CLI is built with the app (`npm run build`) into out/main/cli.js.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('mpd: not built yet. Run `npm run build` first.\n');
  process.exit(1);
}
enableCompileCache();
require(cli);

/**
 * Node ≥ 22.1 keeps V8's compiled code of the bundle on disk, so a scheduled `mpd` does not compile the same
 * megabytes at every start. The folder is the user's cache folder (safe to delete); a failure only costs speed.
 */
function enableCompileCache() {
  const mod = require('node:module');
  if (typeof mod.enableCompileCache !== 'function' || process.env.NODE_DISABLE_COMPILE_CACHE) return;
  const os = require('node:os');
  const home = os.homedir();
  const base =
    process.platform === 'win32'
      ? join(process.env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'Maskinporten Desktop', 'Cache')
      : process.platform === 'darwin'
        ? join(home, 'Library', 'Caches', 'Maskinporten Desktop')
        : join(process.env.XDG_CACHE_HOME || join(home, '.cache'), 'maskinporten-desktop');
  try {
    mod.enableCompileCache(join(base, 'compile-cache'));
  } catch {
    // A read-only or missing home: run without the cache.
  }
}

// Node ≥ 22.1 keeps V8's compiled code of a bundle on disk, so a scheduled `mpd` does not compile the same
// megabytes at every start. Shared by bin/mpd.cjs and the benchmark's launcher (bench/mpd-launch.cjs), so
// the benchmark measures the start the shipped command has. Call it before the bundle is required: code
// compiled before the cache is on is not cached.
const { join } = require('node:path');

/** The user's cache folder (safe to delete); a failure only costs speed. */
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

module.exports = { enableCompileCache };

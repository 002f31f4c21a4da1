// Starts the benchmark's bundled `mpd` (mpd-entry.ts, bundled by run.ts) the way bin/mpd.cjs starts the
// shipped one: V8's compile cache on first, in the same folder. Usage: node mpd-launch.cjs BUNDLE ARGS…
const bundle = process.argv.splice(2, 1)[0];
require('../bin/compile-cache.cjs').enableCompileCache();
require(bundle);

#!/usr/bin/env node
// The `mpd` command: the CLI is built with the app (`npm run build`) into out/main/cli.js.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('mpd: not built yet. Run `npm run build` first.\n');
  process.exit(1);
}
require('./compile-cache.cjs').enableCompileCache();
require(cli);

// Preloaded into a spawned `mpd` (NODE_OPTIONS=--require …) by tests of how a command runs: at exit it writes to
// MPD_TEST_PROCESS_REPORT which of Node's undici modules (global fetch, Headers, Request) were ever loaded.
const { writeFileSync } = require('node:fs');
const out = process.env.MPD_TEST_PROCESS_REPORT;
if (out) {
  process.on('exit', () => {
    writeFileSync(out, JSON.stringify({ undici: process.moduleLoadList.filter((m) => m.includes('undici')) }));
  });
}

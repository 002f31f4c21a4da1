// Preloaded into a spawned `mpd` (NODE_OPTIONS=--require …) by tests that hold a command to node:http: at exit,
// it writes to MPD_TEST_UNDICI_REPORT whether Node's undici (global fetch, Headers, Request) was ever loaded.
const { writeFileSync } = require('node:fs');
const out = process.env.MPD_TEST_UNDICI_REPORT;
if (out) {
  process.on('exit', () => {
    const loaded = process.moduleLoadList.filter((m) => m.includes('undici'));
    writeFileSync(out, JSON.stringify({ loaded }));
  });
}

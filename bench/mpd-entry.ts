/**
 * The whole `mpd` command for the benchmark's latency regime: src/cli/mpd.ts as it ships (the real
 * runCli, commander, services, token service, DownloadManager), bundled into one CommonJS file like
 * out/main/cli.js and started as its own process, so process start, module loading, the token and the
 * listing all count. One difference: the vault key comes from a JSON file named by MPD_BENCH_SECRETS
 * instead of the OS keychain (there is none on the build machine); reading it costs about what a
 * keychain lookup does and is no part of the transfer path.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { processIo } from '../src/cli/io';
import { runCli } from '../src/cli/program';
import type { SecretStore } from '../src/node/keys/secret-store';

function fileSecretStore(path: string): SecretStore {
  const load = (): Record<string, string> => {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  return {
    async get(account) {
      return load()[account] ?? null;
    },
    async set(account, value) {
      writeFileSync(path, JSON.stringify({ ...load(), [account]: value }), { mode: 0o600 });
    },
    async delete(account) {
      const all = load();
      const had = account in all;
      delete all[account];
      writeFileSync(path, JSON.stringify(all), { mode: 0o600 });
      return had;
    },
    async probe() {
      return { available: true, detail: 'bench file' };
    },
  };
}

const secrets = fileSecretStore(process.env.MPD_BENCH_SECRETS ?? 'mpd-bench-secrets.json');
runCli(process.argv.slice(2), processIo(), { version: 'bench', secrets: () => secrets }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mpd: ${String(error)}\n`);
    process.exitCode = 1;
  },
);

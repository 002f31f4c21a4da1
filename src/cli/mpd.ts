import { processIo } from './io';
import { runCli } from './program';

declare const __APP_VERSION__: string | undefined;

const version = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : (process.env.npm_package_version ?? '0.0.0');

runCli(process.argv.slice(2), processIo(), { version }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mpd: ${String(error)}\n`);
    process.exitCode = 1;
  },
);

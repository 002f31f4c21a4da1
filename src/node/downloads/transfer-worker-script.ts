import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the transfer worker's code is (transfer-worker.ts), for `new Worker`:
 *
 * - Built: electron-vite bundles it as an entry of the main build, into out/main beside index.js (Electron's
 *   main) and cli.js (`mpd`), with every chunk of that build in the same folder (electron.vite.config.ts),
 *   so the module asking — whichever chunk it landed in — finds it beside itself. Electron loads a worker's
 *   script from inside app.asar since Electron 18 (electron/electron#33216). The benchmark's bundle builds
 *   it beside its own (bench/run.ts).
 * - From source (vitest, tsx: tests and bench scripts): the TypeScript file itself, through tsx's loader.
 */
export function transferWorkerScript(): { filename: string; execArgv?: string[] } {
  const built = join(__dirname, 'transfer-worker.js');
  if (existsSync(built)) return { filename: built };
  return { filename: join(__dirname, 'transfer-worker.ts'), execArgv: ['--import', 'tsx'] };
}

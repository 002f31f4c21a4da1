import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh home folder per test; tests never touch the real app-data folder. */
export async function tempHome(prefix = 'mpd-test-'): Promise<{ home: string; cleanup: () => Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), prefix));
  // Retries: a write the window started without waiting (the remembered view) may still be finishing.
  return { home, cleanup: () => rm(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }) };
}

/** Every file below a folder (for tests that search the home folder for what must not be there). */
export async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(path)));
    else out.push(path);
  }
  return out;
}

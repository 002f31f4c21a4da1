/**
 * The shell flow in the real Electron app (Playwright's `_electron`), wherever the Electron binary is
 * installed. Here it cannot be downloaded, so the suite reports itself as skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { tempHome } from '../helpers/temp-home';
import { assertRendererBuilt, projectRoot, resultsDir } from './harness';
import { assertNoProblems, emptyProblems, watchPage } from './problems';
import { shellFlow } from './shell-flow';

type Availability = { ok: true; executable: string } | { ok: false; reason: string };

function electronAvailability(): Availability {
  const pathFile = join(projectRoot, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) {
    // Electron ≥ 42 fetches its binary on first use (or `npx install-electron`), which cannot reach GitHub here.
    return {
      ok: false,
      reason: 'Electron binary not installed here (it cannot be downloaded on this machine); skipped',
    };
  }
  try {
    // The electron package's main export is the path of its binary (it throws when the download failed).
    const executable = createRequire(join(projectRoot, 'package.json'))('electron') as string;
    if (!existsSync(executable)) return { ok: false, reason: `Electron binary missing at ${executable}; skipped` };
    return { ok: true, executable };
  } catch (error) {
    return { ok: false, reason: `Electron binary not usable (${(error as Error).message.split('\n')[0]}); skipped` };
  }
}

function mainBuilt(): boolean {
  return existsSync(join(projectRoot, 'out', 'main', 'index.js'));
}

const electron = electronAvailability();
if (!electron.ok) console.warn(`[e2e] Electron shell: ${electron.reason}`);
const describeElectron = electron.ok ? describe : describe.skip;

describeElectron(`renderer shell in Electron${electron.ok ? '' : ` (${electron.reason})`}`, () => {
  let app: ElectronApplication;
  let page: Page;
  let home: string;
  let cleanup: () => Promise<void>;
  const problems = emptyProblems();

  beforeAll(async () => {
    assertRendererBuilt();
    if (!mainBuilt()) throw new Error('out/main/index.js is missing: run `npx electron-vite build` first');
    ({ home, cleanup } = await tempHome('mpd-electron-e2e-'));
    app = await _electron.launch({
      executablePath: electron.ok ? electron.executable : undefined,
      args: [join(projectRoot, 'out', 'main', 'index.js'), `--home=${home}`],
      cwd: projectRoot,
      env: { ...process.env, NODE_ENV: 'production' },
    });
    page = await app.firstWindow();
    watchPage(page, problems);
    await page.locator('.app').waitFor();
  });

  afterAll(async () => {
    await app?.close();
    await cleanup?.();
  });

  it('loads the renderer from app://, not file:// or http://', () => {
    const url = new URL(page.url());
    if (url.protocol !== 'app:') throw new Error(`window loaded ${page.url()}`);
  });

  for (const [name, step] of shellFlow) {
    it(name, async () => {
      await step({
        page,
        home,
        reload: async () => {
          await page.reload();
          await page.locator('.app, .start-screen [data-testid="error-alert"]').first().waitFor();
        },
        screenshot: async (n) => {
          await mkdir(resultsDir, { recursive: true });
          const path = join(resultsDir, `${n}.png`);
          await page.screenshot({ path });
          return path;
        },
        shotPrefix: 'electron-shell',
      });
      assertNoProblems(problems);
    });
  }

  it('keeps settings in the home folder given with --home', () => {
    const saved = JSON.parse(readFileSync(join(home, 'settings.json'), 'utf8'));
    if (saved.version !== 1) throw new Error(`unexpected settings file ${JSON.stringify(saved)}`);
  });
});

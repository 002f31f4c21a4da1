/**
 * The Chromium end-to-end harness (DESIGN.md, "How data flows"): the BUILT renderer from out/renderer,
 * served on 127.0.0.1, in Debian's Chromium, with a `window.api` of the same shape the preload builds,
 * backed by the real `dispatch` over real services in a temp home. Later e2e tests reuse `launchHarness`.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { apiShape, type EventName } from '../../src/common/contract';
import { type ApiShape, buildApi } from '../../src/common/contract/build-api';
import type { ServiceOptions } from '../../src/node/services';
import { tempHome } from '../helpers/temp-home';
import { testServices } from '../helpers/test-services';
import { assertNoProblems, emptyProblems, type PageProblems, watchPage } from './problems';
import { type StaticServer, startStaticServer } from './static-server';

export const projectRoot = resolve(__dirname, '../..');
export const rendererOut = join(projectRoot, 'out', 'renderer');
export const resultsDir = join(projectRoot, 'test-results');
export const chromiumPath = process.env.MPD_CHROMIUM_PATH ?? '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--test-type',
];

export type Availability = { ok: true } | { ok: false; reason: string };

export function chromiumAvailability(): Availability {
  if (existsSync(chromiumPath)) return { ok: true };
  return { ok: false, reason: `Chromium not found at ${chromiumPath} (apt-get install chromium)` };
}

/**
 * `describe` that runs where Chromium exists, is skipped with a printed reason where it does not,
 * and fails when MPD_REQUIRE_CHROMIUM=1 (CI) says the browser must be there.
 */
export function describeWithChromium(name: string, body: () => void): void {
  const availability = chromiumAvailability();
  if (availability.ok) {
    // biome-ignore lint/correctness/usePlaywrightValidDescribeCallback: body is the caller's describe callback
    describe(name, body);
  } else if (process.env.MPD_REQUIRE_CHROMIUM === '1') {
    describe(name, () => {
      it('needs Chromium (MPD_REQUIRE_CHROMIUM=1)', () => {
        throw new Error(`${availability.reason}; MPD_REQUIRE_CHROMIUM=1 makes this a failure`);
      });
    });
  } else {
    console.warn(`[e2e] ${name}: skipped: ${availability.reason}`);
    describe.skip(`${name} (skipped: ${availability.reason})`, body);
  }
}

export function assertRendererBuilt(): void {
  if (!existsSync(join(rendererOut, 'index.html'))) {
    throw new Error(
      `The built renderer is missing (${rendererOut}/index.html). Run \`npx electron-vite build\` first; ` +
        '`npm run test:e2e` after `npm run build` does this.',
    );
  }
}

export interface Harness {
  page: Page;
  home: string;
  url: string;
  services: ReturnType<typeof testServices>['services'];
  dispatch: ReturnType<typeof testServices>['dispatch'];
  /**
   * The scripted desktop behind the services. Main's own confirmation (confirmInMain) answers yes by
   * default; `h.desktop.answers.confirm = false` (or a function per request) shows the no path, and
   * `h.desktop.confirmations` holds every request main showed.
   */
  desktop: ReturnType<typeof testServices>['desktop'];
  problems: PageProblems;
  /**
   * Files a test drops on the page, by name → the path the preload would read from the dropped File
   * (webUtils.getPathForFile). The page's `window.api.files` goes to main's dropped-file channel with these
   * paths, as the preload does; a File whose name is not here is "not a file on disk".
   */
  droppable: Map<string, string>;
  /** Open the app (again) in the page and wait until the shell or its start error is on screen. */
  open(): Promise<void>;
  screenshot(name: string): Promise<string>;
  assertNoProblems(): void;
  close(): Promise<void>;
}

export interface HarnessOptions {
  services?: Partial<Omit<ServiceOptions, 'home'>>;
  viewport?: { width: number; height: number };
}

/**
 * Runs in the page before any of its scripts (CDP injects it, so the page's CSP does not apply to it).
 * window.api comes from the same buildApi the preload uses (its source is injected with this function),
 * over the exposed dispatch; `__mpdEmit` lets the harness push events as main would.
 */
function installBridge(build: typeof buildApi, shape: ApiShape): void {
  type Bound = Window & {
    __mpdDispatch(channel: string, input: unknown): Promise<unknown>;
    __mpdDroppedFiles(names: string[], purpose: string): Promise<unknown>;
    __mpdCspViolation(text: string): void;
  };
  const w = window as unknown as Bound;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api = build(
    (channel, input) => w.__mpdDispatch(channel, input),
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    shape,
  );
  // The preload's one helper: the dropped Files' paths (here: by name, from the test) to main's channel.
  api.files = {
    handlesForDroppedFiles: (files, purpose) =>
      w.__mpdDroppedFiles(
        Array.from(files, (f) => (f instanceof File ? f.name : '')),
        purpose,
      ) as ReturnType<NonNullable<typeof api.files>['handlesForDroppedFiles']>,
  };
  for (const value of Object.values(api)) if (typeof value === 'object') Object.freeze(value);
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false, configurable: false });
  Object.defineProperty(window, '__mpdEmit', {
    value: (event: string, payload: unknown) => {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
  });
  document.addEventListener('securitypolicyviolation', (e) => {
    w.__mpdCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} ${e.sample ?? ''}`.trim());
  });
}

export async function launchHarness(options: HarnessOptions = {}): Promise<Harness> {
  assertRendererBuilt();
  const temp = await tempHome('mpd-e2e-');
  const { services, dispatch, desktop, droppedFile } = testServices(temp.home, options.services);
  const droppable = new Map<string, string>();
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startStaticServer(rendererOut);
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const context: BrowserContext = await browser.newContext({
      viewport: options.viewport ?? { width: 1200, height: 800 },
      locale: 'nb-NO',
    });
    const problems = emptyProblems();
    const origin = server.url;
    // Nothing leaves 127.0.0.1 (test rule); any other request is a bug in the page.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`) || url.startsWith('data:')) return route.continue();
      problems.blockedRequests.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    watchPage(page, problems);
    await page.exposeFunction('__mpdDispatch', (channel: string, input: unknown) => dispatch(channel, input));
    await page.exposeFunction('__mpdDroppedFiles', (names: string[], purpose: string) => {
      const paths = names.map((name) => droppable.get(name) ?? '');
      if (paths.length === 0 || paths.some((path) => !path)) {
        return { ok: false, error: { code: 'PATH_NOT_FROM_DIALOG', message: 'A dropped item is not a file on disk' } };
      }
      return droppedFile({ paths, purpose });
    });
    await page.exposeFunction('__mpdCspViolation', (text: string) => problems.cspViolations.push(text));
    await page.addInitScript({ content: `(${installBridge})(${buildApi}, ${JSON.stringify(apiShape)});` });
    const stopForwarding = services.events.forward((event: EventName, payload: unknown) => {
      page
        .evaluate(([e, p]) => (window as unknown as { __mpdEmit(e: unknown, p: unknown): void }).__mpdEmit(e, p), [
          event,
          payload,
        ] as const)
        .catch(() => {});
    });
    const harness: Harness = {
      page,
      home: temp.home,
      url: `${origin}/index.html`,
      services,
      dispatch,
      desktop,
      problems,
      droppable,
      async open() {
        await page.goto(harness.url);
        await page.locator('.app, .start-screen [data-testid="error-alert"]').first().waitFor();
      },
      async screenshot(name) {
        await mkdir(resultsDir, { recursive: true });
        const path = join(resultsDir, `${name}.png`);
        await page.screenshot({ path });
        return path;
      },
      assertNoProblems: () => assertNoProblems(problems),
      async close() {
        stopForwarding();
        await browser?.close();
        await server?.close();
        await temp.cleanup();
      },
    };
    return harness;
  } catch (error) {
    await browser?.close();
    await server?.close();
    await temp.cleanup();
    throw error;
  }
}

import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium, type Harness, launchHarness } from './harness';
import { shellFlow } from './shell-flow';

describeWithChromium('renderer shell in Chromium (built bundle, real dispatch)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await launchHarness();
    await h.open();
  });

  afterAll(async () => {
    await h?.close();
  });

  for (const [name, step] of shellFlow) {
    it(name, async () => {
      await step({
        page: h.page,
        home: h.home,
        reload: () => h.open(),
        screenshot: (n) => h.screenshot(n),
        keychainAnswers: true,
        shotPrefix: 'shell',
      });
      h.assertNoProblems();
    });
  }

  it('forwards push events from main to the page (settings:changed)', async () => {
    h.services.events.emit('settings:changed', { language: 'en', environmentId: 'tt02' });
    await h.page.getByTestId('nav-keys').getByText('Keys', { exact: true }).waitFor();
    await h.page.getByTestId('test-marker').waitFor();
    h.assertNoProblems();
  });

  it('fails on a CSP violation (the watch is live, not decorative)', async () => {
    // An inline script is exactly what the CSP forbids; the harness must notice it.
    await h.page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.append(s);
    });
    await expect.poll(() => h.problems.cspViolations.length).toBeGreaterThan(0);
    expect(await h.page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
    expect(() => h.assertNoProblems()).toThrow(/CSP violation/);
    h.problems.cspViolations.length = 0;
  });
});

import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { dispatchOk } from '../helpers/local-world';
import type { Harness } from './harness';

/** The text a person sees (Playwright's innerText honours CSS visibility). */
export function text(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: this is Playwright's Locator.innerText, not the DOM's
  return locator.innerText();
}

/** Wait until no CSS animation runs (dialogs fade in), so a screenshot shows the settled page. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
}

/** A channel call behind the page that must succeed (set-up, not what the test looks at). */
export function ok<R>(h: Harness, channel: string, input?: unknown): Promise<R> {
  return dispatchOk<R>(h.dispatch, channel, input);
}

/** Four environments do not fit as toggles: the switcher is a select (EnvironmentSwitcher, MAX_TOGGLES). */
export async function chooseEnvironment(page: Page, id: string): Promise<void> {
  const select = page.getByTestId('environment-switcher').locator('select');
  await select.selectOption(id);
  await expect.poll(() => select.inputValue()).toBe(id);
}

/**
 * The shell's end-to-end flow, shared by the Chromium harness (shell.e2e.ts) and the Electron test
 * (electron.e2e.ts): the same steps must hold in both front ends.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { settled, text } from './page-steps';

export interface FlowTarget {
  page: Page;
  home: string;
  /** Load the app again (a restart, as far as the renderer can tell). */
  reload(): Promise<void>;
  screenshot(name: string): Promise<string>;
  /** Whether app:info must report a keychain that answers (true with the in-memory store). */
  keychainAnswers?: boolean;
  /** Prefix for screenshot names, e.g. 'shell' or 'electron-shell'. */
  shotPrefix: string;
}

const taskViews = ['keys', 'profiles', 'clients', 'token', 'instances', 'downloads'] as const;

async function visible(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).first().waitFor({ state: 'visible' });
}

/** ToggleGroup items are labels around visually hidden radios: click the label, as a person would. */
async function choose(page: Page, groupTestId: string, name: string): Promise<void> {
  const radio = page.getByTestId(groupTestId).getByRole('radio', { name });
  await radio.locator('xpath=..').click();
  // The switch follows main's answer (settings:update), so the radio turns on a moment later.
  await expect.poll(() => radio.isChecked()).toBe(true);
}

async function settingsOnDisk(home: string): Promise<{ language: string; environmentId: string }> {
  return JSON.parse(await readFile(join(home, 'settings.json'), 'utf8'));
}

export const shellFlow: [string, (t: FlowTarget) => Promise<void>][] = [
  [
    'starts in TT02 with the calm test marker and Norwegian text',
    async (t) => {
      const { page } = t;
      await visible(page, 'test-marker');
      expect(await text(page.getByTestId('test-marker'))).toContain('TT02 – testmiljø');
      expect(await page.getByTestId('production-marker').count()).toBe(0);
      expect(await text(page.getByTestId('nav-keys'))).toBe('Nøkler');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('nb');
      await visible(page, 'view-keys');
      await t.screenshot(`${t.shotPrefix}-tt02`);
    },
  ],
  [
    'switches to Production and shows the red PRODUKSJON band on every view',
    async (t) => {
      const { page } = t;
      await choose(page, 'environment-switcher', 'Produksjon');
      await visible(page, 'production-marker');
      expect(await page.getByTestId('test-marker').count()).toBe(0);
      for (const view of taskViews) {
        await page.getByTestId(`nav-${view}`).click();
        await visible(page, `view-${view}`);
        const band = page.getByTestId('production-marker');
        expect(await band.isVisible()).toBe(true);
        expect(await text(band)).toContain('PRODUKSJON');
        const look = await band.evaluate((el) => {
          const box = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          return { top: box.top, width: box.width, page: window.innerWidth, background: style.backgroundColor };
        });
        expect(look.top).toBe(0);
        expect(look.width).toBe(look.page);
        expect(isRed(look.background), `band colour ${look.background}`).toBe(true);
      }
      expect((await settingsOnDisk(t.home)).environmentId).toBe('prod');
      await page.getByTestId('nav-keys').click();
      await t.screenshot(`${t.shotPrefix}-production`);
    },
  ],
  [
    'switches the language to English and keeps PRODUKSJON in the band',
    async (t) => {
      const { page } = t;
      await choose(page, 'language-switch', 'English');
      await page.getByTestId('nav-keys').getByText('Keys', { exact: true }).waitFor();
      expect(await text(page.getByTestId('nav-downloads'))).toBe('Downloads');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      const band = await text(page.getByTestId('production-marker'));
      expect(band).toContain('PRODUKSJON');
      expect(band).toContain('Production');
      // The window shows the new language at once; the settings file follows (use-app-store setLanguage).
      await expect.poll(async () => (await settingsOnDisk(t.home)).language).toBe('en');
      await t.screenshot(`${t.shotPrefix}-en`);
    },
  ],
  [
    'opens About with the home folder and closes it with Escape, focus back on the button',
    async (t) => {
      const { page } = t;
      const aboutButton = page.getByRole('button', { name: 'About', exact: true });
      await aboutButton.click();
      const dialog = page.getByTestId('about-dialog');
      await dialog.getByTestId('about-home').waitFor();
      expect(await text(dialog.getByTestId('about-home'))).toBe(t.home);
      expect(await text(dialog.getByTestId('about-version'))).toMatch(/^\d+\.\d+\.\d+/);
      if (t.keychainAnswers !== undefined) {
        expect(await text(dialog.getByTestId('about-keychain'))).toContain(
          t.keychainAnswers ? 'Answers' : 'Does not answer',
        );
      }
      await settled(page);
      await t.screenshot(`${t.shotPrefix}-about`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await aboutButton.evaluate((el) => el === document.activeElement)).toBe(true);
    },
  ],
  [
    'remembers the language, the environment and the task shown last after a reload',
    async (t) => {
      const { page } = t;
      await page.getByTestId('nav-downloads').click();
      await visible(page, 'view-downloads');
      // The task is saved in main's settings file without the window waiting for it.
      await expect
        .poll(async () => (await readFile(join(t.home, 'settings.json'), 'utf8')).includes('"view": "downloads"'))
        .toBe(true);
      await t.reload();
      await visible(page, 'production-marker');
      expect(await text(page.getByTestId('nav-keys'))).toBe('Keys');
      expect(
        await page.getByTestId('environment-switcher').getByRole('radio', { name: 'Production' }).isChecked(),
      ).toBe(true);
      await visible(page, 'view-downloads');
      expect(await page.getByTestId('nav-downloads').getAttribute('aria-current')).toBe('page');
      // Back to where the next steps start: Nøkler, on a freshly loaded page.
      await page.getByTestId('nav-keys').click();
      await expect
        .poll(async () => (await readFile(join(t.home, 'settings.json'), 'utf8')).includes('"view": "keys"'))
        .toBe(true);
      await t.reload();
      await visible(page, 'view-keys');
    },
  ],
  [
    'moves by keyboard: skip link first, and a chosen task puts focus on its heading',
    async ({ page }) => {
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
      await page.getByTestId('nav-instances').focus();
      await page.keyboard.press('Enter');
      await visible(page, 'view-instances');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Instances');
      expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-view-heading'))).toBe(true);
    },
  ],
  [
    'shows a damaged settings file as a localized error with a way out',
    async (t) => {
      const { page } = t;
      await writeFile(join(t.home, 'settings.json'), '{ not json');
      await t.reload();
      const alert = page.getByTestId('error-alert');
      await alert.waitFor();
      expect(await alert.getAttribute('data-error-code')).toBe('SETTINGS_CORRUPT');
      // The language cannot be read either, so the default (Norwegian) speaks.
      const shown = await text(alert);
      expect(shown).toContain('Innstillingsfilen kan ikke leses');
      expect(shown).toContain('slett den');
      await t.screenshot(`${t.shotPrefix}-settings-error`);
      await rm(join(t.home, 'settings.json'));
      await alert.getByRole('button', { name: 'Prøv igjen' }).click();
      await visible(page, 'test-marker');
      expect(await text(page.getByTestId('nav-keys'))).toBe('Nøkler');
    },
  ],
  [
    'fits a 900×600 window without sideways scrolling, in Production',
    async (t) => {
      const { page } = t;
      await page.setViewportSize({ width: 900, height: 600 });
      await choose(page, 'environment-switcher', 'Produksjon');
      await visible(page, 'production-marker');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await t.screenshot(`${t.shotPrefix}-900x600`);
    },
  ],
];

/** Red enough to read as a warning: a strong red channel, little green and blue. */
export function isRed(cssColor: string): boolean {
  const m = cssColor.match(/rgba?\((\d+),\s*(\d+),\s*(\d+)/);
  if (!m) return false;
  const [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return r >= 150 && g <= 60 && b <= 80;
}

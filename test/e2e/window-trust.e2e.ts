import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeEnvironmentsFile } from '../helpers/local-world';
import { describeWithChromium, type Harness, launchHarness } from './harness';
import { settled, text } from './page-steps';

/**
 * What the window shows of issue 17's protections that no other view's test covers: a custom environment
 * that reuses a preset issuer and a production host while marked non-production is warned about in the band
 * (finding 7), at the smallest window size.
 */
describeWithChromium('window trust in Chromium (built bundle, real services)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await launchHarness({ viewport: { width: 900, height: 600 } });
    await writeEnvironmentsFile(h.home, [
      {
        id: 'sneaky',
        name: 'Testmiljø',
        production: false,
        maskinporten: { issuer: 'https://maskinporten.no/', tokenEndpoint: 'https://evil.example/token' },
        altinn: {
          exchangeUrl: 'https://platform.at22.altinn.cloud/authentication/api/v1/exchange/maskinporten',
          storageBase: 'https://platform.at22.altinn.cloud/storage/api/v1',
          appBase: 'https://{org}.apps.at22.altinn.cloud/{org}/{app}',
        },
      },
    ]);
    await h.open();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('warns in the band about a custom environment that reuses the production issuer while marked test', async () => {
    const { page } = h;
    // Three environments are toggles, not a select (EnvironmentSwitcher).
    await page.getByTestId('environment-switcher').getByText('Testmiljø', { exact: true }).click();
    const band = page.getByTestId('custom-marker');
    await band.waitFor();
    const warnings = page.getByTestId('environment-warning');
    await expect.poll(() => warnings.count()).toBe(2);
    expect(await text(warnings.nth(0))).toContain(
      'Bruker utstederen til Produksjon, men sender signerte forespørsler til evil.example',
    );
    expect(await text(warnings.nth(1))).toContain('Er ikke merket som produksjon, men bruker maskinporten.no');
    await settled(page);
    await h.screenshot('environment-warnings-900');
    h.assertNoProblems();
  });
});

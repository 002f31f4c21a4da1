// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvironmentMarker } from '../../../../src/browser/features/environment/EnvironmentMarker';
import { useAppStore } from '../../../../src/browser/store/use-app-store';
import type { EnvironmentSummary } from '../../../../src/common/contract/app';
import { PRESETS } from '../../../../src/node/environments/environments';

const sneaky: EnvironmentSummary = {
  id: 'sneaky',
  name: 'Sneaky',
  production: false,
  custom: true,
  maskinporten: { issuer: 'https://maskinporten.no/', tokenEndpoint: 'https://evil.example/token' },
  altinn: { exchangeUrl: 'https://x/e', storageBase: 'https://x/s', appBase: 'https://x/{org}/{app}' },
  warnings: [
    { code: 'preset-issuer', presetId: 'prod', presetName: 'Production', tokenHost: 'evil.example' },
    { code: 'production-host', host: 'maskinporten.no' },
  ],
};

describe('EnvironmentMarker', () => {
  const initial = useAppStore.getState();
  afterEach(() => {
    cleanup();
    useAppStore.setState(initial, true);
  });

  it("says a custom environment's warnings in the band, in the person's language (issue 17, finding 7)", () => {
    useAppStore.setState({ environments: [...PRESETS, sneaky], environmentId: 'sneaky', language: 'nb' });
    render(<EnvironmentMarker />);
    const texts = screen.getAllByTestId('environment-warning').map((w) => w.textContent);
    expect(texts).toEqual([
      'Bruker utstederen til Produksjon, men sender signerte forespørsler til evil.example. Den kan hente token hos Produksjon med dem. Sjekk environments.json.',
      'Er ikke merket som produksjon, men bruker maskinporten.no, som er en adresse i produksjon: ingen rød markering og ingen ekstra bekreftelser. Sjekk environments.json.',
    ]);
    act(() => useAppStore.setState({ language: 'en' }));
    expect(screen.getAllByTestId('environment-warning')[1].textContent).toContain('Is not marked as production');
  });

  it('shows none for the presets', () => {
    useAppStore.setState({ environments: [...PRESETS], environmentId: 'tt02' });
    render(<EnvironmentMarker />);
    expect(screen.queryByTestId('environment-warning')).toBeNull();
  });
});

// @vitest-environment jsdom
import { act, cleanup as cleanupDom, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/browser/App';
import { useAppStore } from '../../src/browser/store/use-app-store';
import { tempHome } from '../helpers/temp-home';
import { testServices } from '../helpers/test-services';
import { dispatchBridge } from './dispatch-bridge';

// jsdom has no CSS.escape (Designsystemet's popover polyfill calls it on load) and no
// document.getAnimations (its Spinner synchronises animations); give both their empty behaviour.
vi.hoisted(() => {
  const d = document as { getAnimations?: () => Animation[] };
  d.getAnimations ??= () => [];
  const g = globalThis as { CSS?: { escape?: (s: string) => string } };
  g.CSS ??= {};
  g.CSS.escape ??= (s: string) => s.replace(/[^\w-]/g, (c) => `\\${c}`);
});

describe('App shell (jsdom, real dispatch)', () => {
  let cleanup: () => Promise<void>;
  let bridge: ReturnType<typeof dispatchBridge>;
  const initial = useAppStore.getState();

  beforeEach(async () => {
    const temp = await tempHome();
    cleanup = temp.cleanup;
    bridge = dispatchBridge(testServices(temp.home).dispatch);
    window.api = bridge.api;
    useAppStore.setState(initial, true);
  });

  afterEach(async () => {
    cleanupDom();
    delete window.api;
    await cleanup();
  });

  it('starts in TT02 with Norwegian navigation and the Keys view', async () => {
    render(<App />);
    await screen.findByTestId('test-marker');
    expect(screen.queryByTestId('production-marker')).toBeNull();
    const nav = screen.getByRole('navigation', { name: 'Hovedmeny' });
    expect(
      within(nav)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([
      'Instanser',
      'Mottak',
      'Utsendelse',
      'Hendelser',
      'Nedlastinger',
      'Nøkler',
      'Miljø og klientprofiler',
      'Klienter (selvbetjening)',
      'Systemer og systembrukere',
      'Token',
    ]);
    // Grouped: daily work first, then setup, then troubleshooting, each under its heading.
    expect(
      within(nav)
        .getAllByRole('heading')
        .map((h) => h.textContent),
    ).toEqual(['Daglig arbeid', 'Oppsett', 'Feilsøking']);
    expect(await screen.findByTestId('view-keys')).toBeTruthy();
  });

  it('shows the production band after switching, on every view', async () => {
    render(<App />);
    await screen.findByTestId('test-marker');
    fireEvent.click(screen.getByRole('radio', { name: 'Produksjon' }));
    const band = await screen.findByTestId('production-marker');
    expect(band.textContent).toContain('PRODUKSJON');
    for (const view of ['profiles', 'clients', 'token', 'instances', 'downloads']) {
      fireEvent.click(screen.getByTestId(`nav-${view}`));
      expect(screen.getByTestId(`view-${view}`)).toBeTruthy();
      expect(screen.getByTestId('production-marker')).toBeTruthy();
      expect(screen.getByTestId(`nav-${view}`).getAttribute('aria-current')).toBe('page');
    }
  });

  it('follows a settings:changed event from main', async () => {
    render(<App />);
    await screen.findByTestId('test-marker');
    act(() => bridge.emit('settings:changed', { language: 'en', environmentId: 'prod' }));
    await screen.findByTestId('production-marker');
    expect(screen.getByTestId('nav-keys').textContent).toBe('Keys');
    expect(document.documentElement.lang).toBe('en');
  });

  it('shows a refused environment switch as a localized error', async () => {
    render(<App />);
    await screen.findByTestId('test-marker');
    await act(() => useAppStore.getState().setEnvironment('atlantis'));
    const alert = await screen.findByTestId('error-alert');
    expect(alert.textContent).toContain('Ukjent miljø');
    expect(alert.textContent).toContain('Velg TT02 eller Produksjon');
    expect(screen.getByTestId('test-marker')).toBeTruthy();
  });

  it('shows a start failure with a retry that recovers', async () => {
    const real = bridge.api.settings.get;
    bridge.api.settings.get = async () => ({
      ok: false,
      error: { code: 'SETTINGS_CORRUPT', message: 'settings.json is not valid JSON', hint: 'x' },
    });
    render(<App />);
    const alert = await screen.findByTestId('error-alert');
    expect(alert.textContent).toContain('Appen kunne ikke starte');
    expect(alert.textContent).toContain('Innstillingsfilen kan ikke leses');
    bridge.api.settings.get = real;
    fireEvent.click(within(alert).getByRole('button', { name: 'Prøv igjen' }));
    await waitFor(() => expect(screen.getByTestId('test-marker')).toBeTruthy());
  });
});

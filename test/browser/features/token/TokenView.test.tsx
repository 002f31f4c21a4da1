// @vitest-environment jsdom
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { act, cleanup as cleanupDom, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { TokenView } from '../../../../src/browser/features/token/TokenView';
import { useAppStore } from '../../../../src/browser/store/use-app-store';
import { useTokenStore } from '../../../../src/browser/store/use-token-store';
import type { KeySummary, PublicJwk } from '../../../../src/common/contract/keys';
import { type AuthFake, startAuthFake } from '../../../fakes/auth-server';
import { tempHome } from '../../../helpers/temp-home';
import { testServices } from '../../../helpers/test-services';
import { dispatchBridge } from '../../dispatch-bridge';

// jsdom lacks CSS.escape and document.getAnimations, which Designsystemet calls (see App.test.tsx).
vi.hoisted(() => {
  const d = document as { getAnimations?: () => Animation[] };
  d.getAnimations ??= () => [];
  const g = globalThis as { CSS?: { escape?: (s: string) => string } };
  g.CSS ??= {};
  g.CSS.escape ??= (s: string) => s.replace(/[^\w-]/g, (c) => `\\${c}`);
});

// 910753614 is a valid org number, but not a service owner in the fake: the exchange leaves out urn:altinn:org.
const ORGNO = '910753614';
const SCOPE = 'altinn:serviceowner/instances.read';

describe('TokenView (jsdom, real services, fake Maskinporten + Altinn)', () => {
  let fake: AuthFake;
  let cleanup: () => Promise<void>;
  let built: ReturnType<typeof testServices>;
  let bridge: ReturnType<typeof dispatchBridge>;
  const initialApp = useAppStore.getState();
  const initialToken = useTokenStore.getState();

  beforeAll(async () => {
    fake = await startAuthFake();
  });
  afterAll(async () => {
    await fake.close();
  });

  beforeEach(async () => {
    const temp = await tempHome();
    cleanup = temp.cleanup;
    const { maskinporten, altinn } = fake.environment('local');
    await writeFile(
      join(temp.home, 'environments.json'),
      JSON.stringify({
        environments: [
          {
            id: 'local',
            name: 'Lokal',
            production: false,
            maskinporten: { issuer: maskinporten.issuer, tokenEndpoint: maskinporten.tokenEndpoint },
            altinn,
          },
        ],
      }),
    );
    built = testServices(temp.home);
    const call = async <R,>(channel: string, input?: unknown) => {
      const e = await built.dispatch(channel, input);
      if (!e.ok) throw new Error(`${channel}: ${e.error.code}`);
      return e.result as R;
    };
    const key = await call<KeySummary>('keys:generate', { name: 'K', kid: 'jsdom-kid' });
    fake.registerClient({
      clientId: 'c-jsdom',
      orgNo: ORGNO,
      keys: [await call<PublicJwk>('keys:export-public-jwk', { id: key.id })],
      scopes: [SCOPE],
    });
    await call('profiles:add', {
      name: 'Innsyn',
      environmentId: 'local',
      clientId: 'c-jsdom',
      keyId: key.id,
      scopes: [SCOPE],
      org: 'abc',
    });
    bridge = dispatchBridge(built.dispatch);
    window.api = bridge.api;
    built.services.events.forward((event, payload) => bridge.emit(event, payload));
    useAppStore.setState(
      { ...initialApp, startup: { status: 'ready', value: undefined }, environmentId: 'local' },
      true,
    );
    await act(() => useAppStore.getState().start());
    await act(() => useAppStore.getState().setEnvironment('local'));
    useTokenStore.setState(initialToken, true);
  });

  afterEach(async () => {
    cleanupDom();
    delete window.api;
    await cleanup();
  });

  it('shows the missing service-owner claim as a warning with the catalogue text', async () => {
    render(<TokenView />);
    const select = (await screen.findByTestId('token-profile')) as HTMLSelectElement;
    await waitFor(() => expect(select.value).not.toBe(''));
    fireEvent.click(screen.getByTestId('token-get'));
    const card = await screen.findByTestId('token-card-altinn');
    const warning = within(card).getByTestId('token-warning');
    expect(warning.getAttribute('data-warning-code')).toBe('ALTINN_ORG_CLAIM_MISSING');
    expect(warning.textContent).toContain('Altinn-tokenet mangler tjenesteeier (urn:altinn:org)');
    expect(warning.textContent).toContain('altinn:serviceowner/instances.read');
    expect(within(card).getByTestId('claim-org-missing').textContent).toBe('mangler');
    // The Maskinporten card has no such warning; its status comes from token:changed and the countdown.
    const mp = screen.getByTestId('token-card-maskinporten');
    expect(within(mp).queryByTestId('token-warning')).toBeNull();
    expect(within(mp).getByTestId('token-status-maskinporten').textContent).toBe('Gyldig');
    expect(within(mp).getByTestId('countdown-maskinporten-time').textContent).toMatch(/^0[12]:\d{2}$/);
  });

  it('speaks English when the window does, doctor rows included', async () => {
    await act(() => useAppStore.getState().setLanguage('en'));
    render(<TokenView />);
    const select = (await screen.findByTestId('token-profile')) as HTMLSelectElement;
    await waitFor(() => expect(select.value).not.toBe(''));
    expect(screen.getByTestId('token-get').textContent).toBe('Get token');
    fireEvent.click(screen.getByTestId('token-doctor'));
    const report = await screen.findByTestId('doctor-report', {}, { timeout: 10_000 });
    expect(report.getAttribute('data-overall')).toBe('warn');
    const org = within(report).getByTestId('doctor-row-orgClaim');
    expect(org.getAttribute('data-status')).toBe('warn');
    expect(org.textContent).toContain('Service owner in the Altinn token (org)');
    expect(org.textContent).toContain('The Altinn token has no service owner');
    expect(within(report).getByTestId('doctor-row-token').textContent).toContain('Maskinporten issued a token.');
  });

  it('drops the shown tokens when main says the profile changed', async () => {
    render(<TokenView />);
    const select = (await screen.findByTestId('token-profile')) as HTMLSelectElement;
    await waitFor(() => expect(select.value).not.toBe(''));
    fireEvent.click(screen.getByTestId('token-get'));
    await screen.findByTestId('token-card-maskinporten');
    await act(() => built.services.profiles.update(select.value, { name: 'Innsyn 2' }));
    await screen.findByTestId('token-cleared');
    expect(screen.queryByTestId('token-result')).toBeNull();
  });
});

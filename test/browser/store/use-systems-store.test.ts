import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSystemsStore } from '../../../src/browser/store/use-systems-store';
import type { Profile } from '../../../src/common/contract/profiles';
import type { SystemUserRequestInfo } from '../../../src/common/contract/systems';
import { nextPollDelayMs, VENDOR_SCOPES } from '../../../src/common/contract/systems-limits';
import { storeOverPendingApi } from './pending-api';

// Only the fields the store reads; the rest of a Profile does not matter here.
const vendor = (id: string) => ({ id, name: id, scopes: [VENDOR_SCOPES.register] }) as unknown as Profile;
const system = (id: string) => ({ id, name: { nb: id }, profileIds: [] });
const request = (id: string, status: SystemUserRequestInfo['status']) =>
  ({ id, kind: 'standard', status, partyOrgNo: '310000001' }) as unknown as SystemUserRequestInfo;

describe('useSystemsStore: answers for an earlier choice are dropped; polling follows the open system', () => {
  const bridge = storeOverPendingApi(useSystemsStore);

  afterEach(() => {
    useSystemsStore.getState().stopPolling();
    vi.useRealTimers();
  });

  /** The environment read, its one vendor profile chosen, its system list answered and `id` open. */
  async function openOne(id: string) {
    const { load } = useSystemsStore.getState();
    void load('tt02');
    await bridge.ok('profiles.list', [vendor('v')]);
    await bridge.ok('systems.list', { environmentId: 'tt02', vendorOrgNo: '991825827', systems: [system(id)] });
    void useSystemsStore.getState().openSystem(id);
    await bridge.ok('systems.get', system(id));
  }

  it('keeps the profiles of the environment shown, not of one left while they were read', async () => {
    const { load } = useSystemsStore.getState();
    void load('tt02');
    void load('prod');
    await bridge.ok('profiles.list', [vendor('old')]);
    expect(useSystemsStore.getState()).toMatchObject({
      environmentId: 'prod',
      profiles: { status: 'loading', value: [] },
    });
    expect(bridge.pending()).toEqual(['profiles.list']);

    await bridge.ok('profiles.list', [vendor('v')]);
    expect(useSystemsStore.getState()).toMatchObject({ profiles: { status: 'ready' }, vendorProfileId: 'v' });
    await bridge.ok('systems.list', { environmentId: 'prod', vendorOrgNo: '991825827', systems: [system('s')] });
    expect(useSystemsStore.getState()).toMatchObject({
      vendorOrgNo: '991825827',
      systems: { status: 'ready', value: [system('s')] },
    });
  });

  it('shows the system opened last, and nothing of one closed while it was read', async () => {
    await openOne('a');
    await bridge.ok('systemusers.requests', []);
    await bridge.ok('systemusers.list', []);
    const { openSystem, closeSystem } = useSystemsStore.getState();

    void openSystem('b');
    void openSystem('c');
    await bridge.ok('systems.get', system('c'), 'newest');
    await bridge.fail('systems.get', { code: 'SYSTEMS_NOT_FOUND', message: 'gone' });
    expect(useSystemsStore.getState()).toMatchObject({ selectedSystemId: 'c', system: { status: 'ready' } });
    expect(useSystemsStore.getState().system.value?.id).toBe('c');

    closeSystem();
    await bridge.ok('systemusers.requests', [request('r', 'new')]);
    await bridge.ok('systemusers.list', []);
    expect(useSystemsStore.getState()).toMatchObject({
      selectedSystemId: undefined,
      system: { status: 'idle' },
      requests: { status: 'idle', value: [] },
      users: { status: 'idle', value: [] },
      poll: { checking: false },
    });
  });

  it('polls a waiting request with a growing delay, reads the system users when it is approved, stops when closed', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    await openOne('a');
    await bridge.ok('systemusers.requests', [request('r1', 'new')]);
    await bridge.ok('systemusers.list', []);
    expect(useSystemsStore.getState().poll).toEqual({ checking: false, nextAt: 1_000_000 + nextPollDelayMs(0) });

    vi.advanceTimersByTime(nextPollDelayMs(0));
    expect(useSystemsStore.getState().poll.checking).toBe(true);
    await bridge.ok('systemusers.status', request('r1', 'new'));
    const second = Date.now() + nextPollDelayMs(1);
    expect(nextPollDelayMs(1)).toBeGreaterThan(nextPollDelayMs(0));
    expect(useSystemsStore.getState().poll).toEqual({ checking: false, nextAt: second });

    vi.advanceTimersByTime(nextPollDelayMs(1));
    await bridge.ok('systemusers.status', request('r1', 'accepted'));
    expect(useSystemsStore.getState()).toMatchObject({
      notice: { kind: 'accepted', org: '310000001' },
      requests: { status: 'ready', value: [{ id: 'r1', status: 'accepted' }] },
      users: { status: 'loading' },
    });
    await bridge.ok('systemusers.list', [{ id: 'u1' }]);
    expect(useSystemsStore.getState()).toMatchObject({ users: { status: 'ready' }, poll: { checking: false } });
    expect(useSystemsStore.getState().poll.nextAt).toBeUndefined();

    void useSystemsStore.getState().refreshRequests();
    await bridge.ok('systemusers.requests', [request('r2', 'new')]);
    await bridge.ok('systemusers.list', [{ id: 'u1' }]);
    expect(useSystemsStore.getState().poll.nextAt).toBeDefined();
    useSystemsStore.getState().closeSystem();
    vi.advanceTimersByTime(10 * 60_000);
    expect(bridge.pending()).toEqual([]);
  });

  it('drops a request deleted meanwhile (AUTH-00010 → SYSTEMUSER_REQUEST_NOT_FOUND) instead of polling it for ever', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    await openOne('a');
    await bridge.ok('systemusers.requests', [request('r1', 'new'), request('r2', 'rejected')]);
    await bridge.ok('systemusers.list', []);
    vi.advanceTimersByTime(nextPollDelayMs(0));
    await bridge.fail('systemusers.status', { code: 'SYSTEMUSER_REQUEST_NOT_FOUND', message: 'AUTH-00010' });
    expect(useSystemsStore.getState().requests.value.map((r) => r.id)).toEqual(['r2']);
    expect(useSystemsStore.getState().poll).toEqual({ checking: false });
    vi.advanceTimersByTime(10 * 60_000);
    expect(bridge.pending()).toEqual([]);
  });

  it('sends the same request again with renew when Altinn answered with an old one', async () => {
    await openOne('a');
    await bridge.ok('systemusers.requests', []);
    await bridge.ok('systemusers.list', []);
    const { createRequest } = useSystemsStore.getState();
    void createRequest({ partyOrgNo: '310000001', externalRef: 'k-1', agent: false });
    const sent = await bridge.ok('systemusers.request', { request: request('old', 'rejected'), reused: true });
    expect(sent).toEqual({
      vendorProfileId: 'v',
      systemId: 'a',
      partyOrgNo: '310000001',
      externalRef: 'k-1',
      agent: false,
    });
    await bridge.ok('systemusers.requests', [request('old', 'rejected')]);
    expect(useSystemsStore.getState().notice).toMatchObject({ kind: 'requested', result: { reused: true } });

    void useSystemsStore.getState().renewRequest(true);
    const renewed = await bridge.ok('systemusers.request', {
      request: request('new', 'new'),
      reused: false,
      replaced: request('old', 'rejected'),
    });
    expect(renewed).toEqual({
      vendorProfileId: 'v',
      systemId: 'a',
      partyOrgNo: '310000001',
      externalRef: 'k-1',
      agent: false,
      renew: true,
      confirmProduction: true,
    });
    await bridge.ok('systemusers.requests', [request('new', 'new')]);
    expect(useSystemsStore.getState().notice).toMatchObject({
      kind: 'requested',
      result: { reused: false, replaced: { id: 'old' } },
      input: { partyOrgNo: '310000001', externalRef: 'k-1', agent: false },
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelNames } from '../../src/common/contract';
import { AppError } from '../../src/common/errors/app-error';
import { createDispatch, type Handlers } from '../../src/node/dispatch';
import { tempHome } from '../helpers/temp-home';
import { testServices } from '../helpers/test-services';

describe('dispatch', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
  });
  afterEach(() => cleanup());

  it('answers app:info with version, platform, home and keychain status', async () => {
    const { dispatch } = testServices(home);
    const reply = await dispatch('app:info', undefined);
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.result).toMatchObject({
      name: 'Maskinporten Desktop',
      version: '0.0.0-test',
      platform: process.platform,
      home,
      keychain: { available: true },
    });
  });

  it('lists TT02 and Production with their endpoints', async () => {
    const { dispatch } = testServices(home);
    const reply = await dispatch('environments:list', undefined);
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const list = reply.result as { id: string; production: boolean; maskinporten: { issuer: string } }[];
    expect(list.map((e) => e.id)).toEqual(expect.arrayContaining(['tt02', 'prod']));
    expect(list.find((e) => e.id === 'prod')).toMatchObject({
      production: true,
      maskinporten: { issuer: 'https://maskinporten.no/' },
    });
  });

  it.each([
    ['an object where none is expected', 'app:info', { extra: 1 }],
    ['a string instead of an object', 'settings:update', 'nb'],
    ['an unknown language', 'settings:update', { language: 'sv' }],
    ['an unknown field', 'settings:update', { language: 'nb', admin: true }],
    ['a non-URL', 'shell:open-external', { url: 'not a url' }],
    ['null', 'shell:open-external', null],
  ])('gives a validation error, not a crash, for %s', async (_label, channel, input) => {
    const { dispatch } = testServices(home);
    const reply = await dispatch(channel, input);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('INVALID_INPUT');
    expect(reply.error.message).toContain(channel);
    expect(reply.error.hint).toBeTruthy();
  });

  it('refuses unknown channels, including prototype names', async () => {
    const { dispatch } = testServices(home);
    for (const name of ['nope:nothing', '__proto__', 'constructor', 'toString']) {
      const reply = await dispatch(name, undefined);
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('turns a thrown AppError into its code and an unexpected error into INTERNAL', async () => {
    const handlers = Object.fromEntries(channelNames.map((n) => [n, () => 'x'])) as unknown as Handlers;
    handlers['app:info'] = () => {
      throw new AppError('KEYCHAIN_UNAVAILABLE', 'locked');
    };
    handlers['environments:list'] = () => {
      throw new TypeError('boom');
    };
    const dispatch = createDispatch(handlers);
    expect(await dispatch('app:info', undefined)).toMatchObject({
      ok: false,
      error: { code: 'KEYCHAIN_UNAVAILABLE', message: 'locked', hint: expect.stringContaining('keychain') },
    });
    expect(await dispatch('environments:list', undefined)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('remembers UI settings across service instances and rejects unknown environments', async () => {
    const first = testServices(home);
    expect(await first.dispatch('settings:get', undefined)).toEqual({
      ok: true,
      result: { language: 'nb', environmentId: 'tt02' },
    });
    await first.dispatch('settings:update', { language: 'en', environmentId: 'prod' });
    const second = testServices(home);
    expect(await second.dispatch('settings:get', undefined)).toEqual({
      ok: true,
      result: { language: 'en', environmentId: 'prod' },
    });
    expect(await second.dispatch('settings:update', { environmentId: 'mars' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_ENVIRONMENT' },
    });
  });

  it('opens only allowlisted https links', async () => {
    const { dispatch, desktop } = testServices(home);
    expect(await dispatch('shell:open-external', { url: 'https://docs.digdir.no/docs/Maskinporten/' })).toEqual({
      ok: true,
      result: { opened: true },
    });
    expect(await dispatch('shell:open-external', { url: 'https://evil.example/' })).toMatchObject({
      ok: false,
      error: { code: 'EXTERNAL_URL_NOT_ALLOWED' },
    });
    expect(desktop.calls.filter((c) => c.kind === 'openExternal').map((c) => c.value)).toEqual([
      'https://docs.digdir.no/docs/Maskinporten/',
    ]);
  });
});

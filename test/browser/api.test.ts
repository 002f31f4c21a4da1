import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, call, errorText, onEvent, unwrap } from '../../src/browser/api';
import { channelNames } from '../../src/common/contract';
import { methodPath } from '../../src/common/contract/method-path';
import { tempHome } from '../helpers/temp-home';
import { testServices } from '../helpers/test-services';
import { dispatchBridge } from './dispatch-bridge';

describe('renderer/api', () => {
  let cleanup: () => Promise<void>;
  let home: string;
  let bridge: ReturnType<typeof dispatchBridge>;

  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
    bridge = dispatchBridge(testServices(home).dispatch);
    vi.stubGlobal('window', { api: bridge.api });
  });

  afterEach(async () => {
    vi.unstubAllGlobals();
    await cleanup();
  });

  it('reaches every contract channel through window.api as built by buildApi', async () => {
    for (const name of channelNames) {
      const [ns, method] = methodPath(name);
      expect(typeof (bridge.api as unknown as Record<string, Record<string, unknown>>)[ns]?.[method]).toBe('function');
    }
    await expect(call('app:info')).resolves.toMatchObject({ home });
  });

  it('unwraps a successful envelope to its result', async () => {
    const info = await call('app:info');
    expect(info.home).toBe(home);
    const settings = await call('settings:update', { language: 'en' });
    expect(settings).toEqual({ language: 'en', environmentId: 'tt02' });
  });

  it('throws an ApiError with the code, message and hint of a failed envelope', async () => {
    const failure = call('settings:update', { environmentId: 'atlantis' });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    const error = (await failure.catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('UNKNOWN_ENVIRONMENT');
    expect(error.message).toContain('atlantis');
    expect(error.hint).toMatch(/TT02/);
  });

  it('turns invalid input into INVALID_INPUT, not a crash', async () => {
    // @ts-expect-error: a wrong input type is exactly what this test sends
    await expect(call('settings:update', { language: 'sv' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('refuses a malformed reply', () => {
    expect(() => unwrap({ nonsense: true })).toThrow(ApiError);
    expect(() => unwrap(undefined)).toThrow(/Malformed reply/);
    expect(unwrap({ ok: true, result: 0 })).toBe(0);
  });

  it('says plainly when window.api is missing', async () => {
    vi.stubGlobal('window', {});
    await expect(call('app:info')).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/window\.api/),
    });
  });

  it('delivers push events and stops after unsubscribe', () => {
    const seen: unknown[] = [];
    const off = onEvent('settings:changed', (p) => seen.push(p));
    bridge.emit('settings:changed', { language: 'en', environmentId: 'prod' });
    off();
    bridge.emit('settings:changed', { language: 'nb', environmentId: 'tt02' });
    expect(seen).toEqual([{ language: 'en', environmentId: 'prod' }]);
  });

  describe('errorText', () => {
    it('localizes a known code', () => {
      const error = new ApiError({ code: 'UNKNOWN_ENVIRONMENT', message: 'No environment with id "x"', hint: 'h' });
      expect(errorText(error, 'nb')).toMatchObject({ title: 'Ukjent miljø', code: 'UNKNOWN_ENVIRONMENT' });
      expect(errorText(error, 'en').title).toBe('Unknown environment');
      expect(errorText(error, 'nb').message).toBe('No environment with id "x"');
    });

    it("falls back to main's English message and hint for a code without a catalogue entry", () => {
      const error = new ApiError({ code: 'SOMETHING_NEW', message: 'It broke', hint: 'Do this' });
      expect(errorText(error, 'nb')).toEqual({
        code: 'SOMETHING_NEW',
        title: 'It broke',
        hint: 'Do this',
        message: 'It broke',
      });
    });

    it('treats anything else thrown as INTERNAL', () => {
      expect(errorText(new TypeError('x is undefined'), 'en')).toMatchObject({
        code: 'INTERNAL',
        title: 'Unexpected error',
        message: 'x is undefined',
      });
    });
  });
});

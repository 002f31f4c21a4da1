import { describe, expect, it } from 'vitest';
import { apiShape, channelNames, eventNames } from '../../../src/common/contract';
import { buildApi } from '../../../src/common/contract/build-api';
import { methodPath } from '../../../src/common/contract/method-path';

describe('buildApi (common/contract/build-api.ts)', () => {
  const calls: Array<[string, unknown]> = [];
  const subscribed: string[] = [];
  const api = buildApi(
    async (channel, input) => {
      calls.push([channel, input]);
      return { ok: true, result: channel };
    },
    (event) => {
      subscribed.push(event);
      return () => {};
    },
    apiShape,
  ) as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>> & {
    on(event: string, listener: () => void): () => void;
  };

  it('names methods as methodPath says: colon splits the namespace, dashes become camelCase', () => {
    expect(methodPath('keys:generate')).toEqual(['keys', 'generate']);
    expect(methodPath('shell:open-external')).toEqual(['shell', 'openExternal']);
    expect(methodPath('clients:publish-key-now')).toEqual(['clients', 'publishKeyNow']);
  });

  it('has one function per channel that sends exactly that channel and its input', async () => {
    for (const name of channelNames) {
      const [ns, method] = methodPath(name);
      const input = { probe: name };
      await expect(api[ns]?.[method]?.(input)).resolves.toEqual({ ok: true, result: name });
      expect(calls.at(-1)).toEqual([name, input]);
    }
    expect(calls).toHaveLength(channelNames.length);
  });

  it('offers nothing else: no generic invoke, no send, no ipcRenderer', () => {
    const namespaces = new Set(channelNames.map((n) => methodPath(n)[0]));
    expect(Object.keys(api).sort()).toEqual([...namespaces, 'on'].sort());
    for (const ns of namespaces) {
      const methods = channelNames.filter((n) => methodPath(n)[0] === ns).map((n) => methodPath(n)[1]);
      expect(Object.keys(api[ns] ?? {}).sort()).toEqual(methods.sort());
    }
  });

  it('subscribes to declared events only', () => {
    for (const event of eventNames) api.on(event, () => {});
    expect(subscribed).toEqual(eventNames);
    expect(() => api.on('keys:secret-dump', () => {})).toThrow('Unknown event keys:secret-dump');
  });

  it('uses nothing but its arguments, so its source can be injected into a page', () => {
    // The Chromium harness evaluates buildApi's source text in the page, where no module scope exists.
    const rebuilt = new Function(`return (${buildApi.toString()})`)() as typeof buildApi;
    const seen: string[] = [];
    const copy = rebuilt(
      async (channel) => seen.push(channel),
      () => () => {},
      apiShape,
    ) as unknown as Record<string, Record<string, () => Promise<unknown>>>;
    void copy.app?.info?.();
    expect(seen).toEqual(['app:info']);
  });
});

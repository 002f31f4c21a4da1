// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useBusyAction } from '../../../src/browser/hooks/use-busy-action';

describe('useBusyAction', () => {
  it('is busy while the action runs and keeps no error when it succeeds', async () => {
    const { result } = renderHook(() => useBusyAction());
    let finish: () => void = () => {};
    let outcome: Promise<unknown> = Promise.resolve();
    act(() => {
      outcome = result.current.run(() => new Promise<void>((r) => (finish = r)));
    });
    expect(result.current.busy).toBe(true);
    await act(async () => {
      finish();
      await outcome;
    });
    expect(await outcome).toBeUndefined();
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toBeUndefined();
  });

  it('keeps a failure in `error` and returns it instead of throwing; the next run clears it', async () => {
    const { result } = renderHook(() => useBusyAction());
    const boom = new Error('boom');
    let returned: unknown;
    await act(async () => {
      returned = await result.current.run(async () => {
        throw boom;
      });
    });
    expect(returned).toBe(boom);
    expect(result.current.error).toBe(boom);
    expect(result.current.busy).toBe(false);
    await act(async () => {
      returned = await result.current.run(() => 'fine');
    });
    expect(returned).toBeUndefined();
    expect(result.current.error).toBeUndefined();
  });
});

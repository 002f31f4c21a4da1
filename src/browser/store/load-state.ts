import type { ApiError } from '../api';
import { asApiError } from './as-api-error';

export type LoadState = 'idle' | 'loading' | 'ready' | 'failed';

/**
 * A value read from main and where its reading stands. `error` is there only when `status` is 'failed';
 * `value` stays while a reload runs and after a failed one, so a view can keep showing what it had.
 */
export interface Loadable<T> {
  status: LoadState;
  error?: ApiError;
  value: T;
}

/** Not read yet: `value` is what to show meanwhile (an empty list, or undefined). */
export function idle<T>(value: T): Loadable<T> {
  return { status: 'idle', value };
}

/** Where a store keeps one Loadable. */
export interface LoadableSlot<T> {
  get(): Loadable<T>;
  set(next: Loadable<T>): void;
}

/** The keys of S that hold a Loadable. */
export type LoadableKey<S> = { [K in keyof S]: S[K] extends Loadable<unknown> ? K : never }[keyof S];
type ValueOf<L> = L extends Loadable<infer T> ? T : never;

/** The Loadable at `key` of a zustand store, given the store's own set and get. */
export function slot<S, K extends LoadableKey<S>>(
  set: (patch: Partial<S>) => void,
  get: () => S,
  key: K,
): LoadableSlot<ValueOf<S[K]>> {
  return {
    get: () => get()[key] as Loadable<ValueOf<S[K]>>,
    set: (next) => set({ [key]: next } as unknown as Partial<S>),
  };
}

export interface LoadOptions<T> {
  /**
   * False once the answer no longer belongs to what is on screen (the environment, the profile or the
   * selection changed while it was on its way, which the stores tell by generation counters): it is dropped,
   * success or failure, so an old answer never overwrites a newer one.
   */
  isCurrent?: () => boolean;
  /** A reload of a value already shown stays 'ready' until its answer arrives (a quiet refresh). */
  refresh?: boolean;
  /**
   * Sets what must change together with the value (the next-page link, the vault beside the keys), in the
   * same tick as the value, so no render sees one without the other.
   */
  onReady?: (value: T) => void;
}

/**
 * One read: `loading` (unless a quiet refresh), then `ready` with the value or `failed` with the ApiError.
 * Never throws. Resolves to true when the value arrived and was kept, for the follow-up a store does then.
 */
export async function load<T>(
  into: LoadableSlot<T>,
  fetch: () => Promise<T>,
  { isCurrent = () => true, refresh = false, onReady }: LoadOptions<T> = {},
): Promise<boolean> {
  const before = into.get();
  if (!(refresh && before.status === 'ready')) into.set({ status: 'loading', value: before.value });
  try {
    const value = await fetch();
    if (!isCurrent()) return false;
    into.set({ status: 'ready', value });
    onReady?.(value);
    return true;
  } catch (error) {
    // What else changed the value meanwhile (a push event, another action) is kept: read it again.
    if (isCurrent()) into.set({ status: 'failed', error: asApiError(error), value: into.get().value });
    return false;
  }
}

/**
 * Tokens in memory only, one request in flight per key (STYLE.md, from VS Code: share one in-flight
 * token request). An entry is fresh until `refreshMarginMs` (60 s) before it expires; a token that lives
 * less than twice the margin is refreshed at half its life instead, so it is still reused.
 */
export interface Expiring {
  /** Local clock ms. */
  obtainedAt: number;
  expiresAt: number;
}

export const REFRESH_MARGIN_MS = 60_000;

export class TokenCache<T extends Expiring> {
  private readonly entries = new Map<string, T>();
  private readonly inflight = new Map<string, Promise<T>>();
  private readonly keysByOwner = new Map<string, Set<string>>();
  // Bumped by clear(): a request that started before a clear must not refill the cache afterwards.
  private generation = 0;

  constructor(
    private readonly now: () => number,
    private readonly refreshMarginMs = REFRESH_MARGIN_MS,
  ) {}

  isFresh(entry: Expiring, at = this.now()): boolean {
    const margin = Math.min(this.refreshMarginMs, (entry.expiresAt - entry.obtainedAt) / 2);
    return at < entry.expiresAt - margin;
  }

  /** The cached entry if it is still fresh. */
  peek(key: string): T | undefined {
    const entry = this.entries.get(key);
    return entry && this.isFresh(entry) ? entry : undefined;
  }

  /**
   * The fresh entry, the one being fetched, or a new fetch. `force` skips a cached entry but still
   * joins a fetch already under way (fifty callers after a 401 make one request, not fifty).
   */
  get(key: string, owner: string, load: () => Promise<T>, options: { force?: boolean } = {}): Promise<T> {
    this.own(owner, key);
    if (!options.force) {
      const fresh = this.peek(key);
      if (fresh) return Promise.resolve(fresh);
    }
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const generation = this.generation;
    // load() runs on a later tick, so `promise` is registered before anything can settle it.
    const promise: Promise<T> = Promise.resolve()
      .then(load)
      .then((value) => {
        if (generation === this.generation && this.keysByOwner.get(owner)?.has(key)) this.entries.set(key, value);
        return value;
      })
      .finally(() => {
        if (this.inflight.get(key) === promise) this.inflight.delete(key);
      });
    this.inflight.set(key, promise);
    return promise;
  }

  /** Whether the owner has a fresh entry or one being fetched (then no new request is coming for it). */
  ownsFreshOrPending(owner: string): boolean {
    for (const key of this.keysByOwner.get(owner) ?? []) if (this.peek(key) || this.inflight.has(key)) return true;
    return false;
  }

  /** Forget every token. */
  clear(): void {
    this.generation++;
    this.entries.clear();
    this.inflight.clear();
    this.keysByOwner.clear();
  }

  /** Forget the tokens of one owner (a profile that changed or was removed). Returns the keys dropped. */
  clearOwner(owner: string): string[] {
    const keys = [...(this.keysByOwner.get(owner) ?? [])];
    this.keysByOwner.delete(owner);
    for (const key of keys) {
      // A key shared with another profile (same client, key, scopes and claims) stays for that profile.
      const shared = [...this.keysByOwner.values()].some((set) => set.has(key));
      if (!shared) {
        this.entries.delete(key);
        this.inflight.delete(key);
      }
    }
    return keys;
  }

  get size(): number {
    return this.entries.size;
  }

  private own(owner: string, key: string): void {
    let set = this.keysByOwner.get(owner);
    if (!set) {
      set = new Set();
      this.keysByOwner.set(owner, set);
    }
    set.add(key);
  }
}

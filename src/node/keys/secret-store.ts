/**
 * The small interface behind which the OS keychain sits (GitHub Desktop / VS Code style): services get
 * one injected; tests pass the in-memory one, and one integration test uses the real keychain.
 */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Whether the store answers at all, without changing anything the user keeps in it. */
  probe(): Promise<{ available: boolean; detail?: string }>;
}

export function memorySecretStore(
  initial: Record<string, string> = {},
): SecretStore & { entries: Map<string, string> } {
  const entries = new Map(Object.entries(initial));
  return {
    entries,
    async get(account) {
      return entries.get(account) ?? null;
    },
    async set(account, value) {
      entries.set(account, value);
    },
    async delete(account) {
      return entries.delete(account);
    },
    async probe() {
      return { available: true, detail: 'memory' };
    },
  };
}

import { z } from 'zod';
import { endpointUrlProblem } from '../platform/endpoint-url';
import type { Logger } from '../platform/log';
import type { DiscoveryCacheFile } from './discovery-cache-file';

/**
 * Maskinporten authorization-server metadata (RFC 8414), read from the environment's well-known URL.
 * Digdir "strongly recommends" reading `issuer` and `token_endpoint` from it at runtime
 * (reference §1.1, maskinporten_func_wellknown.md); the presets are the fallback when it is unreachable.
 */
export interface AuthorizationServerMetadata {
  issuer: string;
  tokenEndpoint: string;
  jwksUri?: string;
}

export type DiscoveryOutcome =
  | { ok: true; metadata: AuthorizationServerMetadata; at: Date }
  | { ok: false; error: string; at: Date };

export interface DiscoveryOptions {
  fetch: typeof fetch;
  now: () => Date;
  /** How long good metadata is reused. */
  ttlMs?: number;
  /** How long a failure is remembered, so an offline machine does not wait on every call. */
  failureTtlMs?: number;
  timeoutMs?: number;
  logger?: Logger;
  /** Good answers kept on disk for the next process (discovery-cache-file.ts), within the same `ttlMs`. */
  persisted?: DiscoveryCacheFile;
}

export const DISCOVERY_DEFAULTS = { ttlMs: 60 * 60_000, failureTtlMs: 60_000, timeoutMs: 3_000 } as const;

// The document is a few hundred bytes (reference §1.1); anything far larger is not metadata.
const MAX_BODY_BYTES = 64 * 1024;

const metadataSchema = z.looseObject({
  issuer: z.string().min(1).max(2048),
  token_endpoint: z.string().min(1).max(2048),
  jwks_uri: z.string().max(2048).optional(),
});

export interface WellKnownDiscovery {
  /**
   * The metadata at `wellKnownUrl`, from the memory cache while fresh. Never throws: a failure is an
   * outcome. `allowLoopbackHttp` is the same rule the environment's own URLs were held to.
   */
  lookup(wellKnownUrl: string, rule: { allowLoopbackHttp: boolean }): Promise<DiscoveryOutcome>;
  clear(): void;
}

export function createWellKnownDiscovery(options: DiscoveryOptions): WellKnownDiscovery {
  const ttlMs = options.ttlMs ?? DISCOVERY_DEFAULTS.ttlMs;
  const failureTtlMs = options.failureTtlMs ?? DISCOVERY_DEFAULTS.failureTtlMs;
  const timeoutMs = options.timeoutMs ?? DISCOVERY_DEFAULTS.timeoutMs;
  const fetchImpl = options.fetch;
  const cache = new Map<string, DiscoveryOutcome>();
  const inFlight = new Map<string, Promise<DiscoveryOutcome>>();

  async function fetchMetadata(url: string, rule: { allowLoopbackHttp: boolean }): Promise<DiscoveryOutcome> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const urlProblem = endpointUrlProblem(url, rule);
      if (urlProblem) return failure(`well-known URL ${urlProblem}`);
      const response = await fetchImpl(url, {
        headers: { accept: 'application/json' },
        redirect: 'error',
        signal: controller.signal,
      });
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        return failure(`HTTP ${response.status}`);
      }
      const text = await response.text();
      if (text.length > MAX_BODY_BYTES) return failure('response too large to be metadata');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return failure('response is not JSON');
      }
      const parsed = metadataSchema.safeParse(json);
      if (!parsed.success) return failure('response lacks issuer or token_endpoint');
      const { issuer, token_endpoint, jwks_uri } = parsed.data;
      for (const [name, value] of [
        ['issuer', issuer],
        ['token_endpoint', token_endpoint],
      ] as const) {
        const problem = endpointUrlProblem(value, rule);
        if (problem) return failure(`${name} ${problem}`);
      }
      return {
        ok: true,
        metadata: { issuer, tokenEndpoint: token_endpoint, ...(jwks_uri ? { jwksUri: jwks_uri } : {}) },
        at: options.now(),
      };
    } catch (error) {
      if (controller.signal.aborted) return failure(`no answer within ${timeoutMs} ms`);
      return failure(`unreachable: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  function failure(error: string): DiscoveryOutcome {
    return { ok: false, error, at: options.now() };
  }

  function fresh(outcome: DiscoveryOutcome): boolean {
    const age = options.now().getTime() - outcome.at.getTime();
    return age >= 0 && age < (outcome.ok ? ttlMs : failureTtlMs);
  }

  /** What an earlier process read, if still fresh and still within the rule the environment is held to. */
  async function fromDisk(url: string, rule: { allowLoopbackHttp: boolean }): Promise<DiscoveryOutcome | undefined> {
    const kept = await options.persisted?.get(url).catch(() => undefined);
    if (!kept) return undefined;
    const outcome: DiscoveryOutcome = { ok: true, ...kept };
    const { issuer, tokenEndpoint } = kept.metadata;
    if (!fresh(outcome) || endpointUrlProblem(issuer, rule) || endpointUrlProblem(tokenEndpoint, rule)) {
      return undefined;
    }
    return outcome;
  }

  async function discover(url: string, rule: { allowLoopbackHttp: boolean }): Promise<DiscoveryOutcome> {
    const kept = await fromDisk(url, rule);
    if (kept) return kept;
    const outcome = await fetchMetadata(url, rule);
    if (outcome.ok) await options.persisted?.put(url, outcome.metadata, outcome.at).catch(() => {});
    return outcome;
  }

  return {
    async lookup(url, rule) {
      const cached = cache.get(url);
      if (cached && fresh(cached)) return cached;
      const pending = inFlight.get(url);
      if (pending) return pending;
      const request = discover(url, rule).then((outcome) => {
        cache.set(url, outcome);
        inFlight.delete(url);
        if (!outcome.ok) options.logger?.warn('well-known discovery failed', { url, error: outcome.error });
        return outcome;
      });
      inFlight.set(url, request);
      return request;
    },
    clear() {
      cache.clear();
    },
  };
}

import type { EnvironmentSummary } from '../../common/contract/app';
import type { ResolvedEnvironment } from '../../common/contract/profiles';
import { AppError } from '../../common/errors/app-error';
import { fileStampCache } from '../platform/file-stamp-cache';
import type { WellKnownDiscovery } from './environment-discovery';
import { environmentWarnings } from './environment-warnings';
import { readCustomEnvironments } from './environments-file';

export type Environment = EnvironmentSummary;

/**
 * Presets from shared/reference/maskinporten-altinn.md §1.1 (Maskinporten), §2 (exchange), §3.1 (Storage,
 * app API) and §4 (self-service). TT02 pairs with Maskinporten *test* (ver2 was retired 10.06.2024).
 * The issuer keeps its trailing slash: it is sent verbatim as the grant's `aud` (§6 pain point 2).
 */
export const TT02: Environment = {
  id: 'tt02',
  name: 'TT02',
  production: false,
  custom: false,
  maskinporten: {
    issuer: 'https://test.maskinporten.no/',
    tokenEndpoint: 'https://test.maskinporten.no/token',
    wellKnown: 'https://test.maskinporten.no/.well-known/oauth-authorization-server',
  },
  altinn: {
    exchangeUrl: 'https://platform.tt02.altinn.no/authentication/api/v1/exchange/maskinporten',
    storageBase: 'https://platform.tt02.altinn.no/storage/api/v1',
    appBase: 'https://{org}.apps.tt02.altinn.no/{org}/{app}',
    // docs/system-vendors.md: the system register and system-user request routes live under this base.
    authenticationApi: 'https://platform.tt02.altinn.no/authentication/api/v1',
    // §3.5/§3.8: the Events API is on the same platform host as Storage.
    eventsApi: 'https://platform.tt02.altinn.no/events/api/v1',
  },
  selfService: {
    clientsUrl: 'https://api.test.samarbeid.digdir.no/clients/',
    samarbeidsportalen: 'https://samarbeid.digdir.no/',
  },
};

export const PRODUCTION: Environment = {
  id: 'prod',
  name: 'Production',
  production: true,
  custom: false,
  maskinporten: {
    issuer: 'https://maskinporten.no/',
    tokenEndpoint: 'https://maskinporten.no/token',
    wellKnown: 'https://maskinporten.no/.well-known/oauth-authorization-server',
  },
  altinn: {
    exchangeUrl: 'https://platform.altinn.no/authentication/api/v1/exchange/maskinporten',
    storageBase: 'https://platform.altinn.no/storage/api/v1',
    appBase: 'https://{org}.apps.altinn.no/{org}/{app}',
    authenticationApi: 'https://platform.altinn.no/authentication/api/v1',
    eventsApi: 'https://platform.altinn.no/events/api/v1',
  },
  selfService: {
    clientsUrl: 'https://api.samarbeid.digdir.no/clients/',
    samarbeidsportalen: 'https://samarbeid.digdir.no/',
  },
};

export const PRESETS: readonly Environment[] = [TT02, PRODUCTION];
const NONE: readonly Environment[] = [];

/** Fill `{org}` and `{app}` in an app base template. */
export function appBaseUrl(env: Environment, org: string, app: string): string {
  return env.altinn.appBase.replaceAll('{org}', encodeURIComponent(org)).replaceAll('{app}', encodeURIComponent(app));
}

export interface EnvironmentSource {
  list(): Promise<Environment[]>;
  get(id: string): Promise<Environment>;
  /**
   * The environment with the Maskinporten endpoints to use now: read from its well-known metadata when
   * that answers (cached), else the configured ones. The only method that may touch the network.
   */
  resolve(id: string): Promise<ResolvedEnvironment>;
}

export interface EnvironmentRegistryOptions {
  /** `<home>/environments.json`; without it only the presets exist. */
  file?: string;
  /** Well-known discovery, or `false` to always use the configured endpoints. */
  discovery: WellKnownDiscovery | false;
  /** Extra environments (kept for callers of the old presetEnvironments()). */
  extra?: () => Promise<Environment[]>;
}

/**
 * The presets plus the custom environments of `environments.json`, read again whenever the file has
 * changed (file-stamp-cache.ts), so an edited file takes effect without a restart. A preset never depends
 * on the file: `get('tt02')` works even while the file is broken, but `list()` reports the broken file
 * (ENVIRONMENTS_FILE_INVALID) so it is noticed.
 */
export function createEnvironmentRegistry(options: EnvironmentRegistryOptions): EnvironmentSource {
  const presetIds = PRESETS.map((e) => e.id);
  const file = options.file;
  const fromFileCache = file ? fileStampCache(file, () => readCustomEnvironments(file, presetIds)) : undefined;

  // The list with its warnings, kept while the file's value and extra's are the same ones: every Storage
  // request asks for its environment (the token lookup), and the warnings parse URLs — about 50 µs a request,
  // a tenth of a bulk send's CPU per row (bench/bulk-send.ts).
  let memo: { fromFile: readonly Environment[]; extra: readonly Environment[]; list: Environment[] } | undefined;
  async function custom(): Promise<Environment[]> {
    const fromFile = fromFileCache ? await fromFileCache.get() : NONE;
    const extra = (await options.extra?.()) ?? NONE;
    if (memo?.fromFile === fromFile && memo.extra === extra) return memo.list;
    const list = [...fromFile, ...extra].map((env) => {
      const warnings = environmentWarnings(env, PRESETS);
      return Object.freeze(warnings.length > 0 ? { ...env, warnings } : env);
    });
    memo = { fromFile, extra, list: Object.freeze(list) as Environment[] };
    return memo.list;
  }

  async function get(id: string): Promise<Environment> {
    const found = PRESETS.find((e) => e.id === id) ?? (await custom()).find((e) => e.id === id);
    if (!found) throw new AppError('UNKNOWN_ENVIRONMENT', `No environment with id "${id}"`);
    return found;
  }

  return {
    async list() {
      return [...PRESETS, ...(await custom())];
    },
    get,
    async resolve(id) {
      const env = await get(id);
      const wellKnown = env.maskinporten.wellKnown;
      if (!wellKnown || options.discovery === false) return { ...env, discovered: false };
      const outcome = await options.discovery.lookup(wellKnown, { allowLoopbackHttp: env.custom });
      const at = outcome.at.toISOString();
      if (!outcome.ok) return { ...env, discovered: false, discoveredAt: at, discoveryError: outcome.error };
      // RFC 8414 §3.3: the metadata's issuer must be identical to the issuer it was fetched for, or the
      // metadata must not be used. The issuer is the grant's `aud`, sent verbatim (reference §6 point 2).
      if (outcome.metadata.issuer !== env.maskinporten.issuer) {
        return {
          ...env,
          discovered: false,
          discoveredAt: at,
          discoveryError: `metadata issuer "${outcome.metadata.issuer}" differs from the configured "${env.maskinporten.issuer}"`,
        };
      }
      // A preset's signed grant goes only to its own Maskinporten (issue 17, finding 7): whatever the
      // metadata, or its copy in cache/well-known.json, names, the token endpoint must be on the preset's
      // token endpoint's origin (the issuer's). A path Digdir moves on its own host is followed.
      const pinned = presetTokenOrigin(env);
      if (pinned && originOf(outcome.metadata.tokenEndpoint) !== pinned) {
        return {
          ...env,
          discovered: false,
          discoveredAt: at,
          discoveryError: `metadata token endpoint "${outcome.metadata.tokenEndpoint}" is not on ${pinned}, the ${env.name} preset's`,
        };
      }
      return {
        ...env,
        maskinporten: {
          ...env.maskinporten,
          issuer: outcome.metadata.issuer,
          tokenEndpoint: outcome.metadata.tokenEndpoint,
        },
        discovered: true,
        discoveredAt: at,
      };
    },
  };
}

/** The origin a preset's token endpoint must keep; undefined for a custom environment. */
function presetTokenOrigin(env: Environment): string | undefined {
  const preset = PRESETS.find((p) => p.id === env.id && !env.custom);
  return preset ? originOf(preset.maskinporten.tokenEndpoint) : undefined;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Only the presets (plus `extra`), never the network: for callers that need no custom file. */
export function presetEnvironments(extra: () => Promise<Environment[]> = async () => []): EnvironmentSource {
  return createEnvironmentRegistry({ discovery: false, extra });
}

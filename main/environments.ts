import type { EnvironmentSummary } from './contracts/app';
import { AppError } from './errors';

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
  },
  selfService: {
    clientsUrl: 'https://api.samarbeid.digdir.no/clients/',
    samarbeidsportalen: 'https://samarbeid.digdir.no/',
  },
};

export const PRESETS: readonly Environment[] = [TT02, PRODUCTION];

/** Fill `{org}` and `{app}` in an app base template. */
export function appBaseUrl(env: Environment, org: string, app: string): string {
  return env.altinn.appBase.replaceAll('{org}', encodeURIComponent(org)).replaceAll('{app}', encodeURIComponent(app));
}

export interface EnvironmentSource {
  list(): Promise<Environment[]>;
  get(id: string): Promise<Environment>;
}

export function presetEnvironments(extra: () => Promise<Environment[]> = async () => []): EnvironmentSource {
  return {
    async list() {
      return [...PRESETS, ...(await extra())];
    },
    async get(id) {
      const found = (await this.list()).find((e) => e.id === id);
      if (!found) throw new AppError('UNKNOWN_ENVIRONMENT', `No environment with id "${id}"`);
      return found;
    },
  };
}

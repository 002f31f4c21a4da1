import type { ClientSummary } from '../../common/contract/clients';
import type { ProfileInput } from '../../common/schemas/profile';

/** A client profile holds at most 20 scopes (src/common/schemas/profile.ts). */
const PROFILE_MAX_SCOPES = 20;

export interface ClientProfileOptions {
  environmentId: string;
  keyId: string;
  /** Default: the client's name. */
  name?: string;
  org?: string;
  apps?: string[];
  testOrg?: boolean;
}

/**
 * The client profile that matches a Maskinporten client made through the self-service API: the same
 * environment, client id and scopes, signing with the key published on it. Never an admin profile: the
 * idporten:dcr.* scopes belong to the admin client, not to the clients it makes.
 */
export function clientProfileInput(
  client: Pick<ClientSummary, 'clientId' | 'clientName' | 'scopes'>,
  options: ClientProfileOptions,
): ProfileInput {
  const scopes = client.scopes.filter((s) => !s.startsWith('idporten:dcr')).slice(0, PROFILE_MAX_SCOPES);
  return {
    name: (options.name ?? client.clientName).trim().slice(0, 80) || client.clientId.slice(0, 80),
    environmentId: options.environmentId,
    clientId: client.clientId,
    keyId: options.keyId,
    scopes,
    ...(options.org ? { org: options.org } : {}),
    apps: options.apps ?? [],
    testOrg: options.testOrg ?? false,
    admin: false,
  };
}

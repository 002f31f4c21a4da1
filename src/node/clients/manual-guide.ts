import { type ManualGuide, type ManualGuideStepId, PROPAGATION_MINUTES } from '../../common/contract/clients';
import type { PublicJwk } from '../../common/contract/keys';
import type { Environment } from '../environments/environments';
import { isAllowedExternalUrl } from '../platform/external-links';

/** Samarbeidsportalen serves both Maskinporten test and production; the user picks one after logging in. */
export const SAMARBEIDSPORTALEN_URL = 'https://samarbeid.digdir.no/';

const STEPS: readonly ManualGuideStepId[] = [
  'open-portal',
  'choose-environment',
  'create-client',
  'add-scopes',
  'add-key',
  'paste-client-id',
  'run-doctor',
];

/**
 * The manual path for users without an admin client (reference §8: "paste client_id + upload public key
 * manually in Samarbeidsportalen" is the main path for most service owners). Data only: the renderer opens
 * the portal with shell:open-external, copies the JWK with keys:copy-public-jwk, and takes the client id
 * back through profiles:add / profiles:update, then runs token:doctor.
 */
export function manualGuide(env: Environment, jwk: PublicJwk | null): ManualGuide {
  const portalUrl = env.selfService?.samarbeidsportalen ?? SAMARBEIDSPORTALEN_URL;
  return {
    environmentId: env.id,
    environmentName: env.name,
    production: env.production,
    portalUrl,
    portalAllowed: isAllowedExternalUrl(portalUrl),
    portalEnvironment: env.production ? 'PROD' : 'TEST',
    jwk,
    jwkText: jwk ? JSON.stringify(jwk, null, 2) : null,
    steps: [...STEPS],
    propagationMinutes: PROPAGATION_MINUTES,
  };
}

import { z } from 'zod';
import { appIdSchema, orgCodeSchema, type Profile, type ProfileInput, scopeSchema } from '../schemas/profile';
import { channel } from './define';
import { keyIdSchema, type PublicJwk } from './keys';

/**
 * Clients: Maskinporten integrations managed through Digdir's self-service API with an admin profile
 * (reference §4), and the manual path through Samarbeidsportalen for users without one. Results carry
 * public material only: client metadata and public JWKs. The admin token stays in main.
 */

export { MAX_CLIENT_KEYS, PROPAGATION_MINUTES } from './clients-limits';

/** 'unknown' when neither the server's `exp` nor a local registration date tells the expiry. */
export type ClientKeyExpiry = 'ok' | 'expiring' | 'expired' | 'unknown';

export interface ClientKeyInfo {
  kid: string;
  kty: string;
  alg?: string;
  use?: string;
  /** The key is locked to an enterprise certificate (`x5c`). */
  hasCertificate: boolean;
  /** When Maskinporten stops accepting the key (ISO time): the server's `exp`, else registered-at + 1 year. */
  expiresAt: string | null;
  daysToExpiry: number | null;
  expiry: ClientKeyExpiry;
  /** Where the expiry came from. */
  expirySource: 'server' | 'local' | 'none';
  /** The stored key with this kid, when this app holds it. */
  localKeyId?: string;
  localKeyName?: string;
}

export interface ClientSummary {
  clientId: string;
  clientName: string;
  description: string;
  /** `maskinporten`, `api_klient`, `idporten`, … (the API lists every integration of the org). */
  integrationType: string;
  scopes: string[];
  orgNo?: string;
  created?: string;
  lastUpdated?: string;
  active?: boolean;
}

export interface ClientDetails extends ClientSummary {
  keys: ClientKeyInfo[];
  maxKeys: number;
  /** Local client profiles (in the admin profile's environment) that use this client id. */
  profileIds: string[];
}

export interface PublishKeyResult {
  clientId: string;
  environmentId: string;
  keyId: string;
  kid: string;
  /** `renewed`: the key was already published; posting it again gives it a new one-year life. */
  action: 'added' | 'renewed';
  /** The date recorded on the stored key (YYYY-MM-DD) and the one-year expiry it gives. */
  registeredAt: string;
  expiresAt: string;
  keys: ClientKeyInfo[];
  maxKeys: number;
  /** The other keys stay published and keep working (rotation: retire them with clients:remove-key). */
  otherKids: string[];
  /** A new key can take this long before Maskinporten accepts it. */
  propagationMinutes: number;
  /** Set when the key was published but its registration date could not be recorded locally. */
  warning?: string;
}

export interface RemoveKeyResult {
  clientId: string;
  environmentId: string;
  kid: string;
  keys: ClientKeyInfo[];
  /** The stored key whose registration date was cleared, if this app holds it. */
  localKeyId?: string;
  propagationMinutes: number;
}

export interface CreateClientResult {
  client: ClientDetails;
  published?: PublishKeyResult;
  profile?: Profile;
  /** The matching client profile, ready for profiles:add (when none was created here). */
  profileInput?: ProfileInput;
}

export type ManualGuideStepId =
  | 'open-portal'
  | 'choose-environment'
  | 'create-client'
  | 'add-scopes'
  | 'add-key'
  | 'paste-client-id'
  | 'run-doctor';

export interface ManualGuide {
  environmentId: string;
  environmentName: string;
  production: boolean;
  /** The Samarbeidsportalen page to open with shell:open-external. */
  portalUrl: string;
  /** Whether shell:open-external accepts portalUrl (https on the allowlist). */
  portalAllowed: boolean;
  /** Which environment to pick in the portal. */
  portalEnvironment: 'TEST' | 'PROD';
  /** The public JWK to paste (no private parts), or null when no key was chosen. */
  jwk: PublicJwk | null;
  /** The same key as pretty-printed JSON, ready to copy. */
  jwkText: string | null;
  /** Ordered step ids; the texts are in src/common/i18n/errors/selfservice.ts (manualGuideSteps). */
  steps: ManualGuideStepId[];
  propagationMinutes: number;
}

const profileId = z.string().min(1).max(64);
// Digdir client ids are UUIDs; older ones are free text. Either way they travel in a URL path segment.
export const clientIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._:-]+$/, 'a client id uses only letters, digits, dot, colon, underscore and dash');
export const clientKidSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._:-]+$/, 'not a kid');
const clientScopes = z
  .array(scopeSchema)
  .min(1, 'at least one scope is required')
  .max(50)
  .refine((list) => new Set(list).size === list.length, 'a scope is listed twice');
const clientName = z.string().trim().min(1).max(200);
const description = z.string().trim().min(1).max(1000);
/** Writes in a production environment must say so explicitly (DESIGN.md: confirm before writes). */
const confirmProduction = z.boolean().optional();

export const createProfileSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  org: orgCodeSchema.optional(),
  apps: z.array(appIdSchema).max(200).optional(),
  testOrg: z.boolean().optional(),
});

export const createClientInputSchema = z
  .strictObject({
    adminProfileId: profileId,
    clientName,
    description,
    scopes: clientScopes,
    /** A stored key to publish on the new client. */
    keyId: keyIdSchema.optional(),
    /** Also create the matching client profile (needs keyId). */
    createProfile: createProfileSchema.optional(),
    confirmProduction,
  })
  .refine((v) => !v.createProfile || v.keyId, {
    message: 'a profile needs a key: give keyId too',
    path: ['createProfile'],
  });

export const updateClientInputSchema = z
  .strictObject({
    adminProfileId: profileId,
    clientId: clientIdSchema,
    clientName: clientName.optional(),
    description: description.optional(),
    scopes: clientScopes.optional(),
    confirmProduction,
  })
  .refine((v) => v.clientName !== undefined || v.description !== undefined || v.scopes !== undefined, {
    message: 'nothing to change: give clientName, description or scopes',
  });

export const publishKeyInputSchema = z.strictObject({
  adminProfileId: profileId,
  clientId: clientIdSchema,
  keyId: keyIdSchema,
  confirmProduction,
});

export const removeKeyInputSchema = z.strictObject({
  adminProfileId: profileId,
  clientId: clientIdSchema,
  kid: clientKidSchema,
  /** Removing the client's last key leaves it unable to get tokens; only with this set. */
  allowEmpty: z.boolean().optional(),
  /** Remove a key that a local profile of this client still signs with. */
  force: z.boolean().optional(),
  confirmProduction,
});

export type CreateClientInput = z.output<typeof createClientInputSchema>;
export type UpdateClientInput = z.output<typeof updateClientInputSchema>;
export type PublishKeyInput = z.output<typeof publishKeyInputSchema>;
export type RemoveKeyInput = z.output<typeof removeKeyInputSchema>;

export const clientsChannels = {
  'clients:list': channel<ClientSummary[]>()(z.strictObject({ adminProfileId: profileId })),
  'clients:get': channel<ClientDetails>()(z.strictObject({ adminProfileId: profileId, clientId: clientIdSchema })),
  'clients:create': channel<CreateClientResult>()(createClientInputSchema),
  'clients:update': channel<ClientDetails>()(updateClientInputSchema),
  'clients:publish-key': channel<PublishKeyResult>()(publishKeyInputSchema),
  'clients:remove-key': channel<RemoveKeyResult>()(removeKeyInputSchema),
  'clients:manual-guide': channel<ManualGuide>()(
    z.strictObject({ environmentId: z.string().min(1).max(64), keyId: keyIdSchema.optional() }),
  ),
};

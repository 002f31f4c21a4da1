import { z } from 'zod';

import { isValidOrgNumber } from './org-number';

export { isValidOrgNumber } from './org-number';

// Scope syntax per RFC 6749 §3.3 (scope-token = 1*( %x21 / %x23-5B / %x5D-7E )); Maskinporten scopes
// look like `prefix:subscope` (altinn:serviceowner/instances.read).
export const scopeSchema = z
  .string()
  .min(3)
  .max(200)
  .regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'a scope has no spaces, quotes or backslashes')
  .regex(/^[^:]+:.+$/, 'a Maskinporten scope has the form prefix:name');

export const orgNumberSchema = z
  .string()
  .refine(isValidOrgNumber, 'not a valid organisation number (9 digits, mod-11)');

export const orgCodeSchema = z
  .string()
  .min(2)
  .max(32)
  .regex(/^[a-z0-9-]+$/, 'an Altinn org code is lower-case letters, digits and dashes (e.g. ttd, skd)');

export const appIdSchema = z
  .string()
  .max(120)
  .regex(/^[a-z0-9-]+\/[a-z0-9][a-z0-9-]*$/, 'an app is written org/app-name, e.g. ttd/my-app');

const profileFields = {
  name: z.string().trim().min(1).max(80),
  environmentId: z.string().min(1).max(64),
  clientId: z.string().trim().min(1).max(200),
  keyId: z.string().min(1).max(100),
  // Maskinporten: at least one scope per grant; Digdir recommends one (§1.2, §1.5).
  scopes: z
    .array(scopeSchema)
    .min(1, 'at least one scope is required')
    .max(20)
    .refine((list) => new Set(list).size === list.length, 'a scope is listed twice'),
  // RFC 8707 audience restriction; Maskinporten: "currently only array supported" (§1.2).
  resource: z.array(z.url().max(500)).min(1).max(10),
  consumerOrg: orgNumberSchema,
  systemUser: z.strictObject({ org: orgNumberSchema, externalRef: z.string().trim().min(1).max(200).optional() }),
  /** Service-owner org code (urn:altinn:org), e.g. `ttd`. */
  org: orgCodeSchema,
  apps: z.array(appIdSchema).max(200),
  /** TT02 only: the exchange's `?test=true`, to act as Altinn's test service owner ttd. */
  testOrg: z.boolean(),
  /** An admin profile for Digdir's self-service API (enterprise certificate, idporten:dcr.* scopes). */
  admin: z.boolean(),
};

export const profileInputSchema = z.strictObject({
  name: profileFields.name,
  environmentId: profileFields.environmentId,
  clientId: profileFields.clientId,
  keyId: profileFields.keyId,
  scopes: profileFields.scopes,
  resource: profileFields.resource.optional(),
  consumerOrg: profileFields.consumerOrg.optional(),
  systemUser: profileFields.systemUser.optional(),
  org: profileFields.org.optional(),
  apps: profileFields.apps.default([]),
  testOrg: profileFields.testOrg.default(false),
  admin: profileFields.admin.default(false),
});

/** A change to a profile: absent fields stay, `null` removes an optional field. */
export const profilePatchSchema = z.strictObject({
  name: profileFields.name.optional(),
  environmentId: profileFields.environmentId.optional(),
  clientId: profileFields.clientId.optional(),
  keyId: profileFields.keyId.optional(),
  scopes: profileFields.scopes.optional(),
  resource: profileFields.resource.nullable().optional(),
  consumerOrg: profileFields.consumerOrg.nullable().optional(),
  systemUser: profileFields.systemUser.nullable().optional(),
  org: profileFields.org.nullable().optional(),
  apps: profileFields.apps.optional(),
  testOrg: profileFields.testOrg.optional(),
  admin: profileFields.admin.optional(),
});

export const profileSchema = profileInputSchema.extend({
  id: z.string().min(1).max(64),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type ProfileInput = z.input<typeof profileInputSchema>;
export type ProfilePatch = z.input<typeof profilePatchSchema>;
export type Profile = z.infer<typeof profileSchema>;

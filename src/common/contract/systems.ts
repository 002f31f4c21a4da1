import { z } from 'zod';
import { orgNumberSchema, scopeSchema } from '../schemas/profile';
import { clientIdSchema } from './clients';
import { channel } from './define';
import type { Profile } from './profiles';
import { ACCESS_PACKAGE_PREFIX, type SystemUserRequestStatus } from './systems-limits';

/**
 * Systems and system users (issue 13): a system vendor's systems in Altinn's system register, the requests
 * for system users it sends to customers, and the system users they approve. Facts and sources:
 * docs/system-vendors.md. The vendor profile's token stays in main; results carry public data only.
 */

export {
  isFinalStatus,
  nextPollDelayMs,
  REQUEST_POLL,
  REQUEST_STATUSES,
  type SystemUserRequestStatus,
  VENDOR_SCOPES,
} from './systems-limits';

/** A system's name or description per language; Altinn shows nb, nn and en. */
export interface LocalizedText {
  nb: string;
  nn: string;
  en: string;
}

/** One right of a system: attribute pairs naming a resource, usually one `urn:altinn:resource` pair. */
export interface SystemRight {
  resource: { id: string; value: string }[];
  action?: string;
}

/**
 * A system as Altinn lists it (`GET /systemregister/vendor`: RegisteredSystemDTO, altinn-authentication@ad4f6f3
 * src/Core/Models/SystemRegisters/RegisteredSystemDTO.cs:9-50): no client ids, redirect URLs or deleted flag —
 * those come with one system (`GET /systemregister/vendor/{id}`, RegisteredSystem below).
 */
export interface SystemSummary {
  /** `<vendor org number>_<name>`, e.g. 991825827_smartcloud. */
  id: string;
  vendorOrgNo: string;
  /** RegisteredSystemDTO.systemVendorOrgName; Altinn sends it empty today (RegisteredSystemResponse.cs:64). */
  vendorOrgName?: string;
  name: LocalizedText;
  description: LocalizedText;
  rights: SystemRight[];
  /** The resource ids of the rights that name a single resource (what the forms edit). */
  resourceIds: string[];
  /** Access package URNs, `urn:altinn:accesspackage:…`. */
  accessPackages: string[];
  isVisible: boolean;
}

/** One system with everything Altinn keeps on it (`GET /systemregister/vendor/{id}`: RegisteredSystemResponse). */
export interface RegisteredSystem extends SystemSummary {
  /** Maskinporten client ids that may get system-user tokens for this system. */
  clientIds: string[];
  allowedRedirectUrls: string[];
  isDeleted: boolean;
  /** Local profiles (in the vendor profile's environment) whose client id the system lists. */
  profileIds: string[];
}

export interface SystemsListing {
  environmentId: string;
  /** The vendor's organisation number, from the `consumer` claim of the vendor profile's token. */
  vendorOrgNo: string;
  systems: SystemSummary[];
}

export type SystemUserKind = 'standard' | 'agent';

export interface SystemUserRequestInfo {
  id: string;
  kind: SystemUserKind;
  systemId: string;
  /** The customer: the organisation asked to approve. */
  partyOrgNo: string;
  /** Altinn stores the customer's org number here when the request had none. */
  externalRef: string;
  /** Whether a system-user grant must carry `externalRef` (it differs from the customer's org number). */
  externalRefInGrant: boolean;
  integrationTitle?: string;
  status: SystemUserRequestStatus;
  /** The status word as Altinn sent it. */
  serverStatus: string;
  /** Where the customer approves the request in Altinn (am.ui.<env>/accessmanagement/ui/systemuser/…). */
  confirmUrl?: string;
  /** Whether shell:open-external opens confirmUrl (https on the allowlist). */
  confirmUrlOpenable: boolean;
  redirectUrl?: string;
  created?: string;
  rights: SystemRight[];
  accessPackages: string[];
}

export interface CreateRequestResult {
  request: SystemUserRequestInfo;
  /**
   * Altinn answered 200 with the request it already had for the same system, customer and externalRef —
   * whatever its status, a rejected one too, unless it timed out (altinn-authentication@ad4f6f3
   * RequestSystemUserController.cs:122-128). The customer was not asked again.
   */
  reused: boolean;
  /** With `renew`: the old request that was deleted before the customer was asked again. */
  replaced?: SystemUserRequestInfo;
}

export interface SystemUserInfo {
  id: string;
  kind: SystemUserKind;
  systemId: string;
  /** The organisation that owns the system user (the customer). */
  reporteeOrgNo: string;
  externalRef: string;
  externalRefInGrant: boolean;
  integrationTitle?: string;
  created?: string;
  /** Local system-user profiles for this customer and externalRef. */
  profileIds: string[];
}

/** A QR code as an SVG path of its dark modules in a size × size grid (quiet zone included). */
export interface ApprovalQr {
  url: string;
  size: number;
  path: string;
}

const profileId = z.string().min(1).max(64);
/** Confirm a write in a production environment (DESIGN.md: confirm before writes). */
const confirmProduction = z.boolean().optional();

// SystemRegisterController: the id starts with the vendor's org number and an underscore and has no spaces;
// it travels in URL path segments, so the app keeps to a slug.
export const systemIdSchema = z
  .string()
  .trim()
  .max(200)
  .regex(
    /^\d{9}_[A-Za-z0-9._-]+$/,
    'a system id is <vendor org number>_<name>, with letters, digits, dot, dash and underscore',
  );

export const requestIdSchema = z.uuid('a request id is a UUID');
export const systemUserIdSchema = z.uuid('a system user id is a UUID');

const text = z.string().trim().max(500);
/** nb is required; nn and en fall back to it when empty (Altinn shows all three). */
export const localizedTextSchema = z.strictObject({
  nb: text.min(1, 'Bokmål text is required'),
  nn: text.optional(),
  en: text.optional(),
});

// A resource id of the resource register, e.g. ske-krav-og-betalinger or app_ttd_my-app.
export const resourceIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._-]+$/, 'a resource id uses letters, digits, dot, dash and underscore');
export const accessPackageSchema = z
  .string()
  .trim()
  .max(200)
  .regex(
    new RegExp(`^${ACCESS_PACKAGE_PREFIX.replaceAll(':', '\\:')}[a-z0-9-]+$`),
    `an access package is ${ACCESS_PACKAGE_PREFIX}<name>`,
  );
const unique = <T extends z.ZodType<string>>(item: T, max: number, what: string) =>
  z
    .array(item)
    .max(max)
    .refine((list) => new Set(list).size === list.length, `${what} is listed twice`);
// AuthenticationHelper.IsValidRedirectUrl: absolute https URLs only.
const redirectUrlSchema = z
  .url()
  .max(2048)
  .refine((u) => u.startsWith('https://'), 'a redirect URL must use https');

export const systemFieldsSchema = z.strictObject({
  name: localizedTextSchema,
  description: localizedTextSchema,
  resourceIds: unique(resourceIdSchema, 100, 'a resource'),
  accessPackages: unique(accessPackageSchema, 100, 'an access package'),
  clientIds: unique(clientIdSchema, 20, 'a client id'),
  allowedRedirectUrls: unique(redirectUrlSchema, 20, 'a redirect URL'),
  isVisible: z.boolean(),
});

export const createSystemInputSchema = z.strictObject({
  vendorProfileId: profileId,
  system: systemFieldsSchema.extend({ id: systemIdSchema }),
  confirmProduction,
});

export const updateSystemInputSchema = z.strictObject({
  vendorProfileId: profileId,
  systemId: systemIdSchema,
  changes: systemFieldsSchema.partial().refine((c) => Object.values(c).some((v) => v !== undefined), {
    message: 'nothing to change',
  }),
  confirmProduction,
});

const externalRefSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\s/\\?#%]+$/, 'an externalRef has no spaces, slashes, ?, # or %');

export const createRequestInputSchema = z.strictObject({
  vendorProfileId: profileId,
  systemId: systemIdSchema,
  partyOrgNo: orgNumberSchema,
  externalRef: externalRefSchema.optional(),
  /** An agent (client) system user: access packages only, for a facilitator such as an accountant. */
  agent: z.boolean().optional(),
  integrationTitle: z.string().trim().min(1).max(200).optional(),
  redirectUrl: redirectUrlSchema.optional(),
  /** Default: every right (standard) or access package of the system. */
  resourceIds: unique(resourceIdSchema, 100, 'a resource').optional(),
  accessPackages: unique(accessPackageSchema, 100, 'an access package').optional(),
  /**
   * When Altinn answers with a request it already has (any status): delete that one
   * (`DELETE …/systemuser/request/vendor/{id}`) and ask again.
   */
  renew: z.boolean().optional(),
  confirmProduction,
});

export const makeProfileInputSchema = z.strictObject({
  vendorProfileId: profileId,
  systemId: systemIdSchema,
  systemUserId: systemUserIdSchema,
  /** The profile whose client id and key sign the system-user grants; its client id must be on the system. */
  clientProfileId: profileId,
  name: z.string().trim().min(1).max(80),
  /** The API scopes of the new profile; default the client profile's. */
  scopes: z.array(scopeSchema).min(1).max(20).optional(),
});

const approvalUrlSchema = z
  .url()
  .max(2048)
  .refine((u) => u.startsWith('https://'), 'an approval link uses https');

export type SystemFields = z.output<typeof systemFieldsSchema>;
export type CreateSystemInput = z.output<typeof createSystemInputSchema>;
export type UpdateSystemInput = z.output<typeof updateSystemInputSchema>;
export type CreateRequestInput = z.output<typeof createRequestInputSchema>;
export type MakeProfileInput = z.output<typeof makeProfileInputSchema>;

export const systemsChannels = {
  'systems:list': channel<SystemsListing>()(z.strictObject({ vendorProfileId: profileId })),
  'systems:get': channel<RegisteredSystem>()(z.strictObject({ vendorProfileId: profileId, systemId: systemIdSchema })),
  'systems:create': channel<RegisteredSystem>()(createSystemInputSchema),
  'systems:update': channel<RegisteredSystem>()(updateSystemInputSchema),
  'systemusers:requests': channel<SystemUserRequestInfo[]>()(
    z.strictObject({ vendorProfileId: profileId, systemId: systemIdSchema }),
  ),
  'systemusers:request': channel<CreateRequestResult>()(createRequestInputSchema),
  'systemusers:status': channel<SystemUserRequestInfo>()(
    z.strictObject({
      vendorProfileId: profileId,
      requestId: requestIdSchema,
      kind: z.enum(['standard', 'agent']).optional(),
    }),
  ),
  'systemusers:list': channel<SystemUserInfo[]>()(
    z.strictObject({ vendorProfileId: profileId, systemId: systemIdSchema }),
  ),
  'systemusers:make-profile': channel<Profile>()(makeProfileInputSchema),
  /** Copies in main: the window has no clipboard permission (src/electron-main/security.ts). */
  'systemusers:copy-link': channel<{ copied: true }>()(z.strictObject({ url: approvalUrlSchema })),
  'systemusers:qr': channel<ApprovalQr>()(z.strictObject({ url: approvalUrlSchema })),
};

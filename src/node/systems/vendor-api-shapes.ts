import { z } from 'zod';
import type {
  LocalizedText,
  RegisteredSystem,
  SystemFields,
  SystemRight,
  SystemSummary,
  SystemUserInfo,
  SystemUserKind,
  SystemUserRequestInfo,
  SystemUserRequestStatus,
} from '../../common/contract/systems';
import { RESOURCE_ATTRIBUTE } from '../../common/contract/systems-limits';
import { isAllowedExternalUrl } from '../platform/external-links';

/**
 * The JSON shapes of Altinn's authentication API for vendors, as the server writes them (System.Text.Json,
 * camelCase, nulls left out: altinn-authentication@ad4f6f3 src/Authentication/AuthenticationHost.cs:76-80;
 * explicit names where the models set [JsonPropertyName]): RegisteredSystemDTO (the list), RegisteredSystemResponse
 * (one system), RegisterSystemRequest and VendorInfo (`vendor.ID` "0192:<orgno>"), RequestSystemResponse,
 * AgentRequestSystemResponse, SystemUserExternalDTO, and Paginated (`{links: {next}, data: [...]}`).
 * Only what the app uses is checked; unknown members pass (the API grows).
 */

const rightSchema = z.looseObject({
  action: z.string().nullish(),
  resource: z.array(z.looseObject({ id: z.string(), value: z.string() })).nullish(),
});
const accessPackageSchema = z.looseObject({ urn: z.string().nullish() });
const textsSchema = z.record(z.string(), z.string().nullish()).nullish();

/**
 * One item of `GET /systemregister/vendor`: RegisteredSystemDTO (src/Core/Models/SystemRegisters/RegisteredSystemDTO.cs:9-50;
 * SystemRegisterController.cs:72-102 maps every system with AuthenticationHelper.MapRegisteredSystemToRegisteredSystemDTO,
 * AuthenticationHelper.cs:498-511, whose GetOrgNumber drops the `0192:`, :442-456).
 */
export const apiSystemListItemSchema = z.looseObject({
  systemId: z.string().min(1),
  systemVendorOrgNumber: z.string().min(1),
  systemVendorOrgName: z.string().nullish(),
  name: textsSchema,
  description: textsSchema,
  rights: z.array(rightSchema).nullish(),
  accessPackages: z.array(accessPackageSchema).nullish(),
  isVisible: z.boolean().nullish(),
});
export type ApiSystemListItem = z.infer<typeof apiSystemListItemSchema>;

/** `GET /systemregister/vendor/{systemId}`: RegisteredSystemResponse (src/Core/Models/SystemRegisters/RegisteredSystemResponse.cs:16-106). */
export const apiSystemSchema = z.looseObject({
  id: z.string().min(1),
  vendor: z.looseObject({ ID: z.string().min(1) }),
  name: textsSchema,
  description: textsSchema,
  rights: z.array(rightSchema).nullish(),
  accessPackages: z.array(accessPackageSchema).nullish(),
  clientId: z.array(z.string()).nullish(),
  allowedRedirectUrls: z.array(z.string()).nullish(),
  isVisible: z.boolean().nullish(),
  isDeleted: z.boolean().nullish(),
});
export type ApiSystem = z.infer<typeof apiSystemSchema>;

export const apiRequestSchema = z.looseObject({
  id: z.string().min(1),
  externalRef: z.string().nullish(),
  systemId: z.string().min(1),
  partyOrgNo: z.string().min(1),
  integrationTitle: z.string().nullish(),
  rights: z.array(rightSchema).nullish(),
  accessPackages: z.array(accessPackageSchema).nullish(),
  status: z.string().min(1),
  redirectUrl: z.string().nullish(),
  confirmUrl: z.string().nullish(),
  created: z.string().nullish(),
  timedOut: z.boolean().nullish(),
});
export type ApiRequest = z.infer<typeof apiRequestSchema>;

export const apiSystemUserSchema = z.looseObject({
  id: z.string().min(1),
  integrationTitle: z.string().nullish(),
  systemId: z.string().nullish(),
  productName: z.string().nullish(),
  reporteeOrgNo: z.string().min(1),
  created: z.string().nullish(),
  isDeleted: z.boolean().nullish(),
  externalRef: z.string().nullish(),
  userType: z.string().nullish(),
});
export type ApiSystemUser = z.infer<typeof apiSystemUserSchema>;

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    links: z.looseObject({ next: z.string().nullish() }).nullish(),
    data: z.array(item),
  });
}

/** `0192:991825827` → `991825827` (the vendor and party identifiers are ISO 6523 "0192:" org numbers). */
export function orgNumberFromIso6523(id: string): string {
  return id.startsWith('0192:') ? id.slice(5) : id;
}

function localized(texts: ApiSystem['name'] | ApiSystemListItem['name']): LocalizedText {
  const nb = texts?.nb ?? texts?.en ?? texts?.nn ?? '';
  return { nb, nn: texts?.nn ?? nb, en: texts?.en ?? nb };
}

function rightsOf(rights: ApiSystem['rights']): SystemRight[] {
  return (rights ?? []).map((r) => ({
    resource: (r.resource ?? []).map((a) => ({ id: a.id, value: a.value })),
    ...(r.action ? { action: r.action } : {}),
  }));
}

/** The resource ids of rights that name one `urn:altinn:resource` each (what the forms and the CLI edit). */
export function simpleResourceIds(rights: SystemRight[]): string[] {
  return rights
    .filter((r) => r.resource.length === 1 && r.resource[0]?.id === RESOURCE_ATTRIBUTE && !r.action)
    .map((r) => r.resource[0]?.value ?? '');
}

export function resourceRights(ids: readonly string[]): SystemRight[] {
  return ids.map((value) => ({ resource: [{ id: RESOURCE_ATTRIBUTE, value }] }));
}

function packagesOf(list: ApiSystem['accessPackages']): string[] {
  return (list ?? []).map((p) => p.urn ?? '').filter(Boolean);
}

export function toSystemSummary(api: ApiSystemListItem): SystemSummary {
  const rights = rightsOf(api.rights);
  return {
    id: api.systemId,
    // Already without the prefix in the list; stripped anyway should Altinn ever send it.
    vendorOrgNo: orgNumberFromIso6523(api.systemVendorOrgNumber),
    ...(api.systemVendorOrgName ? { vendorOrgName: api.systemVendorOrgName } : {}),
    name: localized(api.name),
    description: localized(api.description),
    rights,
    resourceIds: simpleResourceIds(rights),
    accessPackages: packagesOf(api.accessPackages),
    isVisible: api.isVisible ?? true,
  };
}

export function toRegisteredSystem(api: ApiSystem, profileIds: string[] = []): RegisteredSystem {
  const rights = rightsOf(api.rights);
  return {
    id: api.id,
    vendorOrgNo: orgNumberFromIso6523(api.vendor.ID),
    name: localized(api.name),
    description: localized(api.description),
    rights,
    resourceIds: simpleResourceIds(rights),
    accessPackages: packagesOf(api.accessPackages),
    clientIds: [...(api.clientId ?? [])],
    allowedRedirectUrls: [...(api.allowedRedirectUrls ?? [])],
    isVisible: api.isVisible ?? true,
    isDeleted: api.isDeleted ?? false,
    profileIds,
  };
}

/** A text for every language: Altinn shows nb, nn and en, and the app fills the missing ones with nb. */
export function fullText(text: { nb: string; nn?: string; en?: string }): LocalizedText {
  return { nb: text.nb, nn: text.nn?.trim() || text.nb, en: text.en?.trim() || text.nb };
}

/**
 * The RegisterSystemRequest body for POST and PUT …/systemregister/vendor[/{id}]. PUT replaces the whole
 * system, so an update sends the current system with the changes laid over it; rights the forms cannot
 * show (several attribute pairs, or an action) are kept as they were.
 */
export function registerSystemBody(
  id: string,
  vendorOrgNo: string,
  fields: SystemFields,
  keptRights: SystemRight[] = [],
): Record<string, unknown> {
  return {
    id,
    vendor: { authority: 'iso6523-actorid-upis', ID: `0192:${vendorOrgNo}` },
    name: fullText(fields.name),
    description: fullText(fields.description),
    rights: [...keptRights, ...resourceRights(fields.resourceIds)],
    accessPackages: fields.accessPackages.map((urn) => ({ urn })),
    clientId: [...fields.clientIds],
    allowedRedirectUrls: [...fields.allowedRedirectUrls],
    isVisible: fields.isVisible,
  };
}

export function fieldsOf(system: RegisteredSystem): SystemFields {
  return {
    name: system.name,
    description: system.description,
    resourceIds: system.resourceIds,
    accessPackages: system.accessPackages,
    clientIds: system.clientIds,
    allowedRedirectUrls: system.allowedRedirectUrls,
    isVisible: system.isVisible,
  };
}

/** RequestStatus.cs: New, Accepted, Rejected, Denied, Timedout (Enum.ToString(), so compared without case). */
export function requestStatus(serverStatus: string, timedOut?: boolean | null): SystemUserRequestStatus | undefined {
  if (timedOut) return 'timed-out';
  switch (serverStatus.toLowerCase()) {
    case 'new':
      return 'new';
    case 'accepted':
      return 'accepted';
    case 'rejected':
      return 'rejected';
    case 'denied':
      return 'denied';
    case 'timedout':
    case 'timed-out':
      return 'timed-out';
    default:
      return undefined;
  }
}

/** A grant needs externalRef only when it is not the default, the customer's org number (MP-303 cause 2). */
export function grantNeedsExternalRef(externalRef: string | null | undefined, orgNo: string): boolean {
  return Boolean(externalRef) && externalRef !== orgNo;
}

export function toRequestInfo(api: ApiRequest, kind: SystemUserKind, status: SystemUserRequestStatus) {
  const externalRef = api.externalRef || api.partyOrgNo;
  const info: SystemUserRequestInfo = {
    id: api.id,
    kind,
    systemId: api.systemId,
    partyOrgNo: api.partyOrgNo,
    externalRef,
    externalRefInGrant: grantNeedsExternalRef(externalRef, api.partyOrgNo),
    status,
    serverStatus: api.status,
    confirmUrlOpenable: api.confirmUrl ? isAllowedExternalUrl(api.confirmUrl) : false,
    rights: rightsOf(api.rights),
    accessPackages: packagesOf(api.accessPackages),
    ...(api.integrationTitle ? { integrationTitle: api.integrationTitle } : {}),
    ...(api.confirmUrl ? { confirmUrl: api.confirmUrl } : {}),
    ...(api.redirectUrl ? { redirectUrl: api.redirectUrl } : {}),
    ...(api.created ? { created: api.created } : {}),
  };
  return info;
}

export function toSystemUserInfo(api: ApiSystemUser, profileIds: string[] = []): SystemUserInfo {
  const externalRef = api.externalRef || api.reporteeOrgNo;
  return {
    id: api.id,
    kind: api.userType?.toLowerCase() === 'agent' ? 'agent' : 'standard',
    systemId: api.systemId || api.productName || '',
    reporteeOrgNo: api.reporteeOrgNo,
    externalRef,
    externalRefInGrant: grantNeedsExternalRef(externalRef, api.reporteeOrgNo),
    profileIds,
    ...(api.integrationTitle ? { integrationTitle: api.integrationTitle } : {}),
    ...(api.created ? { created: api.created } : {}),
  };
}

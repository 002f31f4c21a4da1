import type { SystemUserInfo } from '../../common/contract/systems';
import { VENDOR_SCOPE_LIST } from '../../common/contract/systems-limits';
import type { Profile, ProfileInput } from '../../common/schemas/profile';

/**
 * The client profile that gets system-user tokens for one accepted system user: the client profile's
 * environment, client id and key (the client must be on the system, or Maskinporten answers MP-303), the
 * API scopes, and the grant's `authorization_details` (`systemuser_org` = the owner's org number, and
 * `externalRef` only when it is not the default org number; docs/system-vendors.md §3).
 */
export function systemUserProfileInput(
  user: Pick<SystemUserInfo, 'reporteeOrgNo' | 'externalRef' | 'externalRefInGrant'>,
  clientProfile: Profile,
  options: { name: string; scopes?: string[] },
): ProfileInput {
  // The system-user API's own scopes belong to the vendor profile, not to the API calls made as the customer.
  const scopes = options.scopes ?? clientProfile.scopes.filter((s) => !VENDOR_SCOPE_LIST.includes(s));
  return {
    name: options.name,
    environmentId: clientProfile.environmentId,
    clientId: clientProfile.clientId,
    keyId: clientProfile.keyId,
    scopes: scopes.length > 0 ? scopes : clientProfile.scopes,
    systemUser: {
      org: user.reporteeOrgNo,
      ...(user.externalRefInGrant ? { externalRef: user.externalRef } : {}),
    },
    ...(clientProfile.resource ? { resource: clientProfile.resource } : {}),
    apps: [],
    testOrg: false,
    admin: false,
  };
}

/** Local profiles that already ask for this system user (same environment, org and externalRef). */
export function profilesForSystemUser(
  profiles: Profile[],
  user: Pick<SystemUserInfo, 'reporteeOrgNo' | 'externalRef' | 'externalRefInGrant'>,
  clientIds: readonly string[],
): string[] {
  const wanted = user.externalRefInGrant ? user.externalRef : undefined;
  return profiles
    .filter(
      (p) =>
        p.systemUser?.org === user.reporteeOrgNo &&
        (p.systemUser.externalRef ?? undefined) === wanted &&
        clientIds.includes(p.clientId),
    )
    .map((p) => p.id);
}

// No zod here: the renderer shows this org in the "not confirmed by us" help text.

/**
 * The org whose confirmation counts as "ours" — what "not confirmed by us" leaves out and what makes an
 * instance "already confirmed": the profile's service-owner code when it names one, else the app owner's
 * (`ttd` of `ttd/mottak`). Storage records a confirmation under the confirming token's org
 * (`urn:altinn:org`, reference §2 and §3.4), which for a service owner's own app is the app's org.
 */
export function confirmingOrg(profileOrg: string | undefined, appId: string): string {
  return profileOrg ?? appId.split('/')[0] ?? appId;
}

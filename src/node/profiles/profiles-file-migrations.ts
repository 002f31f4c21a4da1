/**
 * `<home>/profiles.json` is `{ "version": n, "profiles": [...] }`. Each entry of `migrateProfilesFile`
 * lifts version n to n+1 (JsonDocumentStore applies them in order before validating).
 *
 * Version 1 kept the scopes as one space-separated string, `scope`, the form of the grant's claim
 * (reference §1.2), and `resource` as a single string. Version 2 keeps lists, so every scope and resource
 * is validated on its own and the grant builder joins them.
 */
export const PROFILES_FILE_VERSION = 2;

type Doc = Record<string, unknown>;

export const migrateProfilesFile: Record<number, (old: Doc) => Doc> = {
  1: (old) => ({
    ...old,
    profiles: Array.isArray(old.profiles) ? old.profiles.map(profileV1toV2) : old.profiles,
  }),
};

function profileV1toV2(entry: unknown): unknown {
  if (!entry || typeof entry !== 'object') return entry;
  const { scope, resource, ...rest } = entry as Doc;
  const next: Doc = { ...rest };
  if (typeof scope === 'string') next.scopes = scope.split(/\s+/).filter(Boolean);
  else if (scope !== undefined) next.scope = scope;
  if (typeof resource === 'string') next.resource = [resource];
  else if (resource !== undefined) next.resource = resource;
  return next;
}

import type { Profile, ProfileInput, ProfilePatch } from '../../../common/contract/profiles';
import type { MessageKey } from '../../../common/i18n/translate';

/**
 * The profile form's state: plain strings and lists as a person types them, plus the half-typed entry of
 * each list field. The checks here are early, friendly versions of src/common/schemas/profile.ts (the renderer
 * may not import its zod schemas); main stays the judge, and its errors are mapped back onto these fields.
 */
export interface ProfileDraft {
  name: string;
  clientId: string;
  keyId: string;
  scopes: string[];
  scopeText: string;
  org: string;
  apps: string[];
  appText: string;
  resource: string[];
  resourceText: string;
  consumerOrg: string;
  systemUserOrg: string;
  externalRef: string;
  testOrg: boolean;
  admin: boolean;
}

export type DraftField =
  | 'name'
  | 'clientId'
  | 'keyId'
  | 'scopes'
  | 'org'
  | 'apps'
  | 'resource'
  | 'consumerOrg'
  | 'systemUserOrg'
  | 'externalRef'
  | 'testOrg'
  | 'admin';

/** The order fields appear in the form (and in the error summary). */
export const draftFieldOrder: readonly DraftField[] = [
  'name',
  'clientId',
  'keyId',
  'scopes',
  'org',
  'apps',
  'resource',
  'consumerOrg',
  'systemUserOrg',
  'externalRef',
  'testOrg',
  'admin',
];

/** Fields inside the collapsed "advanced" section: an error there must open it. */
export const advancedFields: readonly DraftField[] = [
  'resource',
  'consumerOrg',
  'systemUserOrg',
  'externalRef',
  'testOrg',
  'admin',
];

export type FieldErrors = Partial<Record<DraftField, MessageKey>>;

export function emptyDraft(): ProfileDraft {
  return {
    name: '',
    clientId: '',
    keyId: '',
    scopes: [],
    scopeText: '',
    org: '',
    apps: [],
    appText: '',
    resource: [],
    resourceText: '',
    consumerOrg: '',
    systemUserOrg: '',
    externalRef: '',
    testOrg: false,
    admin: false,
  };
}

export function draftFromProfile(p: Profile): ProfileDraft {
  return {
    ...emptyDraft(),
    name: p.name,
    clientId: p.clientId,
    keyId: p.keyId,
    scopes: [...p.scopes],
    org: p.org ?? '',
    apps: [...p.apps],
    resource: [...(p.resource ?? [])],
    consumerOrg: p.consumerOrg ?? '',
    systemUserOrg: p.systemUser?.org ?? '',
    externalRef: p.systemUser?.externalRef ?? '',
    testOrg: p.testOrg,
    admin: p.admin,
  };
}

// Same rules as src/common/schemas/profile.ts (RFC 6749 §3.3 scope-token; Maskinporten prefix:name).
const SCOPE_CHARS = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const SCOPE_SHAPE = /^[^:]+:.+$/;
const ORG_CODE = /^[a-z0-9-]{2,32}$/;
const APP_ID = /^[a-z0-9-]+\/[a-z0-9][a-z0-9-]*$/;
const ORG_NUMBER_FORMAT = /^\d{9}$/;
const MAX_SCOPES = 20;

/** Why `text` cannot be added as a scope, or undefined when it can. */
export function scopeProblem(text: string, existing: readonly string[]): MessageKey | undefined {
  const value = text.trim();
  if (/\s/.test(value)) return 'profiles.errScopeSpaces';
  if (value.length < 3 || value.length > 200 || !SCOPE_CHARS.test(value) || !SCOPE_SHAPE.test(value)) {
    return 'profiles.errScopeFormat';
  }
  if (existing.includes(value)) return 'profiles.errScopeDuplicate';
  if (existing.length >= MAX_SCOPES) return 'profiles.errScopesTooMany';
  return undefined;
}

export function appProblem(text: string, existing: readonly string[]): MessageKey | undefined {
  const value = text.trim();
  if (value.length > 120 || !APP_ID.test(value)) return 'profiles.errAppFormat';
  if (existing.includes(value)) return 'profiles.errAppDuplicate';
  return undefined;
}

export function resourceProblem(text: string, existing: readonly string[]): MessageKey | undefined {
  const value = text.trim();
  if (value.length > 500 || /\s/.test(value) || !URL.canParse(value)) return 'profiles.errResourceFormat';
  if (existing.includes(value)) return 'profiles.errResourceDuplicate';
  return undefined;
}

/** Strip the spaces people paste into org numbers ("910 753 614"); anything else is left for the check. */
export function normaliseOrgNumber(text: string): string {
  return text.replace(/\s+/g, '');
}

export interface DraftContext {
  production: boolean;
}

/** Every problem the form can see before asking main; `{}` when the draft may be sent. */
export function validateDraft(d: ProfileDraft, ctx: DraftContext): FieldErrors {
  const errors: FieldErrors = {};
  const name = d.name.trim();
  if (!name) errors.name = 'profiles.errNameRequired';
  else if (name.length > 80) errors.name = 'profiles.errNameTooLong';

  const clientId = d.clientId.trim();
  if (!clientId) errors.clientId = 'profiles.errClientIdRequired';
  else if (clientId.length > 200) errors.clientId = 'profiles.errClientIdInvalid';

  if (!d.keyId) errors.keyId = 'profiles.errKeyRequired';

  if (d.scopeText.trim()) errors.scopes = 'profiles.errPendingValue';
  else if (d.scopes.length === 0) errors.scopes = 'profiles.errScopesRequired';

  if (d.org.trim() && !ORG_CODE.test(d.org.trim())) errors.org = 'profiles.errOrgFormat';
  if (d.appText.trim()) errors.apps = 'profiles.errPendingValue';
  if (d.resourceText.trim()) errors.resource = 'profiles.errPendingValue';

  const consumerOrg = normaliseOrgNumber(d.consumerOrg);
  if (consumerOrg && !ORG_NUMBER_FORMAT.test(consumerOrg)) errors.consumerOrg = 'profiles.errOrgNumberFormat';
  const systemUserOrg = normaliseOrgNumber(d.systemUserOrg);
  if (systemUserOrg && !ORG_NUMBER_FORMAT.test(systemUserOrg)) errors.systemUserOrg = 'profiles.errOrgNumberFormat';
  const externalRef = d.externalRef.trim();
  if (externalRef && !systemUserOrg) errors.externalRef = 'profiles.errExternalRefWithoutOrg';
  else if (externalRef.length > 200) errors.externalRef = 'profiles.errExternalRefInvalid';

  if (d.testOrg && ctx.production) errors.testOrg = 'profiles.errTestOrgProduction';
  return errors;
}

/** The optional parts of a profile as the draft has them (undefined = not set). */
function optionalParts(d: ProfileDraft) {
  const systemUserOrg = normaliseOrgNumber(d.systemUserOrg);
  const externalRef = d.externalRef.trim();
  return {
    resource: d.resource.length ? [...d.resource] : undefined,
    consumerOrg: normaliseOrgNumber(d.consumerOrg) || undefined,
    systemUser: systemUserOrg ? { org: systemUserOrg, ...(externalRef ? { externalRef } : {}) } : undefined,
    org: d.org.trim() || undefined,
  };
}

export function draftToInput(d: ProfileDraft, environmentId: string): ProfileInput {
  const optional = optionalParts(d);
  return {
    name: d.name.trim(),
    environmentId,
    clientId: d.clientId.trim(),
    keyId: d.keyId,
    scopes: [...d.scopes],
    ...(optional.resource ? { resource: optional.resource } : {}),
    ...(optional.consumerOrg ? { consumerOrg: optional.consumerOrg } : {}),
    ...(optional.systemUser ? { systemUser: optional.systemUser } : {}),
    ...(optional.org ? { org: optional.org } : {}),
    apps: [...d.apps],
    testOrg: d.testOrg,
    admin: d.admin,
  };
}

/** The whole draft as a patch: every field stated, `null` clears an optional field the person emptied. */
export function draftToPatch(d: ProfileDraft): ProfilePatch {
  const optional = optionalParts(d);
  return {
    name: d.name.trim(),
    clientId: d.clientId.trim(),
    keyId: d.keyId,
    scopes: [...d.scopes],
    resource: optional.resource ?? null,
    consumerOrg: optional.consumerOrg ?? null,
    systemUser: optional.systemUser ?? null,
    org: optional.org ?? null,
    apps: [...d.apps],
    testOrg: d.testOrg,
    admin: d.admin,
  };
}

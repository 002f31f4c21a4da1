import type { MessageKey } from '../../../common/i18n/translate';
import { ApiError } from '../../api';
import type { DraftField, FieldErrors } from './profile-draft';

/**
 * What to say under a field that main rejected. The form's own checks catch the common mistakes first,
 * so main's refusal is mostly what only main can check (the org number's mod-11 digit, a name in use).
 */
const rejected: Record<DraftField, MessageKey> = {
  name: 'profiles.errFieldInvalid',
  clientId: 'profiles.errClientIdInvalid',
  keyId: 'profiles.errKeyRequired',
  scopes: 'profiles.errScopesInvalid',
  org: 'profiles.errOrgFormat',
  apps: 'profiles.errAppsInvalid',
  resource: 'profiles.errResourceInvalid',
  consumerOrg: 'profiles.errOrgNumberInvalid',
  systemUserOrg: 'profiles.errOrgNumberInvalid',
  externalRef: 'profiles.errExternalRefInvalid',
  testOrg: 'profiles.errTestOrgProduction',
  admin: 'profiles.errFieldInvalid',
};

const byCode: Record<string, { field: DraftField; message: MessageKey }> = {
  PROFILE_NAME_TAKEN: { field: 'name', message: 'profiles.errNameTaken' },
  PROFILE_KEY_NOT_FOUND: { field: 'keyId', message: 'profiles.errKeyNotFound' },
  PROFILE_TEST_ORG_NOT_IN_PRODUCTION: { field: 'testOrg', message: 'profiles.errTestOrgProduction' },
};

/**
 * The form field a validation path names. Paths come as segments from the seam (INVALID_INPUT
 * `details.issues[].path`, e.g. `['patch', 'systemUser', 'org']`) or as text from the profile store
 * (PROFILE_INVALID `details.fields`, e.g. `systemUser.org`, `scopes[1]`).
 */
export function fieldForPath(path: readonly string[] | string): DraftField | undefined {
  const segments = (typeof path === 'string' ? path.split(/[.[\]]+/) : [...path]).filter(Boolean);
  if (segments[0] === 'patch') segments.shift();
  const [head, next] = segments;
  switch (head) {
    case 'systemUser':
      return next === 'externalRef' ? 'externalRef' : 'systemUserOrg';
    case 'name':
    case 'clientId':
    case 'keyId':
    case 'scopes':
    case 'org':
    case 'apps':
    case 'resource':
    case 'consumerOrg':
    case 'testOrg':
    case 'admin':
      return head;
    default:
      return undefined;
  }
}

export interface MappedError {
  fields: FieldErrors;
  /** True when the error names no field of the form (show it above the form instead). */
  general: boolean;
}

/** Main's refusal of a save, placed on the fields it concerns. */
export function fieldErrorsFrom(error: unknown): MappedError {
  if (!(error instanceof ApiError)) return { fields: {}, general: true };
  const known = byCode[error.code];
  if (known) return { fields: { [known.field]: known.message }, general: false };

  const paths: (readonly string[] | string)[] = [];
  const details = error.details ?? {};
  if (error.code === 'INVALID_INPUT' && Array.isArray(details.issues)) {
    for (const issue of details.issues as { path?: unknown }[]) {
      if (Array.isArray(issue?.path)) paths.push(issue.path.map(String));
    }
  } else if (error.code === 'PROFILE_INVALID' && Array.isArray(details.fields)) {
    for (const field of details.fields) if (typeof field === 'string') paths.push(field);
  }
  const fields: FieldErrors = {};
  let general = paths.length === 0;
  for (const path of paths) {
    const field = fieldForPath(path);
    if (field) fields[field] ??= rejected[field];
    else general = true;
  }
  return { fields, general };
}

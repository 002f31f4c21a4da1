import type { RegisteredSystem, SystemFields } from '../../../common/contract/systems';
import { ACCESS_PACKAGE_PREFIX } from '../../../common/contract/systems-limits';
import type { MessageKey } from '../../../common/i18n/translate';

export { isValidOrgNumber } from '../../../common/schemas/org-number';

/**
 * The system form's state and its checks, kept apart from the component so they are tested without a
 * DOM. The rules mirror the contract (src/common/contract/systems.ts), which main checks again with zod;
 * these only say what is wrong before anything is sent.
 */

export interface SystemDraft {
  id: string;
  nameNb: string;
  nameNn: string;
  nameEn: string;
  descriptionNb: string;
  descriptionNn: string;
  descriptionEn: string;
  resourceIds: string[];
  accessPackages: string[];
  clientIds: string[];
  allowedRedirectUrls: string[];
  isVisible: boolean;
}

export type DraftField = 'id' | 'nameNb' | 'descriptionNb';
export type DraftErrors = Partial<Record<DraftField, MessageKey>>;

export function newDraft(vendorOrgNo: string | undefined, clientIds: string[]): SystemDraft {
  return {
    id: vendorOrgNo ? `${vendorOrgNo}_` : '',
    nameNb: '',
    nameNn: '',
    nameEn: '',
    descriptionNb: '',
    descriptionNn: '',
    descriptionEn: '',
    resourceIds: [],
    accessPackages: [],
    clientIds,
    allowedRedirectUrls: [],
    isVisible: true,
  };
}

/** An existing system in the form; texts equal to the bokmål one stay empty (they follow it). */
export function draftOf(system: RegisteredSystem): SystemDraft {
  const own = (text: string, nb: string) => (text === nb ? '' : text);
  return {
    id: system.id,
    nameNb: system.name.nb,
    nameNn: own(system.name.nn, system.name.nb),
    nameEn: own(system.name.en, system.name.nb),
    descriptionNb: system.description.nb,
    descriptionNn: own(system.description.nn, system.description.nb),
    descriptionEn: own(system.description.en, system.description.nb),
    resourceIds: [...system.resourceIds],
    accessPackages: [...system.accessPackages],
    clientIds: [...system.clientIds],
    allowedRedirectUrls: [...system.allowedRedirectUrls],
    isVisible: system.isVisible,
  };
}

const SYSTEM_ID = /^\d{9}_[A-Za-z0-9._-]+$/;

export function draftErrors(draft: SystemDraft, vendorOrgNo: string | undefined): DraftErrors {
  const errors: DraftErrors = {};
  const id = draft.id.trim();
  if (!SYSTEM_ID.test(id)) errors.id = 'systems.errIdFormat';
  else if (vendorOrgNo && id.split('_')[0] !== vendorOrgNo) errors.id = 'systems.errIdVendor';
  if (!draft.nameNb.trim()) errors.nameNb = 'systems.errNameRequired';
  if (!draft.descriptionNb.trim()) errors.descriptionNb = 'systems.errDescriptionRequired';
  return errors;
}

export function fieldsOfDraft(draft: SystemDraft): SystemFields {
  const text = (nb: string, nn: string, en: string) => ({
    nb: nb.trim(),
    ...(nn.trim() ? { nn: nn.trim() } : {}),
    ...(en.trim() ? { en: en.trim() } : {}),
  });
  return {
    name: text(draft.nameNb, draft.nameNn, draft.nameEn) as SystemFields['name'],
    description: text(draft.descriptionNb, draft.descriptionNn, draft.descriptionEn) as SystemFields['description'],
    resourceIds: draft.resourceIds,
    accessPackages: draft.accessPackages,
    clientIds: draft.clientIds,
    allowedRedirectUrls: draft.allowedRedirectUrls,
    isVisible: draft.isVisible,
  };
}

/** Only what changed, for systems:update (PUT still sends the whole system; main lays this over it). */
export function changedFields(before: SystemFields, after: SystemFields): Partial<SystemFields> {
  const out: Partial<SystemFields> = {};
  for (const key of Object.keys(after) as (keyof SystemFields)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) Object.assign(out, { [key]: after[key] });
  }
  return out;
}

/** The check for one value before it joins a list field; undefined when it may be added. */
export type ListKind = 'resource' | 'package' | 'url' | 'clientId';

export function listValueError(kind: ListKind, value: string, list: readonly string[]): MessageKey | undefined {
  const v = value.trim();
  if (list.includes(v)) return 'systems.errDuplicate';
  switch (kind) {
    case 'resource':
      return /^[A-Za-z0-9._-]{1,200}$/.test(v) ? undefined : 'systems.errResourceFormat';
    case 'package':
      return v.startsWith(ACCESS_PACKAGE_PREFIX) && /^[a-z0-9-]+$/.test(v.slice(ACCESS_PACKAGE_PREFIX.length))
        ? undefined
        : 'systems.errPackageFormat';
    case 'url':
      return isHttpsUrl(v) ? undefined : 'systems.errUrlFormat';
    case 'clientId':
      return /^[A-Za-z0-9._:-]{1,200}$/.test(v) ? undefined : 'systems.errClientIdFormat';
  }
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

import { describe, expect, it } from 'vitest';
import {
  changedFields,
  draftErrors,
  draftOf,
  fieldsOfDraft,
  isValidOrgNumber,
  listValueError,
  newDraft,
} from '../../../../src/browser/features/systems/system-draft';
import type { RegisteredSystem } from '../../../../src/common/contract/systems';

const system: RegisteredSystem = {
  id: '991825827_smartcloud',
  vendorOrgNo: '991825827',
  name: { nb: 'SmartCloud', nn: 'SmartCloud', en: 'SmartCloud EN' },
  description: { nb: 'Sky', nn: 'Sky', en: 'Sky' },
  rights: [],
  resourceIds: ['ske-krav-og-betalinger'],
  accessPackages: [],
  clientIds: ['c1'],
  allowedRedirectUrls: [],
  isVisible: true,
  isDeleted: false,
  profileIds: [],
};

describe('system form draft', () => {
  it('starts a new id with the vendor org number and offers the first client id', () => {
    const draft = newDraft('991825827', ['c1']);
    expect(draft.id).toBe('991825827_');
    expect(draft.clientIds).toEqual(['c1']);
    expect(draftErrors(draft, '991825827')).toEqual({
      id: 'systems.errIdFormat',
      nameNb: 'systems.errNameRequired',
      descriptionNb: 'systems.errDescriptionRequired',
    });
  });

  it('refuses an id of another vendor and accepts a complete draft', () => {
    const draft = { ...newDraft('991825827', []), nameNb: 'X', descriptionNb: 'Y' };
    expect(draftErrors({ ...draft, id: '910753614_x' }, '991825827')).toEqual({ id: 'systems.errIdVendor' });
    expect(draftErrors({ ...draft, id: '991825827_x' }, '991825827')).toEqual({});
    expect(draftErrors({ ...draft, id: '991825827_has space' }, '991825827')).toEqual({ id: 'systems.errIdFormat' });
  });

  it('keeps texts that follow bokmål empty, and sends only what changed', () => {
    const draft = draftOf(system);
    expect(draft.nameNn).toBe('');
    expect(draft.nameEn).toBe('SmartCloud EN');
    const before = fieldsOfDraft(draft);
    expect(before.name).toEqual({ nb: 'SmartCloud', en: 'SmartCloud EN' });
    const after = fieldsOfDraft({ ...draft, clientIds: ['c1', 'c2'] });
    expect(changedFields(before, after)).toEqual({ clientIds: ['c1', 'c2'] });
  });

  it('checks one list value before it is added', () => {
    expect(listValueError('resource', 'app_ttd_my-app', [])).toBeUndefined();
    expect(listValueError('resource', 'has space', [])).toBe('systems.errResourceFormat');
    expect(listValueError('package', 'urn:altinn:accesspackage:skattnaering', [])).toBeUndefined();
    expect(listValueError('package', 'skattnaering', [])).toBe('systems.errPackageFormat');
    expect(listValueError('url', 'http://x.example/', [])).toBe('systems.errUrlFormat');
    expect(listValueError('url', 'https://x.example/back', [])).toBeUndefined();
    expect(listValueError('clientId', 'c1', ['c1'])).toBe('systems.errDuplicate');
  });

  it('checks org numbers with the mod-11 digit', () => {
    expect(isValidOrgNumber('310904473')).toBe(true);
    expect(isValidOrgNumber('310904474')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  appProblem,
  draftFromProfile,
  draftToInput,
  draftToPatch,
  emptyDraft,
  resourceProblem,
  scopeProblem,
  validateDraft,
} from '../../../../src/browser/features/profiles/profile-draft';
import { profileInputSchema, profilePatchSchema } from '../../../../src/common/schemas/profile';

const complete = {
  ...emptyDraft(),
  name: ' Skatteetaten ',
  clientId: 'client-1',
  keyId: 'key-1',
  scopes: ['altinn:serviceowner/instances.read'],
  org: 'skd',
  apps: ['skd/app-a'],
  resource: ['https://api.example.no/'],
  consumerOrg: '910 753 614',
  systemUserOrg: '910753614',
  externalRef: 'customer-1',
};

describe('profile draft', () => {
  it('asks for name, client id, key and a scope, and nothing else, on an empty form', () => {
    expect(validateDraft(emptyDraft(), { production: false })).toEqual({
      name: 'profiles.errNameRequired',
      clientId: 'profiles.errClientIdRequired',
      keyId: 'profiles.errKeyRequired',
      scopes: 'profiles.errScopesRequired',
    });
  });

  it('checks the format of org numbers but leaves the mod-11 digit to main', () => {
    const d = { ...complete, consumerOrg: '12345', systemUserOrg: '123456789' };
    expect(validateDraft(d, { production: false })).toEqual({ consumerOrg: 'profiles.errOrgNumberFormat' });
  });

  it('refuses the test org in production, an external ref without org, and half-typed entries', () => {
    const d = { ...complete, systemUserOrg: '', testOrg: true, scopeText: 'altinn:x', appText: 'a' };
    expect(validateDraft(d, { production: true })).toEqual({
      externalRef: 'profiles.errExternalRefWithoutOrg',
      testOrg: 'profiles.errTestOrgProduction',
      scopes: 'profiles.errPendingValue',
      apps: 'profiles.errPendingValue',
    });
  });

  it('refuses scopes with spaces, without a prefix, or twice', () => {
    expect(scopeProblem('altinn:a altinn:b', [])).toBe('profiles.errScopeSpaces');
    expect(scopeProblem('instances.read', [])).toBe('profiles.errScopeFormat');
    expect(scopeProblem('altinn:a', ['altinn:a'])).toBe('profiles.errScopeDuplicate');
    expect(scopeProblem(' altinn:serviceowner/instances.write ', [])).toBeUndefined();
  });

  it('wants apps as org/app and resources as full addresses', () => {
    expect(appProblem('min-app', [])).toBe('profiles.errAppFormat');
    expect(appProblem('TTD/App', [])).toBe('profiles.errAppFormat');
    expect(appProblem('ttd/min-app', [])).toBeUndefined();
    expect(resourceProblem('api.example.no', [])).toBe('profiles.errResourceFormat');
    expect(resourceProblem('https://api.example.no/', [])).toBeUndefined();
  });

  it('builds input and patch that main’s own schemas accept', () => {
    const input = draftToInput(complete, 'tt02');
    expect(profileInputSchema.parse(input)).toMatchObject({
      name: 'Skatteetaten',
      consumerOrg: '910753614',
      systemUser: { org: '910753614', externalRef: 'customer-1' },
    });
    const cleared = draftToPatch({
      ...complete,
      org: '',
      resource: [],
      consumerOrg: '',
      systemUserOrg: '',
      externalRef: '',
    });
    expect(profilePatchSchema.parse(cleared)).toMatchObject({
      org: null,
      resource: null,
      consumerOrg: null,
      systemUser: null,
    });
  });

  it('round-trips a stored profile through the draft', () => {
    const profile = {
      ...profileInputSchema.parse(draftToInput(complete, 'tt02')),
      id: 'p1',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const again = draftToInput(draftFromProfile(profile), 'tt02');
    expect(profileInputSchema.parse(again)).toEqual(profileInputSchema.parse(draftToInput(complete, 'tt02')));
  });
});

import { describe, expect, it } from 'vitest';
import {
  isValidOrgNumber,
  profileInputSchema,
  profilePatchSchema,
  scopeSchema,
} from '../../../src/common/schemas/profile';

describe('organisation numbers (9 digits, mod-11)', () => {
  it.each([
    ['991825827', 'Digdir'],
    ['974760673', 'Brønnøysundregistrene'],
    ['910753614', 'the consumer_org example of the Digdir docs'],
  ])('accepts %s (%s)', (orgno) => {
    expect(isValidOrgNumber(orgno)).toBe(true);
  });

  it.each([
    ['991825826', 'wrong check digit'],
    ['974760674', 'wrong check digit'],
    ['100000130', 'a number whose check digit would be 10'],
    ['99182582', 'eight digits'],
    ['9918258270', 'ten digits'],
    ['99182582a', 'a letter'],
    [' 991825827', 'a leading space'],
    ['', 'empty'],
  ])('refuses %s (%s)', (orgno) => {
    expect(isValidOrgNumber(orgno)).toBe(false);
  });
});

describe('scopes', () => {
  it.each(['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write', 'idporten:dcr.read'])(
    'accepts %s',
    (scope) => expect(scopeSchema.safeParse(scope).success).toBe(true),
  );

  it.each([
    'altinn:serviceowner/instances.read altinn:serviceowner/instances.write',
    'no-prefix',
    'altinn:"quoted"',
    '',
  ])('refuses %j', (scope) => expect(scopeSchema.safeParse(scope).success).toBe(false));
});

describe('profile input', () => {
  const base = {
    name: 'Reader',
    environmentId: 'tt02',
    clientId: 'abc',
    keyId: 'k1',
    scopes: ['altinn:serviceowner/instances.read'],
  };

  it('fills the defaults', () => {
    expect(profileInputSchema.parse(base)).toMatchObject({ apps: [], testOrg: false, admin: false });
  });

  it('refuses the same scope twice and unknown fields', () => {
    expect(profileInputSchema.safeParse({ ...base, scopes: [base.scopes[0], base.scopes[0]] }).success).toBe(false);
    expect(profileInputSchema.safeParse({ ...base, sub: 'x' }).success).toBe(false);
  });

  it('lets a patch clear optional fields with null but not required ones', () => {
    expect(profilePatchSchema.safeParse({ consumerOrg: null, systemUser: null }).success).toBe(true);
    expect(profilePatchSchema.safeParse({ clientId: null }).success).toBe(false);
  });
});

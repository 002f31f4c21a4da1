import { describe, expect, it } from 'vitest';
import {
  dateOf,
  groupOrgNumber,
  orgNumberOf,
  scopesOf,
  systemUserDetails,
  systemUserOrgs,
  textOf,
} from '../../../../src/browser/features/token/token-claims';

describe('token claims for people', () => {
  it('reads org numbers from Digdir (ID) and Altinn (id) shapes and plain strings', () => {
    expect(orgNumberOf({ authority: 'iso6523-actorid-upis', ID: '0192:910753614' })).toBe('910753614');
    expect(orgNumberOf({ authority: 'iso6523-actorid-upis', id: '0192:991825827' })).toBe('991825827');
    expect(orgNumberOf('910753614')).toBe('910753614');
    expect(orgNumberOf({ authority: 'x' })).toBeUndefined();
    expect(orgNumberOf(42)).toBeUndefined();
    expect(groupOrgNumber('910753614')).toBe('910 753 614');
    expect(groupOrgNumber('0192:1')).toBe('0192:1');
  });

  it('splits the scope claim and finds system users', () => {
    expect(scopesOf({ scope: 'a:b  c:d' })).toEqual(['a:b', 'c:d']);
    expect(scopesOf({})).toEqual([]);
    const claims = {
      authorization_details: [
        { type: 'urn:altinn:systemuser', systemuser_org: { authority: 'iso6523-actorid-upis', ID: '0192:310000001' } },
        { type: 'other', systemuser_org: { ID: '0192:999999999' } },
      ],
    };
    expect(systemUserOrgs(claims)).toEqual(['310000001']);
    expect(systemUserOrgs({ authorization_details: 'nope' })).toEqual([]);
  });

  it('reads the system user ids (a list) and the system id of a system-user token', () => {
    const claims = {
      authorization_details: [
        {
          type: 'urn:altinn:systemuser',
          systemuser_org: { authority: 'iso6523-actorid-upis', id: '0192:310000001' },
          systemuser_id: ['ebe4a681-0a8c-429e-a36f-8f9ca942b59f'],
          system_id: '123456789_systemid',
        },
        { type: 'urn:altinn:consent', systemuser_id: ['not-this'], system_id: 'nor-this' },
      ],
    };
    expect(systemUserDetails(claims)).toEqual({
      ids: ['ebe4a681-0a8c-429e-a36f-8f9ca942b59f'],
      systems: ['123456789_systemid'],
    });
    expect(systemUserDetails({})).toEqual({ ids: [], systems: [] });
  });

  it('turns NumericDate claims into dates and keeps only readable values as text', () => {
    expect(dateOf(1_700_000_000)?.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(dateOf('1700000000')).toBeUndefined();
    expect(textOf('x')).toBe('x');
    expect(textOf(['a', 'b'])).toBe('a, b');
    expect(textOf({ a: 1 })).toBeUndefined();
    expect(textOf('  ')).toBeUndefined();
  });
});

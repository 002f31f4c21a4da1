import { describe, expect, it } from 'vitest';
import { isValidOrgNumber } from '../../../src/common/schemas/org-number';
import {
  nationalIdentityNumberProblem,
  normalizePartyNumber,
  orgNumberProblem,
  ownerNumberProblem,
  partyIdProblem,
} from '../../../src/common/schemas/party-numbers';

describe('organisation numbers (mod 11, weights 3 2 7 6 5 4 3 2)', () => {
  it.each(['991825827', '974760673', '910753614', '313367002'])('%s is valid', (n) => {
    expect(orgNumberProblem(n)).toBeUndefined();
    expect(isValidOrgNumber(n)).toBe(true);
  });

  it('names what is wrong', () => {
    expect(orgNumberProblem('')).toBe('empty');
    expect(orgNumberProblem('91075361x')).toBe('not-digits');
    expect(orgNumberProblem('91075361')).toBe('length');
    expect(orgNumberProblem('910753615')).toBe('checksum');
    // A rest of 1 gives check digit 10: no organisation number has it.
    expect(orgNumberProblem('100000009')).toBe('checksum');
  });

  it('catches every single changed digit of a valid number', () => {
    const valid = '974760673';
    for (let i = 0; i < 9; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === valid[i]) continue;
        const changed = `${valid.slice(0, i)}${d}${valid.slice(i + 1)}`;
        expect(orgNumberProblem(changed), changed).toBe('checksum');
      }
    }
  });
});

describe('national identity numbers (two mod-11 check digits)', () => {
  it.each([
    ['a fødselsnummer', '15058550121'],
    ['a synthetic test number (Tenor, month + 80)', '01820150100'],
  ])('%s is valid', (_name, n) => {
    expect(nationalIdentityNumberProblem(n)).toBeUndefined();
  });

  it('checks both check digits and the shape', () => {
    expect(nationalIdentityNumberProblem('15058550122')).toBe('checksum');
    expect(nationalIdentityNumberProblem('15058550131')).toBe('checksum');
    expect(nationalIdentityNumberProblem('1505855012')).toBe('length');
    expect(nationalIdentityNumberProblem('150585 50121')).toBe('not-digits');
  });

  it('catches a swap of two neighbouring digits', () => {
    const valid = '15058550121';
    for (let i = 0; i < 10; i++) {
      if (valid[i] === valid[i + 1]) continue;
      const swapped = `${valid.slice(0, i)}${valid[i + 1]}${valid[i]}${valid.slice(i + 2)}`;
      expect(nationalIdentityNumberProblem(swapped), swapped).toBe('checksum');
    }
  });
});

describe('party ids and the owner kinds', () => {
  it('a party id is a positive int', () => {
    expect(partyIdProblem('50001')).toBeUndefined();
    expect(partyIdProblem('0')).toBe('length');
    expect(partyIdProblem('99999999999')).toBe('length');
    expect(partyIdProblem('5000a')).toBe('not-digits');
  });

  it('dispatches on the kind and forgives the spaces and dots people type', () => {
    expect(ownerNumberProblem('org', normalizePartyNumber('910 753 614'))).toBeUndefined();
    expect(ownerNumberProblem('person', normalizePartyNumber('150585 50121'))).toBeUndefined();
    expect(ownerNumberProblem('party', '50001')).toBeUndefined();
    expect(ownerNumberProblem('org', '15058550121')).toBe('length');
  });
});

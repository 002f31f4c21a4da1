// No zod here: the renderer gives checksum feedback with these while the person types, and zod must stay
// out of its bundle. Issue 22 (bulk send) checks every spreadsheet row with the same functions.

/** Why a number is not a valid organisation or national identity number; undefined when it is valid. */
export type PartyNumberProblem = 'empty' | 'not-digits' | 'length' | 'checksum';

/** The weighted sum's mod-11 check digit, or undefined when the rest makes it 10 (no valid number has that). */
function mod11(digits: string, weights: readonly number[]): number | undefined {
  const sum = weights.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? undefined : check;
}

function shape(value: string, length: number): PartyNumberProblem | undefined {
  if (value === '') return 'empty';
  if (!/^\d+$/.test(value)) return 'not-digits';
  return value.length === length ? undefined : 'length';
}

/**
 * Norwegian organisation number (Brønnøysundregistrene): 9 digits, the last a mod-11 check digit over the
 * first eight with the weights 3 2 7 6 5 4 3 2.
 */
export function orgNumberProblem(value: string): PartyNumberProblem | undefined {
  const problem = shape(value, 9);
  if (problem) return problem;
  return mod11(value, [3, 2, 7, 6, 5, 4, 3, 2]) === Number(value[8]) ? undefined : 'checksum';
}

/**
 * Norwegian national identity number (fødselsnummer, D-number, and the synthetic test numbers of Tenor
 * that TT02 uses): 11 digits whose last two are mod-11 check digits — k1 over digits 1–9 with the weights
 * 3 7 6 1 8 9 4 5 2, k2 over digits 1–10 with 5 4 3 2 7 6 5 4 3 2 (Skatteetaten's rule). The date part is
 * not checked: D-numbers add 40 to the day and synthetic numbers 80 to the month.
 */
export function nationalIdentityNumberProblem(value: string): PartyNumberProblem | undefined {
  const problem = shape(value, 11);
  if (problem) return problem;
  const k1 = mod11(value, [3, 7, 6, 1, 8, 9, 4, 5, 2]);
  const k2 = mod11(value, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
  return k1 === Number(value[9]) && k2 === Number(value[10]) ? undefined : 'checksum';
}

/** Altinn's party id: a positive whole number (Register's `int`). No checksum exists. */
export function partyIdProblem(value: string): PartyNumberProblem | undefined {
  if (value === '') return 'empty';
  if (!/^\d+$/.test(value)) return 'not-digits';
  return value.length > 10 || Number(value) < 1 || Number(value) > 2_147_483_647 ? 'length' : undefined;
}

/** How an instance owner is named: by organisation number, national identity number or party id. */
export type OwnerKind = 'org' | 'person' | 'party';

export function ownerNumberProblem(kind: OwnerKind, value: string): PartyNumberProblem | undefined {
  if (kind === 'org') return orgNumberProblem(value);
  if (kind === 'person') return nationalIdentityNumberProblem(value);
  return partyIdProblem(value);
}

/** Spaces and dots people type in numbers ("910 753 614") removed. */
export function normalizePartyNumber(value: string): string {
  return value.replace(/[\s.]/g, '');
}

import type { OwnerKind } from '../../../common/contract/instance-acts';
import { normalizePartyNumber, ownerNumberProblem } from '../../../common/schemas/party-numbers';
import type { T } from '../../hooks/use-t';

/** What the owner field says while the person types: nothing yet, fine, or what is wrong (mod-11 and shape). */
export function ownerFeedback(kind: OwnerKind, raw: string, t: T): { valid: boolean; message?: string } {
  const value = normalizePartyNumber(raw);
  const problem = ownerNumberProblem(kind, value);
  switch (problem) {
    case undefined:
      return { valid: true, message: kind === 'party' ? t('acts.ownerOkParty') : t('acts.ownerOk') };
    case 'empty':
      return { valid: false };
    case 'not-digits':
      return { valid: false, message: t('acts.ownerNotDigits') };
    case 'length':
      // While the number is still being typed, a short one is not yet an error worth red text.
      return {
        valid: false,
        message:
          kind === 'org'
            ? t('acts.ownerLengthOrg', { count: value.length })
            : kind === 'person'
              ? t('acts.ownerLengthPerson', { count: value.length })
              : t('acts.ownerLengthParty'),
      };
    case 'checksum':
      return { valid: false, message: t('acts.ownerChecksum') };
  }
}

/** The owner as one short phrase: "org.nr. 910 753 614". */
export function ownerShort(kind: OwnerKind, value: string, t: T, group: (v: string) => string): string {
  const v = group(normalizePartyNumber(value));
  return kind === 'org'
    ? t('acts.ownerOrgShort', { value: v })
    : kind === 'person'
      ? t('acts.ownerPersonShort', { value: v })
      : t('acts.ownerPartyShort', { value: v });
}

import type { InstanceOwner } from '../../../common/contract/instances';
import type { T } from '../../hooks/use-t';

/** "910 753 614", as organisation numbers are printed in Brønnøysundregistrene. */
export function groupOrgNumber(orgNo: string): string {
  return /^\d{9}$/.test(orgNo) ? `${orgNo.slice(0, 3)} ${orgNo.slice(3, 6)} ${orgNo.slice(6)}` : orgNo;
}

/** "010190 12345": birth date and personal number, as printed on Norwegian documents. */
export function groupNationalId(id: string): string {
  return /^\d{11}$/.test(id) ? `${id.slice(0, 6)} ${id.slice(6)}` : id;
}

/** Who owns an instance: the organisation or person, else the Altinn party id from the instance id. */
export function ownerText(owner: InstanceOwner | undefined, instanceId: string, t: T): string {
  if (owner?.organisationNumber) return t('instances.ownerOrg', { number: groupOrgNumber(owner.organisationNumber) });
  if (owner?.personNumber) return t('instances.ownerPerson', { number: groupNationalId(owner.personNumber) });
  return t('instances.ownerParty', { number: owner?.partyId ?? instanceId.split('/')[0] ?? instanceId });
}

/** Only the number, for the table's owner column (9 digits grouped 3-3-3 is an organisation, 6+5 a person). */
export function ownerNumber(owner: InstanceOwner | undefined, instanceId: string): string {
  if (owner?.organisationNumber) return groupOrgNumber(owner.organisationNumber);
  if (owner?.personNumber) return groupNationalId(owner.personNumber);
  return owner?.partyId ?? instanceId.split('/')[0] ?? instanceId;
}

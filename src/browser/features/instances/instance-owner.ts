import type { InstanceOwner } from '../../../common/contract/instances';
import { groupNationalId, groupOrgNumber } from '../../../common/format/owner-numbers';
import type { T } from '../../hooks/use-t';

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

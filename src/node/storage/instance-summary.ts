import type { InstanceDetail, InstanceOwner, InstanceSummary } from '../../common/contract/instances';
import { type Instance, readStatusOf } from '../../common/schemas/instance-types';

/**
 * Who owns the instance. The app's InstanceResponse adds `party` with the owner's name, but the app looks that
 * party up by the partyId *in the request's path*, not the instance's (app-lib-dotnet@1363997
 * Altinn.App.Api/Controllers/InstancesController.cs:193), and Storage answers a wrong partyId with the instance
 * anyway (altinn-storage@d9364e4 InstancesController.cs:246-299): the name is taken only for the instance's own party.
 */
function ownerOf(instance: Instance): InstanceOwner {
  const owner = instance.instanceOwner;
  const party = owner?.party;
  const ownParty = party?.partyId != null && owner?.partyId != null && String(party.partyId) === String(owner.partyId);
  return {
    partyId: owner?.partyId ?? null,
    organisationNumber: owner?.organisationNumber ?? null,
    personNumber: owner?.personNumber ?? null,
    ...(ownParty && party?.name ? { name: party.name } : {}),
  };
}

/** What the table shows of an instance: no blob paths, no server links. */
export function summarizeInstance(instance: Instance): InstanceSummary & { instanceOwner: InstanceOwner } {
  const data = instance.data ?? [];
  return {
    id: instance.id,
    appId: instance.appId,
    instanceOwner: ownerOf(instance),
    created: instance.created ?? null,
    lastChanged: instance.lastChanged ?? null,
    currentTask: instance.process?.currentTask?.elementId ?? null,
    // Storage's `process.isComplete` filter means "the process has ended".
    isComplete: Boolean(instance.process?.ended),
    confirmations: (instance.completeConfirmations ?? []).map((c) => ({
      stakeholderId: c.stakeholderId,
      confirmedOn: c.confirmedOn ?? null,
    })),
    dataCount: data.length,
    totalSize: data.reduce((sum, d) => sum + (d.size ?? 0), 0),
    isArchived: Boolean(instance.status?.isArchived),
    isSoftDeleted: Boolean(instance.status?.isSoftDeleted),
    isHardDeleted: Boolean(instance.status?.isHardDeleted),
  };
}

export function instanceDetail(instance: Instance): InstanceDetail {
  const summary = summarizeInstance(instance);
  return {
    ...summary,
    readStatus: readStatusOf(instance.status?.readStatus),
    process: {
      started: instance.process?.started ?? null,
      ended: instance.process?.ended ?? null,
      currentTaskName: instance.process?.currentTask?.name ?? null,
    },
    data: (instance.data ?? []).map((d) => ({
      id: d.id,
      dataType: d.dataType ?? null,
      filename: d.filename ?? null,
      contentType: d.contentType ?? null,
      size: d.size ?? null,
      contentHash: d.contentHash ?? null,
      fileScanResult: d.fileScanResult ?? null,
      created: d.created ?? null,
      lastChanged: d.lastChanged ?? null,
    })),
    completeConfirmations: summary.confirmations,
  };
}

/** Whether `org` (a service owner's code) has confirmed the instance already. */
export function confirmedBy(instance: Instance, org: string): boolean {
  return (instance.completeConfirmations ?? []).some((c) => c.stakeholderId.toLowerCase() === org.toLowerCase());
}

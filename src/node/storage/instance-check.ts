import type { QueryResponse } from '../../common/schemas/instance-types';

/**
 * A fast, in-place check that a parsed query page has the shape of `queryResponseSchema`
 * (instance-types.ts) — the same rules, without building a copy of every object. A listing of 10,000
 * instances spent about as long in zod (which returns new objects, and then the garbage collector
 * frees them) as in JSON.parse; this check costs a fraction of either. When it says no, the caller
 * runs the zod schema for the precise error message, so the schema stays the single statement of the
 * rules and test/node/storage/instance-check.test.ts holds the two to the same verdicts.
 */
export function isQueryResponse(value: unknown): value is QueryResponse {
  if (!isObject(value)) return false;
  if (!optCount(value.count) || !optString(value.self) || !optString(value.next)) return false;
  const instances = value.instances;
  if (!Array.isArray(instances)) return false;
  for (const instance of instances) if (!isInstance(instance)) return false;
  return true;
}

const INSTANCE_ID = /^\d+\/[0-9a-fA-F-]{36}$/;

export function isInstance(v: unknown): boolean {
  if (!isObject(v)) return false;
  if (typeof v.id !== 'string' || !INSTANCE_ID.test(v.id)) return false;
  if (typeof v.appId !== 'string' || v.appId.length < 1) return false;
  if (!optString(v.org) || !optString(v.created) || !optString(v.lastChanged)) return false;
  const owner = v.instanceOwner;
  if (owner != null) {
    if (!isObject(owner)) return false;
    if (
      !optString(owner.partyId) ||
      !optString(owner.personNumber) ||
      !optString(owner.organisationNumber) ||
      !optString(owner.username)
    )
      return false;
    const party = owner.party;
    if (party != null) {
      if (!isObject(party)) return false;
      if (!optStringOrNumber(party.partyId) || !optStringOrNumber(party.partyTypeName) || !optString(party.name))
        return false;
    }
  }
  if (!optSelfLinks(v.selfLinks)) return false;
  const process = v.process;
  if (process != null) {
    if (!isObject(process)) return false;
    if (!optString(process.started) || !optString(process.ended) || !optString(process.endEvent)) return false;
    const task = process.currentTask;
    if (task != null) {
      if (!isObject(task)) return false;
      if (!optString(task.elementId) || !optString(task.name) || !optString(task.altinnTaskType)) return false;
    }
  }
  const status = v.status;
  if (status != null) {
    if (!isObject(status)) return false;
    if (
      !optBoolean(status.isArchived) ||
      !optBoolean(status.isSoftDeleted) ||
      !optBoolean(status.isHardDeleted) ||
      !optString(status.archived) ||
      !optStringOrNumber(status.readStatus)
    )
      return false;
  }
  const confirmations = v.completeConfirmations;
  if (confirmations != null) {
    if (!Array.isArray(confirmations)) return false;
    for (const c of confirmations) {
      if (!isObject(c) || typeof c.stakeholderId !== 'string' || !optString(c.confirmedOn)) return false;
    }
  }
  const data = v.data;
  if (data != null) {
    if (!Array.isArray(data)) return false;
    for (const element of data) if (!isDataElement(element)) return false;
  }
  return true;
}

function isDataElement(e: unknown): boolean {
  if (!isObject(e)) return false;
  if (typeof e.id !== 'string' || e.id.length < 1) return false;
  return (
    optString(e.instanceGuid) &&
    optString(e.dataType) &&
    optString(e.filename) &&
    optString(e.contentType) &&
    optSelfLinks(e.selfLinks) &&
    optCount(e.size) &&
    optString(e.contentHash) &&
    optBoolean(e.locked) &&
    optString(e.fileScanResult) &&
    optString(e.created) &&
    optString(e.lastChanged)
  );
}

function optSelfLinks(v: unknown): boolean {
  if (v == null) return true;
  return isObject(v) && optString(v.apps) && optString(v.platform);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** zod `.nullish()`: absent, undefined or null. */
function optString(v: unknown): boolean {
  return v == null || typeof v === 'string';
}

/** `z.union([z.string(), z.number()]).nullish()` (readStatus: Storage's name or the app's number). */
function optStringOrNumber(v: unknown): boolean {
  return v == null || typeof v === 'string' || typeof v === 'number';
}

function optBoolean(v: unknown): boolean {
  return v == null || typeof v === 'boolean';
}

/** `z.number().int().nonnegative().nullish()` */
function optCount(v: unknown): boolean {
  return v == null || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);
}

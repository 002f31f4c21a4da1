import type { Instance } from '../../common/schemas/instance-types';

/** How long an instance read is lent to another read of the same instance at the same `lastChanged`. */
const TTL_MS = 30_000;
/** Instances kept: the few whose details are open, not a cache of the table. */
const MAX = 16;

/**
 * The instances a profile's client read last, lent to a read that asks for the same instance at the same
 * `lastChanged` soon after (issue 19 review: opening the details read the same instance three times — the
 * details, the acts panel and the history). One per StorageClient, so per profile version and environment:
 * the token that read it is the token that would read it again.
 *
 * Only an exact `lastChanged` is lent. Storage sets it on every change the history shows — data elements
 * (insertdataelement.sql:19-23, updatedataelement.sql, deletedataelement.sql), the process (ProcessController
 * .cs:322-337), the substatus, delete, confirm (shared/reference/maskinporten-altinn.md §3.7) —, so the lent
 * instance is the one the caller already shows; anything else is read afresh.
 */
export class RecentInstances {
  private readonly entries = new Map<string, { instance: Instance; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  remember(instance: Instance): void {
    const key = instance.id.toLowerCase();
    this.entries.delete(key);
    this.entries.set(key, { instance, at: this.now() });
    if (this.entries.size > MAX) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** The instance read within the last 30 s with exactly this `lastChanged`, else undefined. */
  lend(instanceId: string, lastChanged: string): Instance | undefined {
    const entry = this.entries.get(instanceId.toLowerCase());
    if (!entry) return undefined;
    if (this.now() - entry.at > TTL_MS) {
      this.entries.delete(instanceId.toLowerCase());
      return undefined;
    }
    return entry.instance.lastChanged === lastChanged ? entry.instance : undefined;
  }
}

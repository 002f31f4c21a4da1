import type { ActInstanceView } from '../../common/contract/instance-acts';
import type { InstanceSummary } from '../../common/contract/instances';
import type { InstanceFilters } from '../../common/schemas/instance-query';
import { actInstanceView } from '../acts/instance-view';
import { summarizeInstance } from './instance-summary';
import { listInstances } from './parallel-listing';
import type { StorageContext } from './storage-context';

/** Browse an app's instances a page at a time (the GUI's table, `mpd instances`). */
export function createInstancesService(storageFor: (profileId: string) => Promise<StorageContext>) {
  return {
    /** The first page for `filters`, or the page behind `next`; `next` is checked to be this environment's Storage. */
    async query(
      profileId: string,
      filters: InstanceFilters,
      next?: string,
      signal?: AbortSignal,
    ): Promise<{ instances: InstanceSummary[]; next?: string }> {
      const { client } = await storageFor(profileId);
      const page = await client.page(next ?? client.firstPageUrl(filters), filters, signal);
      return { instances: page.instances.map(summarizeInstance), ...(page.next ? { next: page.next } : {}) };
    },

    /**
     * Every instance of the query. By default listed in parallel ranges (parallel-listing.ts), so pages come
     * in no particular order; `ordered` follows `next` from page to page instead, in Storage's order
     * (lastChanged, newest first) — for "the first N".
     */
    async *all(
      profileId: string,
      filters: InstanceFilters,
      signal?: AbortSignal,
      options: { ordered?: boolean } = {},
    ): AsyncGenerator<InstanceSummary[]> {
      const { client } = await storageFor(profileId);
      const pages = options.ordered ? client.pages(filters, { signal }) : listInstances(client, filters, { signal });
      for await (const page of pages) yield page.instances.map(summarizeInstance);
    },

    /**
     * One instance's details: from the app API when the app is known (its InstanceResponse names the owner,
     * Storage the fallback), else from Storage.
     */
    async get(profileId: string, instanceId: string, appId?: string): Promise<ActInstanceView> {
      const { client } = await storageFor(profileId);
      const instance = appId
        ? await client.getInstanceFromApp(appId, instanceId)
        : await client.getInstance(instanceId);
      // The details with what the owner and user see: the acts panel takes this read instead of its own.
      return actInstanceView(instance);
    },
  };
}

export type InstancesService = ReturnType<typeof createInstancesService>;

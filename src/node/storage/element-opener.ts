import { AppError } from '../../common/errors/app-error';
import type { DataElement, Instance } from '../../common/schemas/instance-types';
import type { StorageClient } from './storage-client';
import type { StreamResponse } from './stream-get';

/**
 * GET a data element's bytes from the app API first — Altinn recommends it, "best access to logs" (§3.4,
 * receivingdata guide) — and from Storage when the app does not serve it (404, 405, 501: an app that is
 * gone or has no data endpoint). Once Storage was needed, later calls (retries, resumed ranges) go there
 * directly. Used by the download manager and the preview.
 */
export function elementOpener(client: StorageClient, instance: Instance, element: DataElement) {
  const urls = client.dataUrls(instance, element);
  let useStorage = false;
  return async (request: { rangeStart?: number; signal?: AbortSignal } = {}): Promise<StreamResponse> => {
    const full = { ...request, appId: instance.appId };
    if (useStorage) return client.openData(urls.storage, full);
    try {
      return await client.openData(urls.app, full);
    } catch (error) {
      const status = error instanceof AppError ? error.details?.status : undefined;
      if (status !== 404 && status !== 405 && status !== 501) throw error;
      useStorage = true;
      return client.openData(urls.storage, full);
    }
  };
}

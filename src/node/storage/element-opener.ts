import { AppError } from '../../common/errors/app-error';
import type { DataElement, Instance } from '../../common/schemas/instance-types';
import type { StorageClient } from './storage-client';
import type { StreamResponse } from './stream-get';

/** Where an element's bytes are asked for, kept across the attempts at it (and across threads). */
export interface DataRoute {
  /** The app API did not serve the element: Storage from now on. */
  useStorage: boolean;
  /** The URL the last answer came from (for the "from the internet" mark, origin-mark.ts). */
  source?: string;
}

/**
 * GET a data element's bytes from the app API first — Altinn recommends it, "best access to logs" (§3.4,
 * receivingdata guide) — and from Storage when the app does not serve it (404, 405, 501: an app that is
 * gone or has no data endpoint). Once Storage was needed, later calls (retries, resumed ranges) go there
 * directly. Used by the download manager and the preview.
 */
export function elementOpener(
  client: StorageClient,
  instance: Instance,
  element: DataElement,
  route: DataRoute = { useStorage: false },
) {
  const urls = client.dataUrls(instance, element);
  return (request: { rangeStart?: number; signal?: AbortSignal } = {}): Promise<StreamResponse> =>
    routedOpen(route, urls, (url) => client.openData(url, { ...request, appId: instance.appId }));
}

/** The app's URL unless the route says Storage; Storage when the app does not serve the data. */
export async function routedOpen(
  route: DataRoute,
  urls: { app: string; storage: string },
  open: (url: string) => Promise<StreamResponse>,
): Promise<StreamResponse> {
  if (!route.useStorage) {
    try {
      const response = await open(urls.app);
      route.source = urls.app;
      return response;
    } catch (error) {
      const status = error instanceof AppError ? error.details?.status : undefined;
      if (status !== 404 && status !== 405 && status !== 501) throw error;
      route.useStorage = true;
    }
  }
  const response = await open(urls.storage);
  route.source = urls.storage;
  return response;
}

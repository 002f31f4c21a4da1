import type { Environment } from '../environments/environments';
import type { HttpAnswer, WriteInit } from '../storage/write-request';
import type { AppMetadataSource } from './app-metadata';

/** The authorized requests a write needs (StorageClient implements it: token, refresh, URL rule). */
export interface AltinnWriteApi {
  readonly environment: Environment;
  /** `{appBase}` of an app in this environment, no trailing slash. */
  appBase(appId: string): string;
  /** `…/storage/api/v1`, no trailing slash. */
  readonly storageApiBase: string;
  authorizedRequest(url: string, appId: string, init: WriteInit): Promise<HttpAnswer>;
}

/**
 * The outside world of the writes of src/node/acts/: Altinn (through one profile's authorized client), the
 * apps' metadata (cached) and the clock. The functions that take it are plain: the GUI's and the CLI's
 * service calls them, and so will the bulk send (issue 22), one row at a time and several at once.
 */
export interface ActWorld {
  api: AltinnWriteApi;
  metadata: AppMetadataSource;
  now(): Date;
  signal?: AbortSignal;
}

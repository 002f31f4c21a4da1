import { join } from 'node:path';
import { createAppMetadataSource } from './acts/app-metadata';
import { createInstanceActsService } from './acts/instance-acts-service';
import { createTokenService } from './auth/token-service';
import { createBulkSendService } from './bulk-send/bulk-send-service';
import { createSelfServiceService } from './clients/clients-service';
import { createDownloadsService } from './downloads/downloads-service';
import { discoveryCacheFile } from './environments/discovery-cache-file';
import { createWellKnownDiscovery } from './environments/environment-discovery';
import { createEnvironmentRegistry, type EnvironmentSource } from './environments/environments';
import { createEventsService, type EventsServiceDeps } from './events/events-service';
import { createInstancesExport } from './export/instances-export';
import { createIntakeService, type IntakeDeps } from './intake/intake-service';
import { KeyStore } from './keys/key-store';
import type { SecretStore } from './keys/secret-store';
import { type Desktop, scriptedDesktop } from './platform/desktop';
import { createEventBus } from './platform/event-bus';
import { createLogger, fileSink, type Logger } from './platform/log';
import { createPreviewService } from './preview/preview-service';
import { createProfileStore } from './profiles/profile-store';
import { uiSettingsStore } from './settings/ui-settings';
import { createInstancesService } from './storage/instances-service';
import { createStorageResolver } from './storage/storage-context';
import { createSystemsService } from './systems/systems-service';

export interface ServiceOptions {
  home: string;
  secrets: SecretStore;
  desktop?: Desktop;
  fetch?: typeof fetch;
  now?: () => Date;
  logger?: Logger;
  appVersion?: string;
  electronVersion?: string;
  /** Read Maskinporten's well-known metadata on environments.resolve(); tests pass false (no real hosts). */
  discovery?: boolean;
  /** Where a locked passphrase vault asks for its passphrase (the CLI's environment or prompt). */
  vaultPassphrase?: () => Promise<string | undefined>;
  /** Intake passes' download jobs and timers (tests shorten them). */
  intake?: Pick<IntakeDeps, 'downloads' | 'timers'>;
  /** The bulk send's wait before looking up a row that got no answer (tests shorten it). */
  bulkSend?: { graceMs?: number };
  /** An events follow's waits and the reads' retries (tests shorten them). */
  appEvents?: Pick<EventsServiceDeps, 'followBackoff' | 'retry'>;
}

/**
 * The composition root: every service of the app, built from a home folder and the outside world.
 * The Electron shell, the CLI and the tests all call this; nothing else builds services.
 */
export function createServices(options: ServiceOptions) {
  const home = options.home;
  const logger = options.logger ?? createLogger(fileSink(join(home, 'logs', 'mpd.log')));
  const now = options.now ?? (() => new Date());
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const desktop = options.desktop ?? scriptedDesktop();
  const environments: EnvironmentSource = createEnvironmentRegistry({
    file: join(home, 'environments.json'),
    discovery:
      options.discovery === false
        ? false
        : createWellKnownDiscovery({ fetch: fetchImpl, now, logger, persisted: discoveryCacheFile(home) }),
  });
  const keys = new KeyStore({ home, secrets: options.secrets, now, logger, vaultPassphrase: options.vaultPassphrase });
  const profiles = createProfileStore({
    file: join(home, 'profiles.json'),
    environments,
    keyExists: async (keyId) => (await keys.list()).some((k) => k.id === keyId),
    now,
  });
  const events = createEventBus();
  const tokens = createTokenService({
    environments,
    getProfile: (id) => profiles.get(id),
    keys,
    // The token requests on every run's path: node:http unless a fetch is given (http.ts, issue 21).
    fetch: options.fetch,
    now,
    logger,
    events,
    desktop,
  });
  // A changed or removed profile must never be served a token made for its old settings.
  profiles.onChange((change) => tokens.clearProfile(change.profile.id));
  const storageFor = createStorageResolver({
    getProfile: (id) => profiles.get(id),
    getEnvironment: (id) => environments.get(id),
    tokens,
    fetch: fetchImpl,
  });
  const uiSettings = uiSettingsStore(home);
  const downloads = createDownloadsService({
    storageFor,
    now,
    log: logger,
    events,
    desktop,
    language: async () => (await uiSettings.get()).language,
  });
  const instances = createInstancesService(storageFor);
  // node:http unless a fetch is given (app-metadata.ts): a bulk send's first request waits for it.
  const appMetadata = createAppMetadataSource({ fetch: options.fetch, now: () => now().getTime() });
  const instanceActs = createInstanceActsService({
    getProfile: (id) => profiles.get(id),
    storageFor,
    metadata: appMetadata,
    desktop,
    language: async () => (await uiSettings.get()).language,
    logger,
    now,
  });
  const bulkSend = createBulkSendService({
    home,
    getProfile: (id) => profiles.get(id),
    storageFor,
    metadata: appMetadata,
    desktop,
    events,
    language: async () => (await uiSettings.get()).language,
    now,
    warmToken: (profileId) => void tokens.getAltinnToken(profileId).catch(() => {}),
    ...options.bulkSend,
  });
  const intake = createIntakeService({
    home,
    storageFor,
    profiles,
    environments,
    doctor: (profileId) => tokens.doctor(profileId),
    desktop,
    events,
    language: async () => (await uiSettings.get()).language,
    now,
    log: logger,
    ...options.intake,
  });
  const appEvents = createEventsService({ storageFor, bus: events, now, log: logger, ...options.appEvents });
  return {
    home,
    logger,
    now,
    fetch: fetchImpl,
    desktop,
    events,
    secrets: options.secrets,
    keys,
    environments,
    profiles,
    tokens,
    selfService: createSelfServiceService({
      environments,
      profiles,
      keys,
      tokens,
      desktop,
      language: async () => (await uiSettings.get()).language,
      fetch: fetchImpl,
      now,
      logger,
    }),
    instances,
    instanceActs,
    bulkSend,
    appEvents,
    preview: createPreviewService({ storageFor }),
    instancesExport: createInstancesExport({ instances, desktop, settings: uiSettings, now }),
    systems: createSystemsService({
      environments,
      profiles,
      tokens,
      desktop,
      language: async () => (await uiSettings.get()).language,
      fetch: fetchImpl,
      now,
      logger,
    }),
    downloads,
    intake,
    uiSettings,
    appVersion: options.appVersion ?? '0.0.0',
    electronVersion: options.electronVersion,
  };
}

export type Services = ReturnType<typeof createServices>;

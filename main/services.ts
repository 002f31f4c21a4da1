import { join } from 'node:path';
import { type Desktop, scriptedDesktop } from './desktop';
import { type EnvironmentSource, presetEnvironments } from './environments';
import { createEventBus } from './event-bus';
import type { SecretStore } from './keys/secret-store';
import { createLogger, fileSink, type Logger } from './log';
import { uiSettingsStore } from './ui-settings';

export interface ServiceOptions {
  home: string;
  secrets: SecretStore;
  desktop?: Desktop;
  fetch?: typeof fetch;
  now?: () => Date;
  logger?: Logger;
  appVersion?: string;
  electronVersion?: string;
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
  const environments: EnvironmentSource = presetEnvironments();
  const events = createEventBus();
  return {
    home,
    logger,
    now,
    fetch: fetchImpl,
    desktop,
    events,
    secrets: options.secrets,
    environments,
    uiSettings: uiSettingsStore(home),
    appVersion: options.appVersion ?? '0.0.0',
    electronVersion: options.electronVersion,
  };
}

export type Services = ReturnType<typeof createServices>;

import { scriptedDesktop } from '../../main/desktop';
import { createDispatch } from '../../main/dispatch';
import { createHandlers } from '../../main/handlers';
import { memorySecretStore } from '../../main/keys/secret-store';
import { createLogger, memorySink } from '../../main/log';
import { createServices, type ServiceOptions } from '../../main/services';

/** Real services over a temp home, an in-memory keychain, a scripted desktop and a captured log. */
export function testServices(home: string, overrides: Partial<ServiceOptions> = {}) {
  const sink = memorySink();
  const secrets = memorySecretStore();
  const desktop = scriptedDesktop();
  const services = createServices({
    home,
    secrets,
    desktop,
    logger: createLogger(sink, { level: 'debug' }),
    appVersion: '0.0.0-test',
    // Never reach the presets' real hosts from a test; tests that exercise discovery pass their own.
    discovery: false,
    ...overrides,
  });
  const dispatch = createDispatch(createHandlers(services), services.logger);
  return { services, dispatch, secrets, desktop, logLines: sink.lines };
}

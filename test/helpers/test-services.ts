import { createWindowDispatch } from '../../src/electron-main/window-dispatch';
import { memorySecretStore } from '../../src/node/keys/secret-store';
import { scriptedDesktop } from '../../src/node/platform/desktop';
import { createLogger, memorySink } from '../../src/node/platform/log';
import { createServices, type ServiceOptions } from '../../src/node/services';

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
  // The window's dispatch, as src/electron-main/main.ts builds it (folder trust included).
  const dispatch = createWindowDispatch(services);
  return { services, dispatch, secrets, desktop, logLines: sink.lines };
}

import { createWindowShell } from '../../src/electron-main/window-dispatch';
import { memorySecretStore } from '../../src/node/keys/secret-store';
import { scriptedDesktop } from '../../src/node/platform/desktop';
import { createLogger, memorySink } from '../../src/node/platform/log';
import { createServices, type ServiceOptions } from '../../src/node/services';

/**
 * Real services over a temp home, an in-memory keychain, a scripted desktop and a captured log. Main's own
 * confirmation (Desktop.confirmInMain) answers yes unless a test says otherwise
 * (`desktop.answers.confirm = false`); every request it was shown is in `desktop.confirmations`.
 */
export function testServices(home: string, overrides: Partial<ServiceOptions> = {}) {
  const sink = memorySink();
  const secrets = memorySecretStore();
  // A test that brings its own desktop gets it back here (a scripted one, by the tests' convention).
  const desktop =
    (overrides.desktop as ReturnType<typeof scriptedDesktop> | undefined) ?? scriptedDesktop({ confirm: true });
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
  // The window's dispatch, as src/electron-main/main.ts builds it (folder trust and file handles included),
  // and the dropped-file channel the preload calls.
  const { dispatch, droppedFile } = createWindowShell(services);
  return { services, dispatch, droppedFile, secrets, desktop, logLines: sink.lines };
}

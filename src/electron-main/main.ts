import { join } from 'node:path';
import { app, type BrowserWindow, dialog, Menu } from 'electron';
import { osKeychain } from '../node/keys/keychain';
import { resolveHome } from '../node/platform/home';
import { createServices } from '../node/services';
import { debugSwitchRefusal, refusedDebugSwitches } from './debug-switches';
import { electronDesktop } from './electron-desktop';
import { installIntakeShell } from './intake-shell';
import { pushEvent, registerIpc } from './ipc';
import { denyAllPermissions, installSecurityGuards } from './security';
import { createMainWindow, devServerUrl, registerAppScheme, rendererRootFor, serveRenderer } from './window';
import { createWindowShell } from './window-dispatch';

// Before anything else: a packaged app does not run with a debugger's switches (debug-switches.ts).
const debugSwitches = refusedDebugSwitches(process.argv.slice(1), app.isPackaged);

const homeFlag = process.argv.find((a) => a.startsWith('--home='))?.slice('--home='.length);
const home = resolveHome({ flag: homeFlag });
// Keep Electron's own data (cache, local storage) inside the same home folder as ours.
app.setPath('userData', home);

if (debugSwitches.length > 0) {
  const text = debugSwitchRefusal(debugSwitches);
  process.stderr.write(`${text}\n`);
  dialog.showErrorBox('Maskinporten Desktop', text);
  app.exit(2);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  const devServer = devServerUrl(app.isPackaged);
  registerAppScheme();
  installSecurityGuards(app, devServer);

  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  app.whenReady().then(() => {
    denyAllPermissions();
    serveRenderer(rendererRootFor(__dirname));
    Menu.setApplicationMenu(null);
    const services = createServices({
      home,
      secrets: osKeychain(),
      desktop: electronDesktop(() => mainWindow),
      appVersion: app.getVersion(),
      electronVersion: process.versions.electron,
    });
    registerIpc(createWindowShell(services), () => mainWindow, services.logger, devServer);
    services.events.forward((event, payload) => pushEvent(mainWindow, event, payload as never));
    const iconPath = join(__dirname, '../../assets/icon.png');
    // Before the window exists, so its close (keep intakes running in the tray, or quit) is handled.
    installIntakeShell({ app, services, getWindow: () => mainWindow, iconPath });
    mainWindow = createMainWindow(join(__dirname, '../preload/preload.cjs'), app.isPackaged, iconPath, devServer);
    mainWindow.on('closed', () => {
      mainWindow = null;
      // A follow of an app's events polls Altinn for the window only (intake watches go on in the tray).
      services.appEvents.stopAll();
    });
    // A copied token that has not expired yet leaves the clipboard with the app (expiring-clipboard.ts).
    app.on('will-quit', () => void services.tokens.clipboard?.clearAll());
  });

  app.on('window-all-closed', () => app.quit());
}

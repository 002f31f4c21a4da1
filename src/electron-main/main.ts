import { join } from 'node:path';
import { app, type BrowserWindow, Menu } from 'electron';
import { osKeychain } from '../node/keys/keychain';
import { resolveHome } from '../node/platform/home';
import { createServices } from '../node/services';
import { electronDesktop } from './electron-desktop';
import { installIntakeShell } from './intake-shell';
import { pushEvent, registerIpc } from './ipc';
import { denyAllPermissions, installSecurityGuards } from './security';
import { createMainWindow, devServerUrl, registerAppScheme, rendererRootFor, serveRenderer } from './window';
import { createWindowDispatch } from './window-dispatch';

const homeFlag = process.argv.find((a) => a.startsWith('--home='))?.slice('--home='.length);
const home = resolveHome({ flag: homeFlag });
// Keep Electron's own data (cache, local storage) inside the same home folder as ours.
app.setPath('userData', home);

if (!app.requestSingleInstanceLock()) {
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
    const dispatch = createWindowDispatch(services);
    registerIpc(dispatch, () => mainWindow, services.logger, devServer);
    services.events.forward((event, payload) => pushEvent(mainWindow, event, payload as never));
    const iconPath = join(__dirname, '../../assets/icon.png');
    // Before the window exists, so its close (keep intakes running in the tray, or quit) is handled.
    installIntakeShell({ app, services, getWindow: () => mainWindow, iconPath });
    mainWindow = createMainWindow(join(__dirname, '../preload/preload.cjs'), iconPath, devServer);
    mainWindow.on('closed', () => {
      mainWindow = null;
      // A follow of an app's events polls Altinn for the window only (intake watches go on in the tray).
      services.appEvents.stopAll();
    });
  });

  app.on('window-all-closed', () => app.quit());
}

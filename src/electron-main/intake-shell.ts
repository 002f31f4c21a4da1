import { type App, type BrowserWindow, dialog, Menu, nativeImage, Tray } from 'electron';
import { closeAnswer, closeDecision, closeQuestion, trayTexts } from '../node/intake/close-behaviour';
import type { Services } from '../node/services';

/**
 * The intake's Electron glue, kept thin (the logic is in src/node/intake/: scheduler, close-behaviour):
 * the scheduler runs in main from the start; closing the window while watches are active asks (or does
 * what was remembered) whether to keep running in the background with a tray icon or to stop and quit;
 * quitting stops the watches first, so a pass in flight ends cleanly (it drains: the files on their way
 * finish, verified and flushed; nothing new starts).
 */
export function installIntakeShell(options: {
  app: App;
  services: Services;
  getWindow(): BrowserWindow | null;
  iconPath: string;
}): void {
  const { app, services, getWindow } = options;
  const intake = services.intake;
  let tray: Tray | null = null;
  let quitting = false;
  const language = async () => (await services.uiSettings.get().catch(() => undefined))?.language ?? 'nb';

  void intake.scheduler.start().catch((error: unknown) => {
    services.logger.error('intake scheduler did not start', { error: (error as Error)?.message });
  });

  const show = () => {
    const window = getWindow();
    if (!window) return;
    window.show();
    if (window.isMinimized()) window.restore();
    window.focus();
  };

  const quit = () => {
    quitting = true;
    tray?.destroy();
    tray = null;
    app.quit();
  };

  const toTray = async () => {
    getWindow()?.hide();
    const texts = trayTexts(await language(), await intake.activeCount());
    if (!tray) {
      tray = new Tray(nativeImage.createFromPath(options.iconPath));
      tray.on('click', show);
    }
    tray.setToolTip(texts.tooltip);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: texts.open, click: show },
        {
          label: texts.runAll,
          click: () => {
            void intake.list().then((watches) => {
              for (const w of watches) if (!w.paused && w.status.state !== 'stopped') void intake.runNow(w.id);
            });
          },
        },
        { type: 'separator' },
        { label: texts.quit, click: quit },
      ]),
    );
  };

  const onClose = async (window: BrowserWindow) => {
    const active = await intake.activeCount();
    const decision = closeDecision(active, (await intake.settings()).whenWindowCloses);
    if (decision === 'quit') return quit();
    if (decision === 'background') return toTray();
    const question = closeQuestion(await language(), active);
    const answer = await dialog.showMessageBox(window, {
      type: 'question',
      title: question.title,
      message: question.message,
      detail: question.detail,
      buttons: question.buttons,
      defaultId: 0,
      cancelId: 0,
      checkboxLabel: question.checkboxLabel,
    });
    const { choice, remember } = closeAnswer(answer.response, answer.checkboxChecked);
    if (remember) await intake.updateSettings(remember);
    if (choice === 'quit') quit();
    else await toTray();
  };

  app.on('browser-window-created', (_event, window) => {
    window.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      void onClose(window);
    });
  });

  // Stop the watches before the process ends: a pass in flight is cancelled cleanly.
  let stopped = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (stopped) return;
    event.preventDefault();
    void intake.scheduler.stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });

  app.on('second-instance', show);
  app.on('activate', show);
}

import type { Handler } from '../dispatch';
import { notFromDialog } from '../platform/file-handles';
import type { Services } from '../services';
import type { FolderTrust } from './folder-trust';

/** The Mottak view's channels. Folders come from the native dialog only (folder-trust.ts says why). */
export function intakeHandlers(s: Services, folders: FolderTrust) {
  const trusted = (target: string) => {
    if (!folders.isTrusted(target)) {
      throw notFromDialog();
    }
  };
  return {
    'intake:list': (() => s.intake.list()) satisfies Handler<'intake:list'>,
    'intake:create': (async ({ confirmProduction, paused, ...spec }) => {
      trusted(spec.target);
      return s.intake.create(spec, { confirmProduction, paused });
    }) satisfies Handler<'intake:create'>,
    'intake:update': (async ({ watchId, change, confirmProduction }) => {
      if (change.target) trusted(change.target);
      return s.intake.update(watchId, change, confirmProduction);
    }) satisfies Handler<'intake:update'>,
    'intake:remove': (({ watchId }) => s.intake.remove(watchId)) satisfies Handler<'intake:remove'>,
    'intake:pause': (({ watchId }) => s.intake.pause(watchId)) satisfies Handler<'intake:pause'>,
    'intake:resume': (({ watchId }) => s.intake.resume(watchId)) satisfies Handler<'intake:resume'>,
    'intake:run-now': (({ watchId }) => s.intake.runNow(watchId)) satisfies Handler<'intake:run-now'>,
    'intake:history': (({ watchId }) => s.intake.history(watchId)) satisfies Handler<'intake:history'>,
    'intake:open-folder': (async ({ watchId, instanceId }) => {
      await s.desktop.openPath(await s.intake.folderOf(watchId, instanceId));
      return { opened: true };
    }) satisfies Handler<'intake:open-folder'>,
    'intake:settings': (() => s.intake.settings()) satisfies Handler<'intake:settings'>,
    'intake:update-settings': (({ whenWindowCloses }) =>
      s.intake.updateSettings(whenWindowCloses)) satisfies Handler<'intake:update-settings'>,
  };
}

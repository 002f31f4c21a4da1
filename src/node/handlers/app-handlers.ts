import { AppError } from '../../common/errors/app-error';
import type { Handler } from '../dispatch';
import { isAllowedExternalUrl } from '../platform/external-links';
import { PRODUCT_NAME } from '../platform/home';
import type { Services } from '../services';

export function appHandlers(s: Services) {
  return {
    'app:info': (async () => {
      const keychain = await s.secrets.probe().catch((e: Error) => ({ available: false, detail: e.message }));
      return {
        name: PRODUCT_NAME,
        version: s.appVersion,
        platform: process.platform,
        arch: process.arch,
        home: s.home,
        keychain,
        electron: s.electronVersion,
        node: process.versions.node,
      };
    }) satisfies Handler<'app:info'>,
    'environments:list': (() => s.environments.list()) satisfies Handler<'environments:list'>,
    'settings:get': (() => s.uiSettings.get()) satisfies Handler<'settings:get'>,
    'settings:update': (async (input) => {
      if (input.environmentId) await s.environments.get(input.environmentId);
      return s.uiSettings.update(input);
    }) satisfies Handler<'settings:update'>,
    'shell:open-external': (async ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        throw new AppError('EXTERNAL_URL_NOT_ALLOWED', `Refused to open ${url}: not an https URL on the allowlist`);
      }
      await s.desktop.openExternal(url);
      return { opened: true };
    }) satisfies Handler<'shell:open-external'>,
  };
}

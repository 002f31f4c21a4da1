import { AppError } from '../../common/errors/app-error';
import type { Handler } from '../dispatch';
import { KeyFormatErrors } from '../keys/key-formats';
import type { FileHandles } from '../platform/file-handles';
import type { Services } from '../services';
import { deleteKeyConfirmedInMain } from './delete-key-in-main';

const IMPORT_FILTERS = [
  { name: 'Keys and certificates', extensions: ['pem', 'key', 'json', 'jwk', 'p12', 'pfx', 'der', 'txt', 'b64'] },
  { name: 'All files', extensions: ['*'] },
];

/** Main asks again with these: the same file, another try (the error carries a new handle for it). */
const PASSWORD_CODES: ReadonlySet<string> = new Set([
  KeyFormatErrors.KEY_PASSWORD_REQUIRED,
  KeyFormatErrors.KEY_WRONG_PASSWORD,
]);

/**
 * The Keys channels: metadata and public material out; file handles (never paths: file-handles.ts) and
 * user-typed secrets in.
 */
export function keysHandlers(s: Services, files: FileHandles) {
  const keys = s.keys;
  return {
    'keys:list': (() => keys.list()) satisfies Handler<'keys:list'>,
    'keys:generate': ((input) => keys.generate(input)) satisfies Handler<'keys:generate'>,
    'keys:import': (async ({ file, ...input }) => {
      const path = files.take(file, 'key-import');
      try {
        return await keys.importFile({ ...input, path });
      } catch (error) {
        if (!(error instanceof AppError) || !PASSWORD_CODES.has(error.code)) throw error;
        throw new AppError(error.code, error.message, {
          details: { ...error.details, file: files.issue(path, 'key-import') },
          cause: error,
        });
      }
    }) satisfies Handler<'keys:import'>,
    'keys:choose-import-file': (async () => {
      const path = await s.desktop.chooseOpenFile({
        title: 'Import a private key or certificate',
        filters: IMPORT_FILTERS,
      });
      return { file: path ? files.issue(path, 'key-import') : null };
    }) satisfies Handler<'keys:choose-import-file'>,
    'keys:rename': (({ id, name }) => keys.rename(id, name)) satisfies Handler<'keys:rename'>,
    'keys:set-kid': (({ id, kid }) => keys.setKid(id, kid)) satisfies Handler<'keys:set-kid'>,
    'keys:set-registered': (({ id, registeredAt }) =>
      keys.setRegisteredAt(id, registeredAt)) satisfies Handler<'keys:set-registered'>,
    'keys:delete': (({ id }) => deleteKeyConfirmedInMain(s, id)) satisfies Handler<'keys:delete'>,
    'keys:export-public-jwk': (({ id }) => keys.publicJwk(id)) satisfies Handler<'keys:export-public-jwk'>,
    'keys:copy-public-jwk': (async ({ id }) => {
      await s.desktop.writeClipboard(JSON.stringify(await keys.publicJwk(id), null, 2));
      return { copied: true as const };
    }) satisfies Handler<'keys:copy-public-jwk'>,
    'keys:copy-kid': (async ({ id }) => {
      await s.desktop.writeClipboard((await keys.get(id)).kid);
      return { copied: true as const };
    }) satisfies Handler<'keys:copy-kid'>,
    'keys:export': (async ({ ids, format, passphrase, confirmUnencrypted }) => {
      // Build the content first: a wrong passphrase or a missing confirmation fails before any dialog opens.
      const content = await keys.exportContent(ids, format, { passphrase, confirmUnencrypted });
      const path = await s.desktop.chooseSaveFile({
        title: content.private ? 'Save the private key' : 'Save the public key',
        defaultName: content.defaultName,
        filters: [
          {
            name: content.defaultName.endsWith('.json') ? 'JSON' : 'Key file',
            extensions: [extensionOf(content.defaultName)],
          },
        ],
      });
      if (!path) return { cancelled: true as const };
      await keys.writeExport(path, content);
      s.logger.info('key exported', { ids, format });
      return { path };
    }) satisfies Handler<'keys:export'>,
    'keys:vault-status': (() => keys.vaultStatus()) satisfies Handler<'keys:vault-status'>,
    'keys:vault-unlock': (({ passphrase }) => keys.unlockVault(passphrase)) satisfies Handler<'keys:vault-unlock'>,
    'keys:vault-use-passphrase': (({ passphrase }) =>
      keys.switchToPassphraseVault(passphrase)) satisfies Handler<'keys:vault-use-passphrase'>,
    'keys:vault-use-keychain': (() => keys.switchToKeychainVault()) satisfies Handler<'keys:vault-use-keychain'>,
  };
}

function extensionOf(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

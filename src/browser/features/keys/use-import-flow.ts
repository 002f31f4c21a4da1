import { useCallback, useState } from 'react';
import { isApiError } from '../../api';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useKeysStore } from '../../store/use-keys-store';

/** Main asks for a password with these codes; the view then asks the person and tries again. */
const PASSWORD_CODES = new Set(['KEY_PASSWORD_REQUIRED', 'KEY_WRONG_PASSWORD']);

export interface PasswordRequest {
  path: string;
  fileName: string;
  /** A password was given and main said it is wrong (not just "a password is needed"). */
  wrong: boolean;
}

function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/**
 * Import by path (issue 4: the renderer hands its file choice to main, which reads the file): the native
 * open dialog (keys:choose-import-file), then keys:import, then a password round when main asks for one.
 */
export function useImportFlow() {
  const chooseImportFile = useKeysStore((s) => s.chooseImportFile);
  const importKey = useKeysStore((s) => s.importKey);
  const { busy, error, setError, run } = useBusyAction();
  const [passwordRequest, setPasswordRequest] = useState<PasswordRequest | null>(null);

  const attempt = useCallback(
    async (path: string, password?: string) => {
      await run(async () => {
        try {
          await importKey({ path, ...(password !== undefined ? { password } : {}) });
          setPasswordRequest(null);
        } catch (e) {
          // A password round is a question for the person, not a failure to show.
          const asksPassword = isApiError(e) && PASSWORD_CODES.has(e.code);
          setPasswordRequest(asksPassword ? { path, fileName: fileNameOf(path), wrong: password !== undefined } : null);
          if (!asksPassword) throw e;
        }
      });
    },
    [importKey, run],
  );

  const start = useCallback(async () => {
    setError(undefined);
    let path: string | null;
    try {
      path = await chooseImportFile();
    } catch (e) {
      setError(e);
      return;
    }
    if (path) await attempt(path);
  }, [attempt, chooseImportFile, setError]);

  return {
    busy,
    error,
    dismissError: () => setError(undefined),
    passwordRequest,
    start,
    /** A file dropped on the window whose path the desktop shell could tell. */
    importPath: (path: string) => attempt(path),
    submitPassword: (password: string) => (passwordRequest ? attempt(passwordRequest.path, password) : undefined),
    cancelPassword: () => setPasswordRequest(null),
  };
}

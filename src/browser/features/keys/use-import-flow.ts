import { useCallback, useRef, useState } from 'react';
import type { PickedFile } from '../../../common/contract/files';
import { isApiError } from '../../api';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useKeysStore } from '../../store/use-keys-store';

/** Main asks for a password with these codes; the view then asks the person and tries again. */
const PASSWORD_CODES = new Set(['KEY_PASSWORD_REQUIRED', 'KEY_WRONG_PASSWORD']);

export interface PasswordRequest {
  /** The handle for the next try (main gives a new one with each password question) and the file's name. */
  file: PickedFile;
  /** One per file chosen: the password dialog stays the same dialog across tries. */
  attempt: number;
  /** A password was given and main said it is wrong (not just "a password is needed"). */
  wrong: boolean;
}

/** The handle main put in a password error for the next try (keys:import), if it did. */
function nextHandle(error: unknown): PickedFile | undefined {
  const file = isApiError(error) ? error.details?.file : undefined;
  const picked = file as Partial<PickedFile> | undefined;
  return typeof picked?.handle === 'string' && typeof picked.name === 'string'
    ? { handle: picked.handle, name: picked.name }
    : undefined;
}

/**
 * Import through main's handles (issue 17, finding 4: the window never names a path): the native open dialog
 * (keys:choose-import-file) or a dropped file main confirmed, then keys:import, then a password round when
 * main asks for one, each try with the new handle main handed back.
 */
export function useImportFlow() {
  const chooseImportFile = useKeysStore((s) => s.chooseImportFile);
  const importKey = useKeysStore((s) => s.importKey);
  const { busy, error, setError, run } = useBusyAction();
  const [passwordRequest, setPasswordRequest] = useState<PasswordRequest | null>(null);
  const attempts = useRef(0);

  const attempt = useCallback(
    async (file: PickedFile, password?: string, attemptNo = ++attempts.current) => {
      await run(async () => {
        try {
          await importKey({ file: file.handle, ...(password !== undefined ? { password } : {}) });
          setPasswordRequest(null);
        } catch (e) {
          // A password round is a question for the person, not a failure to show.
          const next = isApiError(e) && PASSWORD_CODES.has(e.code) ? nextHandle(e) : undefined;
          setPasswordRequest(next ? { file: next, attempt: attemptNo, wrong: password !== undefined } : null);
          if (!next) throw e;
        }
      });
    },
    [importKey, run],
  );

  const start = useCallback(async () => {
    setError(undefined);
    let file: PickedFile | null;
    try {
      file = await chooseImportFile();
    } catch (e) {
      setError(e);
      return;
    }
    if (file) await attempt(file);
  }, [attempt, chooseImportFile, setError]);

  return {
    busy,
    error,
    dismissError: () => setError(undefined),
    setError,
    passwordRequest,
    start,
    /** A file dropped on the window that main confirmed and gave a handle for. */
    importPicked: (file: PickedFile) => attempt(file),
    submitPassword: (password: string) =>
      passwordRequest ? attempt(passwordRequest.file, password, passwordRequest.attempt) : undefined,
    cancelPassword: () => setPasswordRequest(null),
  };
}

import { describe, expect, it } from 'vitest';
import { isTransientRenameError, renameRetrying } from '../../../src/node/platform/rename-retrying';

const errno = (code: string) => Object.assign(new Error(`${code}: rename`), { code });

/** A rename that fails with `codes` in turn, then succeeds; it counts its calls. */
function flaky(...codes: string[]) {
  const calls: string[] = [];
  const rename = async (from: string, to: string) => {
    calls.push(`${from}→${to}`);
    const code = codes.shift();
    if (code) throw errno(code);
  };
  return { rename, calls };
}

describe('rename, retried where Windows refuses it for a moment', () => {
  it('on Windows retries EPERM, EBUSY and EACCES (a virus scan holding the new file) until it succeeds', async () => {
    const f = flaky('EPERM', 'EBUSY', 'EACCES');
    await renameRetrying('a', 'b', { platform: 'win32', rename: f.rename, delaysMs: [1, 1, 1, 1] });
    expect(f.calls).toEqual(['a→b', 'a→b', 'a→b', 'a→b']);
  });

  it('gives up with the last error once its delays are used up', async () => {
    const f = flaky('EPERM', 'EPERM', 'EPERM');
    await expect(
      renameRetrying('a', 'b', { platform: 'win32', rename: f.rename, delaysMs: [1, 1] }),
    ).rejects.toMatchObject({ code: 'EPERM' });
    expect(f.calls).toHaveLength(3);
  });

  it('does not retry elsewhere, where EPERM is a real permission error, nor errors that do not pass', async () => {
    const linux = flaky('EPERM');
    await expect(renameRetrying('a', 'b', { platform: 'linux', rename: linux.rename })).rejects.toMatchObject({
      code: 'EPERM',
    });
    expect(linux.calls).toHaveLength(1);
    const missing = flaky('ENOENT');
    await expect(renameRetrying('a', 'b', { platform: 'win32', rename: missing.rename })).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(missing.calls).toHaveLength(1);
  });

  it('knows which errors are transient', () => {
    expect(isTransientRenameError(errno('EBUSY'), 'win32')).toBe(true);
    expect(isTransientRenameError(errno('EBUSY'), 'darwin')).toBe(false);
    expect(isTransientRenameError(errno('ENOSPC'), 'win32')).toBe(false);
    expect(isTransientRenameError(undefined, 'win32')).toBe(false);
  });
});

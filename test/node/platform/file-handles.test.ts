import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/common/errors/app-error';
import { ACT_DATA_HANDLE_TTL_MS, createFileHandles, FILE_HANDLE_TTL_MS } from '../../../src/node/platform/file-handles';
import { isNetworkOrDevicePath } from '../../../src/node/platform/network-path';

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (error) {
    return error instanceof AppError ? error.code : `non-AppError: ${String(error)}`;
  }
}

describe('file handles (issue 17, finding 4)', () => {
  it('hands out an unguessable handle and the name, and gives the path back once', () => {
    const files = createFileHandles({ now: () => 0 });
    const picked = files.issue('/home/me/keys/mottak.p12', 'key-import');
    expect(picked.name).toBe('mottak.p12');
    expect(picked.handle).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(picked.handle).not.toContain('mottak');
    expect(files.take(picked.handle, 'key-import')).toBe('/home/me/keys/mottak.p12');
    expect(codeOf(() => files.take(picked.handle, 'key-import'))).toBe('PATH_NOT_FROM_DIALOG');
  });

  it('never hands out the same handle twice', () => {
    const files = createFileHandles({ now: () => 0 });
    const handles = new Set(Array.from({ length: 500 }, () => files.issue('/k.pem', 'key-import').handle));
    expect(handles.size).toBe(500);
  });

  it('answers one and the same code for a forged, a path, an expired or a used handle', () => {
    let now = 1_000;
    const files = createFileHandles({ now: () => now });
    const expired = files.issue('/k.pem', 'key-import');
    now += FILE_HANDLE_TTL_MS;
    const codes = [
      codeOf(() => files.take('A'.repeat(43), 'key-import')),
      codeOf(() => files.take('/k.pem', 'key-import')),
      codeOf(() => files.take(expired.handle, 'key-import')),
      codeOf(() => files.take('', 'key-import')),
    ];
    expect(new Set(codes)).toEqual(new Set(['PATH_NOT_FROM_DIALOG']));
    // A fresh one still works, just inside its time.
    const fresh = files.issue('/k.pem', 'key-import');
    now += FILE_HANDLE_TTL_MS - 1;
    expect(files.take(fresh.handle, 'key-import')).toBe('/k.pem');
  });

  it('a file to upload lives 30 minutes from its pick; a key file and a prefill file five', () => {
    let now = 0;
    const files = createFileHandles({ now: () => now });
    const upload = files.issue('/docs/vedtak.pdf', 'act-data');
    const prefill = files.issue('/docs/prefill.json', 'act-prefill');
    now = FILE_HANDLE_TTL_MS;
    expect(codeOf(() => files.take(prefill.handle, 'act-prefill'))).toBe('PATH_NOT_FROM_DIALOG');
    now = ACT_DATA_HANDLE_TTL_MS - 1;
    expect(files.take(upload.handle, 'act-data')).toBe('/docs/vedtak.pdf');
    // Purposes do not mix.
    const key = files.issue('/docs/vedtak.pdf', 'key-import');
    expect(codeOf(() => files.take(key.handle, 'act-data'))).toBe('PATH_NOT_FROM_DIALOG');
  });

  it("renews a taken handle once, for the same file and purpose, with the pick's deadline", () => {
    let now = 0;
    const files = createFileHandles({ now: () => now });
    const picked = files.issue('/docs/vedtak.pdf', 'act-data');
    now = 20 * 60_000;
    const taken = files.takeRenewable(picked.handle, 'act-data');
    expect(taken.path).toBe('/docs/vedtak.pdf');
    expect(codeOf(() => files.take(picked.handle, 'act-data'))).toBe('PATH_NOT_FROM_DIALOG');
    const again = taken.renew();
    expect(again.name).toBe('vedtak.pdf');
    expect(again.handle).not.toBe(picked.handle);
    // Asked twice, one new handle: a failed use cannot mint many.
    expect(taken.renew()).toEqual(again);
    now = ACT_DATA_HANDLE_TTL_MS - 1;
    const second = files.takeRenewable(again.handle, 'act-data').renew();
    // 30 minutes after the pick its renewals are dead too, however recently they were renewed.
    now = ACT_DATA_HANDLE_TTL_MS;
    expect(codeOf(() => files.take(second.handle, 'act-data'))).toBe('PATH_NOT_FROM_DIALOG');
  });

  it.each([
    '\\\\server\\share\\key.pem',
    '//server/share/key.pem',
    '\\\\?\\C:\\keys\\key.pem',
    '\\\\.\\pipe\\x',
    '\\??\\C:\\keys\\key.pem',
    '\\/server/share',
  ])('refuses the network or device path %s', (path) => {
    expect(isNetworkOrDevicePath(path)).toBe(true);
    const files = createFileHandles({ now: () => 0 });
    expect(codeOf(() => files.issue(path, 'key-import'))).toBe('NETWORK_PATH_REFUSED');
  });

  it.each(['/home/me/key.pem', 'C:\\Users\\me\\key.pem', 'Z:\\share\\key.pem', '\\Users\\me\\key.pem'])(
    'takes the local path %s',
    (path) => {
      expect(isNetworkOrDevicePath(path)).toBe(false);
    },
  );
});

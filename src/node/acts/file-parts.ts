import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FileFacts } from '../../common/contract/instance-acts';
import { ActErrors } from '../../common/errors/act-errors';
import { AppError } from '../../common/errors/app-error';
import { contentTypeFor } from './content-types';
import { checkPrefill, type DataPart } from './local-checks';

/**
 * The one place where a path becomes a file to send. The paths come from the command line (its user types
 * them), or from main's handlers for the window, which take them from one-time handles (file-handles.ts:
 * main's own dialog or its confirmation of a dropped file); the window never names a path.
 */

/** The app's request size limit (app-lib InstancesController/DataController `RequestSizeLimit`, 2000 MB). */
const MAX_FILE_BYTES = 2000 * 1024 * 1024;
/** A prefill file is a small JSON object. */
const MAX_PREFILL_BYTES = 1024 * 1024;

async function statFile(path: string): Promise<number> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    size = s.size;
  } catch (error) {
    throw unreadable(path, error);
  }
  return size;
}

function unreadable(path: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  const why =
    code === 'ENOENT'
      ? 'does not exist'
      : code === 'EISDIR'
        ? 'is not a file'
        : code === 'EACCES'
          ? 'may not be read'
          : `cannot be read (${code || String(error)})`;
  return new AppError(ActErrors.FILE_UNREADABLE, `${basename(path)} ${why}`, {
    details: { outcome: 'not-sent', file: basename(path) },
  });
}

/** Name, size and the content type a file would be sent with (the window shows them before sending). */
export async function inspectFile(path: string, contentType?: string): Promise<FileFacts> {
  const size = await statFile(path);
  const name = basename(path);
  return { name, size, contentType: contentType ?? contentTypeFor(name) };
}

/** A file read to be sent as a data element of `dataType`. */
export async function readDataPart(path: string, dataType: string, contentType?: string): Promise<DataPart> {
  const size = await statFile(path);
  const filename = basename(path);
  if (size > MAX_FILE_BYTES) {
    throw new AppError(ActErrors.FILE_TOO_LARGE, `${filename} is larger than the 2000 MB an app takes in one request`, {
      details: { outcome: 'not-sent', size },
    });
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw unreadable(path, error);
  }
  return { dataType, filename, contentType: contentType ?? contentTypeFor(filename), bytes };
}

/** A prefill JSON file: a flat object of data-model paths to values (local-checks.ts checkPrefill). */
export async function readPrefillFile(path: string): Promise<Record<string, string>> {
  const size = await statFile(path);
  if (size > MAX_PREFILL_BYTES) {
    throw new AppError(
      ActErrors.PREFILL_INVALID,
      `${basename(path)} is larger than 1 MB; prefill is a small JSON object`,
      {
        details: { outcome: 'not-sent' },
      },
    );
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw unreadable(path, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AppError(ActErrors.PREFILL_INVALID, `${basename(path)} is not JSON: ${(error as Error).message}`, {
      details: { outcome: 'not-sent' },
    });
  }
  return checkPrefill(json);
}

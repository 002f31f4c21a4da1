import { createHash } from 'node:crypto';
import type { ElementPreview } from '../../common/contract/preview';
import { AppError } from '../../common/errors/app-error';
import { PreviewErrors } from '../../common/errors/preview-errors';
import { checkFor, trustedContentHash } from '../../common/schemas/content-hash';
import type { DataElement } from '../../common/schemas/instance-types';
import { systemOpenFor } from '../../common/schemas/system-open';
import { extensionFor, sanitizeFilename } from '../downloads/safe-filename';
import { defaultRetryPolicy, type RetryPolicy, withRetry } from '../platform/retry';
import { elementOpener } from '../storage/element-opener';
import type { StorageContext } from '../storage/storage-context';
import type { StreamResponse } from '../storage/stream-get';
import { checkContent } from './content-check';
import { previewKindOf } from './content-kind';

/** The most a preview reads: bytes travel whole through IPC and sit in the renderer's memory. */
export const PREVIEW_MAX_BYTES = 50 * 1024 * 1024;

export interface PreviewServiceOptions {
  storageFor(profileId: string): Promise<StorageContext>;
  maxBytes?: number;
  retry?: RetryPolicy;
}

/**
 * One data element for the preview, fetched fresh from Altinn so the decision rests on Storage's current
 * metadata, not on what the window last saw: only elements Storage's virus scan calls `Clean` or
 * `NotApplicable` (scanning off) are read (altinn-storage `FileScanResult`: NotApplicable, Pending, Clean,
 * Infected; §3.3); the size cap is checked against the declared size before reading and against the bytes
 * while they arrive; size and MD5 are checked as for a download; and the bytes must be what the type says
 * (content-check.ts). Types without a preview are not read at all.
 */
export function createPreviewService(options: PreviewServiceOptions) {
  const maxBytes = options.maxBytes ?? PREVIEW_MAX_BYTES;
  const retry = options.retry ?? { ...defaultRetryPolicy, maxAttempts: 3 };

  return {
    maxBytes,
    async element(
      profileId: string,
      instanceId: string,
      elementId: string,
      signal?: AbortSignal,
    ): Promise<ElementPreview> {
      const { client } = await options.storageFor(profileId);
      const instance = await client.getInstance(instanceId, signal);
      const element = (instance.data ?? []).find((d) => d.id.toLowerCase() === elementId.toLowerCase());
      if (!element) {
        throw new AppError(PreviewErrors.ELEMENT_NOT_FOUND, `Instance ${instanceId} has no data element ${elementId}`);
      }
      assertScanned(element);
      const { kind, contentType } = previewKindOf(element.contentType, element.filename);
      const base = { kind, contentType, filename: element.filename ?? null, size: element.size ?? 0 };
      if (kind === 'other') return { ...base, systemOpen: systemOpenFor(nameOnDisk(element)) };
      if (element.size != null && element.size > maxBytes) throw tooLarge(element.size, maxBytes);

      const open = elementOpener(client, instance, element);
      const bytes = await withRetry(async () => readCapped(await open({ signal }), maxBytes), {
        policy: retry,
        signal,
      });
      assertWhole(element, bytes);
      const checked = checkContent(kind, contentType, bytes);
      if (!checked.ok) {
        throw new AppError(
          PreviewErrors.TYPE_MISMATCH,
          `${element.filename ?? element.id} is declared as ${contentType} but ${checked.reason}`,
          { details: { contentType } },
        );
      }
      const check = checkFor(element);
      return checked.text === undefined
        ? { ...base, size: bytes.length, encoding: 'base64', data: bytes.toString('base64'), check }
        : { ...base, size: bytes.length, encoding: 'text', data: checked.text, check };
    },
  };
}

export type PreviewService = ReturnType<typeof createPreviewService>;

/** Only what Storage's scan cleared (or never scans) is shown; absent means NotApplicable, the enum's default. */
function assertScanned(element: DataElement): void {
  const scan = element.fileScanResult ?? 'NotApplicable';
  if (scan === 'Clean' || scan === 'NotApplicable') return;
  if (scan === 'Infected') {
    throw new AppError(PreviewErrors.INFECTED, `Altinn's virus scan marked ${element.filename ?? element.id} Infected`);
  }
  throw new AppError(
    PreviewErrors.NOT_SCANNED,
    `Altinn's virus scan of ${element.filename ?? element.id} is ${scan.slice(0, 40)}, not Clean`,
    { details: { fileScanResult: scan.slice(0, 40) } },
  );
}

/** The body, refused as soon as it passes `maxBytes` (the connection is dropped, nothing more is read). */
function readCapped(response: StreamResponse, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.header('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.body.destroy();
    return Promise.reject(tooLarge(declared, maxBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const body = response.body;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        body.destroy();
        reject(tooLarge(size, maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    body.once('end', () => {
      // The answer's own length (RFC 9110 §8.6), beside Storage's size (assertWhole).
      if (Number.isFinite(declared) && declared !== size) {
        reject(new AppError(PreviewErrors.INCOMPLETE, `Got ${size} bytes; the answer said ${declared}`));
        return;
      }
      resolve(Buffer.concat(chunks, size));
    });
    body.once('error', reject);
    body.once('close', () => {
      if (!body.readableEnded && size <= maxBytes) {
        reject(
          Object.assign(new Error('The connection closed before the body ended'), {
            code: 'ERR_STREAM_PREMATURE_CLOSE',
          }),
        );
      }
    });
  });
}

/**
 * The same checks as a download, so a torn body is never shown: Storage's size, and MD5 only where
 * Storage's hash still describes the bytes (not changed since created, common/schemas/content-hash.ts).
 */
function assertWhole(element: DataElement, bytes: Buffer): void {
  if (element.size != null && bytes.length !== element.size) {
    throw new AppError(
      PreviewErrors.INCOMPLETE,
      `Got ${bytes.length} bytes of ${element.filename ?? element.id}; Storage says ${element.size}`,
    );
  }
  const md5 = trustedContentHash(element);
  if (md5 && createHash('md5').update(bytes).digest('base64') !== md5) {
    throw new AppError(
      PreviewErrors.INCOMPLETE,
      `The MD5 of ${element.filename ?? element.id} does not match Storage's`,
    );
  }
}

/** The name the element gets in a download folder, as folder-layout.ts gives it (its extension is what counts). */
function nameOnDisk(element: DataElement): string {
  const fallback = sanitizeFilename(
    `${element.dataType || 'data'}-${element.id}${extensionFor(element.contentType)}`,
    `data-${element.id}.bin`,
  );
  return sanitizeFilename(element.filename ?? '', fallback);
}

function tooLarge(size: number, maxBytes: number): AppError {
  return new AppError(PreviewErrors.TOO_LARGE, `${size} bytes is more than the preview's ${maxBytes}`, {
    details: { size, maxBytes },
  });
}

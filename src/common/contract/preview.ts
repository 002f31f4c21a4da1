import { z } from 'zod';
import type { VerifiedBy } from '../schemas/content-hash';
import { instanceIdSchema } from '../schemas/instance-types';
import type { SystemOpen } from '../schemas/system-open';
import { channel } from './define';

/**
 * How an element is shown: pdf.js, a foldable tree (xml, json), an <img>, plain text, or — for every other
 * type — "open with" the system app from the downloaded copy.
 */
export type PreviewKind = 'pdf' | 'xml' | 'json' | 'image' | 'text' | 'other';

/** One data element's bytes for the preview, checked in main (scan state, size cap, bytes match the type). */
export interface ElementPreview {
  kind: PreviewKind;
  /** The type the bytes were checked against (for images: the one their magic number names). */
  contentType: string;
  filename: string | null;
  size: number;
  /**
   * `base64` for pdf and image (results pass through JSON in the e2e harness, and through IPC unchanged);
   * `text` for xml, json and text (decoded to a string in main); absent for `other`, whose bytes are not read.
   */
  encoding?: 'base64' | 'text';
  data?: string;
  /**
   * How the bytes read were checked: `md5` against Storage's contentHash where that still describes them,
   * else `size` (common/schemas/content-hash.ts). Absent for `other`, whose bytes are not read.
   */
  check?: VerifiedBy;
  /**
   * For `other`: open the downloaded copy with the system's program, or only show it in its folder, and
   * why (common/schemas/system-open.ts) — decided in main from the name the file gets on disk.
   */
  systemOpen?: SystemOpen;
}

/** Altinn data element ids are GUIDs (§3.3). */
export const elementIdSchema = z
  .string()
  .regex(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    'a data element id is a GUID',
  );

const profileId = z.string().min(1).max(64);

export const previewChannels = {
  /** Fetch one element for the preview (app API first, Storage as fallback); tokens stay in main. */
  'preview:element': channel<ElementPreview>()(
    z.strictObject({ profileId, instanceId: instanceIdSchema, elementId: elementIdSchema }),
  ),
  /**
   * Open a downloaded, verified copy with the system's app. `folder` is a download folder the user picked or a
   * job wrote to; without it, main looks in the folders of this session's download jobs, newest first.
   */
  'preview:open-downloaded': channel<{ opened: boolean; path: string }>()(
    z.strictObject({ elementId: elementIdSchema, folder: z.string().min(1).max(4096).optional() }),
  ),
  /**
   * Show the downloaded, verified copy in its folder (the file manager with the file selected), for types
   * the app does not open: macros, archives, e-mail, anything that may run (common/schemas/system-open.ts).
   */
  'preview:show-downloaded': channel<{ shown: boolean; path: string }>()(
    z.strictObject({ elementId: elementIdSchema, folder: z.string().min(1).max(4096).optional() }),
  ),
};

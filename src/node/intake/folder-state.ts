import { stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { PassFile, PassInstance } from '../../common/contract/intake';
import type { Instance } from '../../common/schemas/instance-types';
import { unverifiedElements } from '../downloads/confirm';
import { INSTANCE_JSON, instanceFolder, manifestPath } from '../downloads/folder-layout';
import type { Manifest } from '../downloads/manifest';
import { confirmedBy } from '../storage/instance-summary';

/**
 * What the download folder already holds of an instance, from its manifest (`.mpd-manifest.json`): the
 * sync pass takes only what is not settled there, so an instance listed again (the `gte` boundary, a
 * pass after a crash, confirm off) costs no data request.
 */
export interface FolderView {
  target: string;
  manifest: Manifest;
  infected: Set<string>;
}

export function folderView(target: string, manifest: Manifest): FolderView {
  return { target, manifest, infected: new Set(manifest.infected().map((i) => i.elementId)) };
}

export interface Settledness {
  /**
   * Every element verified on disk (its size; its MD5 where Storage's hash still describes it; the file
   * present), except those recorded as infected.
   */
  saved: boolean;
  infected: number;
  confirmed: boolean;
  /** Nothing more a pass can do: saved, and confirmed when asked (an instance with an infected file is never confirmed). */
  settled: boolean;
}

export async function settledness(
  view: FolderView,
  instance: Instance,
  options: { confirm: boolean; org: string },
): Promise<Settledness> {
  const missing = await unverifiedElements(view.target, instance, view.manifest);
  const infected = missing.filter((id) => view.infected.has(id)).length;
  const hasJson = await stat(join(instanceFolder(view.target, instance), INSTANCE_JSON)).then(
    (s) => s.isFile(),
    () => false,
  );
  const saved = hasJson && missing.length === infected;
  const confirmed = view.manifest.isConfirmed(instance.id) || confirmedBy(instance, options.org);
  return { saved, infected, confirmed, settled: saved && (!options.confirm || confirmed || infected > 0) };
}

/** The history's view of an instance a pass brought: its folder and files, as saved. */
export function passInstance(view: FolderView, instance: Instance, state: Settledness): PassInstance {
  const files: PassFile[] = (instance.data ?? []).map((element) => {
    const entry = view.manifest.verified(element.id);
    return {
      elementId: element.id,
      filename: entry ? posix.basename(entry.path) : (element.filename ?? null),
      contentType: element.contentType ?? null,
      size: element.size ?? entry?.size ?? 0,
      fileScanResult: element.fileScanResult ?? null,
      saved: entry !== undefined && !view.infected.has(element.id),
      ...(entry ? { check: entry.check } : {}),
    };
  });
  return {
    id: instance.id,
    owner: {
      partyId: instance.instanceOwner?.partyId ?? null,
      organisationNumber: instance.instanceOwner?.organisationNumber ?? null,
      personNumber: instance.instanceOwner?.personNumber ?? null,
    },
    lastChanged: instance.lastChanged ?? null,
    confirmed: state.confirmed,
    saved: state.saved,
    folder: manifestPath(view.target, instanceFolder(view.target, instance)),
    files,
  };
}

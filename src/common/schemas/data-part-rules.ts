// No zod here: the "Ny instans" dialog shows these problems beside each file as it is picked, and main
// checks the same rules before it sends (src/node/acts/local-checks.ts). Issue 22 (bulk send) reuses them.

/**
 * What a file must be for a data type of the app (app-lib RequestPartValidator.cs:26-106,
 * DataRestrictionValidation.cs:22-147, DataElementAccessChecker.cs; shared/reference/maskinporten-altinn.md §3.7).
 */
export interface DataTypeRules {
  id: string;
  /** Empty: any type. */
  allowedContentTypes: readonly string[];
  /** MB; null: no limit. */
  maxSizeMb: number | null;
  /** 0: unbounded. */
  maxCount: number;
  /** A data model (`appLogic.classRef`): XML or JSON form data. */
  form: boolean;
  /** `ref-data-as-pdf`: the app makes it; it is never uploaded. */
  readOnly: boolean;
}

export type DataPartProblem =
  | { kind: 'read-only' }
  | { kind: 'empty' }
  | { kind: 'form-type' }
  | { kind: 'no-extension' }
  | { kind: 'too-large'; maxBytes: number }
  | { kind: 'type-not-allowed'; allowed: readonly string[] };

export const OCTET_STREAM = 'application/octet-stream';

/** The extension of a file name, lower case without the dot; '' when there is none. */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 && dot < fileName.length - 1 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/** The media type without parameters, lower case: "application/pdf" of "Application/PDF; q=1". */
export function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/** The first thing wrong with a file for a data type, or undefined. The checks run in the app's order. */
export function dataPartProblem(
  rules: DataTypeRules,
  file: { name: string; size: number; contentType: string },
): DataPartProblem | undefined {
  if (rules.readOnly) return { kind: 'read-only' };
  if (file.size === 0) return { kind: 'empty' };
  const media = mediaType(file.contentType);
  if (rules.form && !media.includes('application/xml') && !media.includes('application/json')) {
    // ModelSerializationService.cs:174-236: anything else, text/xml included, is 415.
    return { kind: 'form-type' };
  }
  if (!rules.form && !extensionOf(file.name)) return { kind: 'no-extension' };
  const maxBytes = rules.maxSizeMb != null && rules.maxSizeMb > 0 ? rules.maxSizeMb * 1024 * 1024 : undefined;
  if (maxBytes !== undefined && file.size > maxBytes) return { kind: 'too-large', maxBytes };
  if (rules.allowedContentTypes.length > 0 && allowedSpelling(rules, file.contentType) === undefined) {
    return { kind: 'type-not-allowed', allowed: rules.allowedContentTypes };
  }
  return undefined;
}

/**
 * The content type as the app lists it, matched without case (the data route compares case-insensitively,
 * the multipart one exactly: sending the app's spelling satisfies both); the file's own when the list is
 * empty or takes application/octet-stream; undefined when it is not allowed.
 */
export function allowedSpelling(
  rules: Pick<DataTypeRules, 'allowedContentTypes'>,
  contentType: string,
): string | undefined {
  const allowed = rules.allowedContentTypes;
  if (allowed.length === 0) return contentType;
  const media = mediaType(contentType);
  const match = allowed.find((a) => mediaType(a) === media);
  if (match) return match;
  return allowed.some((a) => mediaType(a) === OCTET_STREAM) ? contentType : undefined;
}

/** The data types that would hold more than `maxCount` elements: existing plus adding. */
export function countProblems(
  types: readonly Pick<DataTypeRules, 'id' | 'maxCount'>[],
  adding: readonly { dataType: string }[],
  existing: readonly { dataType?: string | null }[] = [],
): { dataType: string; maxCount: number; existing: number; adding: number }[] {
  const out: { dataType: string; maxCount: number; existing: number; adding: number }[] = [];
  for (const type of types) {
    if (type.maxCount <= 0) continue;
    const add = adding.filter((p) => p.dataType === type.id).length;
    if (add === 0) continue;
    const have = existing.filter((e) => e.dataType === type.id).length;
    if (have + add > type.maxCount)
      out.push({ dataType: type.id, maxCount: type.maxCount, existing: have, adding: add });
  }
  return out;
}

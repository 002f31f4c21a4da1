import type { OwnerKind } from '../../common/contract/instance-acts';
import { ActErrors, WRITE_SCOPE } from '../../common/errors/act-errors';
import { AppError } from '../../common/errors/app-error';
import type { ApplicationMetadata } from '../../common/schemas/application-metadata';
import { allowedSpelling, countProblems, dataPartProblem, mediaType } from '../../common/schemas/data-part-rules';
import { normalizePartyNumber, ownerNumberProblem, type PartyNumberProblem } from '../../common/schemas/party-numbers';
import { dataTypeView } from './app-metadata';

/**
 * What can be checked before anything is sent (issue 19, item 1): the owner's checksum, the prefill's shape,
 * the data types, content types, sizes and counts against the app's metadata, the dates, the profile's
 * scope. A refusal here is an AppError with `outcome: not-sent`: no write left the machine.
 */

function refuse(code: string, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(code, message, { details: { ...details, outcome: 'not-sent' } });
}

const OWNER_NAMES: Record<OwnerKind, string> = {
  org: 'organisation number',
  person: 'national identity number',
  party: 'party id',
};
const PROBLEM_TEXT: Record<PartyNumberProblem, string> = {
  empty: 'is empty',
  'not-digits': 'has characters that are not digits',
  length: 'has the wrong number of digits',
  checksum: 'fails its mod-11 check digit',
};

/** The owner as Altinn's instance template names it, after the checksum (party-numbers.ts). */
export function checkOwner(owner: { kind: OwnerKind; value: string }): { kind: OwnerKind; value: string } {
  const value = normalizePartyNumber(owner.value);
  const problem = ownerNumberProblem(owner.kind, value);
  if (problem) {
    // The number itself is not repeated in the message: a national identity number is personal data.
    throw refuse(ActErrors.OWNER_INVALID, `The ${OWNER_NAMES[owner.kind]} ${PROBLEM_TEXT[problem]}`, {
      kind: owner.kind,
      problem,
    });
  }
  return { kind: owner.kind, value };
}

/** Altinn's instance owner member for each way of naming the owner (Instance.InstanceOwner). */
export function ownerTemplate(owner: { kind: OwnerKind; value: string }): Record<string, string> {
  if (owner.kind === 'org') return { organisationNumber: owner.value };
  if (owner.kind === 'person') return { personNumber: owner.value };
  return { partyId: owner.value };
}

/** A data-model path as prefill takes it: names separated by dots (PrefillSI.cs splits on "." and drops "-"). */
const PATH = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/;
const MAX_PREFILL = 1000;

/**
 * Prefill: a flat object of data-model paths to values (`prefill: {string: string}`, app-lib
 * InstansiationInstance.cs:16-41). Numbers and true/false are written as text, as Newtonsoft reads them into
 * the string map; objects, lists and null are refused.
 */
export function checkPrefill(raw: unknown): Record<string, string> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw refuse(ActErrors.PREFILL_INVALID, 'Prefill must be a JSON object of data-model paths to values');
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > MAX_PREFILL) {
    throw refuse(ActErrors.PREFILL_INVALID, `Prefill has ${entries.length} fields; at most ${MAX_PREFILL} are sent`);
  }
  const out: Record<string, string> = {};
  for (const [path, value] of entries) {
    if (!PATH.test(path)) {
      throw refuse(ActErrors.PREFILL_INVALID, `Prefill path "${path.slice(0, 80)}" is not a data-model path (a.b.c)`, {
        path: path.slice(0, 80),
      });
    }
    if (typeof value === 'string') out[path] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[path] = String(value);
    else {
      throw refuse(
        ActErrors.PREFILL_INVALID,
        `Prefill "${path}" must be text, a number or true/false, not ${value === null ? 'null' : Array.isArray(value) ? 'a list' : 'an object'}: write each field as its own path`,
        { path },
      );
    }
  }
  return out;
}

/** `PATH=VALUE` from the command line (the first "=" splits). */
export function splitAssignment(text: string): [string, string] | undefined {
  const at = text.indexOf('=');
  return at > 0 ? [text.slice(0, at), text.slice(at + 1)] : undefined;
}

/** An ISO 8601 date or date-time (visibleAfter, dueBefore), as Storage's DateTime reads it. */
export function checkDate(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const ok =
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) &&
    Number.isFinite(Date.parse(value));
  if (!ok)
    throw refuse(ActErrors.DATE_INVALID, `${name} "${value.slice(0, 40)}" is not an ISO 8601 date`, { field: name });
  return value;
}

/** Presentation texts or data values: keys not empty. Altinn merges them in; an empty value keeps the old one. */
export function checkTexts(map: Record<string, string> | undefined, name: string): Record<string, string> | undefined {
  if (map === undefined) return undefined;
  for (const key of Object.keys(map)) {
    if (key.trim() === '') throw refuse(ActErrors.TEXTS_INVALID, `${name}: a key is empty`, { field: name });
  }
  return map;
}

/** The profile may write: it asks for `altinn:serviceowner/instances.write` (reference §2, §3.7 "Who may write"). */
export function checkWriteScope(profile: { name: string; scopes: readonly string[] }): void {
  if (!profile.scopes.includes(WRITE_SCOPE)) {
    throw new AppError(
      ActErrors.WRITE_SCOPE_MISSING,
      `Profile "${profile.name}" does not have the scope ${WRITE_SCOPE}, which Altinn requires to create instances, upload data and change process and status`,
      { details: { outcome: 'not-sent', scope: WRITE_SCOPE } },
    );
  }
}

/** A file to send as a data element, before the checks. */
export interface DataPart {
  dataType: string;
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

/**
 * One file against its data type, by the rules the window shows too (src/common/schemas/data-part-rules.ts):
 * the type exists and is not the app's own receipt; form data is XML or JSON; a binary file has a name with
 * an extension; it is not empty, fits `maxSize` (MB) and has an allowed content type. Returns the part with
 * the content type spelled as the app lists it (the multipart check is case-sensitive).
 */
export function checkPart(metadata: ApplicationMetadata, part: DataPart): DataPart {
  const checked = checkPartInfo(metadata, { ...part, size: part.bytes.length });
  return { ...part, contentType: checked.contentType };
}

/** A file to send, known by its size before its bytes are read (the bulk send checks every row first). */
export interface DataPartInfo {
  dataType: string;
  filename: string;
  contentType: string;
  size: number;
}

/** checkPart on a file's name, size and content type: the same checks, the same errors. */
export function checkPartInfo<T extends DataPartInfo>(metadata: ApplicationMetadata, part: T): T {
  const raw = metadata.dataTypes.find((d) => d.id === part.dataType);
  const about = { dataType: part.dataType, filename: part.filename };
  if (!raw) {
    throw refuse(
      ActErrors.DATA_TYPE_UNKNOWN,
      `${metadata.id} has no data type "${part.dataType}" (it has: ${metadata.dataTypes.map((d) => d.id).join(', ')})`,
      { ...about, known: metadata.dataTypes.map((d) => d.id) },
    );
  }
  const rules = dataTypeView(raw);
  const file = { name: part.filename, size: part.size, contentType: part.contentType };
  const problem = dataPartProblem(rules, file);
  switch (problem?.kind) {
    case undefined:
      return { ...part, contentType: allowedSpelling(rules, part.contentType) ?? part.contentType };
    case 'read-only':
      throw refuse(ActErrors.ELEMENT_READ_ONLY, `${rules.id} is made by the app and cannot be uploaded`, about);
    case 'empty':
      throw refuse(ActErrors.FILE_EMPTY, `${part.filename} is empty`, about);
    case 'form-type':
      throw refuse(
        ActErrors.CONTENT_TYPE_NOT_ALLOWED,
        `${rules.id} is form data: send it as application/xml or application/json, not ${part.contentType}`,
        { ...about, contentType: part.contentType, allowed: ['application/xml', 'application/json'] },
      );
    case 'no-extension':
      throw refuse(ActErrors.FILE_NAME_INVALID, `${part.filename} has no file extension; Altinn needs one`, about);
    case 'too-large':
      throw refuse(
        ActErrors.FILE_TOO_LARGE,
        `${part.filename} is ${part.size} bytes; ${rules.id} takes at most ${rules.maxSizeMb} MB (${problem.maxBytes} bytes)`,
        { ...about, size: part.size, maxBytes: problem.maxBytes },
      );
    case 'type-not-allowed':
      throw refuse(
        ActErrors.CONTENT_TYPE_NOT_ALLOWED,
        `${part.filename} is ${mediaType(part.contentType)}; ${rules.id} takes ${problem.allowed.join(', ')}`,
        { ...about, contentType: mediaType(part.contentType), allowed: problem.allowed },
      );
  }
}

/** How many elements of each type the instance would have: at most `maxCount` when it is > 0. */
export function checkCounts(
  metadata: ApplicationMetadata,
  parts: readonly { dataType: string }[],
  existing: readonly { dataType?: string | null }[] = [],
): void {
  const [over] = countProblems(metadata.dataTypes.map(dataTypeView), parts, existing);
  if (over) {
    throw refuse(
      ActErrors.TOO_MANY_FILES,
      `${over.dataType} takes at most ${over.maxCount} element(s) per instance; this would make ${over.existing + over.adding}`,
      over,
    );
  }
}

import { z } from 'zod';
import { channel } from './define';
import { fileHandleSchema, type PickedFile } from './files';

/**
 * Keys: metadata and public material only. Private key material never appears in any result type here;
 * import takes a handle main gave for a file chosen in its own dialog (or a dropped file it confirmed), never a
 * path; export writes through a native save dialog in main.
 */

export type VaultKind = 'keychain' | 'passphrase';
export type KeySource = 'generated' | 'imported';
export type ImportFormat =
  | 'pkcs8-pem'
  | 'pkcs1-pem'
  | 'encrypted-pkcs8-pem'
  | 'encrypted-pkcs1-pem'
  | 'pkcs8-der'
  | 'pkcs1-der'
  | 'encrypted-pkcs8-der'
  | 'jwk'
  | 'jwk-base64'
  | 'pkcs12';

export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** ISO 8601 timestamps. */
  notBefore: string;
  notAfter: string;
  serialNumber: string;
  fingerprintSha256: string;
  /** From the subject's organizationIdentifier "NTRNO-<orgno>" or serialNumber (enterprise certificates). */
  orgNumber?: string;
  /** Certificates in the chain, leaf first (the `x5c` header of a grant). */
  chainLength: number;
}

/** 'expiring' from 30 days before the one-year Maskinporten expiry (reference §4: keys live one year from posting). */
export type ExpiryState = 'unregistered' | 'ok' | 'expiring' | 'expired';

export interface KeySummary {
  id: string;
  name: string;
  kid: string;
  alg: 'RS256';
  bits: number;
  createdAt: string;
  /** RFC 7638 SHA-256 JWK thumbprint, base64url. */
  thumbprint: string;
  source: KeySource;
  importFormat?: ImportFormat;
  certificate?: CertificateInfo;
  /** "Registered in Maskinporten on" (YYYY-MM-DD), set by the user. */
  registeredAt: string | null;
  /** registeredAt + 1 year (YYYY-MM-DD). */
  expiresAt: string | null;
  expiry: ExpiryState;
  daysToExpiry: number | null;
  vaultKind: VaultKind;
}

export interface ImportWarning {
  code: string;
  message: string;
}

export interface ImportResult {
  key: KeySummary;
  warnings: ImportWarning[];
}

export interface PublicJwk {
  kty: 'RSA';
  n: string;
  e: string;
  kid: string;
  alg: 'RS256';
  use: 'sig';
  x5c?: string[];
}

export interface VaultStatusInfo {
  kind: VaultKind;
  unlocked: boolean;
  detail?: string;
  keyCount: number;
  /** The vault kind can be switched only while no key is stored. */
  canSwitch: boolean;
}

export const exportFormatSchema = z.enum([
  'public-jwk',
  'jwks',
  'public-pem',
  'backup',
  'private-pem',
  'private-jwk-base64',
]);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const keyIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a key id');
export const kidSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._-]+$/, 'a kid uses only letters A-Z a-z, digits, dot, underscore and dash');
export const keyNameSchema = z.string().trim().min(1).max(80);
export const keyBitsSchema = z.union([z.literal(2048), z.literal(3072), z.literal(4096)]);
/** A calendar date, YYYY-MM-DD. */
export const isoDateSchema = z.iso.date();
const secretInput = z.string().max(1024);

export const keysChannels = {
  'keys:list': channel<KeySummary[]>()(z.undefined()),
  'keys:generate': channel<KeySummary>()(
    z.strictObject({ name: keyNameSchema, bits: keyBitsSchema.optional(), kid: kidSchema.optional() }),
  ),
  /**
   * `file` is a handle from keys:choose-import-file or a dropped file (files.ts), used up by the call. When
   * the file needs a password (KEY_PASSWORD_REQUIRED, KEY_WRONG_PASSWORD) the error's `details.file` is a new
   * handle for the same file, for the next try.
   */
  'keys:import': channel<ImportResult>()(
    z.strictObject({
      file: fileHandleSchema,
      name: keyNameSchema.optional(),
      password: secretInput.optional(),
      kid: kidSchema.optional(),
    }),
  ),
  /** main's open dialog; null when the person cancelled it. */
  'keys:choose-import-file': channel<{ file: PickedFile | null }>()(z.undefined()),
  'keys:rename': channel<KeySummary>()(z.strictObject({ id: keyIdSchema, name: keyNameSchema })),
  'keys:set-kid': channel<KeySummary>()(z.strictObject({ id: keyIdSchema, kid: kidSchema })),
  'keys:set-registered': channel<KeySummary>()(
    z.strictObject({ id: keyIdSchema, registeredAt: isoDateSchema.nullable() }),
  ),
  'keys:delete': channel<{ deleted: boolean }>()(z.strictObject({ id: keyIdSchema })),
  'keys:export-public-jwk': channel<PublicJwk>()(z.strictObject({ id: keyIdSchema })),
  'keys:copy-public-jwk': channel<{ copied: true }>()(z.strictObject({ id: keyIdSchema })),
  /** Copies the kid in main: the window has no clipboard permission (src/electron-main/security.ts denies all). */
  'keys:copy-kid': channel<{ copied: true }>()(z.strictObject({ id: keyIdSchema })),
  'keys:export': channel<{ path: string } | { cancelled: true }>()(
    z.strictObject({
      ids: z.array(keyIdSchema).min(1).max(50),
      format: exportFormatSchema,
      passphrase: secretInput.optional(),
      confirmUnencrypted: z.literal(true).optional(),
    }),
  ),
  'keys:vault-status': channel<VaultStatusInfo>()(z.undefined()),
  'keys:vault-unlock': channel<VaultStatusInfo>()(z.strictObject({ passphrase: secretInput.min(1) })),
  'keys:vault-use-passphrase': channel<VaultStatusInfo>()(z.strictObject({ passphrase: secretInput.min(1) })),
  'keys:vault-use-keychain': channel<VaultStatusInfo>()(z.undefined()),
};

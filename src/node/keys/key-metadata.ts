import { z } from 'zod';
import type { ExpiryState } from '../../common/contract/keys';

/** One entry of <home>/keys/index.json: everything about a key except its private half (that is sealed). */
export const keyRecordSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  name: z.string().min(1).max(80),
  kid: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/),
  bits: z.number().int().min(2048).max(16384),
  createdAt: z.string(),
  thumbprint: z.string(),
  source: z.enum(['generated', 'imported']),
  importFormat: z
    .enum([
      'pkcs8-pem',
      'pkcs1-pem',
      'encrypted-pkcs8-pem',
      'encrypted-pkcs1-pem',
      'pkcs8-der',
      'pkcs1-der',
      'encrypted-pkcs8-der',
      'jwk',
      'jwk-base64',
      'pkcs12',
    ])
    .optional(),
  publicJwk: z.object({ kty: z.literal('RSA'), n: z.string(), e: z.string() }),
  x5c: z.array(z.string()).optional(),
  certificate: z
    .object({
      subject: z.string(),
      issuer: z.string(),
      notBefore: z.string(),
      notAfter: z.string(),
      serialNumber: z.string(),
      fingerprintSha256: z.string(),
      orgNumber: z.string().optional(),
      chainLength: z.number().int(),
    })
    .optional(),
  registeredAt: z.iso.date().nullable(),
});
export type KeyRecord = z.infer<typeof keyRecordSchema>;

export const keyIndexSchema = z.object({ version: z.literal(1), keys: z.array(keyRecordSchema) });
export type KeyIndex = z.infer<typeof keyIndexSchema>;

/** Days before the one-year expiry when the UI starts warning (issue 4: "warn from 30 days before"). */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Maskinporten keys expire one year after they were posted (reference §4, MP-121). 29 February plus a
 * year is 28 February.
 */
export function expiryDate(registeredAt: string): string {
  const [y, m, d] = registeredAt.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return new Date(Date.UTC(y + 1, m - 1, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

export function expiryState(
  registeredAt: string | null,
  now: Date,
): { expiresAt: string | null; expiry: ExpiryState; daysToExpiry: number | null } {
  if (!registeredAt) return { expiresAt: null, expiry: 'unregistered', daysToExpiry: null };
  const expiresAt = expiryDate(registeredAt);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysToExpiry = Math.round((Date.parse(`${expiresAt}T00:00:00Z`) - today) / DAY_MS);
  const expiry: ExpiryState = daysToExpiry <= 0 ? 'expired' : daysToExpiry <= EXPIRY_WARNING_DAYS ? 'expiring' : 'ok';
  return { expiresAt, expiry, daysToExpiry };
}

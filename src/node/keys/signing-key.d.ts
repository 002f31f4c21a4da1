import type { KeyObject } from 'node:crypto';
/**
 * What the auth code needs from the key store to sign a grant, and nothing more. The private key
 * object stays in main; it is never serialised.
 */
export interface SigningMaterial {
  keyId: string;
  kid: string;
  alg: 'RS256';
  privateKey: KeyObject;
  /** Base64 DER certificates, leaf first, when the key came with an enterprise certificate. */
  x5c?: string[];
  /** The certificate's notAfter, and the one-year Maskinporten expiry from the registration date. */
  certificateNotAfter?: string;
  registeredExpiresAt?: string;
}
export interface SigningKeySource {
  /** Throws AppError `KEY_NOT_FOUND` when no key has this id. */
  getSigningMaterial(keyId: string): Promise<SigningMaterial>;
}

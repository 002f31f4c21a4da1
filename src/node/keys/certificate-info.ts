import { type KeyObject, X509Certificate } from 'node:crypto';
import type { CertificateInfo } from '../../common/contract/keys';
import { AppError } from '../../common/errors/app-error';
import { isValidOrgNumber } from '../../common/schemas/profile';

/**
 * Norwegian enterprise certificates (virksomhetssertifikat) carry the organisation number in the subject:
 * newer ones (eIDAS / ETSI EN 319 412-1 §5.1.4) as organizationIdentifier "NTRNO-<orgno>" (OID 2.5.4.97),
 * older Buypass/Commfides ones as serialNumber "<orgno>".
 */
export function orgNumberFromSubject(subject: string): string | undefined {
  for (const line of subject.split('\n')) {
    const [name, ...rest] = line.split('=');
    const value = rest.join('=').trim();
    const key = name.trim();
    if (key === 'organizationIdentifier' || key === '2.5.4.97') {
      const m = /^NTRNO-(\d{9})$/.exec(value);
      if (m && isValidOrgNumber(m[1])) return m[1];
    }
    if (key === 'serialNumber' && isValidOrgNumber(value)) return value;
  }
  return undefined;
}

export function parseCertificate(der: Uint8Array): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch (error) {
    throw new AppError('KEY_CERT_INVALID', `A certificate in the file cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * The chain in `x5c` order (RFC 7515 §4.1.6): the certificate of our key first, then each issuer.
 * Certificates not on that path (other branches in a .p12) are dropped: Maskinporten wants one chain.
 */
export function chainFor(privateKey: KeyObject, certificates: X509Certificate[]): X509Certificate[] {
  if (certificates.length === 0) return [];
  const leaf = certificates.find((c) => c.checkPrivateKey(privateKey));
  if (!leaf) {
    throw new AppError(
      'KEY_CERT_MISMATCH',
      'The certificate in the file does not belong to the private key in the file',
      { details: { certificates: certificates.length } },
    );
  }
  const chain = [leaf];
  const rest = certificates.filter((c) => c !== leaf);
  while (rest.length > 0) {
    const current = chain[chain.length - 1];
    if (current.subject === current.issuer) break;
    const index = rest.findIndex((c) => current.checkIssued(c));
    if (index < 0) break;
    chain.push(...rest.splice(index, 1));
  }
  return chain;
}

export function describeCertificate(chain: X509Certificate[]): CertificateInfo {
  const leaf = chain[0];
  const orgNumber = orgNumberFromSubject(leaf.subject);
  return {
    subject: oneLine(leaf.subject),
    issuer: oneLine(leaf.issuer),
    notBefore: new Date(leaf.validFrom).toISOString(),
    notAfter: new Date(leaf.validTo).toISOString(),
    serialNumber: leaf.serialNumber,
    fingerprintSha256: leaf.fingerprint256,
    ...(orgNumber ? { orgNumber } : {}),
    chainLength: chain.length,
  };
}

export function x5cOf(chain: X509Certificate[]): string[] {
  return chain.map((c) => c.raw.toString('base64'));
}

function oneLine(name: string): string {
  return name.split('\n').join(', ');
}

import type forge from 'node-forge';
import { AppError } from '../../common/errors/app-error';
import { nodeForge } from './node-forge';

export interface Pkcs12Contents {
  /** PrivateKeyInfo (PKCS#8) DER of each key in the file. */
  keys: Buffer[];
  /** DER of each certificate in the file. */
  certificates: Buffer[];
}

/**
 * Read a PKCS#12 (.p12/.pfx) file with node-forge, the only part of the app that uses forge: Node's crypto
 * cannot read PKCS#12. forge reads modern (PBES2/AES + PBKDF2, SHA-256 MAC), legacy (RC2-40/3DES) and
 * 3DES-with-SHA-1-MAC files. A file exported without a password ("-passout pass:") has the empty password.
 */
export function readPkcs12(der: Uint8Array, password: string | undefined): Pkcs12Contents {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = nodeForge().asn1.fromDer(nodeForge().util.createBuffer(Buffer.from(der).toString('binary')));
  } catch (error) {
    throw new AppError('KEY_UNRECOGNIZED', 'The file looks like PKCS#12 but is damaged or truncated', {
      cause: error,
    });
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = nodeForge().pkcs12.pkcs12FromAsn1(asn1, password ?? '');
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (/password/i.test(message)) {
      if (password === undefined || password === '') {
        throw new AppError('KEY_PASSWORD_REQUIRED', 'The PKCS#12 file is protected by a password', { cause: error });
      }
      throw new AppError('KEY_WRONG_PASSWORD', 'The password for the PKCS#12 file is wrong', { cause: error });
    }
    if (/unsupported|unknown/i.test(message)) {
      throw new AppError('KEY_P12_UNSUPPORTED', `The PKCS#12 file uses an algorithm this app cannot read: ${message}`, {
        cause: error,
      });
    }
    throw new AppError('KEY_UNRECOGNIZED', `The PKCS#12 file cannot be read: ${message}`, { cause: error });
  }

  const oids = nodeForge().pki.oids;
  const keys: Buffer[] = [];
  for (const bagType of [oids.pkcs8ShroudedKeyBag, oids.keyBag]) {
    for (const bag of p12.getBags({ bagType })[bagType] ?? []) {
      if (bag.key) {
        const info = nodeForge().pki.wrapRsaPrivateKey(nodeForge().pki.privateKeyToAsn1(bag.key));
        keys.push(toBuffer(info));
      } else if (bag.asn1) {
        // forge decodes only RSA keys; anything else stays ASN.1 and Node tells us what it is.
        keys.push(toBuffer(bag.asn1));
      }
    }
  }
  const certificates: Buffer[] = [];
  for (const bag of p12.getBags({ bagType: oids.certBag })[oids.certBag] ?? []) {
    if (bag.cert) certificates.push(toBuffer(nodeForge().pki.certificateToAsn1(bag.cert)));
    else if (bag.asn1) certificates.push(toBuffer(bag.asn1));
  }
  return { keys, certificates };
}

function toBuffer(asn1: forge.asn1.Asn1): Buffer {
  return Buffer.from(nodeForge().asn1.toDer(asn1).getBytes(), 'binary');
}

import { createPrivateKey, createPublicKey, type KeyObject, sign, verify, type X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type forge from 'node-forge';
import type { CertificateInfo, ImportFormat, ImportWarning } from '../../common/contract/keys';
import { AppError } from '../../common/errors/app-error';
import { chainFor, describeCertificate, parseCertificate, x5cOf } from './certificate-info';
import { KID_PATTERN } from './kid';
import { nodeForge } from './node-forge';
import { readPkcs12 } from './pkcs12';

/** Key files are small (a PKCS#12 with a full chain is a few KB); anything bigger is not a key file. */
export const MAX_KEY_FILE_BYTES = 1024 * 1024;
/** Maskinporten signs RS256 only and Digdir's self-service API accepts RSA-2048 (reference §1.2, §4). */
export const MIN_RSA_BITS = 2048;

export const KeyFormatErrors = {
  KEY_FILE_NOT_FOUND: 'KEY_FILE_NOT_FOUND',
  KEY_FILE_UNREADABLE: 'KEY_FILE_UNREADABLE',
  KEY_FILE_TOO_LARGE: 'KEY_FILE_TOO_LARGE',
  KEY_EMPTY_FILE: 'KEY_EMPTY_FILE',
  KEY_UNRECOGNIZED: 'KEY_UNRECOGNIZED',
  KEY_UNSUPPORTED_FORMAT: 'KEY_UNSUPPORTED_FORMAT',
  KEY_PEM_CORRUPT: 'KEY_PEM_CORRUPT',
  KEY_PUBLIC_ONLY: 'KEY_PUBLIC_ONLY',
  KEY_NOT_RSA: 'KEY_NOT_RSA',
  KEY_TOO_SMALL: 'KEY_TOO_SMALL',
  KEY_WRONG_PASSWORD: 'KEY_WRONG_PASSWORD',
  KEY_PASSWORD_REQUIRED: 'KEY_PASSWORD_REQUIRED',
  KEY_MULTIPLE_KEYS: 'KEY_MULTIPLE_KEYS',
  KEY_JWK_INVALID: 'KEY_JWK_INVALID',
  KEY_JWK_INCOMPLETE: 'KEY_JWK_INCOMPLETE',
  KEY_INCONSISTENT: 'KEY_INCONSISTENT',
  KEY_P12_NO_KEY: 'KEY_P12_NO_KEY',
  KEY_P12_UNSUPPORTED: 'KEY_P12_UNSUPPORTED',
  KEY_CERT_MISMATCH: 'KEY_CERT_MISMATCH',
  KEY_CERT_INVALID: 'KEY_CERT_INVALID',
} as const;

/** Warnings: the import goes ahead, and the user is told. */
export const KeyFormatWarnings = {
  CERT_EXPIRED: 'CERT_EXPIRED',
  CERT_NOT_YET_VALID: 'CERT_NOT_YET_VALID',
  KEY_LARGER_THAN_2048: 'KEY_LARGER_THAN_2048',
} as const;

export interface ParsedKey {
  privateKey: KeyObject;
  format: ImportFormat;
  bits: number;
  /** Base64 DER, leaf first, when the file carried a certificate for the key. */
  x5c?: string[];
  certificate?: CertificateInfo;
  /** A `kid` the file named (a JWK's `kid`), when it is valid for Maskinporten. */
  suggestedKid?: string;
  warnings: ImportWarning[];
}

export interface ParseOptions {
  password?: string;
  now: Date;
}

/** Read a key file chosen by the user, with the size checks done before reading it whole. */
export async function readKeyFile(path: string): Promise<Buffer> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AppError(KeyFormatErrors.KEY_FILE_UNREADABLE, `${path} is not a file`);
    size = info.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError(KeyFormatErrors.KEY_FILE_NOT_FOUND, `${path} does not exist`);
    throw new AppError(KeyFormatErrors.KEY_FILE_UNREADABLE, `${path} cannot be read: ${code ?? String(error)}`);
  }
  if (size > MAX_KEY_FILE_BYTES) throw tooLarge(size);
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(KeyFormatErrors.KEY_FILE_UNREADABLE, `${path} cannot be read: ${code ?? String(error)}`);
  }
}

/**
 * Recognise and load an RSA private key from the bytes of a file: PEM (PKCS#8, PKCS#1, encrypted), DER,
 * a private JWK or JWKS (plain or base64, as server configs carry them), or PKCS#12. Every rejection is an
 * AppError with a code that says exactly what is wrong with the file.
 */
export function parsePrivateKeyFile(data: Uint8Array, options: ParseOptions): ParsedKey {
  const bytes = Buffer.from(data);
  if (bytes.length > MAX_KEY_FILE_BYTES) throw tooLarge(bytes.length);
  if (bytes.length === 0 || (looksLikeText(bytes) && bytes.toString('utf8').trim() === '')) {
    throw new AppError(KeyFormatErrors.KEY_EMPTY_FILE, 'The file is empty');
  }
  if (!looksLikeText(bytes)) return parseDer(bytes, options, 'der');
  const text = bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim();
  if (text.startsWith('{') || text.startsWith('[')) return parseJson(text, options, 'jwk');
  if (text.includes('-----BEGIN ')) return parsePem(text, options);
  if (text.startsWith('ssh-') || text.startsWith('ecdsa-sha2-')) {
    throw new AppError(KeyFormatErrors.KEY_PUBLIC_ONLY, 'This is an OpenSSH public key; a private key is needed');
  }
  if (text.startsWith('PuTTY-User-Key-File')) {
    throw new AppError(
      KeyFormatErrors.KEY_UNSUPPORTED_FORMAT,
      'PuTTY .ppk keys are not supported; export the key as OpenSSL PEM (PuTTYgen: Conversions → Export OpenSSL key)',
    );
  }
  const compact = text.replace(/\s+/g, '');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact) && compact.length >= 16) {
    const decoded = Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    const inner = decoded.toString('utf8').trim();
    if (inner.startsWith('{')) return parseJson(inner, options, 'jwk-base64');
    if (decoded[0] === 0x30 && !looksLikeText(decoded)) return parseDer(decoded, options, 'base64-der');
  }
  throw new AppError(KeyFormatErrors.KEY_UNRECOGNIZED, 'The file is not a key in any format this app knows');
}

// ---- PEM ------------------------------------------------------------------------------------------------

interface PemBlock {
  label: string;
  text: string;
}

function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;
  let consumedBegins = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] !== m[3] || m[2].includes('-----BEGIN ')) {
      throw new AppError(KeyFormatErrors.KEY_PEM_CORRUPT, `The PEM block "${m[1]}" is not closed properly`);
    }
    blocks.push({ label: m[1], text: m[0] });
    consumedBegins++;
  }
  const begins = text.match(/-----BEGIN /g)?.length ?? 0;
  if (begins !== consumedBegins) {
    throw new AppError(KeyFormatErrors.KEY_PEM_CORRUPT, 'A PEM block in the file has no END line (truncated file?)');
  }
  return blocks;
}

const PRIVATE_LABELS = new Set([
  'PRIVATE KEY',
  'RSA PRIVATE KEY',
  'ENCRYPTED PRIVATE KEY',
  'EC PRIVATE KEY',
  'DSA PRIVATE KEY',
]);
const PUBLIC_LABELS = new Set([
  'PUBLIC KEY',
  'RSA PUBLIC KEY',
  'CERTIFICATE',
  'TRUSTED CERTIFICATE',
  'X509 CERTIFICATE',
]);

function parsePem(text: string, options: ParseOptions): ParsedKey {
  const blocks = pemBlocks(text);
  const privates = blocks.filter((b) => PRIVATE_LABELS.has(b.label));
  if (privates.length === 0) {
    const labels = blocks.map((b) => b.label);
    if (labels.some((l) => l.includes('OPENSSH') || l.includes('SSH2'))) {
      throw new AppError(
        KeyFormatErrors.KEY_UNSUPPORTED_FORMAT,
        'OpenSSH private keys are not supported; convert with `ssh-keygen -p -m PKCS8 -f <file>` first',
      );
    }
    if (labels.length > 0 && labels.every((l) => PUBLIC_LABELS.has(l) || l === 'EC PARAMETERS')) {
      throw new AppError(
        KeyFormatErrors.KEY_PUBLIC_ONLY,
        `The file holds only ${labels.includes('CERTIFICATE') ? 'a certificate' : 'a public key'}; the private key is needed`,
      );
    }
    throw new AppError(
      KeyFormatErrors.KEY_UNSUPPORTED_FORMAT,
      `The file holds ${labels.map((l) => `"${l}"`).join(', ')}, which is not a private key format this app reads`,
    );
  }
  if (privates.length > 1) {
    throw new AppError(
      KeyFormatErrors.KEY_MULTIPLE_KEYS,
      `The file holds ${privates.length} private keys; import one at a time`,
    );
  }
  const block = privates[0];
  if (block.label === 'EC PRIVATE KEY' || block.label === 'DSA PRIVATE KEY') {
    throw notRsa(block.label === 'EC PRIVATE KEY' ? 'ec' : 'dsa');
  }
  const encrypted = block.label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(block.text);
  const format: ImportFormat =
    block.label === 'PRIVATE KEY'
      ? 'pkcs8-pem'
      : block.label === 'ENCRYPTED PRIVATE KEY'
        ? 'encrypted-pkcs8-pem'
        : encrypted
          ? 'encrypted-pkcs1-pem'
          : 'pkcs1-pem';
  const privateKey = loadNodeKey(
    () => createPrivateKey({ key: block.text, format: 'pem', passphrase: options.password }),
    {
      encrypted,
      password: options.password,
      corrupt: () =>
        new AppError(KeyFormatErrors.KEY_PEM_CORRUPT, `The "${block.label}" block is damaged (bad base64 or ASN.1)`),
    },
  );
  const certificates = blocks
    .filter((b) => b.label === 'CERTIFICATE')
    .map((b) => parseCertificate(Buffer.from(b.text.replace(/-----[^-]+-----|\s+/g, ''), 'base64')));
  return finish(privateKey, format, certificates, options);
}

// ---- DER and PKCS#12 ---------------------------------------------------------------------------------------

type DerShape = 'pkcs12' | 'pkcs8' | 'pkcs1' | 'encrypted-pkcs8' | 'spki' | 'certificate' | 'unknown';

/** Tell the DER structures apart by their outer ASN.1 shape (RFC 7292 PFX, RFC 5208/5958, RFC 8017, RFC 5280). */
function derShape(bytes: Buffer): DerShape {
  let top: forge.asn1.Asn1;
  try {
    top = nodeForge().asn1.fromDer(nodeForge().util.createBuffer(bytes.toString('binary')));
  } catch {
    return 'unknown';
  }
  const T = nodeForge().asn1.Type;
  const children = Array.isArray(top.value) ? (top.value as forge.asn1.Asn1[]) : [];
  if (top.type !== T.SEQUENCE || children.length < 2) return 'unknown';
  const [first, second] = children;
  if (first.type === T.INTEGER && typeof first.value === 'string') {
    const version = first.value.length === 1 ? first.value.charCodeAt(0) : -1;
    if (version === 3 && second.type === T.SEQUENCE) return 'pkcs12';
    if ((version === 0 || version === 1) && second.type === T.SEQUENCE) return 'pkcs8';
    if (version === 0 && second.type === T.INTEGER && children.length >= 9) return 'pkcs1';
    return 'unknown';
  }
  if (first.type === T.SEQUENCE && second.type === T.OCTETSTRING) return 'encrypted-pkcs8';
  if (first.type === T.SEQUENCE && second.type === T.BITSTRING) return 'spki';
  if (first.type === T.SEQUENCE && second.type === T.SEQUENCE && children[2]?.type === T.BITSTRING)
    return 'certificate';
  return 'unknown';
}

function parseDer(bytes: Buffer, options: ParseOptions, origin: 'der' | 'base64-der'): ParsedKey {
  const shape = derShape(bytes);
  switch (shape) {
    case 'pkcs12':
      return parsePkcs12(bytes, options);
    case 'pkcs8':
    case 'pkcs1':
    case 'encrypted-pkcs8': {
      const encrypted = shape === 'encrypted-pkcs8';
      const privateKey = loadNodeKey(
        () =>
          createPrivateKey({
            key: bytes,
            format: 'der',
            type: shape === 'pkcs1' ? 'pkcs1' : 'pkcs8',
            ...(encrypted ? { passphrase: options.password } : {}),
          }),
        {
          encrypted,
          password: options.password,
          corrupt: () => new AppError(KeyFormatErrors.KEY_UNRECOGNIZED, 'The DER key structure is damaged'),
        },
      );
      const format: ImportFormat = shape === 'pkcs1' ? 'pkcs1-der' : encrypted ? 'encrypted-pkcs8-der' : 'pkcs8-der';
      return finish(privateKey, format, [], options);
    }
    case 'spki':
    case 'certificate':
      throw new AppError(
        KeyFormatErrors.KEY_PUBLIC_ONLY,
        `The file holds only ${shape === 'certificate' ? 'a certificate' : 'a public key'}; the private key is needed`,
      );
    default:
      throw new AppError(
        KeyFormatErrors.KEY_UNRECOGNIZED,
        origin === 'der'
          ? 'The binary file is not a key, PKCS#12 file or certificate this app knows'
          : 'The base64 text is not a key',
      );
  }
}

function parsePkcs12(bytes: Buffer, options: ParseOptions): ParsedKey {
  const contents = readPkcs12(bytes, options.password);
  if (contents.keys.length === 0) {
    throw new AppError(
      KeyFormatErrors.KEY_P12_NO_KEY,
      `The PKCS#12 file holds ${contents.certificates.length} certificate(s) but no private key`,
    );
  }
  if (contents.keys.length > 1) {
    throw new AppError(
      KeyFormatErrors.KEY_MULTIPLE_KEYS,
      `The PKCS#12 file holds ${contents.keys.length} private keys`,
    );
  }
  const privateKey = loadNodeKey(() => createPrivateKey({ key: contents.keys[0], format: 'der', type: 'pkcs8' }), {
    encrypted: false,
    corrupt: () => new AppError(KeyFormatErrors.KEY_UNRECOGNIZED, 'The key inside the PKCS#12 file is damaged'),
  });
  return finish(privateKey, 'pkcs12', contents.certificates.map(parseCertificate), options);
}

// ---- JWK ---------------------------------------------------------------------------------------------------

const RSA_PRIVATE_MEMBERS = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] as const;

function parseJson(text: string, options: ParseOptions, format: 'jwk' | 'jwk-base64'): ParsedKey {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError(KeyFormatErrors.KEY_UNRECOGNIZED, 'The file starts like JSON but is not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new AppError(KeyFormatErrors.KEY_UNRECOGNIZED, 'The JSON is not a JWK object');
  }
  let jwk = value as Record<string, unknown>;
  if (Array.isArray(jwk.keys)) {
    const keys = jwk.keys.filter((k): k is Record<string, unknown> => Boolean(k) && typeof k === 'object');
    const privates = keys.filter((k) => 'd' in k);
    if (privates.length > 1) {
      throw new AppError(KeyFormatErrors.KEY_MULTIPLE_KEYS, `The JWKS holds ${privates.length} private keys`);
    }
    if (privates.length === 0) {
      if (keys.length === 0) throw new AppError(KeyFormatErrors.KEY_UNRECOGNIZED, 'The JWKS is empty');
      if (keys.some((k) => k.kty === 'RSA')) throw publicJwk();
      throw notRsa(String(keys[0].kty ?? 'unknown'));
    }
    jwk = privates[0];
  }
  if (typeof jwk.kty !== 'string') {
    throw new AppError(KeyFormatErrors.KEY_UNRECOGNIZED, 'The JSON has no "kty": it is not a JWK');
  }
  if (jwk.kty !== 'RSA') throw notRsa(jwk.kty === 'OKP' ? String(jwk.crv ?? 'OKP') : jwk.kty);
  if (jwk.d === undefined) throw publicJwk();
  const missing = RSA_PRIVATE_MEMBERS.filter(
    (m) => typeof jwk[m] !== 'string' || !/^[A-Za-z0-9_-]+$/.test(jwk[m] as string),
  );
  if (missing.length > 0) {
    const absent = missing.filter((m) => jwk[m] === undefined);
    if (absent.length === missing.length && !absent.includes('n') && !absent.includes('e') && !absent.includes('d')) {
      throw new AppError(
        KeyFormatErrors.KEY_JWK_INCOMPLETE,
        `The private JWK lacks the CRT members ${absent.join(', ')}, which this app needs (RFC 7518 §6.3.2)`,
      );
    }
    throw new AppError(
      KeyFormatErrors.KEY_JWK_INVALID,
      `The JWK members ${missing.join(', ')} are missing or not base64url`,
    );
  }
  const clean = Object.fromEntries(RSA_PRIVATE_MEMBERS.map((m) => [m, jwk[m] as string]));
  const privateKey = loadNodeKey(() => createPrivateKey({ key: { kty: 'RSA', ...clean }, format: 'jwk' }), {
    encrypted: false,
    // Every member is present and base64url here, so a refusal means they do not belong together. Node 24's
    // OpenSSL checks that at import (Node 20 let it through to the signing self-test): same code either way.
    corrupt: () =>
      new AppError(
        KeyFormatErrors.KEY_INCONSISTENT,
        'The JWK members do not form one RSA key: its parts do not belong together',
      ),
  });
  const certificates = Array.isArray(jwk.x5c)
    ? jwk.x5c.map((c) => {
        if (typeof c !== 'string') throw new AppError(KeyFormatErrors.KEY_CERT_INVALID, 'An x5c entry is not a string');
        return parseCertificate(Buffer.from(c, 'base64'));
      })
    : [];
  const parsed = finish(privateKey, format, certificates, options);
  if (typeof jwk.kid === 'string' && KID_PATTERN.test(jwk.kid)) parsed.suggestedKid = jwk.kid;
  return parsed;
}

// ---- shared ------------------------------------------------------------------------------------------------

function loadNodeKey(
  load: () => KeyObject,
  context: { encrypted: boolean; password?: string; corrupt: () => AppError },
): KeyObject {
  try {
    return load();
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    const message = (error as Error).message ?? '';
    if (context.encrypted) {
      if (
        context.password === undefined ||
        code === 'ERR_MISSING_PASSPHRASE' ||
        /interrupted or cancelled/.test(message)
      ) {
        throw new AppError(KeyFormatErrors.KEY_PASSWORD_REQUIRED, 'The key is encrypted; give its password', {
          cause: error,
        });
      }
      throw new AppError(KeyFormatErrors.KEY_WRONG_PASSWORD, 'The password for the encrypted key is wrong', {
        cause: error,
      });
    }
    throw context.corrupt();
  }
}

function finish(
  privateKey: KeyObject,
  format: ImportFormat,
  certificates: X509Certificate[],
  options: ParseOptions,
): ParsedKey {
  const type = privateKey.asymmetricKeyType;
  if (type !== 'rsa') throw notRsa(type ?? 'unknown');
  const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) {
    throw new AppError(
      KeyFormatErrors.KEY_TOO_SMALL,
      `The RSA key has ${bits} bits; Maskinporten needs at least ${MIN_RSA_BITS}`,
      {
        details: { bits },
      },
    );
  }
  assertConsistent(privateKey);
  const warnings: ImportWarning[] = [];
  if (bits > MIN_RSA_BITS) {
    warnings.push({
      code: KeyFormatWarnings.KEY_LARGER_THAN_2048,
      message: `The key has ${bits} bits; Digdir's self-service API documents RSA-2048 only`,
    });
  }
  const chain = chainFor(privateKey, certificates);
  if (chain.length === 0) return { privateKey, format, bits, warnings };
  const certificate = describeCertificate(chain);
  const now = options.now.getTime();
  if (Date.parse(certificate.notAfter) < now) {
    warnings.push({
      code: KeyFormatWarnings.CERT_EXPIRED,
      message: `The certificate expired on ${certificate.notAfter.slice(0, 10)}; Maskinporten rejects grants signed with it (MP-124)`,
    });
  } else if (Date.parse(certificate.notBefore) > now) {
    warnings.push({
      code: KeyFormatWarnings.CERT_NOT_YET_VALID,
      message: `The certificate is valid only from ${certificate.notBefore.slice(0, 10)}`,
    });
  }
  return { privateKey, format, bits, x5c: x5cOf(chain), certificate, warnings };
}

/** A key whose parts do not belong together (an edited JWK, a spliced file) signs garbage; catch it now. */
function assertConsistent(privateKey: KeyObject): void {
  const probe = Buffer.from('maskinporten-desktop key check');
  let ok = false;
  try {
    const signature = sign('sha256', probe, privateKey);
    ok = verify('sha256', probe, createPublicKey(privateKey), signature);
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new AppError(
      KeyFormatErrors.KEY_INCONSISTENT,
      'The key fails a signing self-test: its parts do not belong together',
    );
  }
}

function notRsa(type: string): AppError {
  const kind = type === 'rsa-pss' ? 'an RSA-PSS-only key (it cannot sign RS256)' : `a ${type.toUpperCase()} key`;
  return new AppError(
    KeyFormatErrors.KEY_NOT_RSA,
    `The file holds ${kind}; Maskinporten accepts RSA keys (RS256) only`,
    {
      details: { keyType: type },
    },
  );
}

function publicJwk(): AppError {
  return new AppError(
    KeyFormatErrors.KEY_PUBLIC_ONLY,
    'The JWK is a public key (it has no "d"); the private JWK is needed',
  );
}

function tooLarge(size: number): AppError {
  return new AppError(
    KeyFormatErrors.KEY_FILE_TOO_LARGE,
    `The file is ${size} bytes; key files are at most ${MAX_KEY_FILE_BYTES} bytes (1 MiB)`,
    { details: { size } },
  );
}

function looksLikeText(bytes: Buffer): boolean {
  // DER and PKCS#12 always contain control bytes; PEM, JSON and base64 never do.
  for (const b of bytes.subarray(0, 4096)) {
    if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) return false;
  }
  return true;
}

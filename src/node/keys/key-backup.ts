import { createCipheriv, type KeyObject, randomBytes, scrypt } from 'node:crypto';

/**
 * Key backups: PKCS#8 EncryptedPrivateKeyInfo (RFC 5958 §3) with PBES2 (RFC 8018 §6.2), the key derived
 * with scrypt (RFC 7914 §7 gives its PBES2 identifier and parameters) and encrypted with AES-256-CBC. That
 * is what `openssl pkcs8 -topk8 -scrypt` writes, so openssl and this app's import both read it back.
 *
 * Why not Node's own `export({ type: 'pkcs8', cipher, passphrase })`: it can only do PBKDF2 at OpenSSL's
 * default of 2,048 iterations (issue 17, finding 8), which a graphics card guesses through in no time.
 *
 * The cost: OWASP's Password Storage Cheat Sheet lists N=2^17 r=8 p=1 (what the passphrase vault uses,
 * vault.ts) and, as equal in work, N=2^14 r=8 p=5. A backup must open in other tools, and OpenSSL refuses
 * scrypt in PBES2 above 32 MiB of memory (p5_scrypt.c: "memory limit exceeded" for N=2^15 r=8 already;
 * checked with openssl 3.0 and Node 24's OpenSSL 3.5), so backups take N=2^14 r=8 p=5: 16 MiB, and five
 * times the work of openssl's own -scrypt default.
 */
export interface BackupScrypt {
  N: number;
  r: number;
  p: number;
}
export const BACKUP_SCRYPT: BackupScrypt = { N: 2 ** 14, r: 8, p: 5 };

/**
 * 15 characters: NIST SP 800-63B-4 §3.1.1.2 asks at least 15 of a password that is the only thing
 * protecting what it guards, and a backup file is guarded by nothing else once it is copied away (an
 * attacker can guess offline at leisure). A sentence reaches it easily.
 */
export const MIN_BACKUP_PASSPHRASE = 15;

/** The passphrase's length as a person counts it (characters, not UTF-16 units). */
export function passphraseLength(passphrase: string): number {
  return [...passphrase].length;
}

const OID = {
  pbes2: '1.2.840.113549.1.5.13',
  scrypt: '1.3.6.1.4.1.11591.4.11',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
} as const;

/** The private key as an "ENCRYPTED PRIVATE KEY" PEM under `passphrase` (its UTF-8 bytes, as openssl takes it). */
export async function encryptedPkcs8Pem(
  privateKey: KeyObject,
  passphrase: string,
  params: BackupScrypt = BACKUP_SCRYPT,
): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(
      Buffer.from(passphrase, 'utf8'),
      salt,
      32,
      { ...params, maxmem: 128 * params.N * params.r + 1024 * 1024 * params.p + 32 * 1024 * 1024 },
      (error, derived) => (error ? reject(error) : resolve(derived)),
    ),
  );
  const plain = privateKey.export({ type: 'pkcs8', format: 'der' });
  try {
    const cipher = createCipheriv('aes-256-cbc', key, iv);
    const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
    const der = sequence(
      sequence(
        oid(OID.pbes2),
        sequence(
          sequence(
            oid(OID.scrypt),
            sequence(octetString(salt), integer(params.N), integer(params.r), integer(params.p)),
          ),
          sequence(oid(OID.aes256Cbc), octetString(iv)),
        ),
      ),
      octetString(encrypted),
    );
    const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
    return `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${lines.join('\n')}\n-----END ENCRYPTED PRIVATE KEY-----\n`;
  } finally {
    plain.fill(0);
    key.fill(0);
  }
}

// ---- DER (X.690), only what the structure above needs ----------------------------------------------------

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function sequence(...items: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items));
}

function octetString(bytes: Buffer): Buffer {
  return tlv(0x04, bytes);
}

/** A non-negative INTEGER, minimal big-endian, with a 0x00 in front when the top bit is set. */
function integer(n: number): Buffer {
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  if (bytes.length === 0 || bytes[0] >= 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const body = [40 * arcs[0] + arcs[1], ...arcs.slice(2)].flatMap((arc) => {
    const out = [arc % 128];
    for (let rest = Math.floor(arc / 128); rest > 0; rest = Math.floor(rest / 128)) out.unshift(0x80 | (rest % 128));
    return out;
  });
  return tlv(0x06, Buffer.from(body));
}

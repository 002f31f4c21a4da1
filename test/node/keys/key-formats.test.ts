import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/common/errors/app-error';
import { MAX_KEY_FILE_BYTES, parsePrivateKeyFile, readKeyFile } from '../../../src/node/keys/key-formats';
import { FILE_PASSWORD, type KeyFixtures, makeKeyFixtures, ORG_NUMBER } from './key-fixtures';

let fx: KeyFixtures;
let mainN: string;

beforeAll(() => {
  fx = makeKeyFixtures();
  mainN = (createPrivateKey(fx.read('rsa.pem')).export({ format: 'jwk' }) as { n: string }).n;
});
afterAll(() => fx.cleanup());

// Certificates are made in beforeAll, so "now" is read at each parse, never before they exist.
function parse(file: string | Buffer, password?: string, now = new Date()) {
  return parsePrivateKeyFile(typeof file === 'string' ? fx.read(file) : file, { password, now });
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    return `non-AppError: ${String(error)}`;
  }
  return 'no error';
}

const nOf = (p: ReturnType<typeof parse>) => (p.privateKey.export({ format: 'jwk' }) as { n: string }).n;

describe('importable formats', () => {
  const cases: [file: string, format: string, password?: string][] = [
    ['rsa.pem', 'pkcs8-pem'],
    ['rsa-pkcs1.pem', 'pkcs1-pem'],
    ['rsa-enc.pem', 'encrypted-pkcs8-pem', FILE_PASSWORD],
    ['rsa-pkcs1-enc.pem', 'encrypted-pkcs1-pem', FILE_PASSWORD],
    ['rsa-pkcs8.der', 'pkcs8-der'],
    ['rsa-pkcs1.der', 'pkcs1-der'],
    ['rsa-enc.der', 'encrypted-pkcs8-der', FILE_PASSWORD],
    ['rsa-pkcs8.b64', 'pkcs8-der'],
    ['rsa.jwk.json', 'jwk'],
    ['rsa.jwk.b64', 'jwk-base64'],
    ['rsa.jwks.json', 'jwk'],
    ['key-and-cert.pem', 'pkcs8-pem'],
    ['modern.p12', 'pkcs12', FILE_PASSWORD],
    ['legacy.pfx', 'pkcs12', FILE_PASSWORD],
    ['3des.p12', 'pkcs12', FILE_PASSWORD],
    ['nopass.p12', 'pkcs12'],
  ];
  it.each(cases)('%s is read as %s with the same RSA-2048 key', (file, format, password) => {
    const parsed = parse(file, password);
    expect(parsed.format).toBe(format);
    expect(parsed.bits).toBe(2048);
    expect(parsed.privateKey.asymmetricKeyType).toBe('rsa');
    expect(nOf(parsed)).toBe(mainN);
    expect(parsed.warnings).toEqual([]);
  });

  it('keeps a JWK kid as the suggested kid', () => {
    expect(parse('rsa.jwk.json').suggestedKid).toBe('server-key-2024');
    expect(parse('rsa.jwks.json').suggestedKid).toBe('in-a-jwks');
    expect(parse('rsa.pem').suggestedKid).toBeUndefined();
  });

  it.each(['modern.p12', 'legacy.pfx'])(
    '%s: certificate details, NTRNO organisation number, x5c as openssl wrote it',
    (file) => {
      const parsed = parse(file, FILE_PASSWORD);
      expect(parsed.certificate?.orgNumber).toBe(ORG_NUMBER);
      expect(parsed.certificate?.subject).toContain('CN=Testverksemd AS');
      expect(parsed.certificate?.issuer).toContain('CN=Testverksemd AS');
      expect(Date.parse(parsed.certificate?.notAfter ?? '')).toBeGreaterThan(Date.now());
      expect(Date.parse(parsed.certificate?.notBefore ?? '')).toBeLessThanOrEqual(Date.now() + 1000);
      expect(parsed.x5c).toEqual([fx.read('cert.der').toString('base64')]);
    },
  );

  it('reads the organisation number from an older serialNumber subject (3DES / SHA-1 MAC file)', () => {
    const parsed = parse('3des.p12', FILE_PASSWORD);
    expect(parsed.certificate?.subject).toContain(`serialNumber=${ORG_NUMBER}`);
    expect(parsed.certificate?.orgNumber).toBe(ORG_NUMBER);
  });

  it('orders a chain leaf first and keeps the issuer', () => {
    const parsed = parse('chain.p12', FILE_PASSWORD);
    expect(parsed.x5c).toHaveLength(2);
    expect(parsed.certificate?.subject).toContain('CN=Kjede AS');
    expect(parsed.certificate?.issuer).toContain('CN=Test CA');
    expect(parsed.certificate?.chainLength).toBe(2);
    const leafPem = fx
      .read('leaf-cert.pem')
      .toString()
      .replace(/-----[^-]+-----|\s+/g, '');
    expect(parsed.x5c?.[0]).toBe(leafPem);
  });

  it('takes a certificate that sits beside the key in one PEM file', () => {
    const parsed = parse('key-and-cert.pem');
    expect(parsed.certificate?.orgNumber).toBe(ORG_NUMBER);
    expect(parsed.x5c).toHaveLength(1);
  });

  it('warns (and still imports) when the certificate has expired or is not yet valid', () => {
    const expired = parse('modern.p12', FILE_PASSWORD, new Date('2100-01-01T00:00:00Z'));
    expect(expired.warnings.map((w) => w.code)).toEqual(['CERT_EXPIRED']);
    expect(nOf(expired)).toBe(mainN);
    const early = parse('modern.p12', FILE_PASSWORD, new Date('2000-01-01T00:00:00Z'));
    expect(early.warnings.map((w) => w.code)).toEqual(['CERT_NOT_YET_VALID']);
  });

  it('warns about keys larger than 2048 bits', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
    const parsed = parsePrivateKeyFile(Buffer.from(privateKey.export({ type: 'pkcs8', format: 'pem' })), {
      now: new Date(),
    });
    expect(parsed.bits).toBe(3072);
    expect(parsed.warnings.map((w) => w.code)).toEqual(['KEY_LARGER_THAN_2048']);
  });

  it('accepts a byte-order mark and CRLF line endings', () => {
    const text = `\uFEFF${fx.read('rsa.pem').toString().replace(/\n/g, '\r\n')}`;
    expect(nOf(parse(Buffer.from(text)))).toBe(mainN);
  });
});

describe('bad inputs get their own error code', () => {
  const jwk = () => JSON.parse(fx.read('rsa.jwk.json').toString()) as Record<string, string>;
  const pem = () => fx.read('rsa.pem').toString();
  const other = () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return privateKey.export({ format: 'jwk' }) as Record<string, string>;
  };
  const bad: [label: string, input: () => Buffer, code: string, password?: string][] = [
    ['an empty file', () => Buffer.alloc(0), 'KEY_EMPTY_FILE'],
    ['only whitespace', () => Buffer.from('  \n\r\n\t '), 'KEY_EMPTY_FILE'],
    ['more than 1 MiB', () => Buffer.alloc(MAX_KEY_FILE_BYTES + 1, 0x41), 'KEY_FILE_TOO_LARGE'],
    ['plain text', () => Buffer.from('hello, this is not a key'), 'KEY_UNRECOGNIZED'],
    ['random binary', () => Buffer.concat([Buffer.from([0x01, 0x02]), randomBytes(300)]), 'KEY_UNRECOGNIZED'],
    [
      'binary that starts like ASN.1',
      () => Buffer.concat([Buffer.from([0x30, 0x82, 0x01]), randomBytes(40)]),
      'KEY_UNRECOGNIZED',
    ],
    ['broken JSON', () => Buffer.from('{"kty": "RSA", '), 'KEY_UNRECOGNIZED'],
    ['JSON without kty', () => Buffer.from('{"hello": "world"}'), 'KEY_UNRECOGNIZED'],
    ['a JSON array', () => Buffer.from('[1, 2, 3]'), 'KEY_UNRECOGNIZED'],
    ['an empty JWKS', () => Buffer.from('{"keys": []}'), 'KEY_UNRECOGNIZED'],
    [
      'base64 of plain text',
      () => Buffer.from(Buffer.from('just some words, not a key at all').toString('base64')),
      'KEY_UNRECOGNIZED',
    ],
    ['a truncated PKCS#12 file', () => fx.read('modern.p12').subarray(0, 700), 'KEY_UNRECOGNIZED'],
    ['a PEM cut off before its END line', () => Buffer.from(pem().slice(0, 900)), 'KEY_PEM_CORRUPT'],
    [
      'a PEM with damaged base64',
      () => Buffer.from(pem().replace(/\n[A-Za-z0-9+/]{64}\n/, '\n!!!!not-base64!!!!\n')),
      'KEY_PEM_CORRUPT',
    ],
    [
      'a PEM whose body is cut short',
      () => Buffer.from(`${pem().slice(0, 600)}\n-----END PRIVATE KEY-----\n`),
      'KEY_PEM_CORRUPT',
    ],
    [
      'a PEM with mismatched BEGIN/END labels',
      () => Buffer.from(pem().replace('-----END PRIVATE KEY-----', '-----END RSA PRIVATE KEY-----')),
      'KEY_PEM_CORRUPT',
    ],
    ['an SPKI public key PEM', () => fx.read('rsa-pub.pem'), 'KEY_PUBLIC_ONLY'],
    ['a PKCS#1 public key PEM', () => fx.read('rsa-pub-pkcs1.pem'), 'KEY_PUBLIC_ONLY'],
    ['a certificate PEM alone', () => fx.read('cert.pem'), 'KEY_PUBLIC_ONLY'],
    [
      'a public JWK',
      () => Buffer.from(JSON.stringify({ kty: 'RSA', n: jwk().n, e: jwk().e, kid: 'x' })),
      'KEY_PUBLIC_ONLY',
    ],
    [
      'a public JWKS',
      () => Buffer.from(JSON.stringify({ keys: [{ kty: 'RSA', n: jwk().n, e: jwk().e }] })),
      'KEY_PUBLIC_ONLY',
    ],
    [
      'a base64 public JWK',
      () => Buffer.from(Buffer.from(JSON.stringify({ kty: 'RSA', n: jwk().n, e: jwk().e })).toString('base64')),
      'KEY_PUBLIC_ONLY',
    ],
    ['a DER public key', () => fx.read('rsa-pub.der'), 'KEY_PUBLIC_ONLY'],
    ['a DER certificate', () => fx.read('cert.der'), 'KEY_PUBLIC_ONLY'],
    ['an OpenSSH public key', () => fx.read('id_rsa.pub'), 'KEY_PUBLIC_ONLY'],
    ['an EC P-256 PKCS#8 key', () => fx.read('ec.pem'), 'KEY_NOT_RSA'],
    ['an EC SEC1 key', () => fx.read('ec-sec1.pem'), 'KEY_NOT_RSA'],
    ['an Ed25519 key', () => fx.read('ed25519.pem'), 'KEY_NOT_RSA'],
    ['an RSA-PSS-only key', () => fx.read('rsa-pss.pem'), 'KEY_NOT_RSA'],
    ['a DSA key', () => fx.read('dsa.pem'), 'KEY_NOT_RSA'],
    ['an EC DER key', () => fx.read('ec.der'), 'KEY_NOT_RSA'],
    ['an EC JWK', () => fx.read('ec.jwk.json'), 'KEY_NOT_RSA'],
    ['an Ed25519 (OKP) JWK', () => fx.read('ed25519.jwk.json'), 'KEY_NOT_RSA'],
    ['a symmetric (oct) JWK', () => Buffer.from('{"kty":"oct","k":"c2VjcmV0"}'), 'KEY_NOT_RSA'],
    ['an EC key in a .p12', () => fx.read('ec.p12'), 'KEY_NOT_RSA', FILE_PASSWORD],
    ['an RSA-1024 PEM', () => fx.read('rsa1024.pem'), 'KEY_TOO_SMALL'],
    ['an RSA-1024 JWK', () => fx.read('rsa1024.jwk.json'), 'KEY_TOO_SMALL'],
    ['an RSA-1024 .p12', () => fx.read('rsa1024.p12'), 'KEY_TOO_SMALL', FILE_PASSWORD],
    ['encrypted PKCS#8, wrong password', () => fx.read('rsa-enc.pem'), 'KEY_WRONG_PASSWORD', 'wrong-password'],
    ['encrypted PKCS#1, wrong password', () => fx.read('rsa-pkcs1-enc.pem'), 'KEY_WRONG_PASSWORD', 'wrong-password'],
    ['encrypted DER, wrong password', () => fx.read('rsa-enc.der'), 'KEY_WRONG_PASSWORD', 'wrong-password'],
    ['modern .p12, wrong password', () => fx.read('modern.p12'), 'KEY_WRONG_PASSWORD', 'wrong-password'],
    ['legacy .pfx, wrong password', () => fx.read('legacy.pfx'), 'KEY_WRONG_PASSWORD', 'wrong-password'],
    ['3DES .p12, wrong password', () => fx.read('3des.p12'), 'KEY_WRONG_PASSWORD', 'wrong-password'],
    ['encrypted PKCS#8, no password', () => fx.read('rsa-enc.pem'), 'KEY_PASSWORD_REQUIRED'],
    ['encrypted PKCS#1, no password', () => fx.read('rsa-pkcs1-enc.pem'), 'KEY_PASSWORD_REQUIRED'],
    ['encrypted DER, no password', () => fx.read('rsa-enc.der'), 'KEY_PASSWORD_REQUIRED'],
    ['modern .p12, no password', () => fx.read('modern.p12'), 'KEY_PASSWORD_REQUIRED'],
    ['legacy .pfx, no password', () => fx.read('legacy.pfx'), 'KEY_PASSWORD_REQUIRED'],
    ['a .p12 with certificates only', () => fx.read('certonly.p12'), 'KEY_P12_NO_KEY', FILE_PASSWORD],
    [
      'two private keys in one PEM',
      () => Buffer.concat([fx.read('rsa.pem'), fx.read('leaf.pem')]),
      'KEY_MULTIPLE_KEYS',
    ],
    [
      'two private keys in one JWKS',
      () => Buffer.from(JSON.stringify({ keys: [jwk(), other()] })),
      'KEY_MULTIPLE_KEYS',
    ],
    [
      'a private JWK without CRT members',
      () => {
        const { p, q, dp, dq, qi, ...rest } = jwk();
        return Buffer.from(JSON.stringify(rest));
      },
      'KEY_JWK_INCOMPLETE',
    ],
    [
      'a JWK whose d is not base64url',
      () => Buffer.from(JSON.stringify({ ...jwk(), d: '***not base64***' })),
      'KEY_JWK_INVALID',
    ],
    ['a JWK spliced from two keys', () => Buffer.from(JSON.stringify({ ...jwk(), n: other().n })), 'KEY_INCONSISTENT'],
    [
      'a JWK with an x5c entry that is not a certificate',
      () => Buffer.from(JSON.stringify({ ...jwk(), x5c: ['bm90IGEgY2VydA=='] })),
      'KEY_CERT_INVALID',
    ],
    [
      'a .p12 whose certificate belongs to another key',
      () => fx.read('mismatch.p12'),
      'KEY_CERT_MISMATCH',
      FILE_PASSWORD,
    ],
    ['a PEM whose certificate belongs to another key', () => fx.read('mismatch.pem'), 'KEY_CERT_MISMATCH'],
    ['an OpenSSH private key', () => fx.read('id_rsa'), 'KEY_UNSUPPORTED_FORMAT'],
    ['a PuTTY key', () => Buffer.from('PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\n'), 'KEY_UNSUPPORTED_FORMAT'],
    [
      'a PGP private key block',
      () => Buffer.from('-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----\n'),
      'KEY_UNSUPPORTED_FORMAT',
    ],
  ];

  it('has at least 30 cases', () => {
    expect(bad.length).toBeGreaterThanOrEqual(30);
  });

  it.each(bad)('%s → %s', (_label, input, code, password) => {
    expect(codeOf(() => parsePrivateKeyFile(input(), { password, now: new Date() }))).toBe(code);
  });
});

describe('reading key files', () => {
  it('reports a missing file, a folder and an oversized file before reading them', async () => {
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'no error',
        (e: AppError) => e.code,
      );
    expect(await code(readKeyFile(fx.path('does-not-exist.pem')))).toBe('KEY_FILE_NOT_FOUND');
    mkdirSync(fx.path('a-folder'));
    expect(await code(readKeyFile(fx.path('a-folder')))).toBe('KEY_FILE_UNREADABLE');
    writeFileSync(fx.path('big.pem'), Buffer.alloc(MAX_KEY_FILE_BYTES + 10, 0x41));
    expect(await code(readKeyFile(fx.path('big.pem')))).toBe('KEY_FILE_TOO_LARGE');
    expect((await readKeyFile(fx.path('rsa.pem'))).equals(fx.read('rsa.pem'))).toBe(true);
  });
});

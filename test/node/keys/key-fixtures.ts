import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';

/** Digdir's own organisation number: a valid mod-11 number that real test certificates carry. */
export const ORG_NUMBER = '991825827';
export const FILE_PASSWORD = 'Correct-Horse-9';

/**
 * Key files made at test time with openssl (and ssh-keygen / forge where openssl cannot make the case),
 * so no key material is checked in. One RSA-2048 key is reused across formats to keep the suite fast.
 */
export interface KeyFixtures {
  dir: string;
  path(name: string): string;
  read(name: string): Buffer;
  /** The PKCS#8 PEM body of the main RSA key, and its private JWK `d`, for "never in clear" checks. */
  pemBody: string;
  jwkD: string;
  cleanup(): void;
}

function openssl(cwd: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

export function makeKeyFixtures(): KeyFixtures {
  const dir = mkdtempSync(join(tmpdir(), 'mpd-keyfix-'));
  const o = (...args: string[]) => openssl(dir, ...args);
  const write = (name: string, data: string | Buffer) => writeFileSync(join(dir, name), data);

  // The main RSA-2048 key in every private format.
  o('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa.pem');
  o('rsa', '-in', 'rsa.pem', '-traditional', '-out', 'rsa-pkcs1.pem');
  o(
    'pkcs8',
    '-topk8',
    '-in',
    'rsa.pem',
    '-v2',
    'aes-256-cbc',
    '-passout',
    `pass:${FILE_PASSWORD}`,
    '-out',
    'rsa-enc.pem',
  );
  o(
    'rsa',
    '-in',
    'rsa.pem',
    '-traditional',
    '-aes256',
    '-passout',
    `pass:${FILE_PASSWORD}`,
    '-out',
    'rsa-pkcs1-enc.pem',
  );
  o('pkcs8', '-topk8', '-nocrypt', '-in', 'rsa.pem', '-outform', 'DER', '-out', 'rsa-pkcs8.der');
  o('rsa', '-in', 'rsa.pem', '-traditional', '-outform', 'DER', '-out', 'rsa-pkcs1.der');
  o(
    'pkcs8',
    '-topk8',
    '-in',
    'rsa.pem',
    '-v2',
    'aes-256-cbc',
    '-passout',
    `pass:${FILE_PASSWORD}`,
    '-outform',
    'DER',
    '-out',
    'rsa-enc.der',
  );
  o('pkey', '-in', 'rsa.pem', '-pubout', '-out', 'rsa-pub.pem');
  o('rsa', '-in', 'rsa.pem', '-RSAPublicKey_out', '-out', 'rsa-pub-pkcs1.pem');
  o('pkey', '-in', 'rsa.pem', '-pubout', '-outform', 'DER', '-out', 'rsa-pub.der');

  const jwk = createPrivateKey(readFileSync(join(dir, 'rsa.pem'))).export({ format: 'jwk' }) as Record<string, string>;
  write('rsa.jwk.json', JSON.stringify({ ...jwk, kid: 'server-key-2024', alg: 'RS256', use: 'sig' }));
  write('rsa.jwk.b64', Buffer.from(JSON.stringify(jwk)).toString('base64'));
  write('rsa.jwks.json', JSON.stringify({ keys: [{ ...jwk, kid: 'in-a-jwks' }] }));
  write('rsa-pkcs8.b64', readFileSync(join(dir, 'rsa-pkcs8.der')).toString('base64'));

  // Enterprise-style certificates: organizationIdentifier NTRNO-<orgno> (eIDAS style) and serialNumber (older).
  const subject = `/C=NO/O=Testverksemd AS/organizationIdentifier=NTRNO-${ORG_NUMBER}/CN=Testverksemd AS`;
  o('req', '-x509', '-key', 'rsa.pem', '-days', '365', '-subj', subject, '-out', 'cert.pem');
  o(
    'req',
    '-x509',
    '-key',
    'rsa.pem',
    '-days',
    '365',
    '-subj',
    `/C=NO/O=Eldre AS/serialNumber=${ORG_NUMBER}/CN=Eldre AS`,
    '-out',
    'cert-serial.pem',
  );
  o('x509', '-in', 'cert.pem', '-outform', 'DER', '-out', 'cert.der');
  const pass = `pass:${FILE_PASSWORD}`;
  o('pkcs12', '-export', '-inkey', 'rsa.pem', '-in', 'cert.pem', '-passout', pass, '-out', 'modern.p12');
  o('pkcs12', '-export', '-legacy', '-inkey', 'rsa.pem', '-in', 'cert.pem', '-passout', pass, '-out', 'legacy.pfx');
  o(
    'pkcs12',
    '-export',
    '-keypbe',
    'PBE-SHA1-3DES',
    '-certpbe',
    'PBE-SHA1-3DES',
    '-macalg',
    'sha1',
    '-inkey',
    'rsa.pem',
    '-in',
    'cert-serial.pem',
    '-passout',
    pass,
    '-out',
    '3des.p12',
  );
  o('pkcs12', '-export', '-inkey', 'rsa.pem', '-in', 'cert.pem', '-passout', 'pass:', '-out', 'nopass.p12');
  o('pkcs12', '-export', '-nokeys', '-in', 'cert.pem', '-passout', pass, '-out', 'certonly.p12');
  write('key-and-cert.pem', Buffer.concat([readFileSync(join(dir, 'rsa.pem')), readFileSync(join(dir, 'cert.pem'))]));

  // A chain: a CA signs a leaf for a second RSA key; the .p12 holds both certificates, CA first.
  o('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'ca.pem');
  o('req', '-x509', '-key', 'ca.pem', '-days', '365', '-subj', '/C=NO/O=Test CA/CN=Test CA', '-out', 'ca-cert.pem');
  o('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'leaf.pem');
  o(
    'req',
    '-new',
    '-key',
    'leaf.pem',
    '-subj',
    `/C=NO/O=Kjede AS/organizationIdentifier=NTRNO-${ORG_NUMBER}/CN=Kjede AS`,
    '-out',
    'leaf.csr',
  );
  o(
    'x509',
    '-req',
    '-in',
    'leaf.csr',
    '-CA',
    'ca-cert.pem',
    '-CAkey',
    'ca.pem',
    '-CAcreateserial',
    '-days',
    '200',
    '-out',
    'leaf-cert.pem',
  );
  o(
    'pkcs12',
    '-export',
    '-inkey',
    'leaf.pem',
    '-in',
    'leaf-cert.pem',
    '-certfile',
    'ca-cert.pem',
    '-passout',
    pass,
    '-out',
    'chain.p12',
  );
  // The certificate of one key with another key (openssl refuses to build this; forge does not check).
  const mismatched = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(readFileSync(join(dir, 'leaf.pem'), 'utf8')),
    [forge.pki.certificateFromPem(readFileSync(join(dir, 'cert.pem'), 'utf8'))],
    FILE_PASSWORD,
    { algorithm: '3des' },
  );
  write('mismatch.p12', Buffer.from(forge.asn1.toDer(mismatched).getBytes(), 'binary'));
  write('mismatch.pem', Buffer.concat([readFileSync(join(dir, 'leaf.pem')), readFileSync(join(dir, 'cert.pem'))]));

  // Keys Maskinporten cannot use.
  o('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', 'rsa1024.pem');
  o('req', '-x509', '-key', 'rsa1024.pem', '-days', '30', '-subj', '/CN=small', '-out', 'rsa1024-cert.pem');
  o('pkcs12', '-export', '-inkey', 'rsa1024.pem', '-in', 'rsa1024-cert.pem', '-passout', pass, '-out', 'rsa1024.p12');
  o('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ec.pem');
  o('ec', '-in', 'ec.pem', '-out', 'ec-sec1.pem');
  o('req', '-x509', '-key', 'ec.pem', '-days', '30', '-subj', '/CN=ec', '-out', 'ec-cert.pem');
  o('pkcs12', '-export', '-inkey', 'ec.pem', '-in', 'ec-cert.pem', '-passout', pass, '-out', 'ec.p12');
  o('genpkey', '-algorithm', 'ED25519', '-out', 'ed25519.pem');
  o('genpkey', '-algorithm', 'RSA-PSS', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa-pss.pem');
  o('genpkey', '-genparam', '-algorithm', 'DSA', '-pkeyopt', 'dsa_paramgen_bits:1024', '-out', 'dsa-params.pem');
  o('genpkey', '-paramfile', 'dsa-params.pem', '-out', 'dsa.pem');
  o('pkcs8', '-topk8', '-nocrypt', '-in', 'ec.pem', '-outform', 'DER', '-out', 'ec.der');
  const ecJwk = createPrivateKey(readFileSync(join(dir, 'ec.pem'))).export({ format: 'jwk' });
  write('ec.jwk.json', JSON.stringify(ecJwk));
  write(
    'ed25519.jwk.json',
    JSON.stringify(createPrivateKey(readFileSync(join(dir, 'ed25519.pem'))).export({ format: 'jwk' })),
  );
  const smallJwk = createPrivateKey(readFileSync(join(dir, 'rsa1024.pem'))).export({ format: 'jwk' });
  write('rsa1024.jwk.json', JSON.stringify(smallJwk));
  execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-C', 'test', '-f', join(dir, 'id_rsa')]);

  const pem = readFileSync(join(dir, 'rsa.pem'), 'utf8');
  return {
    dir,
    path: (name) => join(dir, name),
    read: (name) => readFileSync(join(dir, name)),
    pemBody: pem.replace(/-----[^-]+-----|\s+/g, ''),
    jwkD: jwk.d,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

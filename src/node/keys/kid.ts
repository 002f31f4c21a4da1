import { randomBytes } from 'node:crypto';
import { AppError } from '../../common/errors/app-error';

/**
 * Maskinporten `kid` rules (reference §4, oidc_func_clientreg.md): chosen by the customer, characters
 * [A-Za-z0-9._-], unique within the client (some pages say across all customers, so make it unlikely to
 * collide: a date and random characters).
 */
export const KID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

export function assertValidKid(kid: string): string {
  if (!KID_PATTERN.test(kid)) {
    throw new AppError(
      'KEY_INVALID_KID',
      `"${kid.slice(0, 100)}" is not a valid kid: use 1-100 of the characters A-Z a-z 0-9 . _ -`,
      { details: { kid: kid.slice(0, 100) } },
    );
  }
  return kid;
}

/** The name as a kid-safe slug: Norwegian letters spelled out, other accents dropped, at most 40 characters. */
export function slugify(name: string): string {
  const spelled = name.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'aa');
  const slug = spelled
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'key';
}

const RANDOM_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `<name-slug>-<yyyymmdd>-<6 random>`, e.g. `skatt-prod-20260301-k3x9qa`; the date is UTC. */
export function defaultKid(name: string, now: Date, random: (n: number) => Buffer = randomBytes): string {
  const date = now.toISOString().slice(0, 10).replace(/-/g, '');
  // 252 = 7 × 36: rejecting bytes above it keeps every character equally likely.
  let suffix = '';
  while (suffix.length < 6) {
    for (const byte of random(12)) {
      if (byte < 252 && suffix.length < 6) suffix += RANDOM_ALPHABET[byte % 36];
    }
  }
  return `${slugify(name)}-${date}-${suffix}`;
}

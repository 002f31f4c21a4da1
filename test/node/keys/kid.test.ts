import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/common/errors/app-error';
import { assertValidKid, defaultKid, KID_PATTERN, slugify } from '../../../src/node/keys/kid';

describe('kid', () => {
  it('slugs names into the kid alphabet, spelling out Norwegian letters', () => {
    expect(slugify('Skatteetaten – Prod (ny)')).toBe('skatteetaten-prod-ny');
    expect(slugify('Økonomi og Årsoppgjør')).toBe('okonomi-og-aarsoppgjor');
    expect(slugify('Café Ærlig')).toBe('cafe-aerlig');
    expect(slugify('!!!')).toBe('key');
    expect(slugify('x'.repeat(100))).toHaveLength(40);
  });

  it('builds <slug>-<yyyymmdd>-<6 random> from [A-Za-z0-9._-]', () => {
    const kid = defaultKid('Min nøkkel', new Date('2026-03-01T23:30:00Z'));
    expect(kid).toMatch(/^min-nokkel-20260301-[a-z0-9]{6}$/);
    expect(KID_PATTERN.test(kid)).toBe(true);
    const kids = new Set(Array.from({ length: 200 }, () => defaultKid('a', new Date())));
    expect(kids.size).toBe(200);
  });

  it('uses only unbiased random bytes', () => {
    const bytes = [255, 254, 253, 252, 0, 1, 2, 3, 4, 5, 6, 7];
    expect(defaultKid('a', new Date('2026-01-01T00:00:00Z'), () => Buffer.from(bytes))).toBe('a-20260101-abcdef');
  });

  it.each(['', 'has space', 'slash/kid', 'æ', 'a'.repeat(101), 'kid\n'])('rejects %j', (kid) => {
    expect(() => assertValidKid(kid)).toThrow(AppError);
    try {
      assertValidKid(kid);
    } catch (e) {
      expect((e as AppError).code).toBe('KEY_INVALID_KID');
    }
  });

  it.each(['a', 'A.b_c-1', '991825827-app-tt02-20260301-abc123'])('accepts %j', (kid) => {
    expect(assertValidKid(kid)).toBe(kid);
  });
});

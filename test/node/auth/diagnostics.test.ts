import { describe, expect, it } from 'vitest';
import { errorTexts } from '../../../src/common/i18n/errors';
import { authErrors, doctorLabels } from '../../../src/common/i18n/errors/auth';
import { AuthErrors, classifyMaskinportenError, MP_CODES } from '../../../src/node/auth/diagnostics';

// The catalogue of felleslosninger/docs maskinporten_feilsoking.md (reference §1.4).
const REFERENCE_MP_CODES = [
  'MP-100',
  'MP-110',
  'MP-120',
  'MP-121',
  'MP-122',
  'MP-123',
  'MP-124',
  'MP-130',
  'MP-011',
  'MP-012',
  'MP-200',
  'MP-201',
  'MP-250',
  'MP-251',
  'MP-301',
  'MP-302',
  'MP-303',
];

describe('diagnostics catalogue', () => {
  it('maps every MP code of the reference to its own error code', () => {
    const codes = REFERENCE_MP_CODES.map((mp) => MP_CODES[mp]);
    expect(codes.every(Boolean)).toBe(true);
    expect(new Set(codes).size).toBe(REFERENCE_MP_CODES.length);
  });

  it('has an nb and en title and hint for every auth error code, joined in the shared catalogue', () => {
    for (const code of Object.values(AuthErrors)) {
      const text = authErrors[code];
      expect(text, code).toBeDefined();
      for (const lang of ['nb', 'en'] as const) {
        expect(text[lang].title.length, `${code} ${lang}`).toBeGreaterThan(3);
        expect(text[lang].hint?.length ?? 0, `${code} ${lang} hint`).toBeGreaterThan(10);
      }
      expect(text.nb.hint).not.toBe(text.en.hint);
      expect(errorTexts[code]).toBe(text);
    }
  });

  it('names the MP code in the title of every MP-mapped error', () => {
    for (const [mp, code] of Object.entries(MP_CODES)) expect(authErrors[code].en.title).toContain(mp);
  });

  it('labels every doctor check in both languages', () => {
    for (const id of ['wellKnown', 'clock', 'key', 'auth', 'token', 'scopes', 'exchange', 'orgClaim']) {
      expect(doctorLabels[`doctor.${id}`]?.nb).toBeTruthy();
      expect(doctorLabels[`doctor.${id}`]?.en).toBeTruthy();
    }
  });
});

describe('classifyMaskinportenError', () => {
  const invalidGrant = (description: string) =>
    classifyMaskinportenError(400, { error: 'invalid_grant', error_description: description });

  it('reads the real unknown-kid answer with its trace id', () => {
    expect(
      invalidGrant(
        'Invalid assertion. Client authentication failed. Unknown key identifier (kid) for client. (trace_id: 493f0a1b)',
      ),
    ).toEqual({ code: 'MASKINPORTEN_UNKNOWN_KID', traceId: '493f0a1b' });
  });

  it('prefers an MP code over the text', () => {
    expect(invalidGrant('Something about aud [MP-121]')).toEqual({
      code: 'MASKINPORTEN_EXPIRED_KEY',
      mpCode: 'MP-121',
    });
  });

  it('recognises the text forms quoted from the server', () => {
    expect(invalidGrant('Issue time is in the future').code).toBe('MASKINPORTEN_CLOCK_SKEW');
    expect(invalidGrant('Issue time is after now').code).toBe('MASKINPORTEN_CLOCK_SKEW');
    expect(invalidGrant('JWT has too long lifetime').code).toBe('MASKINPORTEN_LIFETIME_TOO_LONG');
    expect(invalidGrant('JWT has expired').code).toBe('MASKINPORTEN_GRANT_EXPIRED');
    expect(invalidGrant('Grant is used before').code).toBe('MASKINPORTEN_JTI_REUSED');
    expect(invalidGrant('The combination consumer_org 123 and client is invalid').code).toBe(
      'MASKINPORTEN_CONSUMER_ORG_INVALID',
    );
    expect(invalidGrant('Invalid assertion.').code).toBe('MASKINPORTEN_INVALID_GRANT');
  });

  it('falls back on the OAuth error and the status', () => {
    expect(classifyMaskinportenError(400, { error: 'invalid_scope' }).code).toBe('MASKINPORTEN_SCOPE_NOT_ALLOWED');
    expect(classifyMaskinportenError(401, { error: 'invalid_client' }).code).toBe('MASKINPORTEN_CLIENT_NOT_FOUND');
    expect(classifyMaskinportenError(502, undefined).code).toBe('MASKINPORTEN_SERVER_ERROR');
    expect(classifyMaskinportenError(418, undefined).code).toBe('MASKINPORTEN_REJECTED');
  });
});

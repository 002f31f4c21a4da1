import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../src/node/platform/external-links';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://docs.digdir.no/docs/Maskinporten/maskinporten_guide_apikonsument',
    'https://docs.altinn.studio/api/authentication/',
    'https://samarbeid.digdir.no/',
  ])('allows %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));

  it.each([
    'http://docs.digdir.no/',
    'https://docs.digdir.no.evil.example/',
    'https://evil.example/?u=https://docs.digdir.no',
    'https://user:pw@docs.digdir.no/',
    'https://docs.digdir.no:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
    'https://sub.samarbeid.digdir.no/',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));
});

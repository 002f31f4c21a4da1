import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../src/node/platform/external-links';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://docs.digdir.no/docs/Maskinporten/maskinporten_guide_apikonsument',
    'https://docs.altinn.studio/api/authentication/',
    'https://samarbeid.digdir.no/',
    'https://am.ui.tt02.altinn.no/accessmanagement/ui/systemuser/request?id=bb4955d4-6c44-4716-841c-911205dadade&DONTCHOOSEREPORTEE=true',
    'https://am.ui.altinn.no/accessmanagement/ui/systemuser/agentrequest?id=605bb239-23b1-4d11-aae8-a40eb683aa1f',
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
    'http://am.ui.tt02.altinn.no/accessmanagement/ui/systemuser/request?id=x',
    'https://am.ui.altinn.no.evil.example/accessmanagement/ui/systemuser/request?id=x',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));
});

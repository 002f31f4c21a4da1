import type { ErrorCatalogue } from './types';

/**
 * Token errors (src/node/auth/diagnostics.ts AuthErrors): what went wrong and the fix, in nb and en.
 * MP codes from felleslosninger/docs maskinporten_feilsoking.md; exchange behaviour from
 * AuthenticationController.cs (shared/reference/maskinporten-altinn.md §1.4, §2, §6).
 */
export const authErrors: ErrorCatalogue = {
  MASKINPORTEN_CLIENT_NOT_FOUND: {
    nb: {
      title: 'Maskinporten kjenner ikke klienten (MP-100)',
      hint: 'Sjekk klient-ID-en for skrivefeil, og at klienten er opprettet i samme miljø som profilen (en testklient finnes ikke i produksjon, og omvendt).',
    },
    en: {
      title: 'Maskinporten does not know the client (MP-100)',
      hint: 'Check the client id for typos, and that the client was created in the same environment as the profile (a test client does not exist in production, and the reverse).',
    },
  },
  MASKINPORTEN_WRONG_AUDIENCE: {
    nb: {
      title: 'Feil aud i grant (MP-110)',
      hint: 'aud må være Maskinportens issuer nøyaktig, med skråstrek til slutt (f.eks. https://test.maskinporten.no/), ikke token-endepunktet. Sjekk at profilen bruker riktig miljø.',
    },
    en: {
      title: 'Wrong aud in the grant (MP-110)',
      hint: "aud must be Maskinporten's issuer exactly, trailing slash included (e.g. https://test.maskinporten.no/), not the token endpoint. Check that the profile uses the right environment.",
    },
  },
  MASKINPORTEN_CERT_INVALID: {
    nb: {
      title: 'Ugyldig sertifikat (MP-120)',
      hint: 'Bruk et testsertifikat i test og et produksjonssertifikat i produksjon. Sertifikatet må være et gyldig virksomhetssertifikat.',
    },
    en: {
      title: 'Invalid certificate (MP-120)',
      hint: 'Use a test certificate in test and a production certificate in production. It must be a valid enterprise certificate.',
    },
  },
  MASKINPORTEN_EXPIRED_KEY: {
    nb: {
      title: 'Nøkkelen er utløpt i Maskinporten (MP-121)',
      hint: 'Nøkler gjelder ett år fra de ble lastet opp. Last opp den samme offentlige nøkkelen (JWK) på nytt i Samarbeidsportalen for å fornye, eller lag en ny.',
    },
    en: {
      title: 'The key has expired at Maskinporten (MP-121)',
      hint: 'Keys are valid one year from upload. Upload the same public key (JWK) again in Samarbeidsportalen to renew it, or make a new one.',
    },
  },
  MASKINPORTEN_CERT_ORG_MISMATCH: {
    nb: {
      title: 'Sertifikatet tilhører en annen organisasjon (MP-122)',
      hint: 'Organisasjonsnummeret i virksomhetssertifikatet må være det samme som klientens. Bruk sertifikatet til organisasjonen som eier klienten.',
    },
    en: {
      title: 'The certificate belongs to another organisation (MP-122)',
      hint: "The organisation number in the enterprise certificate must be the client's. Use the certificate of the organisation that owns the client.",
    },
  },
  MASKINPORTEN_INVALID_X5C: {
    nb: {
      title: 'Ugyldig x5c (MP-123)',
      hint: 'x5c må være en liste (JSON-array) med hele sertifikatkjeden i base64 DER. Importer sertifikatet på nytt med kjeden.',
    },
    en: {
      title: 'Invalid x5c (MP-123)',
      hint: 'x5c must be a list (JSON array) holding the whole certificate chain as base64 DER. Import the certificate again with its chain.',
    },
  },
  MASKINPORTEN_CERT_INVALID_SIGNATURE: {
    nb: {
      title: 'Ugyldig signatur (MP-124)',
      hint: 'Signaturen passer ikke med nøkkelen eller sertifikatet Maskinporten kjenner: sertifikatet kan være utløpt eller fra feil miljø, eller feil privatnøkkel er brukt. Bruk signeringssertifikatet, ikke det for ikke-benekting.',
    },
    en: {
      title: 'Invalid signature (MP-124)',
      hint: 'The signature does not match the key or certificate Maskinporten knows: the certificate may be expired or from the wrong environment, or the wrong private key was used. Use the signing certificate, not the non-repudiation one.',
    },
  },
  MASKINPORTEN_GRANT_EXPIRED: {
    nb: {
      title: 'Granten er utløpt (MP-130)',
      hint: 'Granten kom for sent eller ble brukt på nytt, eller klokken på maskinen går feil. Appen prøver én gang til med Maskinportens klokke; still klokken (automatisk tid) hvis feilen gjentar seg.',
    },
    en: {
      title: 'The grant has expired (MP-130)',
      hint: "The grant arrived late or was reused, or this computer's clock is wrong. The app retries once on Maskinporten's clock; set the clock (automatic time) if it happens again.",
    },
  },
  MASKINPORTEN_INVALID_PARAMETER: {
    nb: {
      title: 'Ugyldig verdi i granten (MP-011)',
      hint: 'En verdi i forespørselen er ugyldig, ofte linjeskift eller skrivefeil i klient-ID, scope eller resource. Rett profilen.',
    },
    en: {
      title: 'Invalid value in the grant (MP-011)',
      hint: 'A value in the request is invalid, often a line break or a typo in the client id, a scope or the resource. Fix the profile.',
    },
  },
  MASKINPORTEN_JTI_REUSED: {
    nb: {
      title: 'Granten er brukt før (MP-012)',
      hint: 'Hver grant kan bare brukes én gang. Appen lager en ny jti for hvert forsøk; prøv igjen.',
    },
    en: {
      title: 'The grant was used before (MP-012)',
      hint: 'Each grant can be used once. The app makes a new jti per attempt; try again.',
    },
  },
  MASKINPORTEN_SCOPE_NOT_ALLOWED: {
    nb: {
      title: 'Klienten har ikke dette scopet (MP-200)',
      hint: 'Legg scopet til på klienten i Samarbeidsportalen (for altinn:serviceowner/* må organisasjonen være tjenesteeier), eller fjern det fra profilen.',
    },
    en: {
      title: 'The client does not have this scope (MP-200)',
      hint: 'Add the scope to the client in Samarbeidsportalen (altinn:serviceowner/* needs a service-owner organisation), or remove it from the profile.',
    },
  },
  MASKINPORTEN_SCOPE_WRONG_INTEGRATION: {
    nb: {
      title: 'Scopet passer ikke klienttypen (MP-201)',
      hint: 'Scopet er ikke tillatt for integrasjonstypen til klienten. Lag en klient av riktig type (Maskinporten) i Samarbeidsportalen.',
    },
    en: {
      title: 'The scope does not fit the client type (MP-201)',
      hint: "The scope is not allowed for the client's integration type. Create a client of the right type (Maskinporten) in Samarbeidsportalen.",
    },
  },
  MASKINPORTEN_FORBIDDEN_SCOPE: {
    nb: {
      title: 'Organisasjonen har ikke tilgang til scopet (MP-250)',
      hint: 'API-eieren har ikke gitt organisasjonen tilgang. For altinn:serviceowner/* må organisasjonen være registrert som tjenesteeier i Altinn.',
    },
    en: {
      title: 'The organisation has no access to the scope (MP-250)',
      hint: 'The API owner has not given the organisation access. For altinn:serviceowner/* the organisation must be a registered Altinn service owner.',
    },
  },
  MASKINPORTEN_NOT_DELEGATED: {
    nb: {
      title: 'Scopet er ikke delegert (MP-251)',
      hint: 'Kunden (consumer_org) har ikke delegert scopet til leverandøren i Altinn. Delegeringer i produksjon gjelder ikke i TT02: deleger i riktig miljø.',
    },
    en: {
      title: 'The scope is not delegated (MP-251)',
      hint: 'The consumer (consumer_org) has not delegated the scope to the supplier in Altinn. Production delegations do not apply in TT02: delegate in the right environment.',
    },
  },
  MASKINPORTEN_RAR_UNKNOWN_TYPE: {
    nb: {
      title: 'Ukjent type i authorization_details (MP-301)',
      hint: 'For systembruker skal typen være urn:altinn:systemuser. Sjekk systembrukerfeltene i profilen.',
    },
    en: {
      title: 'Unknown type in authorization_details (MP-301)',
      hint: 'For a system user the type must be urn:altinn:systemuser. Check the system-user fields of the profile.',
    },
  },
  MASKINPORTEN_RAR_UNKNOWN_FIELD: {
    nb: {
      title: 'Ukjent felt i authorization_details (MP-302)',
      hint: 'authorization_details har felt Maskinporten ikke kjenner. Bruk bare systemuser_org og eventuelt externalRef.',
    },
    en: {
      title: 'Unknown field in authorization_details (MP-302)',
      hint: 'authorization_details has fields Maskinporten does not know. Use only systemuser_org and, if needed, externalRef.',
    },
  },
  MASKINPORTEN_RAR_INVALID: {
    nb: {
      title: 'Systembrukeren passer ikke (MP-303)',
      hint: 'Altinn fant ingen godkjent systembruker for dette grantet. Sjekk at kunden har godkjent forespørselen, at systemet i Altinns systemregister har klient-id-en din, at externalRef er med hvis forespørselen brukte en, og at systembruker-org er eierens organisasjonsnummer (ikke klientens). Se Systemer og systembrukere.',
    },
    en: {
      title: 'The system user does not match (MP-303)',
      hint: "Altinn found no approved system user for this grant. Check that the customer approved the request, that the system in Altinn's system register has your client id, that externalRef is sent if the request used one, and that the system-user org is the owner's organisation number (not the client's). See Systems and system users.",
    },
  },
  MASKINPORTEN_UNKNOWN_KID: {
    nb: {
      title: 'Maskinporten kjenner ikke nøkkelen (kid)',
      hint: 'Den offentlige nøkkelen er ikke registrert på klienten, eller har en annen kid. Last opp JWK-en i Samarbeidsportalen (nye nøkler kan ta opptil 2 minutter), og husk at opplasting erstatter alle nøkler.',
    },
    en: {
      title: 'Maskinporten does not know the key (kid)',
      hint: 'The public key is not registered on the client, or has another kid. Upload the JWK in Samarbeidsportalen (new keys can take up to 2 minutes), and remember that an upload replaces all keys.',
    },
  },
  MASKINPORTEN_CLOCK_SKEW: {
    nb: {
      title: 'Klokken på maskinen går feil',
      hint: 'Maskinporten godtar bare tidspunkter innenfor ±10 sekunder. Appen retter iat etter Maskinportens klokke, men still klokken med automatisk tid (NTP).',
    },
    en: {
      title: "This computer's clock is off",
      hint: "Maskinporten accepts times within ±10 seconds only. The app corrects iat to Maskinporten's clock, but set the clock to automatic time (NTP).",
    },
  },
  MASKINPORTEN_LIFETIME_TOO_LONG: {
    nb: {
      title: 'Granten lever for lenge',
      hint: 'exp − iat kan være høyst 120 sekunder.',
    },
    en: {
      title: 'The grant lives too long',
      hint: 'exp − iat may be at most 120 seconds.',
    },
  },
  MASKINPORTEN_CONSUMER_ORG_INVALID: {
    nb: {
      title: 'Ugyldig consumer_org',
      hint: 'consumer_org skal være kundens organisasjonsnummer, aldri ditt eget. Fjern feltet hvis du henter token for egen organisasjon.',
    },
    en: {
      title: 'Invalid consumer_org',
      hint: "consumer_org must be the customer's organisation number, never your own. Remove it when you get a token for your own organisation.",
    },
  },
  MASKINPORTEN_INVALID_GRANT: {
    nb: {
      title: 'Maskinporten avviste granten',
      hint: 'Se meldingen fra Maskinporten. Vanlige årsaker: feil miljø, nøkkel ikke registrert, eller felter i profilen Maskinporten ikke godtar.',
    },
    en: {
      title: 'Maskinporten rejected the grant',
      hint: "See Maskinporten's message. Common causes: the wrong environment, a key that is not registered, or profile fields Maskinporten does not accept.",
    },
  },
  MASKINPORTEN_INVALID_REQUEST: {
    nb: {
      title: 'Maskinporten forstod ikke forespørselen',
      hint: 'Sjekk at token-endepunktet i miljøet er riktig (…/token).',
    },
    en: {
      title: 'Maskinporten did not understand the request',
      hint: 'Check that the environment’s token endpoint is right (…/token).',
    },
  },
  MASKINPORTEN_REJECTED: {
    nb: { title: 'Maskinporten sa nei', hint: 'Se meldingen fra Maskinporten og kjør Doktor for profilen.' },
    en: { title: 'Maskinporten said no', hint: "See Maskinporten's message and run the doctor for the profile." },
  },
  MASKINPORTEN_SERVER_ERROR: {
    nb: {
      title: 'Feil hos Maskinporten',
      hint: 'Maskinporten svarte med en serverfeil. Prøv igjen om litt; se status.digdir.no.',
    },
    en: {
      title: 'Maskinporten failed',
      hint: 'Maskinporten answered with a server error. Try again shortly; see status.digdir.no.',
    },
  },
  MASKINPORTEN_UNREACHABLE: {
    nb: {
      title: 'Får ikke kontakt med Maskinporten',
      hint: 'Sjekk nettverket, proxy og brannmur (utgående HTTPS til maskinporten.no / test.maskinporten.no).',
    },
    en: {
      title: 'Cannot reach Maskinporten',
      hint: 'Check the network, proxy and firewall (outbound HTTPS to maskinporten.no / test.maskinporten.no).',
    },
  },
  MASKINPORTEN_TIMEOUT: {
    nb: {
      title: 'Maskinporten svarte ikke i tide',
      hint: 'Tidsavbrudd. Prøv igjen; fra enkelte skyverter (f.eks. Azure) har tilkoblinger til Maskinporten hengt, sjekk utgående brannmur.',
    },
    en: {
      title: 'Maskinporten did not answer in time',
      hint: 'Timed out. Try again; from some cloud hosts (e.g. Azure) connections to Maskinporten have hung, so check the outbound firewall.',
    },
  },
  MASKINPORTEN_BAD_RESPONSE: {
    nb: {
      title: 'Uventet svar fra Maskinporten',
      hint: 'Svaret hadde ikke forventet form. Sjekk at miljøets adresser peker til Maskinporten.',
    },
    en: {
      title: 'Unexpected answer from Maskinporten',
      hint: "The answer did not have the expected shape. Check that the environment's addresses point to Maskinporten.",
    },
  },
  ALTINN_EXCHANGE_UNAUTHORIZED: {
    nb: {
      title: 'Altinn godtok ikke Maskinporten-tokenet (401)',
      hint: 'Altinn forklarer aldri en 401. Vanlige årsaker: token fra feil miljø (produksjon mot TT02 eller omvendt), utløpt token, eller mangler scope Altinn krever. Sjekk miljøet og scopene i profilen.',
    },
    en: {
      title: 'Altinn did not accept the Maskinporten token (401)',
      hint: 'Altinn never explains a 401. Usual causes: a token from the wrong environment (production to TT02 or the reverse), an expired token, or a scope Altinn requires is missing. Check the environment and the scopes of the profile.',
    },
  },
  ALTINN_EXCHANGE_BAD_REQUEST: {
    nb: {
      title: 'Feil adresse for tokenveksling',
      hint: 'Adressen skal slutte på /authentication/api/v1/exchange/maskinporten. Sjekk miljøet.',
    },
    en: {
      title: 'Wrong token exchange address',
      hint: 'The address must end in /authentication/api/v1/exchange/maskinporten. Check the environment.',
    },
  },
  ALTINN_EXCHANGE_GONE: {
    nb: {
      title: 'Denne vekslingen finnes ikke lenger (410)',
      hint: 'Virksomhetsbruker er erstattet av systembruker. Bruk en systembruker-profil.',
    },
    en: {
      title: 'This exchange no longer exists (410)',
      hint: 'Enterprise users were replaced by system users. Use a system-user profile.',
    },
  },
  ALTINN_EXCHANGE_REJECTED: {
    nb: { title: 'Altinn avviste tokenvekslingen', hint: 'Se statuskoden og kjør Doktor for profilen.' },
    en: {
      title: 'Altinn rejected the token exchange',
      hint: 'See the status code and run the doctor for the profile.',
    },
  },
  ALTINN_EXCHANGE_SERVER_ERROR: {
    nb: { title: 'Feil hos Altinn', hint: 'Altinn svarte med en serverfeil. Prøv igjen om litt.' },
    en: { title: 'Altinn failed', hint: 'Altinn answered with a server error. Try again shortly.' },
  },
  ALTINN_EXCHANGE_UNREACHABLE: {
    nb: {
      title: 'Får ikke kontakt med Altinn',
      hint: 'Sjekk nettverket, proxy og brannmur (utgående HTTPS til platform.altinn.no / platform.tt02.altinn.no).',
    },
    en: {
      title: 'Cannot reach Altinn',
      hint: 'Check the network, proxy and firewall (outbound HTTPS to platform.altinn.no / platform.tt02.altinn.no).',
    },
  },
  ALTINN_EXCHANGE_TIMEOUT: {
    nb: { title: 'Altinn svarte ikke i tide', hint: 'Tidsavbrudd ved tokenveksling. Prøv igjen.' },
    en: { title: 'Altinn did not answer in time', hint: 'The token exchange timed out. Try again.' },
  },
  ALTINN_EXCHANGE_BAD_RESPONSE: {
    nb: {
      title: 'Uventet svar fra tokenvekslingen',
      hint: 'Svaret var ikke et token. Sjekk at miljøets vekslingsadresse peker til Altinn.',
    },
    en: {
      title: 'Unexpected answer from the token exchange',
      hint: "The answer was not a token. Check that the environment's exchange address points to Altinn.",
    },
  },
  ALTINN_ORG_CLAIM_MISSING: {
    nb: {
      title: 'Altinn-tokenet mangler tjenesteeier (urn:altinn:org)',
      hint: 'Altinn legger bare til org når scopet inneholder altinn:serviceowner og organisasjonen er tjenesteeier. Uten den avviser Storage org-søk. Legg til altinn:serviceowner/instances.read, og i TT02 slå på «test-org ttd» for Digdirs klienter.',
    },
    en: {
      title: 'The Altinn token has no service owner (urn:altinn:org)',
      hint: 'Altinn adds org only when the scope contains altinn:serviceowner and the organisation is a service owner. Without it Storage refuses org queries. Add altinn:serviceowner/instances.read, and in TT02 turn on "test org ttd" for Digdir clients.',
    },
  },
  ALTINN_ORG_CLAIM_MISMATCH: {
    nb: {
      title: 'Altinn-tokenet gjelder en annen tjenesteeier',
      hint: 'org i tokenet er ikke den i profilen. Rett org i profilen, eller bruk klienten til riktig organisasjon.',
    },
    en: {
      title: 'The Altinn token is for another service owner',
      hint: "The token's org is not the profile's. Fix the org in the profile, or use the right organisation's client.",
    },
  },
  AUTH_GRANT_INVALID: {
    nb: { title: 'Granten kan ikke lages', hint: 'Profilen mangler klient-ID, scope eller miljø. Rett profilen.' },
    en: {
      title: 'The grant cannot be built',
      hint: 'The profile lacks a client id, a scope or an environment. Fix the profile.',
    },
  },
  AUTH_NO_CERTIFICATE: {
    nb: {
      title: 'Nøkkelen har ikke sertifikat',
      hint: 'Profilen bruker sertifikat (x5c), men nøkkelen har ingen sertifikatkjede. Importer virksomhetssertifikatet (.p12), eller bruk kid.',
    },
    en: {
      title: 'The key has no certificate',
      hint: 'The profile uses a certificate (x5c), but the key has no certificate chain. Import the enterprise certificate (.p12), or use kid.',
    },
  },
  AUTH_TOKEN_UNREADABLE: {
    nb: { title: 'Tokenet kan ikke leses', hint: 'Svaret var ikke et JWT. Sjekk miljøets adresser.' },
    en: { title: 'The token cannot be read', hint: "The answer was not a JWT. Check the environment's addresses." },
  },
  AUTH_ISSUER_MISMATCH: {
    nb: {
      title: 'Miljøet og Maskinporten er uenige om adressene',
      hint: 'Issuer eller token-endepunkt i well-known-metadata er ikke det miljøet bruker. Rett miljøet (environments.json) så aud blir riktig.',
    },
    en: {
      title: 'The environment and Maskinporten disagree on the addresses',
      hint: 'The issuer or token endpoint in the well-known metadata is not what the environment uses. Fix the environment (environments.json) so aud is right.',
    },
  },
  AUTH_CERTIFICATE_EXPIRED: {
    nb: { title: 'Sertifikatet er utløpt', hint: 'Skaff et nytt virksomhetssertifikat og importer det.' },
    en: { title: 'The certificate has expired', hint: 'Get a new enterprise certificate and import it.' },
  },
  AUTH_KEY_EXPIRES_SOON: {
    nb: {
      title: 'Nøkkelen utløper snart i Maskinporten',
      hint: 'Last opp den samme offentlige nøkkelen på nytt i Samarbeidsportalen før den utløper (gjelder ett år).',
    },
    en: {
      title: 'The key expires soon at Maskinporten',
      hint: 'Upload the same public key again in Samarbeidsportalen before it expires (valid one year).',
    },
  },
};

/** Names of the doctor's checks (DoctorRow.label = `doctor.<id>`). */
export const doctorLabels: Record<string, { nb: string; en: string }> = {
  'doctor.wellKnown': { nb: 'Maskinporten svarer (well-known)', en: 'Maskinporten answers (well-known)' },
  'doctor.clock': { nb: 'Klokken', en: 'Clock' },
  'doctor.key': { nb: 'Nøkkel finnes og er gyldig', en: 'Key present and valid' },
  'doctor.auth': { nb: 'kid eller x5c', en: 'kid or x5c' },
  'doctor.token': { nb: 'Maskinporten-token', en: 'Maskinporten token' },
  'doctor.scopes': { nb: 'Scopes gitt', en: 'Scopes granted' },
  'doctor.exchange': { nb: 'Veksling til Altinn-token', en: 'Exchange for an Altinn token' },
  'doctor.orgClaim': { nb: 'Tjenesteeier i Altinn-tokenet (org)', en: 'Service owner in the Altinn token (org)' },
};

import type { ErrorCatalogue } from './types';

/** Environments file and client profiles. */
export const profileErrors: ErrorCatalogue = {
  ENVIRONMENTS_FILE_INVALID: {
    nb: {
      title: 'environments.json kan ikke brukes',
      hint: 'Rett feltet som er nevnt i meldingen i environments.json i hjemmemappen. Adresser må bruke https (http bare mot 127.0.0.1, ::1 eller localhost), og id-en kan ikke være tt02 eller prod.',
    },
    en: {
      title: 'environments.json cannot be used',
      hint: 'Fix the field named in the message in environments.json in the home folder. URLs must be https (http only on 127.0.0.1, ::1 or localhost), and the id cannot be tt02 or prod.',
    },
  },
  PROFILE_INVALID: {
    nb: {
      title: 'Profilen har ugyldige felt',
      hint: 'Rett feltet som er nevnt. Organisasjonsnummer har 9 siffer med kontrollsiffer, scopes skrives uten mellomrom (for eksempel altinn:serviceowner/instances.read), og apper skrives org/app.',
    },
    en: {
      title: 'The profile has invalid fields',
      hint: 'Fix the field named. Organisation numbers have 9 digits with a check digit, scopes have no spaces (e.g. altinn:serviceowner/instances.read), and apps are written org/app.',
    },
  },
  PROFILE_NOT_FOUND: {
    nb: {
      title: 'Fant ikke profilen',
      hint: 'Se listen over profiler (mpd profiles list) og bruk id-en eller navnet derfra.',
    },
    en: {
      title: 'Profile not found',
      hint: 'See the list of profiles (mpd profiles list) and use the id or name from there.',
    },
  },
  PROFILE_AMBIGUOUS: {
    nb: {
      title: 'Flere profiler har dette navnet',
      hint: 'Profiler i ulike miljøer kan ha samme navn. Bruk profilens id (vises i mpd profiles list).',
    },
    en: {
      title: 'Several profiles have this name',
      hint: 'Profiles in different environments may share a name. Use the profile id (shown by mpd profiles list).',
    },
  },
  PROFILE_NAME_TAKEN: {
    nb: { title: 'Navnet er i bruk', hint: 'Hver profil i et miljø må ha sitt eget navn. Velg et annet navn.' },
    en: { title: 'The name is taken', hint: 'Each profile in an environment needs its own name. Choose another name.' },
  },
  PROFILE_KEY_NOT_FOUND: {
    nb: {
      title: 'Nøkkelen finnes ikke',
      hint: 'Velg en nøkkel fra Nøkler (mpd keys list), eller lag eller importer nøkkelen først.',
    },
    en: {
      title: 'The key does not exist',
      hint: 'Choose a key from Keys (mpd keys list), or generate or import the key first.',
    },
  },
  PROFILE_TEST_ORG_NOT_IN_PRODUCTION: {
    nb: {
      title: 'Testorganisasjonen finnes bare i test',
      hint: 'Bryteren «opptre som ttd» sender ?test=true, som Altinn bare bruker i TT02. Slå den av for produksjonsprofiler.',
    },
    en: {
      title: 'The test org exists only in test',
      hint: 'The "act as ttd" switch sends ?test=true, which Altinn honours only in TT02. Turn it off for production profiles.',
    },
  },
};

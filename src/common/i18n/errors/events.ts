import type { ErrorCatalogue } from './types';

/** An app's events and an instance's history (issue 20; src/common/errors/events-errors.ts). */
export const eventsErrors: ErrorCatalogue = {
  EVENTS_QUERY_INVALID: {
    nb: {
      title: 'Filtrene for hendelser kan ikke brukes',
      hint: 'Oppgi «fra» (et tidspunkt med tidssone) eller id-en til en hendelse å starte etter, og bare én av part-ID, organisasjonsnummer og fødselsnummer. Ingenting ble sendt.',
    },
    en: {
      title: 'The event filters cannot be used',
      hint: 'Give "from" (a time with its zone) or the id of an event to start after, and only one of party id, organisation number and national identity number. Nothing was sent.',
    },
  },
  EVENTS_QUERY_REFUSED: {
    nb: {
      title: 'Altinn avviste spørringen etter hendelser',
      hint: 'Meldingen fra Altinn sier hva som er feil. Tidspunkter må ha tidssone, og størrelsen må være over 0.',
    },
    en: {
      title: 'Altinn refused the events query',
      hint: "Altinn's message says what is wrong. Times need a zone, and the size must be above 0.",
    },
  },
  EVENTS_UNAUTHORIZED: {
    nb: {
      title: 'Altinn Events godtar ikke tokenet',
      hint: 'Altinn svarte 401 også med et nytt token. Kjør «Sjekk profil» (mpd doctor): profilen trenger altinn:serviceowner/instances.read, og tokenet må være vekslet i samme miljø.',
    },
    en: {
      title: 'Altinn Events does not accept the token',
      hint: 'Altinn answered 401 even with a fresh token. Run the profile check (mpd doctor): the profile needs altinn:serviceowner/instances.read, and the token must be exchanged in the same environment.',
    },
  },
  EVENTS_NOT_AN_ORG: {
    nb: {
      title: 'Bare tjenesteeiere kan lese en apps hendelser',
      hint: 'Altinn-tokenet har ikke tjenesteeierens kode (urn:altinn:org). Profilen må be om et altinn:serviceowner-scope, og organisasjonen til klienten må være registrert som tjenesteeier i Altinn (i TT02: kryss av for «Opptre som testorganisasjonen ttd» på profilen).',
    },
    en: {
      title: "Only service owners can read an app's events",
      hint: 'The Altinn token carries no service-owner code (urn:altinn:org). The profile must ask for an altinn:serviceowner scope, and the organisation of the client must be registered as a service owner in Altinn (in TT02: tick "Act as the test organisation ttd" on the profile).',
    },
  },
  EVENTS_FORBIDDEN: {
    nb: {
      title: 'Altinn Events nekter tilgang',
      hint: 'Lesescopet altinn:serviceowner/instances.read gir i dag tilgang til appens hendelser. Altinn har varslet at søk i hendelser kan komme til å kreve altinn:events.subscribe: legg det til på klienten i Samarbeidsportalen og i profilen. Appen må tilhøre tjenesteeieren i tokenet.',
    },
    en: {
      title: 'Altinn Events refuses access',
      hint: "The read scope altinn:serviceowner/instances.read gives access to an app's events today. Altinn has announced that searching events may come to require altinn:events.subscribe: add it to the client in Samarbeidsportalen and to the profile. The app must belong to the service owner in the token.",
    },
  },
  EVENTS_PARTY_UNKNOWN: {
    nb: {
      title: 'Altinn kjenner ikke eieren',
      hint: 'Altinns register fant ikke organisasjonsnummeret eller fødselsnummeret. Sjekk nummeret, eller filtrer på part-ID.',
    },
    en: {
      title: 'Altinn does not know the owner',
      hint: "Altinn's register found no such organisation or national identity number. Check the number, or filter by party id.",
    },
  },
  EVENTS_NOT_CONFIGURED: {
    nb: {
      title: 'Miljøet har ingen adresse til Altinn Events',
      hint: 'Legg til altinn.eventsApi (for eksempel https://platform.tt02.altinn.no/events/api/v1) for miljøet i environments.json.',
    },
    en: {
      title: 'The environment has no Altinn Events address',
      hint: 'Add altinn.eventsApi (for example https://platform.tt02.altinn.no/events/api/v1) to the environment in environments.json.',
    },
  },
  EVENTS_FOLLOW_NOT_FOUND: {
    nb: { title: 'Følgingen kjører ikke lenger', hint: 'Slå på «Følg nye hendelser» igjen.' },
    en: { title: 'The follow is no longer running', hint: 'Turn on "Follow new events" again.' },
  },
  HISTORY_UNAUTHORIZED: {
    nb: {
      title: 'Altinn godtar ikke tokenet for historikken',
      hint: 'Storage svarte 401 også med et nytt token. Kjør «Sjekk profil» (mpd doctor): profilen trenger altinn:serviceowner/instances.read i samme miljø.',
    },
    en: {
      title: 'Altinn does not accept the token for the history',
      hint: 'Storage answered 401 even with a fresh token. Run the profile check (mpd doctor): the profile needs altinn:serviceowner/instances.read in the same environment.',
    },
  },
  HISTORY_FORBIDDEN: {
    nb: {
      title: 'Altinn nekter å vise historikken',
      hint: 'Storage svarte 403: lesing krever altinn:serviceowner/instances.read, og appens tilgangsregler må gi organisasjonen din lesetilgang. Storage svarer også 403 for en instans-id den ikke kjenner – sjekk id-en.',
    },
    en: {
      title: 'Altinn refuses to show the history',
      hint: "Storage answered 403: reading needs altinn:serviceowner/instances.read, and the app's policy must let your organisation read. Storage also answers 403 for an instance id it does not know – check the id.",
    },
  },
};

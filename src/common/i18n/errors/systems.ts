import type { ErrorCatalogue } from './types';

/** Altinn's system register and system-user requests, for system vendors (docs/system-vendors.md). */
export const systemsErrors: ErrorCatalogue = {
  SYSTEMS_NOT_VENDOR: {
    nb: {
      title: 'Profilen er ikke en leverandørprofil',
      hint: 'En leverandørprofil henter et vanlig Maskinporten-token med scopene altinn:authentication/systemregister.write, altinn:authentication/systemuser.request.write og altinn:authentication/systemuser.request.read, og har ikke systembruker-feltene utfylt. Lag en slik profil under Miljø og klientprofiler.',
    },
    en: {
      title: 'The profile is not a vendor profile',
      hint: 'A vendor profile gets a plain Maskinporten token with the scopes altinn:authentication/systemregister.write, altinn:authentication/systemuser.request.write and altinn:authentication/systemuser.request.read, and has no system-user fields. Make one under Environment and client profiles.',
    },
  },
  SYSTEMS_FORBIDDEN_SCOPE: {
    nb: {
      title: 'Mangler tilgang i Altinn (403)',
      hint: 'Systemregisteret og listen over systembrukere krever altinn:authentication/systemregister.write, nye forespørsler systemuser.request.write og status systemuser.request.read. Legg scopet til profilen; mangler det på Maskinporten-klienten, be Digdir om det (skjema for sluttbrukersystemleverandører). Et system som tilhører en annen organisasjon gir også 403.',
    },
    en: {
      title: 'No access in Altinn (403)',
      hint: 'The system register and the list of system users need altinn:authentication/systemregister.write, new requests systemuser.request.write and their status systemuser.request.read. Add the scope to the profile; if the Maskinporten client lacks it, ask Digdir for it (the end-user system vendor form). A system that belongs to another organisation also gives 403.',
    },
  },
  SYSTEMS_UNAUTHORIZED: {
    nb: {
      title: 'Altinn godtok ikke tokenet (401)',
      hint: 'Tokenet kan være utløpt eller fra et annet miljø (et TT02-token mot produksjon eller omvendt). Prøv igjen; et nytt token hentes.',
    },
    en: {
      title: 'Altinn did not accept the token (401)',
      hint: 'The token may have expired or be from another environment (a TT02 token sent to production or the reverse). Try again; a new token is fetched.',
    },
  },
  SYSTEMS_NOT_FOUND: {
    nb: {
      title: 'Fant ikke systemet i systemregisteret',
      hint: 'Sjekk system-id-en (mpd systems list). TT02 og produksjon har hvert sitt systemregister: lag systemet i det miljøet du bruker.',
    },
    en: {
      title: 'The system is not in the system register',
      hint: 'Check the system id (mpd systems list). TT02 and production have separate system registers: create the system in the environment you use.',
    },
  },
  SYSTEMS_ALREADY_EXISTS: {
    nb: {
      title: 'Et system med denne id-en finnes allerede',
      hint: 'Velg en annen id, eller endre det eksisterende systemet (mpd systems update). Ingenting ble endret.',
    },
    en: {
      title: 'A system with this id exists already',
      hint: 'Choose another id, or change the existing system (mpd systems update). Nothing was changed.',
    },
  },
  SYSTEMS_WRONG_VENDOR: {
    nb: {
      title: 'System-id-en må begynne med ditt organisasjonsnummer',
      hint: 'Altinn krever formen <organisasjonsnummer>_<navn>, med organisasjonsnummeret til leverandøren som eier Maskinporten-klienten.',
    },
    en: {
      title: 'The system id must start with your organisation number',
      hint: 'Altinn requires the form <organisation number>_<name>, with the number of the vendor that owns the Maskinporten client.',
    },
  },
  SYSTEMS_INVALID: {
    nb: {
      title: 'Altinn godtok ikke det som ble sendt (400)',
      hint: 'Altinns egne ord i feilmeldingen sier hva som må rettes. Rett det og prøv igjen; ingenting ble endret.',
    },
    en: {
      title: 'Altinn did not accept what was sent (400)',
      hint: "Altinn's own words in the error say what to correct. Correct it and try again; nothing was changed.",
    },
  },
  SYSTEMS_ID_INVALID: {
    nb: {
      title: 'Altinn godtok ikke system-id-en',
      hint: 'En system-id kan ikke ha mellomrom, og id-en i en endring må være den samme som systemets. Bruk formen organisasjonsnummer_navn med bokstaver, sifre, punktum, bindestrek og understrek.',
    },
    en: {
      title: 'Altinn did not accept the system id',
      hint: "A system id cannot contain spaces, and the id in a change must be the system's own. Use the form orgnumber_name with letters, digits, dot, dash and underscore.",
    },
  },
  SYSTEMS_CLIENT_ID_TAKEN: {
    nb: {
      title: 'Klient-id-en er allerede knyttet til et annet system',
      hint: 'En Maskinporten-klient kan bare høre til ett system i systemregisteret. Fjern klient-id-en fra det andre systemet først, eller bruk en annen klient. Ingenting ble endret.',
    },
    en: {
      title: 'The client id is already tied to another system',
      hint: 'A Maskinporten client can belong to one system in the system register only. Remove the client id from the other system first, or use another client. Nothing was changed.',
    },
  },
  SYSTEMS_REDIRECT_URL_INVALID: {
    nb: {
      title: 'Altinn godtok ikke omdirigerings-URL-en',
      hint: 'Et systems omdirigerings-URL-er må være fullstendige https://-adresser, og en forespørsel kan bare bruke en av dem. Legg URL-en til systemet først, eller send forespørselen uten.',
    },
    en: {
      title: 'Altinn did not accept the redirect URL',
      hint: "A system's redirect URLs must be full https:// addresses, and a request can only use one of them. Add the URL to the system first, or send the request without one.",
    },
  },
  SYSTEMS_RESOURCE_INVALID: {
    nb: {
      title: 'Altinn godtok ikke en av rettighetene (ressursene)',
      hint: 'Ressursen finnes ikke i Altinns ressursregister for dette miljøet, har feil form, kan ikke delegeres, eller står to ganger. Sjekk ressurs-id-en med tjenesteeieren. Ingenting ble endret.',
    },
    en: {
      title: 'Altinn did not accept one of the rights (resources)',
      hint: "The resource is not in Altinn's resource register for this environment, has the wrong form, cannot be delegated, or is listed twice. Check the resource id with the service owner. Nothing was changed.",
    },
  },
  SYSTEMS_ACCESS_PACKAGE_INVALID: {
    nb: {
      title: 'Altinn godtok ikke en av tilgangspakkene',
      hint: 'Tilgangspakken finnes ikke, kan ikke delegeres, står to ganger, eller er ment for klientforhold og kan da ikke brukes på et system som er synlig i Altinn. Ingenting ble endret.',
    },
    en: {
      title: 'Altinn did not accept one of the access packages',
      hint: 'The access package does not exist, cannot be delegated, is listed twice, or is meant for client relations and then cannot be used on a system visible in Altinn. Nothing was changed.',
    },
  },
  SYSTEMUSER_REQUEST_NOT_FOUND: {
    nb: {
      title: 'Fant ikke forespørselen',
      hint: 'Sjekk id-en (mpd systemusers requests). Forespørselen kan være slettet, for eksempel da den ble sendt på nytt (--renew). Forespørsler i TT02 og produksjon er forskjellige, og du ser bare dine egne.',
    },
    en: {
      title: 'Request not found',
      hint: 'Check the id (mpd systemusers requests). The request may have been deleted, for example when it was sent again (--renew). Requests in TT02 and production are different, and you only see your own.',
    },
  },
  SYSTEMUSER_REQUEST_CONFLICT: {
    nb: {
      title: 'Kunden har allerede en systembruker eller et svar på dette',
      hint: 'Kombinasjonen system, kunde og externalRef er i bruk: systembrukeren finnes allerede (bruk den), eller en besvart forespørsel står i veien (slett den og spør på nytt: --renew, eller «Slett den gamle og spør på nytt» i vinduet). Eller send forespørselen med en annen externalRef.',
    },
    en: {
      title: 'The customer already has a system user or an answer for this',
      hint: 'The combination of system, customer and externalRef is taken: the system user exists already (use it), or an answered request is in the way (delete it and ask again: --renew, or “Delete the old one and ask again” in the window). Or send the request with another externalRef.',
    },
  },
  SYSTEMUSER_NOT_FOUND: {
    nb: {
      title: 'Fant ikke systembrukeren',
      hint: 'Systembrukeren finnes først når kunden har godkjent forespørselen. Sjekk status med mpd systemusers status, og listen med mpd systemusers list.',
    },
    en: {
      title: 'System user not found',
      hint: 'A system user exists only once the customer has approved the request. Check with mpd systemusers status and mpd systemusers list.',
    },
  },
  SYSTEMUSER_CLIENT_NOT_ON_SYSTEM: {
    nb: {
      title: 'Klient-id-en er ikke knyttet til systemet',
      hint: 'Maskinporten gir bare systembruker-token til klienter som systemet lister (ellers MP-303). Legg klient-id-en til systemet først, eller velg en profil med en av systemets klient-id-er.',
    },
    en: {
      title: 'The client id is not tied to the system',
      hint: 'Maskinporten gives system-user tokens only to clients the system lists (otherwise MP-303). Add the client id to the system first, or choose a profile with one of its client ids.',
    },
  },
  SYSTEMUSER_WAIT_TIMEOUT: {
    nb: {
      title: 'Kunden har ikke svart ennå',
      hint: 'Forespørselen venter fortsatt. Send godkjenningslenken til kunden på nytt, og sjekk igjen senere; en forespørsel utløper etter 180 dager.',
    },
    en: {
      title: 'The customer has not answered yet',
      hint: 'The request is still waiting. Send the approval link to the customer again and check later; a request expires after 180 days.',
    },
  },
  SYSTEMS_SERVER_ERROR: {
    nb: {
      title: 'Altinn svarte med en feil',
      hint: 'Feilen er hos Altinn. Prøv igjen om litt; ingenting ble lagret hos deg.',
    },
    en: {
      title: 'Altinn answered with an error',
      hint: 'The fault is on Altinn’s side. Try again in a while; nothing was saved on this machine.',
    },
  },
  SYSTEMS_BAD_RESPONSE: {
    nb: {
      title: 'Uventet svar fra Altinn',
      hint: 'Svaret hadde en form appen ikke kjenner. Prøv igjen; skjer det igjen, kan API-et ha endret seg.',
    },
    en: {
      title: 'Unexpected answer from Altinn',
      hint: 'The answer had a shape the app does not know. Try again; if it happens again, the API may have changed.',
    },
  },
  SYSTEMS_UNREACHABLE: {
    nb: {
      title: 'Får ikke kontakt med Altinn',
      hint: 'Sjekk nettverket og eventuell proxy, og at platform.tt02.altinn.no / platform.altinn.no kan nås.',
    },
    en: {
      title: 'Cannot reach Altinn',
      hint: 'Check the network and any proxy, and that platform.tt02.altinn.no / platform.altinn.no can be reached.',
    },
  },
  SYSTEMS_TIMEOUT: {
    nb: { title: 'Altinn svarte ikke i tide', hint: 'Prøv igjen om litt.' },
    en: { title: 'Altinn did not answer in time', hint: 'Try again in a while.' },
  },
  SYSTEMS_NOT_CONFIGURED: {
    nb: {
      title: 'Miljøet mangler adressen til Altinns autentiserings-API',
      hint: 'Legg til altinn.authenticationApi (for eksempel https://platform.tt02.altinn.no/authentication/api/v1) for miljøet i environments.json.',
    },
    en: {
      title: 'The environment has no address for Altinn’s authentication API',
      hint: 'Add altinn.authenticationApi (for example https://platform.tt02.altinn.no/authentication/api/v1) to the environment in environments.json.',
    },
  },
  SYSTEMS_PRODUCTION_CONFIRM_REQUIRED: {
    nb: {
      title: 'Endringer i produksjon må bekreftes',
      hint: 'Dette endrer systemregisteret eller sender en forespørsel til en ekte kunde. Bekreft i vinduet, eller bruk --yes-production på kommandolinjen.',
    },
    en: {
      title: 'Changes in production must be confirmed',
      hint: 'This changes the system register or sends a request to a real customer. Confirm in the window, or use --yes-production on the command line.',
    },
  },
};

import type { ErrorCatalogue } from './types';

/** Acting on instances as the service owner (src/node/acts/; shared/reference/maskinporten-altinn.md §3.7). */
export const actErrors: ErrorCatalogue = {
  ACT_OWNER_INVALID: {
    nb: {
      title: 'Eieren er ikke gyldig',
      hint: 'Et organisasjonsnummer har 9 sifre og et fødselsnummer 11; det siste sifferet (de to siste i et fødselsnummer) er kontrollsiffer (modulus 11). Sjekk om et siffer er byttet om eller mangler. En part-id er et helt tall. Ingenting ble sendt.',
    },
    en: {
      title: 'The owner is not valid',
      hint: 'An organisation number has 9 digits and a national identity number 11; the last digit (the last two of an identity number) is a mod-11 check digit. Look for a swapped or missing digit. A party id is a whole number. Nothing was sent.',
    },
  },
  ACT_PREFILL_INVALID: {
    nb: {
      title: 'Forhåndsutfyllingen kan ikke brukes',
      hint: 'Forhåndsutfylling er et flatt JSON-objekt fra stier i datamodellen til verdier, for eksempel {"Innsender.Navn": "Kari"}. Stier skilles med punktum; verdier er tekst, tall eller ja/nei. Ingenting ble sendt.',
    },
    en: {
      title: 'The prefill cannot be used',
      hint: 'Prefill is a flat JSON object from data-model paths to values, e.g. {"Innsender.Navn": "Kari"}. Paths are separated by dots; values are text, numbers or true/false. Nothing was sent.',
    },
  },
  ACT_DATA_TYPE_UNKNOWN: {
    nb: {
      title: 'Appen har ingen slik datatype',
      hint: 'Datatypen må være en av dem appens metadata lister (api/v1/applicationmetadata). Velg en av dem som vises.',
    },
    en: {
      title: 'The app has no such data type',
      hint: "The data type must be one the app's metadata lists (api/v1/applicationmetadata). Pick one of those shown.",
    },
  },
  ACT_CONTENT_TYPE_NOT_ALLOWED: {
    nb: {
      title: 'Filtypen er ikke tillatt',
      hint: 'Datatypen tar bare imot filtypene i allowedContentTypes. Bruk en annen fil, eller oppgi riktig innholdstype (--content-type) hvis filendelsen lurer oss. Skjemadata (datamodell) tar bare XML eller JSON.',
    },
    en: {
      title: 'The file type is not allowed',
      hint: 'The data type only takes the types in allowedContentTypes. Use another file, or give the right content type (--content-type) if the file extension misleads. Form data (a data model) takes only XML or JSON.',
    },
  },
  ACT_FILE_TOO_LARGE: {
    nb: {
      title: 'Filen er for stor',
      hint: 'Datatypen har en største filstørrelse (maxSize i MB). Del eller komprimer filen.',
    },
    en: {
      title: 'The file is too large',
      hint: 'The data type has a maximum file size (maxSize, in MB). Split or compress the file.',
    },
  },
  ACT_FILE_EMPTY: {
    nb: { title: 'Filen er tom', hint: 'Altinn tar ikke imot tomme filer. Velg filen på nytt.' },
    en: { title: 'The file is empty', hint: 'Altinn does not take empty files. Pick the file again.' },
  },
  ACT_FILE_NAME_INVALID: {
    nb: {
      title: 'Filnavnet mangler filendelse',
      hint: 'Altinn krever et filnavn med endelse (for eksempel vedlegg.pdf) og sjekker endelsen mot innholdstypen. Gi filen nytt navn.',
    },
    en: {
      title: 'The file name has no extension',
      hint: 'Altinn needs a file name with an extension (e.g. attachment.pdf) and checks it against the content type. Rename the file.',
    },
  },
  ACT_FILE_UNREADABLE: {
    nb: {
      title: 'Filen kan ikke leses',
      hint: 'Sjekk at filen finnes, at den er en fil (ikke en mappe), og at du har lov til å lese den.',
    },
    en: {
      title: 'The file cannot be read',
      hint: 'Check that the file exists, is a file (not a folder), and that you may read it.',
    },
  },
  ACT_TOO_MANY_FILES: {
    nb: {
      title: 'For mange filer av denne typen',
      hint: 'Datatypen tillater bare maxCount elementer per instans. Slett eller erstatt et eksisterende element i stedet.',
    },
    en: {
      title: 'Too many files of this type',
      hint: 'The data type allows only maxCount elements per instance. Delete or replace an existing element instead.',
    },
  },
  ACT_ELEMENT_READ_ONLY: {
    nb: {
      title: 'Dette elementet kan ikke endres',
      hint: 'ref-data-as-pdf lages av appen selv (kvitteringen) og kan ikke lastes opp, erstattes eller slettes.',
    },
    en: {
      title: 'This element cannot be changed',
      hint: 'ref-data-as-pdf is made by the app itself (the receipt) and cannot be uploaded, replaced or deleted.',
    },
  },
  ACT_DATE_INVALID: {
    nb: {
      title: 'Datoen kan ikke leses',
      hint: 'Skriv dato og tid som ISO 8601, for eksempel 2026-12-31 eller 2026-12-31T12:00:00Z.',
    },
    en: {
      title: 'The date cannot be read',
      hint: 'Write date and time as ISO 8601, e.g. 2026-12-31 or 2026-12-31T12:00:00Z.',
    },
  },
  ACT_TEXTS_INVALID: {
    nb: {
      title: 'Teksten kan ikke brukes',
      hint: 'Skriv NØKKEL=VERDI med en nøkkel som ikke er tom. Merk: Altinn fletter inn nye verdier; en tom verdi fjerner ikke en som finnes.',
    },
    en: {
      title: 'The text cannot be used',
      hint: 'Write KEY=VALUE with a key that is not empty. Note: Altinn merges new values in; an empty value does not remove an existing one.',
    },
  },
  ACT_NOTHING_TO_CHANGE: {
    nb: {
      title: 'Ingenting å endre',
      hint: 'Oppgi en understatus, presentasjonstekster eller dataverdier.',
    },
    en: {
      title: 'Nothing to change',
      hint: 'Give a substatus, presentation texts or data values.',
    },
  },
  ACT_WRITE_SCOPE_MISSING: {
    nb: {
      title: 'Profilen mangler skrivetilgang',
      hint: 'Å opprette instanser, laste opp data og endre prosess og status krever scopet altinn:serviceowner/instances.write. Legg det til i profilen (og på klienten i Maskinporten). Ingenting ble sendt.',
    },
    en: {
      title: 'The profile has no write access',
      hint: 'Creating instances, uploading data and changing process and status need the scope altinn:serviceowner/instances.write. Add it to the profile (and to the client in Maskinporten). Nothing was sent.',
    },
  },
  ACT_PRODUCTION_CONFIRM_REQUIRED: {
    nb: {
      title: 'Endringer i produksjon må bekreftes',
      hint: 'Dette endrer en ekte instans i produksjon. Bekreft i appen, eller bruk --confirm-production på kommandolinjen.',
    },
    en: {
      title: 'Changes in production must be confirmed',
      hint: 'This changes a real instance in production. Confirm in the app, or use --confirm-production on the command line.',
    },
  },
  ACT_HARD_DELETE_NOT_CONFIRMED: {
    nb: {
      title: 'Permanent sletting må bekreftes for seg',
      hint: 'En permanent sletting kan ikke angres. Kryss av for at du vil slette permanent, og bekreft på nytt.',
    },
    en: {
      title: 'A permanent delete needs its own confirmation',
      hint: 'A permanent delete cannot be undone. Tick that you want to delete permanently, and confirm again.',
    },
  },
  ACT_APP_METADATA_UNAVAILABLE: {
    nb: {
      title: 'Får ikke lest appens metadata',
      hint: 'Appen svarte ikke på api/v1/applicationmetadata. Sjekk at appen er publisert i miljøet og at nettverket er oppe.',
    },
    en: {
      title: "Cannot read the app's metadata",
      hint: 'The app did not answer api/v1/applicationmetadata. Check that the app is deployed in the environment and that the network is up.',
    },
  },
  ACT_APP_NOT_FOUND: {
    nb: {
      title: 'Appen finnes ikke i miljøet',
      hint: 'Sjekk at appen skrives org/app og at den er publisert i dette miljøet (TT02 eller produksjon).',
    },
    en: {
      title: 'The app does not exist in the environment',
      hint: 'Check that the app is written org/app and that it is deployed in this environment (TT02 or production).',
    },
  },
  ACT_PARTY_NOT_FOUND: {
    nb: {
      title: 'Altinn finner ikke parten',
      hint: 'Registeret kjenner ikke dette nummeret. I TT02 må det være en testpart (for eksempel fra Tenor); et ekte nummer finnes ikke der.',
    },
    en: {
      title: 'Altinn cannot find the party',
      hint: 'The register does not know this number. In TT02 it must be a test party (e.g. from Tenor); a real number does not exist there.',
    },
  },
  ACT_PARTY_LOOKUP_REFUSED: {
    nb: {
      title: 'Altinn fikk ikke slå opp parten',
      hint: 'Appen fikk 401 fra registeret da den slo opp eieren. Prøv igjen senere; meld fra til appens eier hvis det gjentar seg.',
    },
    en: {
      title: 'Altinn could not look up the party',
      hint: "The app got 401 from the register looking up the owner. Try again later; tell the app's owner if it repeats.",
    },
  },
  ACT_PARTY_TYPE_NOT_ALLOWED: {
    nb: {
      title: 'Denne typen part kan ikke bruke appen',
      hint: 'Appens partyTypesAllowed slipper ikke inn denne typen (person, organisasjon, underenhet eller konkursbo), heller ikke for tjenesteeieren. Velg en annen eier, eller endre appen.',
    },
    en: {
      title: 'This kind of party cannot use the app',
      hint: "The app's partyTypesAllowed does not let in this kind (person, organisation, sub-unit or bankruptcy estate), not even for the service owner. Pick another owner, or change the app.",
    },
  },
  ACT_POLICY_REFUSED: {
    nb: {
      title: 'Appens tilgangsregler gir ikke din virksomhet denne handlingen',
      hint: 'Malen for appers policy gir tjenesteeieren read, write, instantiate og complete — ikke delete eller confirm. Appen må gi handlingen i policy.xml for at du skal kunne gjøre dette.',
    },
    en: {
      title: "The app's policy does not give your organisation this action",
      hint: "The template policy gives the service owner read, write, instantiate and complete — not delete or confirm. The app's policy.xml must grant the action for you to do this.",
    },
  },
  ACT_NOT_APP_OWNER: {
    nb: {
      title: 'Bare appens eier kan sette understatus',
      hint: 'Tokenet tilhører en annen tjenesteeier enn den som eier appen. Bruk en profil for appens eier.',
    },
    en: {
      title: "Only the app's owner can set the substatus",
      hint: "The token belongs to another service owner than the app's. Use a profile of the app's owner.",
    },
  },
  ACT_INSTANCE_NOT_FOUND: {
    nb: {
      title: 'Instansen finnes ikke',
      hint: 'Sjekk id-en (partId/guid) og at instansen tilhører denne appen. Oppdater listen.',
    },
    en: {
      title: 'The instance does not exist',
      hint: 'Check the id (partyId/guid) and that the instance belongs to this app. Refresh the list.',
    },
  },
  ACT_ELEMENT_NOT_FOUND: {
    nb: { title: 'Dataelementet finnes ikke', hint: 'Elementet er slettet eller har en annen id. Oppdater instansen.' },
    en: {
      title: 'The data element does not exist',
      hint: 'The element was deleted or has another id. Refresh the instance.',
    },
  },
  ACT_INSTANCE_NOT_ACTIVE: {
    nb: {
      title: 'Instansen er ikke aktiv',
      hint: 'Data kan ikke endres på en arkivert (fullført) eller slettet instans.',
    },
    en: {
      title: 'The instance is not active',
      hint: 'Data cannot be changed on an archived (completed) or deleted instance.',
    },
  },
  ACT_DATA_TYPE_FULL: {
    nb: {
      title: 'Datatypen er full',
      hint: 'Instansen har allerede så mange elementer av typen som maxCount tillater. Erstatt eller slett et element.',
    },
    en: {
      title: 'The data type is full',
      hint: 'The instance already has as many elements of the type as maxCount allows. Replace or delete one.',
    },
  },
  ACT_NO_CURRENT_TASK: {
    nb: {
      title: 'Instansen er ikke i noe steg',
      hint: 'Data kan bare legges til mens prosessen står i et steg. En instans med avsluttet prosess tar ikke imot nye filer.',
    },
    en: {
      title: 'The instance is in no task',
      hint: 'Data can be added only while the process is in a task. An instance whose process has ended takes no new files.',
    },
  },
  ACT_FILE_REFUSED: {
    nb: {
      title: 'Altinn avviste filen',
      hint: 'Se årsaken under. Vanlige feil: innholdstypen stemmer ikke med filendelsen, filtypen er ikke tillatt, eller filen har ikke navn med endelse.',
    },
    en: {
      title: 'Altinn refused the file',
      hint: "See the reason below. Usual causes: the content type does not match the file extension, the type is not allowed, or the file's name has no extension.",
    },
  },
  ACT_FORM_DATA_REFUSED: {
    nb: {
      title: 'Altinn kunne ikke lese skjemadataene',
      hint: 'Skjemadata må være gyldig XML (application/xml) eller JSON (application/json) etter appens datamodell. text/xml godtas ikke.',
    },
    en: {
      title: 'Altinn could not read the form data',
      hint: "Form data must be valid XML (application/xml) or JSON (application/json) for the app's data model. text/xml is not accepted.",
    },
  },
  ACT_MAIN_ELEMENT: {
    nb: {
      title: 'Hovedskjemaet kan ikke slettes',
      hint: 'En datamodell med nøyaktig ett element (minCount = maxCount = 1) kan ikke slettes. Erstatt innholdet i stedet.',
    },
    en: {
      title: 'The main form cannot be deleted',
      hint: 'A data model with exactly one element (minCount = maxCount = 1) cannot be deleted. Replace its content instead.',
    },
  },
  ACT_ELEMENT_LOCKED: {
    nb: { title: 'Elementet er låst', hint: 'Altinn låser data når steget de hører til er avsluttet.' },
    en: { title: 'The element is locked', hint: 'Altinn locks data when the task it belongs to has ended.' },
  },
  ACT_PROCESS_ENDED: {
    nb: {
      title: 'Prosessen er avsluttet',
      hint: 'En avsluttet prosess kan ikke flyttes videre eller startes på nytt.',
    },
    en: { title: 'The process has ended', hint: 'An ended process cannot be moved on or restarted.' },
  },
  ACT_PROCESS_NOT_STARTED: {
    nb: { title: 'Prosessen er ikke startet', hint: 'Instansen har ingen prosess å flytte. Meld fra til appens eier.' },
    en: {
      title: 'The process has not started',
      hint: "The instance has no process to move. Tell the app's owner.",
    },
  },
  ACT_VALIDATION_FAILED: {
    nb: {
      title: 'Steget er ikke ferdig utfylt',
      hint: 'Altinn validerte steget og fant feil (listet under). Rett dem — for eksempel legg til filene som mangler — og prøv igjen.',
    },
    en: {
      title: 'The task is not complete',
      hint: 'Altinn validated the task and found errors (listed below). Fix them — for example add the missing files — and try again.',
    },
  },
  ACT_SUBSTATUS_INVALID: {
    nb: { title: 'Understatusen mangler tekst', hint: 'En understatus må ha en etikett (label).' },
    en: { title: 'The substatus has no label', hint: 'A substatus must have a label.' },
  },
  ACT_DELETE_TOO_EARLY: {
    nb: {
      title: 'Instansen kan ikke slettes ennå',
      hint: 'Appen hindrer sletting i et antall dager etter arkivering (preventInstanceDeletionForDays). Prøv igjen senere.',
    },
    en: {
      title: 'The instance cannot be deleted yet',
      hint: 'The app prevents deletion for some days after archiving (preventInstanceDeletionForDays). Try again later.',
    },
  },
  ACT_REFUSED: {
    nb: { title: 'Altinn avviste endringen', hint: 'Se svaret fra Altinn under. Ingenting ble endret.' },
    en: { title: 'Altinn refused the change', hint: "See Altinn's answer below. Nothing was changed." },
  },
  ACT_SERVER_ERROR: {
    nb: {
      title: 'Altinn svarte med en serverfeil',
      hint: 'Endringen kan være gjort eller ikke. Se på instansen (oppdater listen) før du prøver igjen, så du ikke lager den to ganger.',
    },
    en: {
      title: 'Altinn answered with a server error',
      hint: 'The change may or may not have been made. Look at the instance (refresh the list) before you try again, so you do not make it twice.',
    },
  },
  ACT_ANSWER_LOST: {
    nb: {
      title: 'Svaret fra Altinn kom aldri',
      hint: 'Forespørselen ble sendt, men forbindelsen brøt før svaret kom. Altinn kan ha gjort endringen. Se etter instansen i listen før du prøver igjen.',
    },
    en: {
      title: 'The answer from Altinn never came',
      hint: 'The request was sent, but the connection broke before the answer arrived. Altinn may have made the change. Look for the instance in the list before you try again.',
    },
  },
  ACT_NOT_SENT: {
    nb: {
      title: 'Får ikke kontakt med Altinn',
      hint: 'Forespørselen nådde ikke fram, så ingenting ble endret. Sjekk nettverket (og proxy/VPN) og prøv igjen.',
    },
    en: {
      title: 'Cannot reach Altinn',
      hint: 'The request did not get through, so nothing was changed. Check the network (and proxy/VPN) and try again.',
    },
  },
};

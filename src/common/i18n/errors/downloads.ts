import type { ErrorCatalogue } from './types';

/** Altinn Storage (instances) and the download manager. */
export const downloadErrors: ErrorCatalogue = {
  STORAGE_UNAUTHORIZED: {
    nb: {
      title: 'Altinn godtar ikke tokenet',
      hint: 'Altinn svarte 401 også med et nytt token. Kjør «Sjekk profil» (mpd token doctor): profilen trenger scopet altinn:serviceowner/instances.read, og tokenet må være vekslet i samme miljø.',
    },
    en: {
      title: 'Altinn does not accept the token',
      hint: 'Altinn answered 401 even with a fresh token. Run the profile check (mpd token doctor): the profile needs the scope altinn:serviceowner/instances.read, and the token must be exchanged in the same environment.',
    },
  },
  STORAGE_FORBIDDEN: {
    nb: {
      title: 'Altinn nekter tilgang',
      hint: 'Tokenet mangler rettighet. Lesing krever altinn:serviceowner/instances.read; bekreftelse (complete) krever også altinn:serviceowner/instances.write. Appen må tilhøre tjenesteeieren i tokenet.',
    },
    en: {
      title: 'Altinn refuses access',
      hint: 'The token lacks a right. Reading needs altinn:serviceowner/instances.read; confirming (complete) also needs altinn:serviceowner/instances.write. The app must belong to the service owner in the token.',
    },
  },
  STORAGE_NOT_FOUND: {
    nb: {
      title: 'Finnes ikke i Altinn',
      hint: 'Instansen eller dataelementet er slettet eller har en annen id. Oppdater listen.',
    },
    en: {
      title: 'Not found in Altinn',
      hint: 'The instance or data element was deleted or has another id. Refresh the list.',
    },
  },
  STORAGE_BAD_REQUEST: {
    nb: {
      title: 'Altinn avviste forespørselen',
      hint: 'Sjekk filtrene (datoer skrives ÅÅÅÅ-MM-DD, app skrives org/app) og prøv igjen.',
    },
    en: {
      title: 'Altinn rejected the request',
      hint: 'Check the filters (dates are YYYY-MM-DD, the app is org/app) and try again.',
    },
  },
  STORAGE_UNAVAILABLE: {
    nb: {
      title: 'Altinn svarer ikke nå',
      hint: 'Altinn svarte med en feil eller ba oss vente. Prøv igjen om litt; nedlastinger kan fortsette med «Prøv feilede på nytt».',
    },
    en: {
      title: 'Altinn is not answering now',
      hint: 'Altinn answered with an error or asked us to wait. Try again shortly; downloads can continue with "Retry failed".',
    },
  },
  STORAGE_NETWORK: {
    nb: {
      title: 'Får ikke kontakt med Altinn',
      hint: 'Sjekk nettverket (og proxy/VPN). Filer som er bekreftet på disk lastes ikke ned på nytt.',
    },
    en: {
      title: 'Cannot reach Altinn',
      hint: 'Check the network (and proxy/VPN). Files already verified on disk are not downloaded again.',
    },
  },
  STORAGE_BAD_RESPONSE: {
    nb: {
      title: 'Uventet svar fra Altinn',
      hint: 'Svaret hadde ikke formen vi forventet. Prøv igjen, og se loggfilen hvis det gjentar seg.',
    },
    en: {
      title: 'Unexpected answer from Altinn',
      hint: 'The answer did not have the expected shape. Try again, and see the log file if it repeats.',
    },
  },
  STORAGE_UNTRUSTED_URL: {
    nb: {
      title: 'Adressen tilhører ikke miljøet',
      hint: 'Tokenet sendes bare til Storage og app-API-et i miljøet til profilen. Last listen på nytt.',
    },
    en: {
      title: 'The address is not this environment',
      hint: "The token is only sent to the profile's environment's Storage and app API. Reload the list.",
    },
  },
  STORAGE_TOKENS_UNAVAILABLE: {
    nb: {
      title: 'Fikk ikke Altinn-token',
      hint: 'Hent et token under Token (eller mpd token --altinn) for å se hva som feiler.',
    },
    en: {
      title: 'Could not get an Altinn token',
      hint: 'Get a token under Token (or mpd token --altinn) to see what fails.',
    },
  },
  DOWNLOAD_DISK_FULL: {
    nb: {
      title: 'Disken er full',
      hint: 'Frigjør plass eller velg en annen mappe, og kjør jobben igjen. Ferdige filer beholdes; ingen halve filer ligger under endelige navn.',
    },
    en: {
      title: 'The disk is full',
      hint: 'Free some space or pick another folder, and run the job again. Finished files are kept; no half files are left under final names.',
    },
  },
  DOWNLOAD_UNSAFE_PATH: {
    nb: { title: 'Filnavnet peker ut av mappen', hint: 'Elementet ble ikke lagret. Meld fra til den som laget appen.' },
    en: { title: 'The file name points outside the folder', hint: 'The element was not saved. Tell the app owner.' },
  },
  DOWNLOAD_LINK_REFUSED: {
    nb: {
      title: 'En lenke i nedlastingsmappen ble avvist',
      hint: 'Noen har lagt en snarvei (symbolsk lenke eller koblingspunkt) der appen skriver. Appen skriver aldri gjennom den. Fjern den, eller velg en mappe bare du kan skrive i.',
    },
    en: {
      title: 'A link in the download folder was refused',
      hint: 'Someone has put a shortcut (a symbolic link or junction) where the app writes. The app never writes through it. Remove it, or choose a folder only you can write to.',
    },
  },
  DOWNLOAD_SIZE_MISMATCH: {
    nb: { title: 'Filen fikk feil størrelse', hint: 'Overføringen ble avbrutt eller endret. Prøv feilede på nytt.' },
    en: { title: 'The file has the wrong size', hint: 'The transfer was cut short or altered. Retry the failed ones.' },
  },
  DOWNLOAD_HASH_MISMATCH: {
    nb: {
      title: 'Filen stemmer ikke med Altinns sjekksum',
      hint: 'Innholdet var ikke det Altinn lagret (MD5). Filen ble forkastet; prøv feilede på nytt.',
    },
    en: {
      title: "The file does not match Altinn's checksum",
      hint: 'The content was not what Altinn stored (MD5). The file was discarded; retry the failed ones.',
    },
  },
  DOWNLOAD_INFECTED: {
    nb: {
      title: 'Filen er merket som infisert',
      hint: 'Altinn fant virus i filen. Den er ikke lagret, og instansen bekreftes ikke.',
    },
    en: {
      title: 'The file is marked as infected',
      hint: 'Altinn found a virus in the file. It was not saved, and the instance is not confirmed.',
    },
  },
  DOWNLOAD_STALLED: {
    nb: { title: 'Overføringen stoppet opp', hint: 'Ingen data kom på en stund. Prøv igjen.' },
    en: { title: 'The transfer stalled', hint: 'No data arrived for a while. Try again.' },
  },
  DOWNLOAD_WRITE_FAILED: {
    nb: { title: 'Kan ikke skrive til mappen', hint: 'Sjekk at mappen finnes og at du har skrivetilgang.' },
    en: { title: 'Cannot write to the folder', hint: 'Check that the folder exists and that you may write to it.' },
  },
  DOWNLOAD_FAILED: {
    nb: { title: 'Nedlastingen feilet', hint: 'Prøv feilede på nytt. Se loggfilen hvis det gjentar seg.' },
    en: { title: 'The download failed', hint: 'Retry the failed ones. See the log file if it repeats.' },
  },
  DOWNLOAD_TARGET_INVALID: {
    nb: { title: 'Mappen kan ikke brukes', hint: 'Velg en mappe med «Velg mappe» (i CLI: --out MAPPE).' },
    en: {
      title: 'The folder cannot be used',
      hint: 'Pick a folder with "Choose folder" (on the command line: --out DIR).',
    },
  },
  DOWNLOAD_TARGET_BUSY: {
    nb: {
      title: 'En annen nedlasting skriver til mappen',
      hint: 'Vent til den er ferdig, eller velg en annen mappe. Kjører ingen annen nedlasting (i appen eller en planlagt mpd-kjøring), slett filen .mpd-download.lock i mappen.',
    },
    en: {
      title: 'Another download is writing to the folder',
      hint: 'Wait until it ends, or pick another folder. If no other download is running (in the app or a scheduled mpd run), delete the file .mpd-download.lock in the folder.',
    },
  },
  DOWNLOAD_MANIFEST_CORRUPT: {
    nb: {
      title: 'Nedlastingsmanifestet kan ikke leses',
      hint: 'Filen .mpd-manifest.json i mappen er skadet. Flytt den bort (filene blir sjekket på nytt mot Altinns sjekksum) og kjør igjen.',
    },
    en: {
      title: 'The download manifest cannot be read',
      hint: 'The file .mpd-manifest.json in the folder is damaged. Move it away (the files are checked again against Altinn’s checksums) and run again.',
    },
  },
  DOWNLOAD_JOB_NOT_FOUND: {
    nb: {
      title: 'Fant ikke nedlastingen',
      hint: 'Jobber lever til appen avsluttes. Start en ny nedlasting til samme mappe; ferdige filer hoppes over.',
    },
    en: {
      title: 'Download not found',
      hint: 'Jobs live until the app quits. Start a new download to the same folder; finished files are skipped.',
    },
  },
  DOWNLOAD_JOB_RUNNING: {
    nb: { title: 'Nedlastingen pågår fortsatt', hint: 'Vent til den er ferdig, eller avbryt den først.' },
    en: { title: 'The download is still running', hint: 'Wait until it ends, or cancel it first.' },
  },
  DOWNLOAD_PRODUCTION_CONFIRM_REQUIRED: {
    nb: {
      title: 'Bekreftelse i produksjon må godkjennes',
      hint: 'Bekreftede instanser kan bli slettet i Altinn. Bekreft én gang til (i CLI: --confirm-production).',
    },
    en: {
      title: 'Confirming in production needs approval',
      hint: 'Confirmed instances may be deleted in Altinn. Approve once more (on the command line: --confirm-production).',
    },
  },
  DOWNLOAD_NOT_VERIFIED: {
    nb: {
      title: 'Ikke alle filene er bekreftet på disk',
      hint: 'En instans bekreftes bare når alle dataelementene er lastet ned og kontrollert. Last ned til mappen først (mpd download --out MAPPE).',
    },
    en: {
      title: 'Not every file is verified on disk',
      hint: 'An instance is confirmed only when all its data elements are downloaded and checked. Download to the folder first (mpd download --out DIR).',
    },
  },
  DOWNLOAD_CANCELLED: {
    nb: { title: 'Nedlastingen ble avbrutt', hint: 'Ferdige filer er beholdt. Start igjen for å hente resten.' },
    en: { title: 'The download was cancelled', hint: 'Finished files are kept. Start again to fetch the rest.' },
  },
};

/** The OS notification when a download job ends. */
export const downloadNotices = {
  nb: {
    title: {
      completed: 'Nedlasting fullført',
      partial: 'Nedlasting ferdig med feil',
      failed: 'Nedlasting feilet',
      cancelled: 'Nedlasting avbrutt',
    },
    body: (done: number, failed: number, infected: number) =>
      `${done} instanser lastet ned${failed ? `, ${failed} med feil` : ''}${infected ? `, ${infected} infiserte filer ikke lagret` : ''}.`,
  },
  en: {
    title: {
      completed: 'Download complete',
      partial: 'Download finished with errors',
      failed: 'Download failed',
      cancelled: 'Download cancelled',
    },
    body: (done: number, failed: number, infected: number) =>
      `${done} instances downloaded${failed ? `, ${failed} failed` : ''}${infected ? `, ${infected} infected files not saved` : ''}.`,
  },
} as const;

import type { ErrorCatalogue } from './types';

/** The bulk send ("Utsendelse", `mpd instances send`; src/node/bulk-send/). */
export const sendErrors: ErrorCatalogue = {
  SEND_FILE_UNREADABLE: {
    nb: {
      title: 'Regnearket kan ikke leses',
      hint: 'Sjekk at filen finnes og at du har lov til å lese den. Ingenting ble sendt.',
    },
    en: {
      title: 'The spreadsheet cannot be read',
      hint: 'Check that the file exists and that you may read it. Nothing was sent.',
    },
  },
  SEND_FILE_TYPE: {
    nb: {
      title: 'Ikke et regneark vi kan lese',
      hint: 'Bruk en CSV-fil (.csv, UTF-8, skilt med semikolon eller komma) eller en Excel-arbeidsbok (.xlsx). Ingenting ble sendt.',
    },
    en: {
      title: 'Not a spreadsheet we can read',
      hint: 'Use a CSV file (.csv, UTF-8, separated by semicolons or commas) or an Excel workbook (.xlsx). Nothing was sent.',
    },
  },
  SEND_FILE_INVALID: {
    nb: {
      title: 'Regnearket kan ikke brukes',
      hint: 'Første rad må navngi kolonnene, og filen må være gyldig CSV i UTF-8 (i Excel: «CSV UTF-8») eller en .xlsx-arbeidsbok. Ingenting ble sendt.',
    },
    en: {
      title: 'The spreadsheet cannot be used',
      hint: 'The first row must name the columns, and the file must be valid CSV in UTF-8 (in Excel: "CSV UTF-8") or an .xlsx workbook. Nothing was sent.',
    },
  },
  SEND_NO_OWNER_COLUMN: {
    nb: {
      title: 'Ingen kolonne for mottakeren',
      hint: 'Én kolonne må hete orgno (organisasjonsnummer), fnr (fødselsnummer) eller partyId. Ingenting ble sendt.',
    },
    en: {
      title: 'No column for the recipient',
      hint: 'One column must be called orgno (organisation number), fnr (national identity number) or partyId. Nothing was sent.',
    },
  },
  SEND_JOURNAL_CORRUPT: {
    nb: {
      title: 'Utsendelsens journal kan ikke leses',
      hint: 'Journalen i hjemmemappen (sends/) er skadet. Ikke slett den: den sier hvilke rader som er sendt. Kontakt brukerstøtte, eller bruk --batch med et nytt navn hvis du vet hva som er sendt.',
    },
    en: {
      title: "The send's journal cannot be read",
      hint: 'The journal in the home folder (sends/) is damaged. Do not delete it: it says which rows were sent. Get help, or use --batch with a new name if you know what was sent.',
    },
  },
  SEND_JOURNAL_BUSY: {
    nb: {
      title: 'Den samme utsendelsen kjører allerede',
      hint: 'En annen utsendelse av det samme regnearket (i appen eller med mpd) skriver i journalen nå. Vent til den er ferdig.',
    },
    en: {
      title: 'The same send is already running',
      hint: 'Another send of the same spreadsheet (in the app or with mpd) is writing its journal now. Wait until it has finished.',
    },
  },
  SEND_JOB_NOT_FOUND: {
    nb: {
      title: 'Utsendelsen finnes ikke',
      hint: 'Den kan ha blitt avsluttet. Velg regnearket på nytt: journalen husker hva som er sendt.',
    },
    en: {
      title: 'The send does not exist',
      hint: 'It may have ended. Pick the spreadsheet again: the journal remembers what was sent.',
    },
  },
  SEND_NOTHING_TO_SEND: {
    nb: {
      title: 'Ingenting å sende',
      hint: 'Alle gyldige rader er sendt før. Rett ugyldige rader, eller bruk et nytt batch-navn for en ny utsendelse.',
    },
    en: {
      title: 'Nothing to send',
      hint: 'Every valid row was sent before. Fix invalid rows, or use a new batch name for a new send.',
    },
  },
  SEND_OUTCOME_UNKNOWN: {
    nb: {
      title: 'Uvisst om skjemaet ble opprettet',
      hint: 'Altinn svarte ikke (eller svarte med en feil) etter at forespørselen var sendt. Raden står som påbegynt i journalen; kjør utsendelsen på nytt, så ser den etter instansen i Altinn før den sender noe.',
    },
    en: {
      title: 'Unknown whether the form was created',
      hint: 'Altinn did not answer (or answered with an error) after the request was sent. The row is left pending in the journal; run the send again and it looks for the instance in Altinn before it sends anything.',
    },
  },
  SEND_AMBIGUOUS: {
    nb: {
      title: 'Flere mulige instanser for raden',
      hint: 'Mottakeren fikk flere instanser av appen i tidsrommet da raden ble sendt, kanskje fra en annen avsender. Raden sendes ikke på nytt: sjekk instansene i Instanser-visningen.',
    },
    en: {
      title: 'Several possible instances for the row',
      hint: 'The recipient got several instances of the app in the time the row was sent, perhaps from another sender. The row is not sent again: check the instances in the Instances view.',
    },
  },
  SEND_CANCELLED: {
    nb: { title: 'Utsendelsen ble stoppet', hint: 'Det som var sendt, er sendt. Start den igjen for å sende resten.' },
    en: { title: 'The send was stopped', hint: 'What was sent is sent. Start it again to send the rest.' },
  },
  SEND_OWNER_MISSING: {
    nb: { title: 'Raden har ingen mottaker', hint: 'Fyll ut nøyaktig én av orgno, fnr og partyId.' },
    en: { title: 'The row has no recipient', hint: 'Fill in exactly one of orgno, fnr and partyId.' },
  },
  SEND_OWNER_SEVERAL: {
    nb: {
      title: 'Raden har flere mottakere',
      hint: 'Fyll ut nøyaktig én av orgno, fnr og partyId; hver rad blir én instans for én mottaker.',
    },
    en: {
      title: 'The row has several recipients',
      hint: 'Fill in exactly one of orgno, fnr and partyId; each row becomes one instance for one recipient.',
    },
  },
  SEND_ATTACHMENT_OUTSIDE: {
    nb: {
      title: 'Vedlegget ligger utenfor regnearkets mappe',
      hint: 'Et vedlegg er et filnavn i samme mappe som regnearket (eller en undermappe), ikke en full sti. Flytt filen dit.',
    },
    en: {
      title: "The attachment is outside the spreadsheet's folder",
      hint: 'An attachment is a file name in the same folder as the spreadsheet (or a folder below it), not a full path. Move the file there.',
    },
  },
  SEND_DUPLICATE_ROW: {
    nb: {
      title: 'Raden er lik en tidligere rad',
      hint: 'To like rader gir bare én instans. Slett den ene, eller gjør dem ulike.',
    },
    en: {
      title: 'The row is the same as an earlier row',
      hint: 'Two identical rows give one instance. Delete one, or make them differ.',
    },
  },
  SEND_DUPLICATE_OWNER: {
    nb: {
      title: 'Mottakeren står på flere rader',
      hint: 'Hver rad blir en egen instans. Er det meningen, kan du la det stå.',
    },
    en: {
      title: 'The recipient is on several rows',
      hint: 'Each row becomes an instance of its own. If that is what you want, leave it.',
    },
  },
  SEND_UNKNOWN_COLUMN: {
    nb: {
      title: 'Ukjent kolonne (blir ikke brukt)',
      hint: 'Kjente kolonner er orgno, fnr, partyId, visibleAfter, dueBefore, prefill.<sti> og attachment.<datatype>.',
    },
    en: {
      title: 'Unknown column (not used)',
      hint: 'Known columns are orgno, fnr, partyId, visibleAfter, dueBefore, prefill.<path> and attachment.<dataType>.',
    },
  },
};

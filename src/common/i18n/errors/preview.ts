import type { ErrorCatalogue } from './types';

/** The preview of data elements and the CSV export of the instance list. */
export const previewErrors: ErrorCatalogue = {
  PREVIEW_TOO_LARGE: {
    nb: {
      title: 'Filen er for stor til å forhåndsvises',
      hint: 'Forhåndsvisning tar filer opp til 50 MB. Last ned instansen og åpne filen fra mappen.',
    },
    en: {
      title: 'The file is too large to preview',
      hint: 'The preview takes files up to 50 MB. Download the instance and open the file from the folder.',
    },
  },
  PREVIEW_NOT_SCANNED: {
    nb: {
      title: 'Filen er ikke ferdig virussjekket',
      hint: 'Altinn har ikke ferdig sjekket filen for virus, så den vises ikke. Prøv igjen om litt.',
    },
    en: {
      title: 'The file has not been virus-checked yet',
      hint: 'Altinn has not finished checking the file for viruses, so it is not shown. Try again shortly.',
    },
  },
  PREVIEW_INFECTED: {
    nb: {
      title: 'Filen er infisert og vises ikke',
      hint: 'Altinns virussjekk fant skadelig innhold. Filen kan ikke forhåndsvises eller lastes ned; kontakt avsenderen.',
    },
    en: {
      title: 'The file is infected and is not shown',
      hint: "Altinn's virus check found malicious content. The file cannot be previewed or downloaded; contact the sender.",
    },
  },
  PREVIEW_TYPE_MISMATCH: {
    nb: {
      title: 'Innholdet passer ikke med filtypen',
      hint: 'Filen sier den er én type, men innholdet er noe annet (eller er skadet). Den vises ikke her; last den ned og undersøk den med vanlige verktøy.',
    },
    en: {
      title: 'The content does not match the file type',
      hint: 'The file claims one type but its content is something else (or damaged). It is not shown here; download it and examine it with the usual tools.',
    },
  },
  PREVIEW_ELEMENT_NOT_FOUND: {
    nb: {
      title: 'Filen finnes ikke i instansen',
      hint: 'Instansen har ikke (lenger) denne filen. Oppdater listen og åpne instansen på nytt.',
    },
    en: {
      title: 'The instance has no such file',
      hint: 'The instance does not (or no longer) have this file. Refresh the list and open the instance again.',
    },
  },
  PREVIEW_INCOMPLETE: {
    nb: {
      title: 'Filen kom ikke hel fram',
      hint: 'Størrelsen eller sjekksummen stemmer ikke med det Altinn oppgir. Prøv igjen.',
    },
    en: {
      title: 'The file did not arrive whole',
      hint: 'Its size or checksum does not match what Altinn reports. Try again.',
    },
  },
  PREVIEW_NOT_DOWNLOADED: {
    nb: {
      title: 'Filen er ikke lastet ned og kontrollert',
      hint: 'Denne filtypen åpnes med et program på maskinen, fra en nedlastet kopi. Last ned instansen først, eller velg mappen den ble lastet ned til.',
    },
    en: {
      title: 'The file has not been downloaded and verified',
      hint: 'This type of file opens in a program on this computer, from a downloaded copy. Download the instance first, or choose the folder it was downloaded to.',
    },
  },
  PREVIEW_UNSAFE_TO_OPEN: {
    nb: {
      title: 'Appen åpner ikke denne filtypen',
      hint: 'Filer som kan kjøre programmer (for eksempel .exe, .bat, .js eller .html) åpnes aldri fra appen. Finn filen i nedlastingsmappen hvis du vet at den er trygg.',
    },
    en: {
      title: 'The app does not open this type of file',
      hint: 'Files that can run programs (such as .exe, .bat, .js or .html) are never opened from the app. Find the file in the download folder if you know it is safe.',
    },
  },
  EXPORT_WRITE_FAILED: {
    nb: {
      title: 'Kunne ikke lagre CSV-filen',
      hint: 'Sjekk at mappen finnes, at du har skrivetilgang og at disken ikke er full. Ingen halv fil er lagret.',
    },
    en: {
      title: 'Could not save the CSV file',
      hint: 'Check that the folder exists, that you may write there and that the disk is not full. No partial file was saved.',
    },
  },
};

import type { ErrorCatalogue } from './types';

export const seamErrors: ErrorCatalogue = {
  INVALID_INPUT: {
    nb: { title: 'Ugyldige data', hint: 'Kontroller feltene og prøv igjen.' },
    en: { title: 'Invalid input', hint: 'Check the fields and try again.' },
  },
  UNKNOWN_CHANNEL: {
    nb: { title: 'Ukjent handling', hint: 'Appen og vinduet er i utakt. Start appen på nytt.' },
    en: { title: 'Unknown action', hint: 'The app and its window are out of step. Restart the app.' },
  },
  INTERNAL: {
    nb: { title: 'Uventet feil', hint: 'Prøv igjen. Hvis feilen fortsetter, se loggfilen i hjemmemappen.' },
    en: { title: 'Unexpected error', hint: 'Try again. If it persists, see the log file in the home folder.' },
  },
  UNTRUSTED_SENDER: {
    nb: {
      title: 'Forespørselen kom ikke fra appens vindu',
      hint: 'Appen svarer bare sitt eget vindu. Lukk andre vinduer eller innebygde sider og prøv igjen; start appen på nytt hvis det fortsetter.',
    },
    en: {
      title: "The request did not come from the app's window",
      hint: 'The app only answers its own window. Close other windows or embedded pages and try again; restart the app if it persists.',
    },
  },
  SETTINGS_CORRUPT: {
    nb: {
      title: 'Innstillingsfilen kan ikke leses',
      hint: 'Filen er skadet. Rett den, eller slett den for å starte med standardverdier.',
    },
    en: {
      title: 'The settings file cannot be read',
      hint: 'The file is damaged. Fix it, or delete it to start from defaults.',
    },
  },
  EXTERNAL_URL_NOT_ALLOWED: {
    nb: {
      title: 'Lenken kan ikke åpnes',
      hint: 'Appen åpner bare https-lenker til docs.digdir.no, docs.altinn.studio og samarbeid.digdir.no.',
    },
    en: {
      title: 'The link cannot be opened',
      hint: 'The app only opens https links to docs.digdir.no, docs.altinn.studio and samarbeid.digdir.no.',
    },
  },
  UNKNOWN_ENVIRONMENT: {
    nb: { title: 'Ukjent miljø', hint: 'Velg TT02 eller Produksjon, eller sjekk environments.json i hjemmemappen.' },
    en: {
      title: 'Unknown environment',
      hint: 'Choose TT02 or Production, or check environments.json in the home folder.',
    },
  },
  KEYCHAIN_UNAVAILABLE: {
    nb: {
      title: 'Nøkkelringen i operativsystemet svarer ikke',
      hint: 'Lås opp nøkkelringen (på Linux: GNOME Keyring eller KWallet via Secret Service) og prøv igjen, eller velg et passordhvelv i Nøkler.',
    },
    en: {
      title: 'The operating system keychain does not answer',
      hint: 'Unlock the keychain (on Linux: GNOME Keyring or KWallet through the Secret Service) and try again, or choose a passphrase vault under Keys.',
    },
  },
};

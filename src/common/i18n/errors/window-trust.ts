import type { ErrorCatalogue } from './types';

/** src/common/errors/window-trust-errors.ts: paths only from main's dialogs, changes confirmed in main. */
export const windowTrustErrors: ErrorCatalogue = {
  PATH_NOT_FROM_DIALOG: {
    nb: {
      title: 'Filen eller mappen er ikke valgt i appens eget vindu',
      hint: 'Velg filen eller mappen på nytt med knappen i appen; appen åpner da sitt eget valgvindu.',
    },
    en: {
      title: "The file or folder was not chosen in the app's own dialog",
      hint: "Choose the file or folder again with the app's button; the app then opens its own dialog.",
    },
  },
  NETWORK_PATH_REFUSED: {
    nb: {
      title: 'Nettverksstier brukes ikke',
      hint: 'Stier som \\\\server\\deling kan sende Windows-passordet ditt (NTLM) til serveren. Koble delingen til en stasjonsbokstav, eller velg en lokal mappe.',
    },
    en: {
      title: 'Network paths are not used',
      hint: 'Paths such as \\\\server\\share can send your Windows password hash (NTLM) to the server. Map the share to a drive letter, or choose a local folder.',
    },
  },
  CHANGE_NOT_CONFIRMED: {
    nb: {
      title: 'Endringen ble ikke bekreftet',
      hint: 'Du svarte nei i Maskinporten Desktops egen bekreftelse. Ingenting ble sendt.',
    },
    en: {
      title: 'The change was not confirmed',
      hint: "You answered no in Maskinporten Desktop's own confirmation. Nothing was sent.",
    },
  },
};

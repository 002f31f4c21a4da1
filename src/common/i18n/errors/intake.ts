import type { ErrorCatalogue } from './types';

/** Intake watches (`mpd sync`, the Mottak view). */
export const intakeErrors: ErrorCatalogue = {
  INTAKE_WATCH_NOT_FOUND: {
    nb: { title: 'Fant ikke mottaket', hint: 'Det kan være fjernet i et annet vindu. Oppdater listen.' },
    en: { title: 'Intake not found', hint: 'It may have been removed elsewhere. Refresh the list.' },
  },
  INTAKE_WATCH_EXISTS: {
    nb: {
      title: 'Mottaket finnes allerede',
      hint: 'Et mottak med samme profil, app, mappe og utvalg finnes fra før. Endre det i stedet for å lage et nytt.',
    },
    en: {
      title: 'The intake exists already',
      hint: 'An intake with the same profile, app, folder and selection exists. Edit it instead of making a new one.',
    },
  },
  INTAKE_PASS_BUSY: {
    nb: {
      title: 'En annen kjøring av mottaket pågår',
      hint: 'Appen eller en planlagt mpd sync kjører det samme mottaket nå. Denne kjøringen hoppes over; neste prøver igjen.',
    },
    en: {
      title: 'Another pass of this intake is running',
      hint: 'The app or a scheduled mpd sync is running the same intake now. This pass is skipped; the next one tries again.',
    },
  },
  INTAKE_STATE_CORRUPT: {
    nb: {
      title: 'Mottakets tilstandsfil kan ikke leses',
      hint: 'Flytt filen bort; neste kjøring begynner forfra og hopper over det som allerede er kontrollert i mappen.',
    },
    en: {
      title: "The intake's state file cannot be read",
      hint: 'Move the file away; the next pass starts over and skips what is already verified in the folder.',
    },
  },
};

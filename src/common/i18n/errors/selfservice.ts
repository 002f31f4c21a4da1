import type { ErrorCatalogue } from './types';

/** Digdir's self-service API (clients and their keys) and the manual path through Samarbeidsportalen. */
export const selfServiceErrors: ErrorCatalogue = {
  SELFSERVICE_UNAUTHORIZED: {
    nb: {
      title: 'Selvbetjenings-API-et godtok ikke admin-tokenet',
      hint: 'Tokenet kan være utløpt eller fra et annet miljø. Prøv igjen (et nytt token hentes), og sjekk at admin-profilen er i samme miljø som klientene.',
    },
    en: {
      title: 'The self-service API did not accept the admin token',
      hint: 'The token may have expired or be from another environment. Try again (a new token is fetched), and check that the admin profile is in the same environment as the clients.',
    },
  },
  SELFSERVICE_FORBIDDEN_SCOPE: {
    nb: {
      title: 'Admin-klienten mangler tilgang',
      hint: 'Lesing krever idporten:dcr.read, oppretting idporten:dcr.write, og endringer (også nøkler) idporten:dcr.modify eller idporten:dcr.write. Legg scopet til admin-profilen; mangler det på selve admin-klienten, be servicedesk@digdir.no om det.',
    },
    en: {
      title: 'The admin client lacks access',
      hint: 'Reading needs idporten:dcr.read, creating idporten:dcr.write, and changes (keys too) idporten:dcr.modify or idporten:dcr.write. Add the scope to the admin profile; if the admin client itself lacks it, ask servicedesk@digdir.no.',
    },
  },
  SELFSERVICE_NOT_FOUND: {
    nb: {
      title: 'Fant ikke klienten',
      hint: 'Sjekk klient-id-en (mpd clients list). Klienter i test og produksjon er forskjellige, og du ser bare klientene til din egen organisasjon.',
    },
    en: {
      title: 'Client not found',
      hint: "Check the client id (mpd clients list). Clients in test and production are different, and you only see your own organisation's clients.",
    },
  },
  SELFSERVICE_KEY_LIMIT: {
    nb: {
      title: 'Klienten har allerede 5 nøkler',
      hint: 'Digdir tillater høyst 5 nøkler per klient. Fjern en gammel nøkkel først (mpd clients keys remove); ingen nøkkel ble endret.',
    },
    en: {
      title: 'The client already has 5 keys',
      hint: 'Digdir allows at most 5 keys per client. Remove an old key first (mpd clients keys remove); no key was changed.',
    },
  },
  SELFSERVICE_KID_CONFLICT: {
    nb: {
      title: 'Kid-en er allerede i bruk på klienten',
      hint: 'En annen nøkkel har samme kid, eller den samme nøkkelen ligger der med en annen kid. Gi den lagrede nøkkelen en ny kid (før den registreres), eller bruk nøkkelen som allerede ligger der.',
    },
    en: {
      title: 'The kid is already used on the client',
      hint: 'Another key has the same kid, or the same key is there under another kid. Give the stored key a new kid (before it is registered), or use the key that is already there.',
    },
  },
  SELFSERVICE_KEY_NOT_ON_CLIENT: {
    nb: {
      title: 'Nøkkelen ligger ikke på klienten',
      hint: 'Se hvilke nøkler klienten har med mpd clients show, og bruk kid-en derfra.',
    },
    en: {
      title: 'The key is not on the client',
      hint: 'See which keys the client has with mpd clients show, and use the kid from there.',
    },
  },
  SELFSERVICE_LAST_KEY: {
    nb: {
      title: 'Dette er klientens siste nøkkel',
      hint: 'Uten nøkler kan klienten ikke hente tokens. Publiser en ny nøkkel først, eller bekreft at klienten skal stå uten nøkler (--allow-empty).',
    },
    en: {
      title: "This is the client's last key",
      hint: 'Without keys the client cannot get tokens. Publish a new key first, or confirm that the client should have no keys (--allow-empty).',
    },
  },
  SELFSERVICE_KEY_IN_USE: {
    nb: {
      title: 'En profil bruker fortsatt nøkkelen',
      hint: 'Bytt profilen til den nye nøkkelen (mpd profiles update … --key), vent til den virker (opptil 2 minutter etter publisering), og fjern så den gamle. Eller fjern likevel (--force).',
    },
    en: {
      title: 'A profile still uses the key',
      hint: 'Switch the profile to the new key (mpd profiles update … --key), wait until it works (up to 2 minutes after publishing), then remove the old one. Or remove anyway (--force).',
    },
  },
  SELFSERVICE_INVALID_REQUEST: {
    nb: {
      title: 'Selvbetjenings-API-et avviste forespørselen',
      hint: 'Les API-ets melding. Vanlige årsaker: et scope organisasjonen ikke har tilgang til, en kid som allerede er brukt av noen andre, eller en nøkkel som ikke er RSA-2048/RS256.',
    },
    en: {
      title: 'The self-service API refused the request',
      hint: "Read the API's message. Common causes: a scope your organisation has no access to, a kid someone else already uses, or a key that is not RSA-2048/RS256.",
    },
  },
  SELFSERVICE_SERVER_ERROR: {
    nb: {
      title: 'Feil hos Digdirs selvbetjenings-API',
      hint: 'Prøv igjen om litt. Ingenting ble endret på denne maskinen. Se status.digdir.no hvis feilen varer.',
    },
    en: {
      title: "Error in Digdir's self-service API",
      hint: 'Try again in a while. Nothing was changed on this machine. See status.digdir.no if it persists.',
    },
  },
  SELFSERVICE_BAD_RESPONSE: {
    nb: {
      title: 'Uventet svar fra selvbetjenings-API-et',
      hint: 'Sjekk klienten i Samarbeidsportalen (samarbeid.digdir.no) for å se hva som faktisk ble lagret.',
    },
    en: {
      title: 'Unexpected answer from the self-service API',
      hint: 'Check the client in Samarbeidsportalen (samarbeid.digdir.no) to see what was actually saved.',
    },
  },
  SELFSERVICE_UNREACHABLE: {
    nb: {
      title: 'Får ikke kontakt med selvbetjenings-API-et',
      hint: 'Sjekk nettverket og proxy. Adressen er api.test.samarbeid.digdir.no (test) eller api.samarbeid.digdir.no (produksjon); den gamle integrasjon.difi.no er lagt ned.',
    },
    en: {
      title: 'Cannot reach the self-service API',
      hint: 'Check the network and proxy. The address is api.test.samarbeid.digdir.no (test) or api.samarbeid.digdir.no (production); the old integrasjon.difi.no is retired.',
    },
  },
  SELFSERVICE_TIMEOUT: {
    nb: {
      title: 'Selvbetjenings-API-et svarte ikke i tide',
      hint: 'Prøv igjen. Gjaldt det en endring, sjekk klienten (mpd clients show) før du prøver på nytt.',
    },
    en: {
      title: 'The self-service API did not answer in time',
      hint: 'Try again. If it was a change, check the client (mpd clients show) before retrying.',
    },
  },
  SELFSERVICE_NOT_ADMIN: {
    nb: {
      title: 'Profilen er ikke en admin-profil',
      hint: 'Selvbetjening krever en admin-profil: merket som admin, med idporten:dcr.*-scopes og en nøkkel med virksomhetssertifikat. Tilgang fås fra servicedesk@digdir.no. Uten det, bruk den manuelle veien i Samarbeidsportalen.',
    },
    en: {
      title: 'The profile is not an admin profile',
      hint: 'Self-service needs an admin profile: marked admin, with idporten:dcr.* scopes and a key with an enterprise certificate. Access comes from servicedesk@digdir.no. Without it, use the manual path in Samarbeidsportalen.',
    },
  },
  SELFSERVICE_NOT_CONFIGURED: {
    nb: {
      title: 'Miljøet har ikke selvbetjenings-API',
      hint: 'Legg til selfService.clientsUrl og selfService.samarbeidsportalen for miljøet i environments.json, eller bruk TT02 eller Produksjon.',
    },
    en: {
      title: 'The environment has no self-service API',
      hint: 'Add selfService.clientsUrl and selfService.samarbeidsportalen for the environment in environments.json, or use TT02 or Production.',
    },
  },
  SELFSERVICE_PRODUCTION_CONFIRM_REQUIRED: {
    nb: {
      title: 'Endringer i produksjon må bekreftes',
      hint: 'Dette endrer ekte klienter i produksjon. Bekreft i dialogen, eller legg til --yes-production på kommandolinjen.',
    },
    en: {
      title: 'Production changes need confirmation',
      hint: 'This changes real clients in production. Confirm in the dialog, or add --yes-production on the command line.',
    },
  },
};

/** Texts of the manual path's steps (ManualGuideStepId) and of results, for the GUI and the CLI. */
export const selfServiceTexts: Record<string, { nb: string; en: string }> = {
  'guide.open-portal': {
    nb: 'Åpne Samarbeidsportalen og logg inn for organisasjonen din.',
    en: 'Open Samarbeidsportalen and log in for your organisation.',
  },
  'guide.choose-environment': {
    nb: 'Velg miljøet {portalEnvironment} (Maskinporten {portalEnvironment}).',
    en: 'Choose the {portalEnvironment} environment (Maskinporten {portalEnvironment}).',
  },
  'guide.create-client': {
    nb: 'Opprett en ny Maskinporten-klient (integrasjon) med navn og beskrivelse.',
    en: 'Create a new Maskinporten client (integration) with a name and description.',
  },
  'guide.add-scopes': {
    nb: 'Legg til scopene klienten skal bruke, for eksempel altinn:serviceowner/instances.read.',
    en: 'Add the scopes the client will use, e.g. altinn:serviceowner/instances.read.',
  },
  'guide.add-key': {
    nb: 'Legg til nøkkel: lim inn den offentlige JWK-en under. Den virker etter opptil {minutes} minutter, og utløper ett år etter at den er lagt inn.',
    en: 'Add a key: paste the public JWK below. It works after up to {minutes} minutes, and expires one year after it was added.',
  },
  'guide.paste-client-id': {
    nb: 'Kopier klient-id-en fra portalen og lim den inn i en klientprofil her.',
    en: 'Copy the client id from the portal and paste it into a client profile here.',
  },
  'guide.run-doctor': {
    nb: 'Kjør diagnosen for profilen for å bekrefte at alt virker.',
    en: "Run the profile's doctor to prove that everything works.",
  },
  'result.propagation': {
    nb: 'En ny nøkkel kan bruke opptil {minutes} minutter før Maskinporten godtar den.',
    en: 'A new key can take up to {minutes} minutes before Maskinporten accepts it.',
  },
  'result.renewed': {
    nb: 'Nøkkelen lå allerede på klienten; den ble lagt inn på nytt og varer nå ett år fra i dag.',
    en: 'The key was already on the client; it was posted again and now lasts one year from today.',
  },
  'result.rotation': {
    nb: 'De andre nøklene ({kids}) virker fortsatt. Bytt profilene til den nye nøkkelen, og fjern den gamle når den nye virker.',
    en: 'The other keys ({kids}) still work. Switch the profiles to the new key, and remove the old one once the new one works.',
  },
};

/** Fill `{name}` placeholders. */
export function fillText(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (name in values ? String(values[name]) : all));
}

import type { ErrorCatalogue } from './types';

/** Keys, vault and key-file errors (and import warnings), in both languages. */
export const keysErrors: ErrorCatalogue = {
  // ---- vault --------------------------------------------------------------------------------------------
  VAULT_CORRUPT: {
    nb: {
      title: 'En lagret nøkkel er skadet',
      hint: 'Den krypterte nøkkelfilen er endret, avkortet eller hører til en annen nøkkel. Gjenopprett nøkkelen fra sikkerhetskopi, eller slett den og lag en ny.',
    },
    en: {
      title: 'A stored key is damaged',
      hint: 'The encrypted key file was changed, truncated, or belongs to another key. Restore the key from a backup, or delete it and create a new one.',
    },
  },
  VAULT_FORMAT_UNSUPPORTED: {
    nb: { title: 'Nøkkelfilen er fra en nyere versjon', hint: 'Oppdater Maskinporten Desktop og prøv igjen.' },
    en: { title: 'The key file is from a newer version', hint: 'Update Maskinporten Desktop and try again.' },
  },
  VAULT_KIND_MISMATCH: {
    nb: {
      title: 'Nøkkelen ble låst med et annet hvelv',
      hint: 'Nøkkelen er kryptert med det andre hvelvet (nøkkelring eller passord). Bytt tilbake, eller importer nøkkelen på nytt fra sikkerhetskopi.',
    },
    en: {
      title: 'The key was sealed by another vault',
      hint: 'The key is encrypted by the other vault (keychain or passphrase). Switch back, or import the key again from a backup.',
    },
  },
  VAULT_LOCKED: {
    nb: { title: 'Hvelvet er låst', hint: 'Skriv inn passordet for hvelvet (CLI: sett MPD_VAULT_PASSPHRASE).' },
    en: { title: 'The vault is locked', hint: 'Enter the vault passphrase (CLI: set MPD_VAULT_PASSPHRASE).' },
  },
  VAULT_WRONG_PASSPHRASE: {
    nb: { title: 'Feil passord for hvelvet', hint: 'Sjekk passordet og prøv igjen. Passordet kan ikke gjenopprettes.' },
    en: { title: 'Wrong vault passphrase', hint: 'Check the passphrase and try again. It cannot be recovered.' },
  },
  VAULT_PASSPHRASE_TOO_SHORT: {
    nb: { title: 'For kort passord', hint: 'Bruk minst 8 tegn, gjerne en setning.' },
    en: { title: 'Passphrase too short', hint: 'Use at least 8 characters; a sentence works well.' },
  },
  VAULT_KEY_MISSING: {
    nb: {
      title: 'Hvelvnøkkelen mangler i nøkkelringen',
      hint: 'Lås opp nøkkelringen og sjekk at du er logget inn som samme bruker. Uten hvelvnøkkelen kan lagrede nøkler ikke åpnes; gjenopprett dem fra sikkerhetskopi.',
    },
    en: {
      title: 'The vault key is missing from the keychain',
      hint: 'Unlock the keychain and check that you are the same user. Without the vault key the stored keys cannot be opened; restore them from backups.',
    },
  },
  VAULT_NOT_EMPTY: {
    nb: {
      title: 'Hvelvet kan ikke byttes nå',
      hint: 'Ta sikkerhetskopi av nøklene, slett dem, bytt hvelv og importer sikkerhetskopiene.',
    },
    en: {
      title: 'The vault cannot be switched now',
      hint: 'Back up the keys, delete them, switch the vault, then import the backups.',
    },
  },
  VAULT_NOT_PASSPHRASE: {
    nb: { title: 'Hvelvet bruker nøkkelringen', hint: 'Det er ikke noe passord å låse opp med.' },
    en: { title: 'The vault uses the keychain', hint: 'There is no passphrase to unlock it with.' },
  },
  KEY_MATERIAL_MISSING: {
    nb: {
      title: 'Den krypterte nøkkelfilen mangler',
      hint: 'Filen i keys-mappen er slettet eller flyttet. Gjenopprett den, eller slett nøkkelen og importer sikkerhetskopien.',
    },
    en: {
      title: 'The encrypted key file is missing',
      hint: 'The file in the keys folder was deleted or moved. Restore it, or delete the key and import its backup.',
    },
  },
  INVALID_KEY_ID: {
    nb: { title: 'Ugyldig nøkkel-id', hint: 'Velg nøkkelen fra listen (mpd keys list).' },
    en: { title: 'Invalid key id', hint: 'Pick the key from the list (mpd keys list).' },
  },

  // ---- key files ----------------------------------------------------------------------------------------
  KEY_FILE_NOT_FOUND: {
    nb: { title: 'Filen finnes ikke', hint: 'Sjekk stien og prøv igjen.' },
    en: { title: 'The file does not exist', hint: 'Check the path and try again.' },
  },
  KEY_FILE_UNREADABLE: {
    nb: { title: 'Filen kan ikke leses', hint: 'Sjekk at det er en fil og at du har lesetilgang.' },
    en: { title: 'The file cannot be read', hint: 'Check that it is a file and that you may read it.' },
  },
  KEY_FILE_TOO_LARGE: {
    nb: {
      title: 'Filen er for stor',
      hint: 'En nøkkelfil er på noen få kB (grensen er 1 MiB). Velg selve nøkkelfilen.',
    },
    en: {
      title: 'The file is too large',
      hint: 'A key file is a few KB (the limit is 1 MiB). Choose the key file itself.',
    },
  },
  KEY_EMPTY_FILE: {
    nb: { title: 'Filen er tom', hint: 'Velg filen som inneholder nøkkelen.' },
    en: { title: 'The file is empty', hint: 'Choose the file that holds the key.' },
  },
  KEY_UNRECOGNIZED: {
    nb: {
      title: 'Ukjent filformat',
      hint: 'Appen leser PEM (PKCS#8, PKCS#1, kryptert), DER, privat JWK (også base64) og PKCS#12 (.p12/.pfx).',
    },
    en: {
      title: 'Unknown file format',
      hint: 'The app reads PEM (PKCS#8, PKCS#1, encrypted), DER, private JWK (also base64) and PKCS#12 (.p12/.pfx).',
    },
  },
  KEY_UNSUPPORTED_FORMAT: {
    nb: {
      title: 'Nøkkelformatet støttes ikke',
      hint: 'Konverter nøkkelen til PKCS#8 PEM, for eksempel med openssl eller ssh-keygen.',
    },
    en: {
      title: 'The key format is not supported',
      hint: 'Convert the key to PKCS#8 PEM, for example with openssl or ssh-keygen.',
    },
  },
  KEY_PEM_CORRUPT: {
    nb: { title: 'PEM-filen er skadet', hint: 'Filen er avkortet eller endret. Hent en ny kopi av nøkkelen.' },
    en: { title: 'The PEM file is damaged', hint: 'The file is truncated or edited. Get a fresh copy of the key.' },
  },
  KEY_PUBLIC_ONLY: {
    nb: {
      title: 'Filen har bare den offentlige nøkkelen',
      hint: 'For å signere trengs den private nøkkelen. Importer filen med privat nøkkel (eller .p12-filen for et virksomhetssertifikat).',
    },
    en: {
      title: 'The file holds only the public key',
      hint: 'Signing needs the private key. Import the file with the private key (or the .p12 file of an enterprise certificate).',
    },
  },
  KEY_NOT_RSA: {
    nb: {
      title: 'Ikke en RSA-nøkkel',
      hint: 'Maskinporten godtar bare RSA-nøkler (RS256). Lag en RSA-2048-nøkkel her i appen.',
    },
    en: {
      title: 'Not an RSA key',
      hint: 'Maskinporten accepts RSA keys only (RS256). Generate an RSA-2048 key in this app.',
    },
  },
  KEY_TOO_SMALL: {
    nb: { title: 'Nøkkelen er for kort', hint: 'Maskinporten krever minst 2048 bit. Lag en ny RSA-2048-nøkkel.' },
    en: { title: 'The key is too short', hint: 'Maskinporten needs at least 2048 bits. Generate a new RSA-2048 key.' },
  },
  KEY_WRONG_PASSWORD: {
    nb: { title: 'Feil passord for filen', hint: 'Sjekk passordet til nøkkelfilen eller .p12-filen og prøv igjen.' },
    en: { title: 'Wrong password for the file', hint: 'Check the password of the key or .p12 file and try again.' },
  },
  KEY_PASSWORD_REQUIRED: {
    nb: { title: 'Filen er passordbeskyttet', hint: 'Oppgi passordet (CLI: --password-env VARIABEL).' },
    en: { title: 'The file is password protected', hint: 'Give its password (CLI: --password-env VARIABLE).' },
  },
  KEY_MULTIPLE_KEYS: {
    nb: { title: 'Filen har flere private nøkler', hint: 'Del filen opp og importer én nøkkel om gangen.' },
    en: { title: 'The file holds several private keys', hint: 'Split the file and import one key at a time.' },
  },
  KEY_JWK_INVALID: {
    nb: { title: 'JWK-en er ugyldig', hint: 'Verdiene må være base64url og høre til samme RSA-nøkkel.' },
    en: { title: 'The JWK is invalid', hint: 'The values must be base64url and belong to one RSA key.' },
  },
  KEY_JWK_INCOMPLETE: {
    nb: {
      title: 'JWK-en mangler CRT-verdier',
      hint: 'Appen trenger p, q, dp, dq og qi. Eksporter nøkkelen på nytt med alle verdiene, eller som PKCS#8 PEM.',
    },
    en: {
      title: 'The JWK lacks CRT values',
      hint: 'The app needs p, q, dp, dq and qi. Export the key again with all values, or as PKCS#8 PEM.',
    },
  },
  KEY_INCONSISTENT: {
    nb: {
      title: 'Nøkkelen henger ikke sammen',
      hint: 'Delene av nøkkelen passer ikke sammen (redigert eller skadet). Hent en ny kopi.',
    },
    en: {
      title: 'The key does not add up',
      hint: 'The parts of the key do not belong together (edited or damaged). Get a fresh copy.',
    },
  },
  KEY_P12_NO_KEY: {
    nb: {
      title: '.p12-filen har ingen privat nøkkel',
      hint: 'Filen har bare sertifikater. Eksporter sertifikatet med privat nøkkel (for eksempel fra Buypass eller Commfides).',
    },
    en: {
      title: 'The .p12 file has no private key',
      hint: 'The file holds only certificates. Export the certificate with its private key (for example from Buypass or Commfides).',
    },
  },
  KEY_P12_UNSUPPORTED: {
    nb: {
      title: '.p12-filen bruker en ukjent algoritme',
      hint: 'Eksporter på nytt med openssl pkcs12 -export (standardvalg), eller eksporter nøkkelen som PEM.',
    },
    en: {
      title: 'The .p12 file uses an unknown algorithm',
      hint: 'Export it again with openssl pkcs12 -export (default settings), or export the key as PEM.',
    },
  },
  KEY_CERT_MISMATCH: {
    nb: {
      title: 'Sertifikatet hører ikke til nøkkelen',
      hint: 'Bruk filen der sertifikat og privat nøkkel hører sammen.',
    },
    en: {
      title: 'The certificate does not belong to the key',
      hint: 'Use the file in which the certificate and private key belong together.',
    },
  },
  KEY_CERT_INVALID: {
    nb: { title: 'Et sertifikat i filen kan ikke leses', hint: 'Filen er skadet. Hent en ny kopi.' },
    en: { title: 'A certificate in the file cannot be read', hint: 'The file is damaged. Get a fresh copy.' },
  },

  // ---- import warnings ----------------------------------------------------------------------------------
  CERT_EXPIRED: {
    nb: {
      title: 'Sertifikatet er utløpt',
      hint: 'Nøkkelen er importert, men Maskinporten avviser utløpte sertifikater (MP-124). Bestill et nytt.',
    },
    en: {
      title: 'The certificate has expired',
      hint: 'The key was imported, but Maskinporten rejects expired certificates (MP-124). Order a new one.',
    },
  },
  CERT_NOT_YET_VALID: {
    nb: {
      title: 'Sertifikatet er ikke gyldig ennå',
      hint: 'Nøkkelen er importert; sertifikatet kan brukes fra gyldighetsdatoen.',
    },
    en: {
      title: 'The certificate is not valid yet',
      hint: 'The key was imported; the certificate works from its start date.',
    },
  },
  KEY_LARGER_THAN_2048: {
    nb: {
      title: 'Nøkkelen er større enn 2048 bit',
      hint: 'Digdirs selvbetjenings-API dokumenterer bare RSA-2048. Bruk en 2048-bit nøkkel hvis registreringen feiler.',
    },
    en: {
      title: 'The key is larger than 2048 bits',
      hint: "Digdir's self-service API documents RSA-2048 only. Use a 2048-bit key if registration fails.",
    },
  },

  // ---- key store ----------------------------------------------------------------------------------------
  KEY_NOT_FOUND: {
    nb: { title: 'Fant ikke nøkkelen', hint: 'Nøkkelen er slettet, eller id-en er feil (se mpd keys list).' },
    en: { title: 'Key not found', hint: 'The key was deleted, or the id is wrong (see mpd keys list).' },
  },
  KEY_DUPLICATE: {
    nb: { title: 'Nøkkelen er allerede lagret', hint: 'Den samme nøkkelen finnes i listen (samme JWK-tommelavtrykk).' },
    en: { title: 'The key is already stored', hint: 'The same key is in the list already (same JWK thumbprint).' },
  },
  KEY_INVALID_KID: {
    nb: { title: 'Ugyldig kid', hint: 'Bruk 1–100 tegn: A–Z, a–z, 0–9, punktum, understrek og bindestrek.' },
    en: { title: 'Invalid kid', hint: 'Use 1–100 characters: A–Z, a–z, 0–9, dot, underscore and dash.' },
  },
  KEY_KID_IN_USE: {
    nb: { title: 'kid-en er i bruk', hint: 'En annen lagret nøkkel har samme kid. Velg en annen.' },
    en: { title: 'The kid is in use', hint: 'Another stored key has this kid. Choose another.' },
  },
  KEY_KID_LOCKED: {
    nb: {
      title: 'kid-en kan ikke endres',
      hint: 'Nøkkelen er registrert i Maskinporten med denne kid-en. Fjern registreringsdatoen først hvis registreringen er fjernet.',
    },
    en: {
      title: 'The kid cannot change',
      hint: 'The key is registered in Maskinporten with this kid. Clear the registration date first if the registration was removed.',
    },
  },
  KEY_INVALID_BITS: {
    nb: { title: 'Ugyldig nøkkellengde', hint: 'Velg 2048 (anbefalt), 3072 eller 4096 bit.' },
    en: { title: 'Invalid key size', hint: 'Choose 2048 (recommended), 3072 or 4096 bits.' },
  },
  KEY_REGISTERED_DATE_INVALID: {
    nb: { title: 'Ugyldig registreringsdato', hint: 'Skriv datoen som ÅÅÅÅ-MM-DD; den kan ikke være fram i tid.' },
    en: { title: 'Invalid registration date', hint: 'Write the date as YYYY-MM-DD; it cannot be in the future.' },
  },
  KEY_EXPORT_NOT_CONFIRMED: {
    nb: {
      title: 'Eksport uten kryptering må bekreftes',
      hint: 'Filen er selve nøkkelen: den som har den, kan opptre som klienten din. Bekreft (CLI: --unencrypted), eller velg kryptert sikkerhetskopi.',
    },
    en: {
      title: 'An unencrypted export must be confirmed',
      hint: 'The file is the key itself: whoever has it can act as your client. Confirm (CLI: --unencrypted), or choose an encrypted backup.',
    },
  },
  KEY_EXPORT_ONE_KEY: {
    nb: { title: 'Velg én nøkkel', hint: 'Dette formatet har plass til én nøkkel. Velg JWKS for flere.' },
    en: { title: 'Choose one key', hint: 'This format holds one key. Choose JWKS for several.' },
  },
  KEY_BACKUP_PASSPHRASE_REQUIRED: {
    nb: { title: 'Sikkerhetskopien trenger et passord', hint: 'Oppgi et passord (CLI: --passphrase-env VARIABEL).' },
    en: { title: 'The backup needs a passphrase', hint: 'Give a passphrase (CLI: --passphrase-env VARIABLE).' },
  },
  KEY_BACKUP_PASSPHRASE_TOO_SHORT: {
    nb: { title: 'For kort passord for sikkerhetskopien', hint: 'Bruk minst 15 tegn, gjerne en setning.' },
    en: { title: 'Backup passphrase too short', hint: 'Use at least 15 characters; a sentence works well.' },
  },
};

/** The environment switcher and the markers that say which environment the window talks to. */
const nb = {
  switcherLabel: 'Miljø',
  tt02: 'TT02 (test)',
  production: 'Produksjon',
  testMarker: 'TT02 – testmiljø',
  testMarkerDetail: 'Testdata. Ingenting her påvirker ekte virksomheter.',
  productionBand: 'PRODUKSJON',
  productionBandDetail: 'Produksjon – ekte data og ekte virksomheter. Kontroller alt før du lagrer eller laster ned.',
  customMarker: 'Eget miljø: {name}',
  switchFailed: 'Kunne ikke bytte miljø',
  warnPresetIssuer:
    'Bruker samme Maskinporten som {preset}: det appen signerer for dette miljøet, godtas også av {preset}.',
  warnPresetIssuerOtherHost:
    'Bruker utstederen til {preset}, men sender signerte forespørsler til {host}. Den kan hente token hos {preset} med dem. Sjekk environments.json.',
  warnProductionHost:
    'Er ikke merket som produksjon, men bruker {host}, som er en adresse i produksjon: ingen rød markering og ingen ekstra bekreftelser. Sjekk environments.json.',
};

const en: typeof nb = {
  switcherLabel: 'Environment',
  tt02: 'TT02 (test)',
  production: 'Production',
  testMarker: 'TT02 – test environment',
  testMarkerDetail: 'Test data. Nothing here affects real organisations.',
  // The band keeps the Norwegian word in both languages: it is the one word every user learns to see.
  productionBand: 'PRODUKSJON',
  productionBandDetail: 'Production – real data and real organisations. Check everything before you save or download.',
  customMarker: 'Custom environment: {name}',
  switchFailed: 'Could not switch environment',
  warnPresetIssuer:
    'Uses the same Maskinporten as {preset}: what the app signs for this environment is accepted by {preset} too.',
  warnPresetIssuerOtherHost:
    'Uses the issuer of {preset} but sends signed requests to {host}, which can get tokens from {preset} with them. Check environments.json.',
  warnProductionHost:
    'Is not marked as production but uses {host}, a production address: no red marker and no extra confirmations. Check environments.json.',
};

export const environmentMessages = { nb, en };

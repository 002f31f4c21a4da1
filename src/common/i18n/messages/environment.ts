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
};

export const environmentMessages = { nb, en };

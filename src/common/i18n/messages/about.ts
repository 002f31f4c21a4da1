/** The About panel (app:info). */
const nb = {
  title: 'Om Maskinporten Desktop',
  version: 'Versjon',
  platform: 'Plattform',
  home: 'Hjemmemappe',
  homeHelp: 'Innstillinger, nøkkelfiler og logger ligger her.',
  keychain: 'Nøkkelring i operativsystemet',
  keychainYes: 'Svarer',
  keychainNo: 'Svarer ikke',
  electron: 'Electron',
  node: 'Node.js',
};

const en: typeof nb = {
  title: 'About Maskinporten Desktop',
  version: 'Version',
  platform: 'Platform',
  home: 'Home folder',
  homeHelp: 'Settings, key files and logs live here.',
  keychain: 'Operating system keychain',
  keychainYes: 'Answers',
  keychainNo: 'Does not answer',
  electron: 'Electron',
  node: 'Node.js',
};

export const aboutMessages = { nb, en };
